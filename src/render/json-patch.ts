// RFC 6902 JSON Patch over plain JSON values (pure). Returns a new value; the
// input is not changed. A failed operation throws a JsonPatchError saying which.
// One leniency, kustomize's (evanphx/json-patch v4, which helmfile's jsonPatches
// run through): `replace` of a key missing from an existing map sets it, as a
// patch of `/spec/strategy/type` into a chart's `strategy: {}` expects. A
// missing parent or list index is still an error.

export class JsonPatchError extends Error {}

type Json = unknown;

export function parsePointer(pointer: string): string[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
}

function clone<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

function get(doc: Json, path: string[], pointer: string): Json {
  let current = doc;
  for (const part of path) {
    if (Array.isArray(current)) {
      const index = Number(part);
      if (!/^\d+$/.test(part) || index >= current.length)
        throw new JsonPatchError(`${pointer} does not exist`);
      current = current[index];
    } else if (current !== null && typeof current === "object" && part in current) {
      current = (current as Record<string, Json>)[part];
    } else {
      throw new JsonPatchError(`${pointer} does not exist`);
    }
  }
  return current;
}

function isMap(value: Json): value is Record<string, Json> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function parentOf(doc: Json, path: string[], pointer: string): [Json, string] {
  if (path.length === 0) throw new JsonPatchError("the document root cannot be changed in place");
  return [get(doc, path.slice(0, -1), pointer), path.at(-1)!];
}

function add(doc: Json, pointer: string, value: Json): Json {
  const path = parsePointer(pointer);
  if (path.length === 0) return value;
  const [parent, key] = parentOf(doc, path, pointer);
  if (Array.isArray(parent)) {
    const index = key === "-" ? parent.length : Number(key);
    if (!(key === "-" || /^\d+$/.test(key)) || index > parent.length) {
      throw new JsonPatchError(`${pointer}: index out of range`);
    }
    parent.splice(index, 0, value);
  } else if (parent !== null && typeof parent === "object") {
    (parent as Record<string, Json>)[key] = value;
  } else {
    throw new JsonPatchError(`${pointer}: parent is not an object or array`);
  }
  return doc;
}

function remove(doc: Json, pointer: string): Json {
  const path = parsePointer(pointer);
  const [parent, key] = parentOf(doc, path, pointer);
  get(doc, path, pointer); // must exist
  if (Array.isArray(parent)) parent.splice(Number(key), 1);
  else delete (parent as Record<string, Json>)[key];
  return doc;
}

export function applyJsonPatch(document: Json, operations: readonly Record<string, unknown>[]): Json {
  let doc = clone(document);
  for (const op of operations) {
    const pointer = String(op.path);
    switch (op.op) {
      case "add":
        doc = add(doc, pointer, clone(op.value));
        break;
      case "remove":
        doc = remove(doc, pointer);
        break;
      case "replace": {
        const path = parsePointer(pointer);
        if (path.length === 0) {
          doc = clone(op.value);
          break;
        }
        const [parent, key] = parentOf(doc, path, pointer);
        const missingKey = isMap(parent) && !(key in parent);
        doc = add(missingKey ? doc : remove(doc, pointer), pointer, clone(op.value));
        break;
      }
      case "move": {
        const from = String(op.from);
        const value = get(doc, parsePointer(from), from);
        doc = add(remove(doc, from), pointer, value);
        break;
      }
      case "copy": {
        const from = String(op.from);
        doc = add(doc, pointer, clone(get(doc, parsePointer(from), from)));
        break;
      }
      case "test": {
        const actual = get(doc, parsePointer(pointer), pointer);
        if (JSON.stringify(actual) !== JSON.stringify(op.value)) {
          throw new JsonPatchError(`test ${pointer} failed: the value differs`);
        }
        break;
      }
      default:
        throw new JsonPatchError(`unknown operation ${JSON.stringify(op.op)}`);
    }
  }
  return doc;
}
