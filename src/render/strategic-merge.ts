// Strategic merge patch for the core kinds (pure): maps merge deeply, `null`
// deletes a key, lists of objects with a known merge key merge by that key
// (containers and env by name, volumeMounts by mountPath, …), other lists are
// replaced, and `$patch: delete|replace` work as in kubectl. Other `$`
// directives are rejected rather than silently ignored.

export class MergePatchError extends Error {}

/** Merge keys of the core kinds' lists (k8s.io/api patchMergeKey tags), by field name. */
const MERGE_KEYS: Record<string, string> = {
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
  resourceClaims: "name",
};

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);

function mergeKeyOf(field: string, items: readonly unknown[]): string | undefined {
  if (field === "ports")
    return items.some((i) => isObj(i) && "containerPort" in i) ? "containerPort" : "port";
  return MERGE_KEYS[field];
}

function withoutDirectives(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutDirectives);
  if (!isObj(value)) return value;
  const out: Obj = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === "$patch") continue;
    if (k.startsWith("$")) throw new MergePatchError(`directive ${k} is not supported`);
    out[k] = withoutDirectives(v);
  }
  return out;
}

export function strategicMerge(target: unknown, patch: unknown, field = ""): unknown {
  if (Array.isArray(patch)) return mergeList(target, patch, field);
  if (!isObj(patch)) return patch;
  if (patch.$patch === "replace") return withoutDirectives(patch);
  if (patch.$patch !== undefined && patch.$patch !== "merge") {
    throw new MergePatchError(
      `$patch: ${String(patch.$patch)} is not supported on a map (${field || "root"})`,
    );
  }
  const out: Obj = isObj(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (key === "$patch") continue;
    if (key.startsWith("$")) throw new MergePatchError(`directive ${key} is not supported`);
    if (value === null) delete out[key];
    else out[key] = strategicMerge(out[key], value, key);
  }
  return out;
}

function mergeList(target: unknown, patch: unknown[], field: string): unknown {
  const key = mergeKeyOf(field, patch);
  if (!key || !Array.isArray(target) || !patch.every((i) => isObj(i) && key in i)) {
    return withoutDirectives(patch.filter((i) => !(isObj(i) && i.$patch === "delete")));
  }
  const out = [...target];
  for (const item of patch as Obj[]) {
    const at = out.findIndex((t) => isObj(t) && t[key] === item[key]);
    if (item.$patch === "delete") {
      if (at >= 0) out.splice(at, 1);
      continue;
    }
    if (at >= 0) out[at] = strategicMerge(out[at], item, field);
    else out.push(withoutDirectives(item));
  }
  return out;
}
