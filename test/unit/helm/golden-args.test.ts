// Golden argument lists: the exact helm command line each builder produces,
// under helm 3 and helm 4. Every expected array is written out by hand (from
// the helm 3.21 / 4.2 flag sets, ../shared/reference A1), never computed, so a
// change to a flag shows up here as a one-line diff.
import { describe, expect, it } from "vitest";
import {
  type ChartSource,
  dryRunArgs,
  getManifestArgs,
  historyArgs,
  lintArgs,
  rollbackArgs,
  type Target,
  templateArgs,
  testArgs,
  uninstallArgs,
  upgradeArgs,
} from "../../../src/helm/args.js";
import type { HelmSettings } from "../../../src/model/project.js";

const target: Target = { name: "web", namespace: "apps" };
const inContext: Target = { name: "web", namespace: "apps", kubeContext: "kind-dev" };

const local: ChartSource = { chart: { kind: "local", path: "/stack/charts/web", display: "./charts/web" } };
const localWithVersion: ChartSource = { ...local, version: "9.9.9" };
const fromRepo: ChartSource = {
  chart: { kind: "repo", repository: "bitnami", name: "nginx", display: "bitnami/nginx" },
  version: "15.3.1",
};
const repoLatest: ChartSource = {
  chart: { kind: "repo", repository: "bitnami", name: "nginx", display: "bitnami/nginx" },
};
const fromOci: ChartSource = {
  chart: { kind: "oci", url: "oci://ghcr.io/acme/charts/web", display: "oci://ghcr.io/acme/charts/web" },
  version: "1.2.3",
};

const settings = (overrides: Partial<HelmSettings> = {}): HelmSettings => ({
  createNamespace: false,
  atomic: false,
  wait: false,
  timeout: 300,
  tests: false,
  historyMax: 10,
  ...overrides,
});

describe("upgrade --install", () => {
  const head = ["upgrade", "--install", "web", "/stack/charts/web", "--namespace", "apps"];
  const values = ["--values", "-", "--reset-values"];
  const tail = ["--timeout", "300s", "--history-max", "10"];

  // Every combination of the three switches that change flags, under both majors.
  it.each([
    { major: 3, createNamespace: false, atomic: false, wait: false, flags: [] },
    { major: 3, createNamespace: false, atomic: false, wait: true, flags: ["--wait"] },
    { major: 3, createNamespace: false, atomic: true, wait: false, flags: ["--atomic", "--wait"] },
    { major: 3, createNamespace: false, atomic: true, wait: true, flags: ["--atomic", "--wait"] },
    { major: 3, createNamespace: true, atomic: false, wait: false, flags: ["--create-namespace"] },
    { major: 3, createNamespace: true, atomic: false, wait: true, flags: ["--create-namespace", "--wait"] },
    {
      major: 3,
      createNamespace: true,
      atomic: true,
      wait: false,
      flags: ["--create-namespace", "--atomic", "--wait"],
    },
    {
      major: 3,
      createNamespace: true,
      atomic: true,
      wait: true,
      flags: ["--create-namespace", "--atomic", "--wait"],
    },
    { major: 4, createNamespace: false, atomic: false, wait: false, flags: [] },
    { major: 4, createNamespace: false, atomic: false, wait: true, flags: ["--wait=watcher"] },
    {
      major: 4,
      createNamespace: false,
      atomic: true,
      wait: false,
      flags: ["--rollback-on-failure", "--wait=watcher"],
    },
    {
      major: 4,
      createNamespace: false,
      atomic: true,
      wait: true,
      flags: ["--rollback-on-failure", "--wait=watcher"],
    },
    { major: 4, createNamespace: true, atomic: false, wait: false, flags: ["--create-namespace"] },
    {
      major: 4,
      createNamespace: true,
      atomic: false,
      wait: true,
      flags: ["--create-namespace", "--wait=watcher"],
    },
    {
      major: 4,
      createNamespace: true,
      atomic: true,
      wait: false,
      flags: ["--create-namespace", "--rollback-on-failure", "--wait=watcher"],
    },
    {
      major: 4,
      createNamespace: true,
      atomic: true,
      wait: true,
      flags: ["--create-namespace", "--rollback-on-failure", "--wait=watcher"],
    },
  ] as const)("helm $major, createNamespace=$createNamespace atomic=$atomic wait=$wait", (row) => {
    const { major, flags, ...switches } = row;
    expect(upgradeArgs({ major, target, source: local, settings: settings(switches) })).toEqual([
      ...head,
      ...values,
      ...flags,
      ...tail,
    ]);
  });

  it.each([3, 4] as const)("helm %i: everything at once (context, repo chart, version, labels)", (major) => {
    const args = upgradeArgs({
      major,
      target: inContext,
      source: fromRepo,
      settings: settings({ createNamespace: true, atomic: true, wait: true, timeout: 90, historyMax: 3 }),
      labels: { "releases.dev/fingerprint": "abc123", "releases.dev/secrets": "def456" },
    });
    expect(args).toEqual(
      major === 3
        ? [
            "upgrade",
            "--install",
            "web",
            "bitnami/nginx",
            "--version",
            "15.3.1",
            "--namespace",
            "apps",
            "--kube-context",
            "kind-dev",
            "--values",
            "-",
            "--reset-values",
            "--create-namespace",
            "--atomic",
            "--wait",
            "--timeout",
            "90s",
            "--history-max",
            "3",
            "--labels",
            "releases.dev/fingerprint=abc123,releases.dev/secrets=def456",
          ]
        : [
            "upgrade",
            "--install",
            "web",
            "bitnami/nginx",
            "--version",
            "15.3.1",
            "--namespace",
            "apps",
            "--kube-context",
            "kind-dev",
            "--values",
            "-",
            "--reset-values",
            "--create-namespace",
            "--rollback-on-failure",
            "--wait=watcher",
            "--timeout",
            "90s",
            "--history-max",
            "3",
            "--labels",
            "releases.dev/fingerprint=abc123,releases.dev/secrets=def456",
          ],
    );
  });

  it.each([
    { what: "a local chart ignores a version", source: localWithVersion, chart: ["/stack/charts/web"] },
    { what: "a repository chart without a version", source: repoLatest, chart: ["bitnami/nginx"] },
    {
      what: "an OCI chart with its version",
      source: fromOci,
      chart: ["oci://ghcr.io/acme/charts/web", "--version", "1.2.3"],
    },
  ])("$what", ({ source, chart }) => {
    for (const major of [3, 4] as const) {
      expect(upgradeArgs({ major, target, source, settings: settings() })).toEqual([
        "upgrade",
        "--install",
        "web",
        ...chart,
        "--namespace",
        "apps",
        "--values",
        "-",
        "--reset-values",
        "--timeout",
        "300s",
        "--history-max",
        "10",
      ]);
    }
  });

  it("an empty label map adds no --labels flag", () => {
    expect(upgradeArgs({ major: 4, target, source: local, settings: settings(), labels: {} })).toEqual([
      ...head,
      ...values,
      ...tail,
    ]);
  });
});

describe("test", () => {
  it("runs the release's tests with its timeout (same under both majors)", () => {
    expect(testArgs(target, 120)).toEqual(["test", "web", "--namespace", "apps", "--timeout", "120s"]);
    expect(testArgs(inContext, 5)).toEqual([
      "test",
      "web",
      "--namespace",
      "apps",
      "--kube-context",
      "kind-dev",
      "--timeout",
      "5s",
    ]);
  });
});

describe("a release in another cluster", () => {
  const elsewhere: Target = {
    name: "web",
    namespace: "apps",
    kubeContext: "apps-prod",
    kubeconfig: "/stack/clusters/apps.kubeconfig",
  };

  it.each([3, 4] as const)("helm %i is pointed at its kubeconfig and context on every command", (major) => {
    const cluster = ["--kube-context", "apps-prod", "--kubeconfig", "/stack/clusters/apps.kubeconfig"];
    expect(testArgs(elsewhere, 5)).toEqual([
      "test",
      "web",
      "--namespace",
      "apps",
      ...cluster,
      "--timeout",
      "5s",
    ]);
    expect(historyArgs(elsewhere)).toEqual([
      "history",
      "web",
      "--namespace",
      "apps",
      ...cluster,
      "--output",
      "json",
    ]);
    expect(uninstallArgs(major, elsewhere, 60).slice(0, 8)).toEqual([
      "uninstall",
      "web",
      "--namespace",
      "apps",
      ...cluster,
    ]);
    expect(
      upgradeArgs({ major, target: elsewhere, source: local, settings: settings() }).slice(0, 10),
    ).toEqual(["upgrade", "--install", "web", "/stack/charts/web", "--namespace", "apps", ...cluster]);
  });
});

describe("rollback", () => {
  it.each([
    { major: 3, wait: "--wait" },
    { major: 4, wait: "--wait=watcher" },
  ] as const)("helm $major waits, times out and cleans up on failure", ({ major, wait }) => {
    expect(rollbackArgs(major, target, 4, 60)).toEqual([
      "rollback",
      "web",
      "4",
      "--namespace",
      "apps",
      wait,
      "--timeout",
      "60s",
      "--cleanup-on-fail",
    ]);
    expect(rollbackArgs(major, inContext, 1, 300)).toEqual([
      "rollback",
      "web",
      "1",
      "--namespace",
      "apps",
      "--kube-context",
      "kind-dev",
      wait,
      "--timeout",
      "300s",
      "--cleanup-on-fail",
    ]);
  });
});

describe("rollback with the release's settings (undo)", () => {
  it.each([
    { major: 3, wait: "--wait", force: "--force" },
    { major: 4, wait: "--wait=watcher", force: "--force-replace" },
  ] as const)(
    "helm $major: history-max, wait-for-jobs and force in its spelling",
    ({ major, wait, force }) => {
      expect(
        rollbackArgs(major, inContext, 2, 90, true, { historyMax: 5, waitForJobs: true, force: true }),
      ).toEqual([
        "rollback",
        "web",
        "2",
        "--namespace",
        "apps",
        "--kube-context",
        "kind-dev",
        wait,
        "--timeout",
        "90s",
        "--cleanup-on-fail",
        "--history-max",
        "5",
        "--wait-for-jobs",
        force,
      ]);
    },
  );

  it.each([3, 4] as const)("helm %i: no wait means no --wait-for-jobs either", (major) => {
    expect(rollbackArgs(major, target, 3, 30, false, { historyMax: 10, waitForJobs: true })).toEqual([
      "rollback",
      "web",
      "3",
      "--namespace",
      "apps",
      "--timeout",
      "30s",
      "--cleanup-on-fail",
      "--history-max",
      "10",
    ]);
  });
});

describe("uninstall", () => {
  it.each([
    { major: 3, wait: "--wait" },
    { major: 4, wait: "--wait=watcher" },
  ] as const)("helm $major waits by default and not when told", ({ major, wait }) => {
    expect(uninstallArgs(major, target, 30)).toEqual([
      "uninstall",
      "web",
      "--namespace",
      "apps",
      wait,
      "--timeout",
      "30s",
    ]);
    expect(uninstallArgs(major, inContext, 30, false)).toEqual([
      "uninstall",
      "web",
      "--namespace",
      "apps",
      "--kube-context",
      "kind-dev",
      "--timeout",
      "30s",
    ]);
  });
});

describe("dry-run (what diff compares with)", () => {
  it("renders client-side with values on stdin and prints the release as JSON", () => {
    expect(dryRunArgs(target, local)).toEqual([
      "upgrade",
      "--install",
      "web",
      "/stack/charts/web",
      "--namespace",
      "apps",
      "--values",
      "-",
      "--reset-values",
      "--dry-run=client",
      "--output",
      "json",
    ]);
    expect(dryRunArgs(inContext, fromOci)).toEqual([
      "upgrade",
      "--install",
      "web",
      "oci://ghcr.io/acme/charts/web",
      "--version",
      "1.2.3",
      "--namespace",
      "apps",
      "--kube-context",
      "kind-dev",
      "--values",
      "-",
      "--reset-values",
      "--dry-run=client",
      "--output",
      "json",
    ]);
  });
});

describe("template", () => {
  it("needs no cluster: no --kube-context even when the environment names one", () => {
    expect(templateArgs(inContext, fromRepo)).toEqual([
      "template",
      "web",
      "bitnami/nginx",
      "--version",
      "15.3.1",
      "--namespace",
      "apps",
      "--values",
      "-",
    ]);
  });

  it("passes a Kubernetes version for Capabilities when given", () => {
    expect(templateArgs(target, local, { kubeVersion: "1.34.0" })).toEqual([
      "template",
      "web",
      "/stack/charts/web",
      "--namespace",
      "apps",
      "--values",
      "-",
      "--kube-version",
      "1.34.0",
    ]);
  });
});

describe("lint", () => {
  it("lints the local chart directory strictly with the values on stdin", () => {
    expect(lintArgs(inContext, local)).toEqual([
      "lint",
      "/stack/charts/web",
      "--namespace",
      "apps",
      "--values",
      "-",
      "--strict",
    ]);
  });

  it.each([fromRepo, fromOci])("refuses a chart that is not a local directory ($chart.kind)", (source) => {
    expect(() => lintArgs(target, source)).toThrow(/local chart/);
  });
});

describe("release reads", () => {
  it("history as JSON", () => {
    expect(historyArgs(target)).toEqual(["history", "web", "--namespace", "apps", "--output", "json"]);
    expect(historyArgs(inContext)).toEqual([
      "history",
      "web",
      "--namespace",
      "apps",
      "--kube-context",
      "kind-dev",
      "--output",
      "json",
    ]);
  });

  it("the deployed manifest", () => {
    expect(getManifestArgs(inContext)).toEqual([
      "get",
      "manifest",
      "web",
      "--namespace",
      "apps",
      "--kube-context",
      "kind-dev",
    ]);
  });
});
