// `releases template` with the batch renderer (releases-render, helm v3's library
// in one process) prints byte for byte what it prints with a `helm template` per
// release (RELEASES_RENDER=off), over a corpus: CRDs, hooks, helm tests,
// subcharts, a library chart, Capabilities, the bench chart, the example stack's
// charts, and releases that must stay on helm (manifests, patches) in between.
// Runs the built CLI (npm run build) with the pinned helm 3 and releases-render.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { releasesCli } from "../../e2e/deploy/support.js";
import { fixtureCharts, repoRoot, tool } from "../../toolchain/tools.js";

let dir: string;

const corpus = (name: string) => path.join(fixtureCharts, name);
const example = (name: string) => path.join(repoRoot, "charts", name);

beforeAll(() => {
  if (!existsSync(path.join(repoRoot, "dist", "cli", "main.js"))) {
    throw new Error("dist/cli/main.js is missing: run npm run build first");
  }
  tool("releases-render");
  dir = mkdtempSync(path.join(tmpdir(), "releases-template-batch-"));
  const project = {
    environments: { bench: {} },
    releases: [
      { name: "crds", namespace: "crd", chart: corpus("corpus-crds") },
      {
        name: "crds-included",
        namespace: "crd",
        chart: corpus("corpus-crds"),
        kubeVersion: "1.31.2",
        apiVersions: ["example.com/v1"],
        args: { template: ["--include-crds"] },
        values: [{ size: 7 }],
      },
      { name: "crds-skipped", namespace: "crd", chart: corpus("corpus-crds"), skipCRDs: true },
      { name: "hooks", namespace: "hooks", chart: corpus("corpus-hooks") },
      {
        name: "hooks-no-tests",
        namespace: "hooks",
        chart: corpus("corpus-hooks"),
        args: { template: ["--skip-tests"] },
      },
      {
        name: "hooks-upgrade",
        namespace: "hooks",
        chart: corpus("corpus-hooks"),
        args: { template: ["--is-upgrade"] },
      },
      {
        name: "plain",
        namespace: "hooks",
        chart: path.join(repoRoot, "test", "fixtures", "manifests", "plain"),
      },
      {
        name: "umbrella",
        namespace: "apps",
        chart: corpus("corpus-umbrella"),
        values: [{ sub: { replicas: 4 }, global: { team: "core" }, extra: { nested: [1, "two", null] } }],
      },
      {
        name: "umbrella-alone",
        namespace: "apps",
        chart: corpus("corpus-umbrella"),
        set: { "sub.enabled": false },
      },
      { name: "tiny", namespace: "apps", chart: corpus("tiny"), values: [{ replicaCount: 2 }] },
      {
        name: "tiny-patched",
        namespace: "apps",
        chart: corpus("tiny"),
        transformers: [
          {
            apiVersion: "builtin",
            kind: "LabelTransformer",
            metadata: { name: "patched" },
            labels: { patched: "yes" },
            fieldSpecs: [{ path: "metadata/labels", create: true }],
          },
        ],
      },
      { name: "tiny-stateful", namespace: "apps", chart: corpus("tiny-stateful") },
      { name: "paced", namespace: "apps", chart: corpus("paced") },
      { name: "troubled", namespace: "apps", chart: corpus("troubled") },
      { name: "timed", namespace: "bench", chart: path.join(repoRoot, "test", "bench", "charts", "timed") },
      ...["devops", "postgresql", "metrics", "backend", "frontend"].map((name) => ({
        name: `example-${name}`,
        namespace: "example",
        chart: example(name),
        // The chart makes up a random password when given none.
        values: name === "postgresql" ? [{ auth: { postgresPassword: "not-random" } }] : [],
      })),
    ],
  };
  writeFileSync(path.join(dir, "releases.yaml"), stringify(project));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const template = (helm: string, env: Record<string, string> = {}, cwd = dir) =>
  releasesCli(["template", "-e", "bench", "--debug", "--helm-binary", helm], cwd, { env });

describe("releases template with the batch renderer", () => {
  it("prints byte for byte what helm template prints for every release, taking the plain local charts", async () => {
    const batch = await template(tool("helm"));
    const perRelease = await template(tool("helm"), { RELEASES_RENDER: "off" });
    expect(batch.stderr).not.toContain("releases:");
    expect(batch.code).toBe(0);
    expect(perRelease.code).toBe(0);
    expect(batch.stdout).toBe(perRelease.stdout);
    // The corpus rendered what it is there for.
    expect(batch.stdout).toContain("kind: CustomResourceDefinition");
    expect(batch.stdout).toContain("# Source: corpus-hooks/templates/tests/test-message.yaml");
    expect(batch.stdout).toContain("# Source: corpus-umbrella/charts/sub/templates/deployment.yaml");
    expect(batch.stdout).toContain('helm: "v3.21.4"');
    expect(batch.stdout).toContain('patched: "yes"');
    expect(batch.stdout.match(/^# release: /gm)).toHaveLength(20);
    expect(batch.stderr).toContain("template crd/crds-included: batch (releases-render)");
    expect(batch.stderr).toContain("template apps/umbrella: batch (releases-render)");
    expect(batch.stderr).toContain("template hooks/plain: helm template (a manifests chart)");
    expect(batch.stderr).toContain("template apps/tiny-patched: helm template (patches (a post-renderer))");
    expect(perRelease.stderr).toContain("template apps/umbrella: helm template (RELEASES_RENDER=off)");
  });

  it("fails the command naming the release when its chart fails to render, as helm template does", async () => {
    const failing = path.join(dir, "failing");
    mkdirSync(path.join(failing, "chart", "templates"), { recursive: true });
    writeFileSync(
      path.join(failing, "chart", "Chart.yaml"),
      "apiVersion: v2\nname: broken\nversion: 0.1.0\n",
    );
    writeFileSync(
      path.join(failing, "chart", "templates", "cm.yaml"),
      '{{ required "broken needs .Values.must" .Values.must }}\n',
    );
    writeFileSync(
      path.join(failing, "releases.yaml"),
      stringify({
        environments: { bench: {} },
        releases: [
          { name: "fine", namespace: "apps", chart: corpus("tiny") },
          { name: "broken-release", namespace: "apps", chart: "./chart" },
        ],
      }),
    );
    const batch = await template(tool("helm"), {}, failing);
    const perRelease = await template(tool("helm"), { RELEASES_RENDER: "off" }, failing);
    expect(batch.stderr).toContain("template apps/broken-release: batch (releases-render)");
    expect(batch.code).toBe(perRelease.code);
    expect(batch.code).not.toBe(0);
    const message = (stderr: string) => stderr.split("\n").filter((l) => l.startsWith("releases:"));
    expect(message(batch.stderr)).toEqual(message(perRelease.stderr));
    expect(message(batch.stderr).join("\n")).toContain("broken-release");
    expect(message(batch.stderr).join("\n")).toContain("broken needs .Values.must");
  });

  it("keeps helm template when releases-render links another helm version", async () => {
    // A real releases-render claiming another helm version, beside the real helm.
    const other = path.join(dir, "other-version");
    mkdirSync(other);
    symlinkSync(tool("helm"), path.join(other, "helm"));
    execFileSync(
      "go",
      [
        "build",
        "-mod=readonly",
        "-ldflags",
        "-X helm.sh/helm/v3/internal/version.version=v3.0.0-other",
        "-o",
        path.join(other, "releases-render"),
        ".",
      ],
      {
        cwd: path.join(repoRoot, "tools", "render"),
        env: { ...process.env, GOTOOLCHAIN: "local", CGO_ENABLED: "0" },
      },
    );
    const fallback = await template(path.join(other, "helm"));
    const batch = await template(tool("helm"));
    expect(fallback.code).toBe(0);
    expect(fallback.stderr).toContain(
      `template apps/umbrella: helm template (releases-render links helm v3.0.0-other, ${path.join(other, "helm")} is v3.21.4)`,
    );
    expect(fallback.stdout).toBe(batch.stdout);
  }, 120_000);
});
