// Golden argument lists: each helm option as helm 3 and helm 4 spell it.
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../../src/errors.js";
import { checkHelmSupport, dryRunArgs, lintArgs, templateArgs, upgradeArgs } from "../../../src/helm/args.js";
import type { HelmOptions, HelmSettings } from "../../../src/model/project.js";
import { BUILT_IN_SETTINGS } from "../config/memory-files.js";

const target = { name: "web", namespace: "apps" };
const local = { chart: { kind: "local" as const, path: "/p/charts/web", display: "./charts/web" } };
const base: HelmSettings = BUILT_IN_SETTINGS;
const upgrade = (major: 3 | 4, helm?: HelmOptions) =>
  upgradeArgs({ major, target, source: local, settings: { ...base, helm } });

const CORE_3 = [
  "upgrade",
  "--install",
  "web",
  "/p/charts/web",
  "--namespace",
  "apps",
  "--values",
  "-",
  "--reset-values",
  "--create-namespace",
  "--atomic",
  "--wait",
  "--timeout",
  "300s",
  "--history-max",
  "10",
];
const CORE_4 = CORE_3.map((a) =>
  a === "--atomic" ? "--rollback-on-failure" : a === "--wait" ? "--wait=watcher" : a,
);

describe("upgrade --install with helm options", () => {
  it("passes nothing extra when no option is set", () => {
    expect(upgrade(3)).toEqual(CORE_3);
    expect(upgrade(4)).toEqual(CORE_4);
  });

  const all: HelmOptions = {
    waitForJobs: true,
    skipCRDs: true,
    force: true,
    cleanupOnFail: true,
    disableOpenAPIValidation: true,
    skipSchemaValidation: true,
    takeOwnership: true,
    description: "deployed by CI",
    devel: true,
    verify: true,
    args: { sync: ["--dependency-update"] },
  };
  const rendering = [
    "--skip-crds",
    "--disable-openapi-validation",
    "--skip-schema-validation",
    "--devel",
    "--verify",
  ];

  it("helm 3", () => {
    expect(upgrade(3, all)).toEqual([
      ...CORE_3,
      ...rendering,
      "--wait-for-jobs",
      "--force",
      "--cleanup-on-fail",
      "--take-ownership",
      "--description",
      "deployed by CI",
      "--dependency-update",
    ]);
  });

  it("helm 4: --force-replace, and --server-side", () => {
    expect(upgrade(4, { ...all, serverSide: "auto" })).toEqual([
      ...CORE_4,
      ...rendering,
      "--wait-for-jobs",
      "--force-replace",
      "--cleanup-on-fail",
      "--take-ownership",
      "--server-side=auto",
      "--description",
      "deployed by CI",
      "--dependency-update",
    ]);
    expect(upgrade(4, { serverSide: false })).toEqual([...CORE_4, "--server-side=false"]);
  });

  it("reuseValues replaces --reset-values; resetValues: false passes neither", () => {
    expect(upgrade(3, { reuseValues: true })).toEqual(
      CORE_3.map((a) => (a === "--reset-values" ? "--reuse-values" : a)),
    );
    expect(upgrade(4, { resetValues: false })).toEqual(CORE_4.filter((a) => a !== "--reset-values"));
  });

  it("refuses serverSide: true with helm 3 instead of dropping it; false and auto need no flag", () => {
    expect(() => upgrade(3, { serverSide: true })).toThrow(ConfigError);
    expect(() => upgrade(3, { serverSide: true })).toThrow("apps/web: serverSide: true needs helm 4");
    expect(upgrade(3, { serverSide: false })).toEqual(CORE_3);
  });
});

describe("rendering commands with helm options", () => {
  const options: HelmOptions = {
    skipCRDs: true,
    skipSchemaValidation: true,
    kubeVersion: "1.31.0",
    apiVersions: ["monitoring.coreos.com/v1", "policy/v1"],
    force: true,
    args: { template: ["--include-crds"], lint: ["--quiet"], diff: ["--enable-dns"] },
  };

  it("template: --kube-version, --api-versions per entry, its own args", () => {
    expect(templateArgs(target, local, options)).toEqual([
      "template",
      "web",
      "/p/charts/web",
      "--namespace",
      "apps",
      "--values",
      "-",
      "--skip-crds",
      "--skip-schema-validation",
      "--kube-version",
      "1.31.0",
      "--api-versions",
      "monitoring.coreos.com/v1",
      "--api-versions",
      "policy/v1",
      "--include-crds",
    ]);
  });

  it("lint: --skip-schema-validation, --kube-version, its own args", () => {
    expect(lintArgs(target, local, options)).toEqual([
      "lint",
      "/p/charts/web",
      "--namespace",
      "apps",
      "--values",
      "-",
      "--strict",
      "--skip-schema-validation",
      "--kube-version",
      "1.31.0",
      "--quiet",
    ]);
  });

  it("the dry-run diff renders with the rendering options and its own args, never deploy-only ones", () => {
    expect(dryRunArgs(target, local, options)).toEqual([
      "upgrade",
      "--install",
      "web",
      "/p/charts/web",
      "--namespace",
      "apps",
      "--values",
      "-",
      "--reset-values",
      "--dry-run=client",
      "--output",
      "json",
      "--skip-crds",
      "--skip-schema-validation",
      "--enable-dns",
    ]);
  });
});

describe("options the detected helm cannot honour", () => {
  const releases = [
    { id: "apps/a", installed: true, helm: { serverSide: "auto" as const } },
    {
      id: "apps/b",
      installed: true,
      helm: { serverSide: true },
      location: { file: "/p/releases.yaml", line: 9 },
    },
  ];

  it("refuses serverSide: true with helm 3 before any helm call, naming the release", () => {
    expect(() => checkHelmSupport(3, releases)).toThrow("apps/b: serverSide: true needs helm 4");
    expect(() => checkHelmSupport(4, releases)).not.toThrow();
    expect(() => checkHelmSupport(3, [{ ...releases[1]!, installed: false }])).not.toThrow();
  });
});
