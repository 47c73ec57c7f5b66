// A release's patches, transformers and hooks as written in releases.yaml
// (helmfile's spelling), turned into plain data at load time: every string in
// an inline patch and every hook argument is a template (so patches can differ
// per environment), files are read and parsed, and anything the post-renderer
// could not apply is an error here, naming the file, line and field.
import { resolve } from "node:path";
import type { ProjectFiles } from "../config/files.js";
import type { RawRelease } from "../config/schema.js";
import type { FieldPath } from "../config/yaml-source.js";
import { ConfigError, type SourceLocation } from "../errors.js";
import type { Hook, PatchTarget, Release, ReleasePatches } from "../model/project.js";
import { yaml } from "../util/lazy-yaml.js";

export interface SpecContext {
  dir: string;
  /** The directory a field's file paths resolve against (default `dir`): where the field is written. */
  dirOf?: (path: FieldPath) => string;
  render: (text: string, path: FieldPath, context: object) => string;
  context: object;
  loc: (path: FieldPath) => SourceLocation;
  files: ProjectFiles;
}

const JSON_PATCH_OPS = new Set(["add", "remove", "replace", "move", "copy", "test"]);
export const TRANSFORMER_KINDS = new Set(["LabelTransformer", "AnnotationsTransformer"]);

export async function releaseRenderSpec(
  r: RawRelease,
  path: FieldPath,
  release: { name: string; namespace: string; labels: Record<string, string>; chart: string },
  b: SpecContext,
): Promise<{ patches?: ReleasePatches; hooks?: Hook[]; crds?: Release["crds"] }> {
  const context = { ...b.context, release };
  const deep = (value: unknown, at: FieldPath): unknown => renderLeaves(value, at, b.render, context);
  const patches: ReleasePatches = { jsonPatches: [], strategicMergePatches: [], transformers: [] };

  for (const [i, entry] of (r.jsonPatches ?? []).entries()) {
    const at: FieldPath = [...path, "jsonPatches", i];
    const target = deep(entry.target, [...at, "target"]) as PatchTarget;
    let ops: unknown;
    let label = `jsonPatches[${i}]`;
    if ("path" in entry) {
      const file = resolve(b.dirOf?.(at) ?? b.dir, b.render(entry.path, [...at, "path"], context));
      label += ` (${entry.path})`;
      ops = (await readDocuments(file, b, [...at, "path"]))[0];
    } else {
      ops = deep(entry.patch, [...at, "patch"]);
    }
    patches.jsonPatches.push({ target, patch: checkOperations(ops, b.loc(at)), label });
  }
  for (const [i, entry] of (r.strategicMergePatches ?? []).entries()) {
    const at: FieldPath = [...path, "strategicMergePatches", i];
    for (const [j, doc] of (await documents(entry, at, b, deep)).entries()) {
      const label = `strategicMergePatches[${i}]${typeof entry === "string" ? ` (${entry}#${j})` : ""}`;
      patches.strategicMergePatches.push({ patch: checkMergePatch(doc, b.loc(at)), label });
    }
  }
  for (const [i, entry] of (r.transformers ?? []).entries()) {
    const at: FieldPath = [...path, "transformers", i];
    for (const [j, doc] of (await documents(entry, at, b, deep)).entries()) {
      const label = `transformers[${i}]${typeof entry === "string" ? ` (${entry}#${j})` : ""}`;
      patches.transformers.push({ transformer: checkTransformer(doc, b.loc(at)), label });
    }
  }
  const hooks = (r.hooks ?? []).map(
    (h, i): Hook => ({
      name: h.name,
      events: h.events,
      command: h.command,
      args: (h.args ?? []).map((a, j) => b.render(a, [...path, "hooks", i, "args", j], context)),
      showlogs: h.showlogs ?? false,
      location: b.loc([...path, "hooks", i]),
    }),
  );
  const hasPatches =
    patches.jsonPatches.length + patches.strategicMergePatches.length + patches.transformers.length > 0;
  return {
    patches: hasPatches ? patches : undefined,
    hooks: hooks.length > 0 ? hooks : undefined,
    ...(r.crds ? { crds: r.crds } : {}),
  };
}

/** An inline document (its strings rendered) or every document of a YAML file (path rendered). */
async function documents(
  entry: string | Record<string, unknown>,
  at: FieldPath,
  b: SpecContext,
  deep: (value: unknown, at: FieldPath) => unknown,
): Promise<unknown[]> {
  if (typeof entry !== "string") return [deep(entry, at)];
  return readDocuments(resolve(b.dirOf?.(at) ?? b.dir, deep(entry, at) as string), b, at);
}

async function readDocuments(file: string, b: SpecContext, at: FieldPath): Promise<unknown[]> {
  if (!(await b.files.exists(file))) {
    throw new ConfigError(`file not found: ${file}`, { location: b.loc(at) });
  }
  const docs = yaml().parseAllDocuments(await b.files.read(file));
  if (!Array.isArray(docs)) return [];
  const problem = docs.flatMap((d) => d.errors)[0];
  if (problem) {
    throw new ConfigError(`${file}: YAML syntax error: ${problem.message.split("\n")[0]}`, {
      location: b.loc(at),
    });
  }
  return docs.map((d) => d.toJS() as unknown).filter((d) => d !== null && d !== undefined);
}

function renderLeaves(
  value: unknown,
  at: FieldPath,
  render: SpecContext["render"],
  context: object,
): unknown {
  if (typeof value === "string") return value.includes("{{") ? render(value, at, context) : value;
  if (Array.isArray(value)) return value.map((v, i) => renderLeaves(v, [...at, i], render, context));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, renderLeaves(v, [...at, k], render, context)]),
    );
  }
  return value;
}

function checkOperations(ops: unknown, location: SourceLocation): Record<string, unknown>[] {
  if (!Array.isArray(ops) || ops.length === 0) {
    throw new ConfigError("a JSON patch is a non-empty list of RFC 6902 operations", { location });
  }
  for (const op of ops as Record<string, unknown>[]) {
    if (op === null || typeof op !== "object" || !JSON_PATCH_OPS.has(String(op.op))) {
      throw new ConfigError(
        `JSON patch operation ${JSON.stringify(op)}: op must be one of ${[...JSON_PATCH_OPS].join(", ")}`,
        { location },
      );
    }
    if (typeof op.path !== "string" || (op.path !== "" && !op.path.startsWith("/"))) {
      throw new ConfigError(`JSON patch operation ${op.op}: path must be a JSON pointer (/a/b/0)`, {
        location,
      });
    }
    if ((op.op === "move" || op.op === "copy") && typeof op.from !== "string") {
      throw new ConfigError(`JSON patch operation ${op.op} needs "from"`, { location });
    }
    if ((op.op === "add" || op.op === "replace" || op.op === "test") && !("value" in op)) {
      throw new ConfigError(`JSON patch operation ${op.op} ${op.path} needs "value"`, { location });
    }
  }
  return ops as Record<string, unknown>[];
}

function checkMergePatch(doc: unknown, location: SourceLocation): Record<string, unknown> {
  const d = doc as { kind?: unknown; metadata?: { name?: unknown } } | null;
  if (!d || typeof d !== "object" || typeof d.kind !== "string" || typeof d.metadata?.name !== "string") {
    throw new ConfigError("a strategic merge patch needs kind and metadata.name to find its target", {
      location,
    });
  }
  return d as Record<string, unknown>;
}

function checkTransformer(doc: unknown, location: SourceLocation): Record<string, unknown> {
  const d = doc as Record<string, unknown> | null;
  if (!d || typeof d !== "object" || !TRANSFORMER_KINDS.has(String(d.kind))) {
    throw new ConfigError(
      `transformer kind ${JSON.stringify(d?.kind)} is not supported; use one of ${[...TRANSFORMER_KINDS].join(", ")}`,
      { location, hint: "apiVersion: builtin, with labels: or annotations: and optional fieldSpecs" },
    );
  }
  const field = d.kind === "LabelTransformer" ? "labels" : "annotations";
  const map = d[field];
  if (!map || typeof map !== "object" || Array.isArray(map)) {
    throw new ConfigError(`a ${String(d.kind)} needs a map of ${field}`, { location });
  }
  return d;
}
