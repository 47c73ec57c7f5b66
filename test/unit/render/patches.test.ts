import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import type { ReleasePatches } from "../../../src/model/project.js";
import { applyJsonPatch } from "../../../src/render/json-patch.js";
import { applyPatches, matchesTarget, PatchError, postRender } from "../../../src/render/patches.js";
import { strategicMerge } from "../../../src/render/strategic-merge.js";

const deployment = {
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "api", labels: { app: "api" } },
  spec: {
    replicas: 3,
    template: {
      spec: {
        securityContext: { runAsNonRoot: true },
        containers: [
          {
            name: "api",
            image: "api:1",
            env: [{ name: "LOG", value: "info" }],
            readinessProbe: { httpGet: { path: "/status", port: 8080 } },
          },
          { name: "sidecar", image: "proxy:1" },
        ],
      },
    },
  },
};
const service = {
  apiVersion: "v1",
  kind: "Service",
  metadata: { name: "api", namespace: "other" },
  spec: {},
};

const none: ReleasePatches = { jsonPatches: [], strategicMergePatches: [], transformers: [] };
const spec = (patches: Partial<ReleasePatches>) => ({
  release: "backend/api",
  namespace: "backend",
  patches: { ...none, ...patches },
});

describe("JSON patch (RFC 6902)", () => {
  it.each([
    [[{ op: "remove", path: "/a/b" }], { a: { b: 1, c: 2 } }, { a: { c: 2 } }],
    [[{ op: "add", path: "/a/-", value: 3 }], { a: [1, 2] }, { a: [1, 2, 3] }],
    [[{ op: "add", path: "/a/0", value: 0 }], { a: [1] }, { a: [0, 1] }],
    [[{ op: "replace", path: "/x~1y", value: 2 }], { "x/y": 1 }, { "x/y": 2 }],
    [[{ op: "move", from: "/a", path: "/b" }], { a: 1 }, { b: 1 }],
    [[{ op: "copy", from: "/a", path: "/b" }], { a: [1] }, { a: [1], b: [1] }],
    [[{ op: "test", path: "/a", value: 1 }], { a: 1 }, { a: 1 }],
    // kustomize's leniency (what helmfile's jsonPatches do): replace sets a key missing from an existing map
    [
      [{ op: "replace", path: "/spec/strategy/type", value: "Recreate" }],
      { spec: { strategy: {} } },
      { spec: { strategy: { type: "Recreate" } } },
    ],
  ])("%j on %j gives %j", (ops, doc, expected) => {
    expect(applyJsonPatch(doc, ops)).toEqual(expected);
  });

  it.each([
    [[{ op: "remove", path: "/missing" }], "/missing does not exist"],
    [[{ op: "replace", path: "/a/9", value: 1 }], "/a/9 does not exist"],
    [[{ op: "replace", path: "/c/d", value: 1 }], "/c/d does not exist"],
    [[{ op: "test", path: "/b", value: 2 }], "test /b failed"],
  ])("%j fails: %s", (ops, message) => {
    expect(() => applyJsonPatch({ a: [1], b: 1 }, ops)).toThrow(message);
  });

  it("does not change its input", () => {
    const doc = { a: { b: 1 } };
    applyJsonPatch(doc, [{ op: "remove", path: "/a/b" }]);
    expect(doc).toEqual({ a: { b: 1 } });
  });
});

describe("strategic merge patch", () => {
  it("merges containers and env by name, replaces other lists, deletes nulls", () => {
    const merged = strategicMerge(deployment, {
      spec: {
        replicas: 1,
        template: {
          spec: {
            securityContext: null,
            containers: [
              {
                name: "api",
                env: [
                  { name: "LOG", value: "debug" },
                  { name: "NEW", value: "1" },
                ],
              },
              { name: "sidecar", $patch: "delete" },
            ],
          },
        },
      },
    }) as typeof deployment;
    expect(merged.spec.replicas).toBe(1);
    expect(merged.spec.template.spec.securityContext).toBeUndefined();
    expect(merged.spec.template.spec.containers).toHaveLength(1);
    expect(merged.spec.template.spec.containers[0]!.image).toBe("api:1");
    expect(merged.spec.template.spec.containers[0]!.env).toEqual([
      { name: "LOG", value: "debug" },
      { name: "NEW", value: "1" },
    ]);
  });

  it("$patch: replace replaces a map", () => {
    expect(strategicMerge({ a: { b: 1, c: 2 } }, { a: { $patch: "replace", d: 3 } })).toEqual({
      a: { d: 3 },
    });
  });

  it("rejects directives it does not implement", () => {
    expect(() => strategicMerge({}, { $retainKeys: ["a"] })).toThrow("$retainKeys is not supported");
  });
});

describe("patch targets", () => {
  it.each([
    [{ kind: "Deployment" }, true],
    [{ group: "apps", version: "v1", kind: "Deployment", name: "api" }, true],
    [{ group: "", kind: "Deployment" }, false],
    [{ name: "ap.*" }, true],
    [{ name: "ap" }, false],
    [{ namespace: "backend" }, true],
    [{ namespace: "other" }, false],
  ])("%j matches the api Deployment in backend: %s", (target, expected) => {
    expect(matchesTarget(deployment, target, "backend")).toBe(expected);
  });

  it("a resource's own namespace wins over the release's", () => {
    expect(matchesTarget(service, { namespace: "other" }, "backend")).toBe(true);
  });
});

describe("applyPatches", () => {
  it("applies a JSON patch to every matching resource only", () => {
    const [d, s] = applyPatches(
      [deployment, service],
      spec({
        jsonPatches: [
          {
            target: { kind: "Deployment", name: "api" },
            patch: [{ op: "remove", path: "/spec/template/spec/securityContext" }],
            label: "jsonPatches[0]",
          },
        ],
      }),
    );
    expect((d as typeof deployment).spec.template.spec.securityContext).toBeUndefined();
    expect(s).toEqual(service);
  });

  it("a JSON patch that targets nothing names the patch and the release", () => {
    expect(() =>
      applyPatches(
        [deployment],
        spec({
          jsonPatches: [
            {
              target: { kind: "StatefulSet" },
              patch: [{ op: "remove", path: "/x" }],
              label: "jsonPatches[1]",
            },
          ],
        }),
      ),
    ).toThrow(
      new PatchError("release backend/api: jsonPatches[1] matches no resource (target kind=StatefulSet)"),
    );
  });

  it("a strategic merge patch that targets nothing is an error", () => {
    expect(() =>
      applyPatches(
        [deployment],
        spec({
          strategicMergePatches: [
            { patch: { kind: "Deployment", metadata: { name: "web" } }, label: "strategicMergePatches[0]" },
          ],
        }),
      ),
    ).toThrow("release backend/api: strategicMergePatches[0] matches no resource (Deployment web)");
  });

  it("transformers add labels and annotations along their fieldSpecs", () => {
    const [d, s] = applyPatches(
      [deployment, service],
      spec({
        transformers: [
          {
            transformer: {
              apiVersion: "builtin",
              kind: "LabelTransformer",
              labels: { team: "core", tier: 2 },
              fieldSpecs: [
                { path: "metadata/labels", create: true },
                { path: "spec/template/metadata/labels", create: true, kind: "Deployment" },
              ],
            },
            label: "transformers[0]",
          },
          {
            transformer: {
              apiVersion: "builtin",
              kind: "AnnotationsTransformer",
              annotations: { owner: "me" },
            },
            label: "transformers[1]",
          },
        ],
      }),
    ) as [typeof deployment & { spec: { template: { metadata: { labels: object } } } }, typeof service];
    expect(d.metadata.labels).toEqual({ app: "api", team: "core", tier: "2" });
    expect(d.spec.template.metadata.labels).toEqual({ team: "core", tier: "2" });
    expect((s.metadata as { labels?: object }).labels).toEqual({ team: "core", tier: "2" });
    expect((s.metadata as { annotations?: object }).annotations).toEqual({ owner: "me" });
  });
});

describe("postRender", () => {
  const stream = `---
# Source: chart/templates/deployment.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: 3
---
# Source: chart/templates/service.yaml
apiVersion: v1
kind: Service
metadata:
  name: api
`;

  it("patches the stream, keeps the Source comments and the untouched documents", () => {
    const out = postRender(
      stream,
      spec({
        jsonPatches: [
          {
            target: { kind: "Deployment" },
            patch: [{ op: "replace", path: "/spec/replicas", value: 1 }],
            label: "jsonPatches[0]",
          },
        ],
      }),
    );
    expect(out).toContain("# Source: chart/templates/deployment.yaml");
    expect(out).toContain("# Source: chart/templates/service.yaml");
    const docs = parseAllDocuments(out) as unknown as {
      toJS(): { kind: string; spec?: { replicas: number } };
    }[];
    expect(docs.map((d) => d.toJS().kind)).toEqual(["Deployment", "Service"]);
    expect(docs[0]!.toJS().spec!.replicas).toBe(1);
  });
});

describe("postRender output", () => {
  it("quotes strings YAML 1.1 readers would take for booleans or numbers", () => {
    const out = postRender(
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n",
      spec({
        jsonPatches: [
          {
            target: { kind: "ConfigMap" },
            patch: [{ op: "add", path: "/data", value: { a: "yes", b: "0777", c: "on" } }],
            label: "jsonPatches[0]",
          },
        ],
      }),
    );
    expect(out).toContain('a: "yes"');
    expect(out).toContain('b: "0777"');
    expect(out).toContain('c: "on"');
  });
});

describe("postRender reads manifests as Kubernetes does", () => {
  it("keeps YAML 1.1 booleans and octals what they were in a changed document", () => {
    const out = postRender(
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\nspec:\n  flag: yes\n  mode: 0777\n  day: 2001-12-14\n",
      spec({
        transformers: [
          {
            transformer: { kind: "AnnotationsTransformer", annotations: { a: "b" } },
            label: "transformers[0]",
          },
        ],
      }),
    );
    expect(out).toContain("flag: true");
    expect(out).toContain("mode: 511");
    expect(out).toContain('day: "2001-12-14"');
  });
});
