import {
  yaml
} from "./chunk-EOAQSOO2.js";
import {
  ConfigError
} from "./chunk-XLEZOOEL.js";

// dist/config/helm-options.js
var FLAG_OPTIONS = [
  "waitForJobs",
  "skipCRDs",
  "force",
  "cleanupOnFail",
  "disableOpenAPIValidation",
  "skipSchemaValidation",
  "takeOwnership",
  "serverSide",
  "description",
  "devel",
  "verify",
  "reuseValues",
  "resetValues",
  "kubeVersion",
  "apiVersions"
];
var CONTROLLED = [
  [/^(-f|--values)$/, "values are rendered and piped on stdin by releases: use values:"],
  [/^--set(-string|-file|-json|-literal)?$/, "use set: (or --set on the releases command line)"],
  [/^--(atomic|rollback-on-failure)$/, "use atomic: true|false"],
  [/^--wait$/, "use wait: true|false"],
  [/^--timeout$/, "use timeout:"],
  [/^(-n|--namespace)$/, "use namespace:"],
  [/^--(kube-context|kubeconfig)$/, "use the environment's kubeContext (or KUBECONFIG)"],
  [/^--create-namespace$/, "use createNamespace:"],
  [/^--history-max$/, "use historyMax:"],
  [/^(-l|--labels)$/, "releases stores its fingerprint in the release's labels"],
  [/^--(reuse-values|reset-values|reset-then-reuse-values)$/, "use reuseValues: / resetValues:"],
  [/^--(install|dry-run|output|version|post-renderer|no-hooks)$|^-o$/, "releases sets it itself"]
];
function helmOptions(r, defaults, locate) {
  const options = {};
  for (const key of FLAG_OPTIONS) {
    const value = r[key] ?? defaults[key];
    if (value !== void 0)
      options[key] = value;
  }
  const args = {};
  for (const kind of ["sync", "template", "diff", "lint"]) {
    const own = r.args?.[kind];
    const list = own ?? defaults.args?.[kind];
    if (list === void 0)
      continue;
    for (const [i, arg] of (own ?? []).entries())
      checkHelmArg(arg, locate(["args", kind, i]), kind);
    args[kind] = list;
  }
  if (Object.keys(args).length > 0)
    options.args = args;
  if (options.reuseValues && options.resetValues) {
    throw new ConfigError("reuseValues and resetValues exclude each other", {
      location: locate(["reuseValues"]),
      hint: "releases passes --reset-values by default; reuseValues: true replaces it with --reuse-values"
    });
  }
  return Object.keys(options).length > 0 ? options : void 0;
}
function checkHelmArg(arg, location, kind) {
  const flag = arg.split("=")[0];
  for (const [pattern, instead] of CONTROLLED) {
    if (pattern.test(flag)) {
      throw new ConfigError(`args.${kind}: ${flag} is not allowed: ${instead}`, { location });
    }
  }
}

// dist/render/spec.js
import { resolve } from "node:path";
var JSON_PATCH_OPS = /* @__PURE__ */ new Set(["add", "remove", "replace", "move", "copy", "test"]);
var TRANSFORMER_KINDS = /* @__PURE__ */ new Set(["LabelTransformer", "AnnotationsTransformer"]);
async function releaseRenderSpec(r, path, release, b) {
  const context = { ...b.context, release };
  const deep = (value, at) => renderLeaves(value, at, b.render, context);
  const patches = { jsonPatches: [], strategicMergePatches: [], transformers: [] };
  for (const [i, entry] of (r.jsonPatches ?? []).entries()) {
    const at = [...path, "jsonPatches", i];
    const target = deep(entry.target, [...at, "target"]);
    let ops;
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
    const at = [...path, "strategicMergePatches", i];
    for (const [j, doc] of (await documents(entry, at, b, deep)).entries()) {
      const label = `strategicMergePatches[${i}]${typeof entry === "string" ? ` (${entry}#${j})` : ""}`;
      patches.strategicMergePatches.push({ patch: checkMergePatch(doc, b.loc(at)), label });
    }
  }
  for (const [i, entry] of (r.transformers ?? []).entries()) {
    const at = [...path, "transformers", i];
    for (const [j, doc] of (await documents(entry, at, b, deep)).entries()) {
      const label = `transformers[${i}]${typeof entry === "string" ? ` (${entry}#${j})` : ""}`;
      patches.transformers.push({ transformer: checkTransformer(doc, b.loc(at)), label });
    }
  }
  const hooks = (r.hooks ?? []).map((h, i) => ({
    name: h.name,
    events: h.events,
    command: h.command,
    args: (h.args ?? []).map((a, j) => b.render(a, [...path, "hooks", i, "args", j], context)),
    showlogs: h.showlogs ?? false,
    location: b.loc([...path, "hooks", i])
  }));
  const hasPatches = patches.jsonPatches.length + patches.strategicMergePatches.length + patches.transformers.length > 0;
  return {
    patches: hasPatches ? patches : void 0,
    hooks: hooks.length > 0 ? hooks : void 0,
    ...r.crds ? { crds: r.crds } : {}
  };
}
async function documents(entry, at, b, deep) {
  if (typeof entry !== "string")
    return [deep(entry, at)];
  return readDocuments(resolve(b.dirOf?.(at) ?? b.dir, deep(entry, at)), b, at);
}
async function readDocuments(file, b, at) {
  if (!await b.files.exists(file)) {
    throw new ConfigError(`file not found: ${file}`, { location: b.loc(at) });
  }
  const docs = yaml().parseAllDocuments(await b.files.read(file));
  if (!Array.isArray(docs))
    return [];
  const problem = docs.flatMap((d) => d.errors)[0];
  if (problem) {
    throw new ConfigError(`${file}: YAML syntax error: ${problem.message.split("\n")[0]}`, {
      location: b.loc(at)
    });
  }
  return docs.map((d) => d.toJS()).filter((d) => d !== null && d !== void 0);
}
function renderLeaves(value, at, render, context) {
  if (typeof value === "string")
    return value.includes("{{") ? render(value, at, context) : value;
  if (Array.isArray(value))
    return value.map((v, i) => renderLeaves(v, [...at, i], render, context));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renderLeaves(v, [...at, k], render, context)]));
  }
  return value;
}
function checkOperations(ops, location) {
  if (!Array.isArray(ops) || ops.length === 0) {
    throw new ConfigError("a JSON patch is a non-empty list of RFC 6902 operations", { location });
  }
  for (const op of ops) {
    if (op === null || typeof op !== "object" || !JSON_PATCH_OPS.has(String(op.op))) {
      throw new ConfigError(`JSON patch operation ${JSON.stringify(op)}: op must be one of ${[...JSON_PATCH_OPS].join(", ")}`, { location });
    }
    if (typeof op.path !== "string" || op.path !== "" && !op.path.startsWith("/")) {
      throw new ConfigError(`JSON patch operation ${op.op}: path must be a JSON pointer (/a/b/0)`, {
        location
      });
    }
    if ((op.op === "move" || op.op === "copy") && typeof op.from !== "string") {
      throw new ConfigError(`JSON patch operation ${op.op} needs "from"`, { location });
    }
    if ((op.op === "add" || op.op === "replace" || op.op === "test") && !("value" in op)) {
      throw new ConfigError(`JSON patch operation ${op.op} ${op.path} needs "value"`, { location });
    }
  }
  return ops;
}
function checkMergePatch(doc, location) {
  const d = doc;
  if (!d || typeof d !== "object" || typeof d.kind !== "string" || typeof d.metadata?.name !== "string") {
    throw new ConfigError("a strategic merge patch needs kind and metadata.name to find its target", {
      location
    });
  }
  return d;
}
function checkTransformer(doc, location) {
  const d = doc;
  if (!d || typeof d !== "object" || !TRANSFORMER_KINDS.has(String(d.kind))) {
    throw new ConfigError(`transformer kind ${JSON.stringify(d?.kind)} is not supported; use one of ${[...TRANSFORMER_KINDS].join(", ")}`, { location, hint: "apiVersion: builtin, with labels: or annotations: and optional fieldSpecs" });
  }
  const field = d.kind === "LabelTransformer" ? "labels" : "annotations";
  const map = d[field];
  if (!map || typeof map !== "object" || Array.isArray(map)) {
    throw new ConfigError(`a ${String(d.kind)} needs a map of ${field}`, { location });
  }
  return d;
}

export {
  TRANSFORMER_KINDS,
  releaseRenderSpec,
  FLAG_OPTIONS,
  helmOptions,
  checkHelmArg
};
