import {
  JsonPatchError,
  applyJsonPatch
} from "./chunk-VQSVI6AM.js";
import {
  yaml
} from "./chunk-EOAQSOO2.js";
import {
  ConfigError,
  UsageError
} from "./chunk-XLEZOOEL.js";

// dist/render/manifests.js
import { spawn } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import { join, resolve } from "node:path";

// dist/render/strategic-merge.js
var MergePatchError = class extends Error {
};
var MERGE_KEYS = {
  containers: "name",
  initContainers: "name",
  ephemeralContainers: "name",
  env: "name",
  volumes: "name",
  volumeMounts: "mountPath",
  volumeDevices: "devicePath",
  imagePullSecrets: "name",
  hostAliases: "ip",
  topologySpreadConstraints: "topologyKey",
  conditions: "type",
  resourceClaims: "name"
};
var isObj = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
function mergeKeyOf(field, items) {
  if (field === "ports")
    return items.some((i) => isObj(i) && "containerPort" in i) ? "containerPort" : "port";
  return MERGE_KEYS[field];
}
function withoutDirectives(value) {
  if (Array.isArray(value))
    return value.map(withoutDirectives);
  if (!isObj(value))
    return value;
  const out = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === "$patch")
      continue;
    if (k.startsWith("$"))
      throw new MergePatchError(`directive ${k} is not supported`);
    out[k] = withoutDirectives(v);
  }
  return out;
}
function strategicMerge(target, patch, field = "") {
  if (Array.isArray(patch))
    return mergeList(target, patch, field);
  if (!isObj(patch))
    return patch;
  if (patch.$patch === "replace")
    return withoutDirectives(patch);
  if (patch.$patch !== void 0 && patch.$patch !== "merge") {
    throw new MergePatchError(`$patch: ${String(patch.$patch)} is not supported on a map (${field || "root"})`);
  }
  const out = isObj(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (key === "$patch")
      continue;
    if (key.startsWith("$"))
      throw new MergePatchError(`directive ${key} is not supported`);
    if (value === null)
      delete out[key];
    else
      out[key] = strategicMerge(out[key], value, key);
  }
  return out;
}
function mergeList(target, patch, field) {
  const key = mergeKeyOf(field, patch);
  if (!key || !Array.isArray(target) || !patch.every((i) => isObj(i) && key in i)) {
    return withoutDirectives(patch.filter((i) => !(isObj(i) && i.$patch === "delete")));
  }
  const out = [...target];
  for (const item of patch) {
    const at = out.findIndex((t) => isObj(t) && t[key] === item[key]);
    if (item.$patch === "delete") {
      if (at >= 0)
        out.splice(at, 1);
      continue;
    }
    if (at >= 0)
      out[at] = strategicMerge(out[at], item, field);
    else
      out.push(withoutDirectives(item));
  }
  return out;
}

// dist/render/patches.js
var PatchError = class extends Error {
};
function identity(obj, defaultNamespace) {
  const apiVersion = String(obj.apiVersion ?? "");
  const slash = apiVersion.lastIndexOf("/");
  const meta = obj.metadata ?? {};
  return {
    group: slash < 0 ? "" : apiVersion.slice(0, slash),
    version: slash < 0 ? apiVersion : apiVersion.slice(slash + 1),
    kind: String(obj.kind ?? ""),
    name: String(meta.name ?? ""),
    namespace: meta.namespace ?? defaultNamespace
  };
}
var anchored = (pattern, value) => new RegExp(`^(?:${pattern})$`).test(value);
function matchesTarget(obj, target, defaultNamespace) {
  const id = identity(obj, defaultNamespace);
  return (target.group === void 0 || target.group === id.group) && (target.version === void 0 || target.version === id.version) && (target.kind === void 0 || target.kind === id.kind) && (target.name === void 0 || anchored(target.name, id.name)) && (target.namespace === void 0 || anchored(target.namespace, id.namespace));
}
function describeTarget(target) {
  const parts = Object.entries(target).map(([k, v]) => `${k}=${String(v)}`);
  return parts.length > 0 ? parts.join(",") : "any resource";
}
function applyPatches(objects, spec) {
  const out = objects.map((o) => structuredClone(o));
  const fail = (label, what) => new PatchError(`release ${spec.release}: ${label} ${what}`);
  for (const { target, patch, label } of spec.patches.jsonPatches) {
    const hits = out.flatMap((o, i) => matchesTarget(o, target, spec.namespace) ? [i] : []);
    if (hits.length === 0)
      throw fail(label, `matches no resource (target ${describeTarget(target)})`);
    for (const i of hits) {
      try {
        out[i] = applyJsonPatch(out[i], patch);
      } catch (error) {
        if (!(error instanceof JsonPatchError))
          throw error;
        const id = identity(out[i], spec.namespace);
        throw fail(label, `failed on ${id.kind}/${id.name}: ${error.message}`);
      }
    }
  }
  for (const { patch, label } of spec.patches.strategicMergePatches) {
    const meta = patch.metadata ?? {};
    const apiVersion = typeof patch.apiVersion === "string" ? patch.apiVersion : void 0;
    const target = {
      kind: String(patch.kind),
      name: escapeRegex(String(meta.name)),
      ...meta.namespace ? { namespace: escapeRegex(meta.namespace) } : {}
    };
    const hits = out.flatMap((o, i) => matchesTarget(o, target, spec.namespace) && (!apiVersion || o.apiVersion === apiVersion) ? [i] : []);
    if (hits.length === 0) {
      throw fail(label, `matches no resource (${String(patch.kind)} ${String(meta.name)})`);
    }
    for (const i of hits) {
      try {
        out[i] = strategicMerge(out[i], patch);
      } catch (error) {
        if (!(error instanceof MergePatchError))
          throw error;
        throw fail(label, error.message);
      }
    }
  }
  for (const { transformer, label } of spec.patches.transformers) {
    if (!applyTransformer(out, transformer))
      throw fail(label, "matches no resource");
  }
  return out;
}
function applyTransformer(objects, transformer) {
  const labels = transformer.kind === "LabelTransformer";
  const entries = Object.entries(labels ? transformer.labels : transformer.annotations).map(([k, v]) => [k, String(v)]);
  const specs = transformer.fieldSpecs ?? [
    { path: labels ? "metadata/labels" : "metadata/annotations", create: true }
  ];
  let touched = false;
  for (const obj of objects) {
    for (const spec of specs) {
      if (!matchesTarget(obj, { kind: spec.kind, group: spec.group, version: spec.version }, ""))
        continue;
      touched = setAlong(obj, spec.path.split("/"), entries, spec.create ?? false) || touched;
    }
  }
  return touched;
}
function setAlong(node, path, entries, create) {
  if (Array.isArray(node))
    return node.map((n) => setAlong(n, path, entries, create)).some(Boolean);
  if (node === null || typeof node !== "object")
    return false;
  const obj = node;
  const [head, ...rest] = path;
  if (head === void 0)
    return false;
  if (obj[head] === void 0 || obj[head] === null) {
    if (!create)
      return false;
    obj[head] = {};
  }
  if (rest.length > 0)
    return setAlong(obj[head], rest, entries, create);
  const map = obj[head];
  for (const [k, v] of entries)
    map[k] = v;
  return true;
}
function escapeRegex(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
var YAML_1_1 = {
  version: "1.1",
  customTags: (tags) => tags.filter((t) => typeof t === "string" || t.tag !== "tag:yaml.org,2002:timestamp")
};
function postRender(stream, spec) {
  const docs = yaml().parseAllDocuments(stream, YAML_1_1);
  const list = Array.isArray(docs) ? docs : [];
  for (const doc of list) {
    if (doc.errors.length > 0)
      throw new PatchError(`release ${spec.release}: ${doc.errors[0].message}`);
  }
  const kept = list.filter((d) => d.contents !== null);
  const objects = kept.map((d) => d.toJS());
  const patched = applyPatches(objects, spec);
  return kept.map((doc, i) => {
    if (JSON.stringify(patched[i]) === JSON.stringify(objects[i]))
      return doc.toString({ lineWidth: 0 });
    const fresh = new (yaml()).Document(patched[i], { version: "1.1" });
    fresh.commentBefore = doc.commentBefore ?? doc.contents.commentBefore ?? null;
    return fresh.toString({ lineWidth: 0 });
  }).map((text) => `---
${text.replace(/^---\n/, "")}`).join("");
}

// dist/render/manifests.js
async function manifestChart(path, display, files) {
  if (await files.exists(resolve(path, "kustomization.yaml"))) {
    return { kind: "manifests", path, display, kustomize: true };
  }
  if (await files.exists(resolve(path, ".")))
    return { kind: "manifests", path, display, kustomize: false };
  return void 0;
}
function createManifestRenderer(env) {
  const kustomize = env.RELEASES_KUSTOMIZE ?? "kustomize";
  return {
    render: (chart, location) => chart.kustomize ? kustomizeBuild(kustomize, chart, env, location) : readPlainManifests(chart, location)
  };
}
async function readPlainManifests(chart, location) {
  const entries = await readdir(chart.path).catch((error) => {
    throw new ConfigError(`chart "${chart.display}": not a chart directory (${error.code ?? error.message})`, {
      location,
      hint: "a chart is a directory with Chart.yaml, a kustomization, or *.yaml manifests"
    });
  });
  const names = entries.filter((n) => /\.ya?ml$/.test(n)).sort();
  if (names.length === 0) {
    throw new ConfigError(`chart "${chart.display}": no Chart.yaml, kustomization.yaml or *.yaml manifests`, {
      location
    });
  }
  const parts = [];
  for (const name of names) {
    const text = await readFile(join(chart.path, name), "utf8");
    checkManifests(text, `${chart.display}/${name}`, location);
    parts.push(`${text.replace(/^---\s*\n/, "").trimEnd()}
`);
  }
  return parts.join("---\n");
}
function checkManifests(text, where, location) {
  for (const doc of yaml().parseAllDocuments(text)) {
    const [error] = doc.errors;
    if (error) {
      throw new ConfigError(`${where}: YAML syntax error: ${error.message.split("\n")[0]}`, { location });
    }
    const data = doc.toJS();
    if (data === null || data === void 0)
      continue;
    if (typeof data.apiVersion !== "string" || typeof data.kind !== "string" || !data.metadata?.name) {
      throw new ConfigError(`${where}: every document needs apiVersion, kind and metadata.name`, {
        location
      });
    }
  }
}
function kustomizeBuild(binary, chart, env, location) {
  return new Promise((done, fail) => {
    const child = spawn(binary, ["build", chart.path], {
      env: { ...env },
      stdio: ["ignore", "pipe", "pipe"]
    });
    const out = [];
    const err = [];
    child.stdout.on("data", (c) => out.push(c));
    child.stderr.on("data", (c) => err.push(c));
    child.on("error", (error) => fail(new UsageError(`cannot run kustomize (${binary}): ${error.message}`, {
      location,
      hint: "scripts/toolchain kustomize builds the pinned kustomize; or set RELEASES_KUSTOMIZE"
    })));
    child.on("close", (code) => {
      const stderr = Buffer.concat(err).toString().trim();
      if (code !== 0) {
        fail(new ConfigError(`kustomize build ${chart.display} failed: ${stderr.split("\n").at(-1)}`, {
          location
        }));
        return;
      }
      done(Buffer.concat(out).toString());
    });
  });
}
function checkPatchesApply(release, manifests) {
  if (!release.patches || manifests.includes("{{"))
    return;
  try {
    postRender(manifests, { release: release.id, namespace: release.namespace, patches: release.patches });
  } catch (error) {
    if (!(error instanceof PatchError))
      throw error;
    throw new ConfigError(error.message, { location: release.location });
  }
}

export {
  matchesTarget,
  manifestChart,
  createManifestRenderer,
  checkManifests,
  checkPatchesApply
};
