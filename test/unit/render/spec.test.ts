// Loading a release's manifests chart, patches, transformers and hooks: plain
// data with templates rendered, files read, and bad input named by file, line and field.
import { describe, expect, it } from "vitest";
import type { ProjectFiles } from "../../../src/config/files.js";
import { loadProject } from "../../../src/config/load.js";
import { ConfigError } from "../../../src/errors.js";
import { createTemplates } from "../../../src/values/templates.js";

function memoryFiles(files: Record<string, string>): ProjectFiles {
  return {
    read: async (path) => {
      const text = files[path];
      if (text === undefined) throw new Error(`no such file ${path}`);
      return text;
    },
    exists: async (path) => path in files || Object.keys(files).some((f) => f.startsWith(`${path}/`)),
    glob: async () => [],
  };
}

function load(release: string, extra: Record<string, string> = {}) {
  return loadProject({
    file: "/p/releases.yaml",
    environment: "dev",
    env: {},
    templates: createTemplates({ env: {} }),
    files: memoryFiles({
      "/p/releases.yaml": `environments: { dev: { values: [{ replicas: 2 }] } }\nreleases:\n${release}`,
      "/p/overlays/dev/kustomization.yaml": "resources: []\n",
      "/p/plain/a.yaml": "kind: ConfigMap\n",
      ...extra,
    }),
  });
}

describe("manifests charts", () => {
  it("a templated path to a kustomization is a kustomize chart; a directory of manifests a plain one", async () => {
    const project = await load(
      ["  - { name: k, chart: './overlays/{{environment.name}}' }", "  - { name: p, chart: ./plain }"].join(
        "\n",
      ),
    );
    expect(project.releases.map((r) => r.chart)).toEqual([
      { kind: "manifests", path: "/p/overlays/dev", display: "./overlays/dev", kustomize: true },
      { kind: "manifests", path: "/p/plain", display: "./plain", kustomize: false },
    ]);
  });
});

describe("patches", () => {
  it("renders every string of an inline patch, reads patch files, labels each patch", async () => {
    const project = await load(
      [
        "  - name: k",
        "    chart: ./plain",
        "    jsonPatches:",
        "      - target: { kind: Deployment, name: '{{release.name}}' }",
        "        patch: [{ op: replace, path: /spec/replicas, value: '{{values.replicas}}' }]",
        "      - { target: { kind: Service }, path: ops.yaml }",
        "    strategicMergePatches: [smp.yaml]",
        "    transformers:",
        "      - { apiVersion: builtin, kind: AnnotationsTransformer, annotations: { env: '{{environment.name}}' } }",
      ].join("\n"),
      {
        "/p/ops.yaml": "- { op: remove, path: /spec/type }\n",
        "/p/smp.yaml": "kind: Deployment\nmetadata: { name: a }\n---\nkind: Service\nmetadata: { name: b }\n",
      },
    );
    const { patches } = project.releases[0]!;
    expect(patches?.jsonPatches).toEqual([
      {
        target: { kind: "Deployment", name: "k" },
        patch: [{ op: "replace", path: "/spec/replicas", value: "2" }],
        label: "jsonPatches[0]",
      },
      {
        target: { kind: "Service" },
        patch: [{ op: "remove", path: "/spec/type" }],
        label: "jsonPatches[1] (ops.yaml)",
      },
    ]);
    expect(patches?.strategicMergePatches.map((p) => p.label)).toEqual([
      "strategicMergePatches[0] (smp.yaml#0)",
      "strategicMergePatches[0] (smp.yaml#1)",
    ]);
    expect(patches!.transformers[0]!.transformer.annotations).toEqual({ env: "dev" });
  });

  it.each([
    [
      "a JSON patch operation without a value",
      "jsonPatches: [{ target: { kind: A }, patch: [{ op: add, path: /a }] }]",
      'needs "value"',
    ],
    [
      "an unknown JSON patch op",
      "jsonPatches: [{ target: { kind: A }, patch: [{ op: merge, path: /a }] }]",
      "op must be one of",
    ],
    [
      "a merge patch without a name",
      "strategicMergePatches: [{ kind: Deployment }]",
      "needs kind and metadata.name",
    ],
    [
      "an unsupported transformer",
      "transformers: [{ apiVersion: builtin, kind: PrefixSuffixTransformer }]",
      "is not supported",
    ],
    ["a missing patch file", "strategicMergePatches: [missing.yaml]", "file not found: /p/missing.yaml"],
  ])("%s is invalid input naming the field", async (_what, yaml, message) => {
    const error = await load(`  - name: k\n    chart: ./plain\n    ${yaml}\n`).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain(message);
    expect((error as ConfigError).location).toMatchObject({ file: "/p/releases.yaml", line: 5 });
  });
});

describe("hooks", () => {
  it("renders hook arguments with the release in the context", async () => {
    const project = await load(
      "  - name: k\n    chart: ./plain\n    hooks: [{ events: [presync], command: echo, args: ['{{release.namespace}}/{{release.name}}'] }]\n",
    );
    expect(project.releases[0]!.hooks).toMatchObject([
      { events: ["presync"], command: "echo", args: ["default/k"], showlogs: false },
    ]);
  });
});
