// Helm options checked against the real helm 3 and helm 4: every flag the
// argument builders emit is one the binary accepts, and the rendering options
// reach the chart (`releases template` with kubeVersion and apiVersions).
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { runCli } from "../../../src/cli/program.js";
import { lintArgs, templateArgs, upgradeArgs } from "../../../src/helm/args.js";
import type { HelmOptions } from "../../../src/model/project.js";
import { fixtureCharts, tool } from "../../toolchain/tools.js";

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "helm-options-"));
  writeFileSync(
    join(dir, "kubeconfig"),
    "apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n",
  );
  const chart = join(dir, "capabilities");
  mkdirSync(join(chart, "templates"), { recursive: true });
  writeFileSync(join(chart, "Chart.yaml"), "apiVersion: v2\nname: capabilities\nversion: 0.1.0\n");
  writeFileSync(
    join(chart, "templates", "configmap.yaml"),
    [
      "apiVersion: v1",
      "kind: ConfigMap",
      "metadata:",
      "  name: {{ .Release.Name }}",
      "data:",
      "  kube: {{ .Capabilities.KubeVersion.Version | quote }}",
      '  monitoring: {{ .Capabilities.APIVersions.Has "monitoring.coreos.com/v1" | quote }}',
      "",
    ].join("\n"),
  );
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The real helm with `{}` as the values on stdin (`--values -`), never a cluster. */
function helmWith(helm: string, args: readonly string[]) {
  const result = spawnSync(tool(helm), args, {
    input: "{}\n",
    encoding: "utf8",
    env: { ...process.env, KUBECONFIG: join(dir, "kubeconfig") },
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const everything: HelmOptions = {
  waitForJobs: true,
  skipCRDs: true,
  force: true,
  cleanupOnFail: true,
  disableOpenAPIValidation: true,
  skipSchemaValidation: true,
  takeOwnership: true,
  description: "deployed by the integration test",
  devel: true,
  kubeVersion: "1.29.0",
  apiVersions: ["monitoring.coreos.com/v1"],
};

describe.each([
  { helm: "helm", major: 3 as const, extra: {} },
  { helm: "helm4", major: 4 as const, extra: { serverSide: "auto" as const } },
])("helm options with $helm", ({ helm, major, extra }) => {
  const target = { name: "web", namespace: "apps" };
  const source = { chart: { kind: "local" as const, path: join(fixtureCharts, "tiny"), display: "tiny" } };
  const settings = {
    createNamespace: true,
    atomic: true,
    wait: true,
    timeout: 60,
    tests: false,
    historyMax: 3,
  };

  it("accepts every flag of upgrade --install (it fails only on reaching the cluster)", async () => {
    const args = upgradeArgs({
      major,
      target,
      source,
      settings: { ...settings, helm: { ...everything, ...extra } },
    });
    const result = helmWith(helm, args);
    expect(result.code).not.toBe(0);
    expect(result.stderr).not.toMatch(/unknown flag|invalid argument|flag needs an argument/);
    expect(result.stderr).toMatch(/cluster unreachable|connection refused|no configuration/i);
  });

  it("renders with --kube-version and --api-versions, and lints with --kube-version", async () => {
    const chart = {
      chart: { kind: "local" as const, path: join(dir, "capabilities"), display: "capabilities" },
    };
    const template = helmWith(helm, templateArgs(target, chart, everything));
    expect(template.stderr).toBe("");
    expect(template.stdout).toContain('kube: "v1.29.0"');
    expect(template.stdout).toContain('monitoring: "true"');
    const lint = helmWith(helm, lintArgs(target, chart, everything));
    expect(lint.code, lint.stdout + lint.stderr).toBe(0);
  });

  it("releases template passes a release's options to helm", async () => {
    const project = mkdtempSync(join(dir, `project-${helm}-`));
    writeFileSync(
      join(project, "releases.yaml"),
      stringify({
        defaults: { kubeVersion: "1.30.2" },
        releases: [
          { name: "caps", chart: join(dir, "capabilities"), apiVersions: ["monitoring.coreos.com/v1"] },
          { name: "plain", chart: join(dir, "capabilities") },
        ],
      }),
    );
    const stdout = new PassThrough();
    let out = "";
    stdout.on("data", (d) => {
      out += d;
    });
    const code = await runCli(["template"], {
      stdout,
      stderr: new PassThrough(),
      stdin: new PassThrough(),
      cwd: project,
      env: { PATH: process.env.PATH ?? "", HOME: project, RELEASES_HELM: tool(helm) },
    });
    expect(code).toBe(0);
    const [caps, plain] = out.split("# release: ").slice(1);
    expect(caps).toContain('kube: "v1.30.2"');
    expect(caps).toContain('monitoring: "true"');
    expect(plain).toContain('kube: "v1.30.2"');
    expect(plain).toContain('monitoring: "false"');
  });
});
