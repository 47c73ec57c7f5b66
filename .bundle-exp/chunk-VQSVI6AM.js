// dist/render/json-patch.js
var JsonPatchError = class extends Error {
};
function parsePointer(pointer) {
  if (pointer === "")
    return [];
  return pointer.slice(1).split("/").map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
}
function clone(value) {
  return value === void 0 ? value : JSON.parse(JSON.stringify(value));
}
function get(doc, path, pointer) {
  let current = doc;
  for (const part of path) {
    if (Array.isArray(current)) {
      const index = Number(part);
      if (!/^\d+$/.test(part) || index >= current.length)
        throw new JsonPatchError(`${pointer} does not exist`);
      current = current[index];
    } else if (current !== null && typeof current === "object" && part in current) {
      current = current[part];
    } else {
      throw new JsonPatchError(`${pointer} does not exist`);
    }
  }
  return current;
}
function parentOf(doc, path, pointer) {
  if (path.length === 0)
    throw new JsonPatchError("the document root cannot be changed in place");
  return [get(doc, path.slice(0, -1), pointer), path.at(-1)];
}
function add(doc, pointer, value) {
  const path = parsePointer(pointer);
  if (path.length === 0)
    return value;
  const [parent, key] = parentOf(doc, path, pointer);
  if (Array.isArray(parent)) {
    const index = key === "-" ? parent.length : Number(key);
    if (!(key === "-" || /^\d+$/.test(key)) || index > parent.length) {
      throw new JsonPatchError(`${pointer}: index out of range`);
    }
    parent.splice(index, 0, value);
  } else if (parent !== null && typeof parent === "object") {
    parent[key] = value;
  } else {
    throw new JsonPatchError(`${pointer}: parent is not an object or array`);
  }
  return doc;
}
function remove(doc, pointer) {
  const path = parsePointer(pointer);
  const [parent, key] = parentOf(doc, path, pointer);
  get(doc, path, pointer);
  if (Array.isArray(parent))
    parent.splice(Number(key), 1);
  else
    delete parent[key];
  return doc;
}
function applyJsonPatch(document, operations) {
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
      case "replace":
        get(doc, parsePointer(pointer), pointer);
        doc = parsePointer(pointer).length === 0 ? clone(op.value) : add(remove(doc, pointer), pointer, clone(op.value));
        break;
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

export {
  JsonPatchError,
  parsePointer,
  applyJsonPatch
};
