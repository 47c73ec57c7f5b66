// The fast check (schema-check.ts, the schema as data) must accept exactly
// what zod accepts and return exactly what zod's parse returns, key order
// included; a file it rejects is explained by zod.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { includedFileSchema, projectSchema } from "../../../src/config/schema.js";
import { checkSpec, INVALID } from "../../../src/config/schema-check.js";
import { type SchemaSpec, schemaSpec, specOf } from "../../../src/config/schema-spec.js";
import { parseYaml } from "../../../src/config/yaml-source.js";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const spec: SchemaSpec = schemaSpec();

const verdicts = { accepted: 0, rejected: 0 };

/** zod's answer and the fast check's for `data`, as the root file and as an included one. */
function agree(data: unknown): void {
  for (const [schema, node] of [
    [projectSchema, spec.project],
    [includedFileSchema, spec.includedFile],
  ] as const) {
    const zod = schema.safeParse(data);
    const fast = checkSpec(node, data);
    verdicts[fast === INVALID ? "rejected" : "accepted"]++;
    if (fast === INVALID) {
      // Stricter than zod is allowed (zod then gives the answer); this schema has no such case.
      expect({ data, zod: zod.success }).toEqual({ data, zod: false });
    } else {
      expect(zod.success).toBe(true);
      expect(JSON.stringify(fast)).toBe(JSON.stringify(zod.data));
      expect(fast).toEqual(zod.data);
    }
  }
}

function projectFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name) && !e.parentPath.includes("values"))
    .map((e) => join(e.parentPath, e.name));
}

const release = {
  name: "web",
  chart: "./charts/web",
  labels: { tier: "front", replicas: 3, canary: false },
  needs: ["db"],
  values: ["values.yaml", { path: "x.yaml", optional: true }, { replicas: 2 }],
  timeout: "5m",
  retries: { count: 2, backoff: 10 },
  serverSide: "auto",
  crds: "skip",
  hooks: [{ events: ["presync"], command: "echo" }],
  driftDetection: { mode: "warn", ignore: [{ paths: ["/spec/replicas"] }] },
};

/** One change each: to every kind of field, valid and not. */
const changes: Record<string, unknown>[] = [
  {},
  { name: "Web" },
  { name: "" },
  { chart: "" },
  { labels: { a: null } },
  { labels: { a: [1] } },
  { labels: [] },
  { timeout: 0 },
  { timeout: -5 },
  { timeout: 1.5 },
  { timeout: 90 },
  { timeout: "1h30m" },
  { timeout: "soon" },
  { historyMax: 2 ** 60 },
  { historyMax: 0 },
  { historyMax: Number.NaN },
  { historyMax: Number.POSITIVE_INFINITY },
  { retries: 11 },
  { retries: 10 },
  { retries: { count: 1, extra: true } },
  { retries: { backoff: "5s" } },
  { serverSide: "yes" },
  { serverSide: true },
  { crds: "replace" },
  { hooks: [{ events: [], command: "echo" }] },
  { hooks: [{ events: ["later"], command: "echo" }] },
  { values: [""] },
  { values: [{ path: "a", optional: "yes" }] },
  { values: [{ path: "a", optional: true, more: 1 }] },
  { values: [null] },
  { secrets: [{ replicas: 2 }] },
  { needs: [""] },
  { inherit: ["base", { template: "x", except: ["labels"] }] },
  { inherit: [{ template: "x", except: ["name"] }] },
  { unknown: 1 },
  { driftDetection: { ignore: [{ paths: ["spec"] }] } },
  { jsonPatches: [{ target: { kind: "Deployment" }, patch: [{ op: "remove", path: "/x" }] }] },
  { jsonPatches: [{ target: {}, path: "p.yaml", patch: [] }] },
  { set: { "a.b": "{{values.x}}", c: [1, { d: 2 }] } },
  { installed: "no" },
];

describe("the schema as data", () => {
  it("is the one schema.ts generates (run `npm run build` after changing the schema)", () => {
    const committed = readFileSync(join(root, "src/config/schema-spec.json"), "utf8");
    expect(committed).toBe(`${JSON.stringify(spec)}\n`);
  });

  it("agrees with zod on every project file of the fixtures", () => {
    const files = [join(root, "releases.yaml"), ...projectFiles(join(root, "test/fixtures/projects"))];
    expect(files.length).toBeGreaterThan(15);
    for (const file of files) {
      let data: unknown;
      try {
        data = parseYaml(readFileSync(file, "utf8"), file).data;
      } catch {
        continue; // a fixture of a YAML syntax error
      }
      agree(data);
    }
  });

  it.each(changes.map((change) => [JSON.stringify(change), change]))(
    "agrees with zod on a release changed by %s",
    (_, change) => {
      const changed = { ...release, ...change };
      agree({ releases: [changed] });
      const { name: _name, ...template } = changed;
      agree({ templates: { base: template }, releases: [release] });
    },
  );

  it("agrees with zod on the file's other sections", () => {
    const cases: unknown[] = [
      { releases: [release], repositories: [{ name: "Bitnami", url: "https://x" }] },
      { repositories: [{ name: "-x", url: "https://x" }] },
      { repositories: [{ name: "x", url: "" }] },
      { environments: { prod: null, dev: { values: ["a.yaml"], kubeContext: "kind" } } },
      { environments: { "bad name": {} } },
      { environments: { prod: { values: "a.yaml" } } },
      { environments: [] },
      { defaults: { namespace: "x", lockNamespace: "Locks" } },
      { defaults: { args: { template: ["--x"], sync: ["--y"] }, wait: false } },
      { defaults: { args: { apply: ["--x"] } } },
      { include: ["teams/*.yaml"] },
      { include: [""] },
      { templates: { "bad name": {} } },
      { releases: null },
      { releases: {} },
      JSON.parse('{"__proto__": {"releases": []}}'),
      { releases: [JSON.parse('{"name": "x", "__proto__": {"chart": "y"}}')] },
      // Keys in another order than the schema's: zod's result is in the schema's order.
      { releases: [{ values: [], chart: "c", name: "n" }], defaults: { wait: true } },
    ];
    for (const data of cases) agree(data);
  });

  it("cannot be written for a schema it could not mirror exactly: the build fails instead", () => {
    expect(() => specOf(z.strictObject({ a: z.string() }).refine(() => false))).toThrow(/cannot mirror/);
    expect(() => specOf(z.string().refine(() => false))).toThrow(/cannot mirror/);
    expect(() => specOf(z.string().transform((s) => s.trim()))).toThrow(/cannot mirror/);
    expect(() => specOf(z.object({ a: z.string() }))).toThrow(/cannot mirror/);
    expect(() => specOf(z.string().default("x"))).toThrow(/cannot mirror/);
    expect(specOf(z.string().min(1))).toEqual({ type: "string", minLength: 1 });
  });

  it("was compared on files it accepts and files it rejects", () => {
    expect(verdicts.accepted).toBeGreaterThan(50);
    expect(verdicts.rejected).toBeGreaterThan(50);
  });
});
