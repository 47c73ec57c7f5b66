// The post-render step (pure): a release's JSON patches, strategic merge
// patches and transformers applied to helm's rendered manifest stream. Helm
// records what comes out. A patch that matches no resource is an error naming
// the patch and the release — never a silent no-op.
import type { Tags } from "yaml";
import type { PatchTarget, ReleasePatches } from "../model/project.js";
import { yaml } from "../util/lazy-yaml.js";
import { applyJsonPatch, JsonPatchError } from "./json-patch.js";
import { MergePatchError, strategicMerge } from "./strategic-merge.js";

/** What the post-renderer needs, written by the run (no values, no secrets). */
export interface PostRenderSpec {
  /** `namespace/name`, for messages. */
  release: string;
  /** Where resources without metadata.namespace go. */
  namespace: string;
  patches: ReleasePatches;
}

export class PatchError extends Error {}

type Obj = Record<string, unknown>;
interface Meta {
  name?: string;
  namespace?: string;
  labels?: Obj;
  annotations?: Obj;
}

function identity(obj: Obj, defaultNamespace: string) {
  const apiVersion = String(obj.apiVersion ?? "");
  const slash = apiVersion.lastIndexOf("/");
  const meta = (obj.metadata ?? {}) as Meta;
  return {
    group: slash < 0 ? "" : apiVersion.slice(0, slash),
    version: slash < 0 ? apiVersion : apiVersion.slice(slash + 1),
    kind: String(obj.kind ?? ""),
    name: String(meta.name ?? ""),
    namespace: meta.namespace ?? defaultNamespace,
  };
}

const anchored = (pattern: string, value: string) => new RegExp(`^(?:${pattern})$`).test(value);

export function matchesTarget(obj: Obj, target: PatchTarget, defaultNamespace: string): boolean {
  const id = identity(obj, defaultNamespace);
  return (
    (target.group === undefined || target.group === id.group) &&
    (target.version === undefined || target.version === id.version) &&
    (target.kind === undefined || target.kind === id.kind) &&
    (target.name === undefined || anchored(target.name, id.name)) &&
    (target.namespace === undefined || anchored(target.namespace, id.namespace))
  );
}

export function describeTarget(target: PatchTarget): string {
  const parts = Object.entries(target).map(([k, v]) => `${k}=${String(v)}`);
  return parts.length > 0 ? parts.join(",") : "any resource";
}

/** Applies every patch of `spec` to `objects` (plain objects, in stream order); returns new objects. */
export function applyPatches(objects: readonly Obj[], spec: PostRenderSpec): Obj[] {
  const out = objects.map((o) => structuredClone(o));
  const fail = (label: string, what: string) => new PatchError(`release ${spec.release}: ${label} ${what}`);

  for (const { target, patch, label } of spec.patches.jsonPatches) {
    const hits = out.flatMap((o, i) => (matchesTarget(o, target, spec.namespace) ? [i] : []));
    if (hits.length === 0) throw fail(label, `matches no resource (target ${describeTarget(target)})`);
    for (const i of hits) {
      try {
        out[i] = applyJsonPatch(out[i], patch) as Obj;
      } catch (error) {
        if (!(error instanceof JsonPatchError)) throw error;
        const id = identity(out[i]!, spec.namespace);
        throw fail(label, `failed on ${id.kind}/${id.name}: ${error.message}`);
      }
    }
  }
  for (const { patch, label } of spec.patches.strategicMergePatches) {
    const meta = (patch.metadata ?? {}) as Meta;
    const apiVersion = typeof patch.apiVersion === "string" ? patch.apiVersion : undefined;
    const target: PatchTarget = {
      kind: String(patch.kind),
      name: escapeRegex(String(meta.name)),
      ...(meta.namespace ? { namespace: escapeRegex(meta.namespace) } : {}),
    };
    const hits = out.flatMap((o, i) =>
      matchesTarget(o, target, spec.namespace) && (!apiVersion || o.apiVersion === apiVersion) ? [i] : [],
    );
    if (hits.length === 0) {
      throw fail(label, `matches no resource (${String(patch.kind)} ${String(meta.name)})`);
    }
    for (const i of hits) {
      try {
        out[i] = strategicMerge(out[i], patch) as Obj;
      } catch (error) {
        if (!(error instanceof MergePatchError)) throw error;
        throw fail(label, error.message);
      }
    }
  }
  for (const { transformer, label } of spec.patches.transformers) {
    if (!applyTransformer(out, transformer)) throw fail(label, "matches no resource");
  }
  return out;
}

interface FieldSpec {
  path: string;
  create?: boolean;
  kind?: string;
  group?: string;
  version?: string;
}

/** LabelTransformer / AnnotationsTransformer with their fieldSpecs; true when it changed a resource. */
function applyTransformer(objects: Obj[], transformer: Obj): boolean {
  const labels = transformer.kind === "LabelTransformer";
  const entries = Object.entries((labels ? transformer.labels : transformer.annotations) as Obj).map(
    ([k, v]) => [k, String(v)] as const,
  );
  const specs = (transformer.fieldSpecs as FieldSpec[] | undefined) ?? [
    { path: labels ? "metadata/labels" : "metadata/annotations", create: true },
  ];
  let touched = false;
  for (const obj of objects) {
    for (const spec of specs) {
      if (!matchesTarget(obj, { kind: spec.kind, group: spec.group, version: spec.version }, "")) continue;
      touched = setAlong(obj, spec.path.split("/"), entries, spec.create ?? false) || touched;
    }
  }
  return touched;
}

function setAlong(
  node: unknown,
  path: string[],
  entries: readonly (readonly [string, string])[],
  create: boolean,
): boolean {
  if (Array.isArray(node)) return node.map((n) => setAlong(n, path, entries, create)).some(Boolean);
  if (node === null || typeof node !== "object") return false;
  const obj = node as Obj;
  const [head, ...rest] = path;
  if (head === undefined) return false;
  if (obj[head] === undefined || obj[head] === null) {
    if (!create) return false;
    obj[head] = {};
  }
  if (rest.length > 0) return setAlong(obj[head], rest, entries, create);
  const map = obj[head] as Obj;
  for (const [k, v] of entries) map[k] = v;
  return true;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Kubernetes reads manifests as YAML 1.1 (`yes` is true, `0777` is 511), so
 * they are parsed and written that way; timestamps stay strings, as there.
 */
const YAML_1_1 = {
  version: "1.1" as const,
  customTags: (tags: Tags) =>
    tags.filter((t) => typeof t === "string" || t.tag !== "tag:yaml.org,2002:timestamp"),
};

/**
 * The post-renderer: a multi-document manifest stream in, the patched stream
 * out. Unchanged documents keep their text; changed ones keep their leading
 * comments (helm's `# Source:` lines).
 */
export function postRender(stream: string, spec: PostRenderSpec): string {
  const docs = yaml().parseAllDocuments(stream, YAML_1_1);
  const list = Array.isArray(docs) ? docs : [];
  for (const doc of list) {
    if (doc.errors.length > 0) throw new PatchError(`release ${spec.release}: ${doc.errors[0]!.message}`);
  }
  const kept = list.filter((d) => d.contents !== null);
  const objects = kept.map((d) => d.toJS() as Obj);
  const patched = applyPatches(objects, spec);
  return kept
    .map((doc, i) => {
      if (JSON.stringify(patched[i]) === JSON.stringify(objects[i])) return doc.toString({ lineWidth: 0 });
      // YAML 1.1 quoting: Kubernetes reads `yes`, `on`, `0777` unquoted as non-strings.
      const fresh = new (yaml().Document)(patched[i], { version: "1.1" });
      fresh.commentBefore =
        doc.commentBefore ?? (doc.contents as { commentBefore?: string }).commentBefore ?? null;
      return fresh.toString({ lineWidth: 0 });
    })
    .map((text) => `---\n${text.replace(/^---\n/, "")}`)
    .join("");
}
