import {
  yaml
} from "./chunk-EOAQSOO2.js";
import {
  ConfigError,
  UsageError
} from "./chunk-XLEZOOEL.js";

// dist/values/set-path.js
var MAX_INDEX = 65536;
function parseSetPath(path) {
  const parts = [];
  let current = "";
  let afterIndex = false;
  const bad = (why) => new UsageError(`set: ${why} in "${path}"`);
  for (let i = 0; i < path.length; i++) {
    const ch = path[i];
    if (afterIndex && ch !== "." && ch !== "[")
      throw bad(`unexpected "${path.slice(i)}" after a list index`);
    if (ch === "\\" && i + 1 < path.length) {
      current += path[++i];
    } else if (ch === ".") {
      if (afterIndex)
        afterIndex = false;
      else if (current === "")
        throw bad("empty segment");
      else {
        parts.push(current);
        current = "";
      }
      if (i === path.length - 1)
        throw bad("empty segment");
    } else if (ch === "[") {
      const end = path.indexOf("]", i);
      const text = end < 0 ? "" : path.slice(i + 1, end);
      const index = Number(text);
      if (end < 0 || !/^\d+$/.test(text))
        throw bad("bad list index");
      if (index > MAX_INDEX)
        throw bad(`list index ${index} is over helm's maximum of ${MAX_INDEX}`);
      if (current !== "")
        parts.push(current);
      else if (!afterIndex)
        throw bad("bad list index");
      current = "";
      parts.push(index);
      afterIndex = true;
      i = end;
    } else {
      current += ch;
    }
  }
  if (current !== "")
    parts.push(current);
  if (parts.length === 0)
    throw bad("empty segment");
  return parts;
}
function kind(value) {
  if (value === null)
    return "null";
  if (Array.isArray(value))
    return "a list";
  if (typeof value === "object")
    return "a map";
  return `a ${typeof value}`;
}
function setPath(values, path, value, origin) {
  const parts = parseSetPath(path);
  const refuse = (at, found, wanted) => {
    const prefix = formatParts(parts.slice(0, at));
    const reason = `"${prefix}" is ${kind(found)} in the values, so helm --set cannot ${wanted}`;
    throw new ConfigError(`set "${path}"${origin ? ` of release ${origin.release}` : ""}: ${reason}`, {
      location: origin?.location,
      hint: wanted === "index into it" ? "set the whole value in a values file instead" : "set the whole value (e.g. in a values file), or fix the path"
    });
  };
  const write = (node, i) => {
    const part = parts[i];
    const next = parts[i + 1];
    const map = { ...node };
    const has = Object.hasOwn(map, part);
    if (next === void 0)
      map[part] = value;
    else if (typeof next === "number") {
      if (has && !Array.isArray(map[part]))
        refuse(i + 1, map[part], "index into it");
      map[part] = writeIndex(has ? map[part] : [], i + 1);
    } else {
      if (has && !isRecord(map[part]))
        refuse(i + 1, map[part], "set a key under it");
      map[part] = write(has ? map[part] : {}, i + 1);
    }
    return map;
  };
  const writeIndex = (node, i) => {
    const index = parts[i];
    const list = [...node];
    while (list.length <= index)
      list.push(null);
    const next = parts[i + 1];
    const element = list[index];
    if (next === void 0)
      list[index] = value;
    else if (typeof next === "number") {
      if (element !== null && !Array.isArray(element))
        refuse(i + 1, element, "index into it");
      list[index] = writeIndex(element ?? [], i + 1);
    } else {
      list[index] = write(isRecord(element) ? element : {}, i + 1);
    }
    return list;
  };
  return write(values, 0);
}
function isRecord(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
function formatParts(parts) {
  let out = "";
  for (const part of parts) {
    out += typeof part === "number" ? `[${part}]` : `${out === "" ? "" : "."}${part.replace(/\./g, "\\.")}`;
  }
  return out;
}

// dist/values/merge.js
function isMap(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
function mergeValues(base, overlay) {
  const out = { ...base };
  for (const [key, value] of Object.entries(overlay)) {
    const current = out[key];
    out[key] = isMap(value) && isMap(current) ? mergeValues(current, value) : value;
  }
  return out;
}
function helmValuesDocument(values) {
  let special = false;
  const json = JSON.stringify(values, (_key, value) => {
    if (typeof value === "number" && !Number.isFinite(value))
      special = true;
    return value;
  });
  return special ? yaml().stringify(values, { lineWidth: 0 }) : `${json}
`;
}
function mergeLayers(layers) {
  return layers.reduce((acc, layer) => mergeValues(acc, layer), {});
}
function getPath(values, path) {
  let current = values;
  for (const part of path.split(".")) {
    if (!isMap(current))
      return void 0;
    current = current[part];
  }
  return current;
}

export {
  parseSetPath,
  setPath,
  isMap,
  mergeValues,
  helmValuesDocument,
  mergeLayers,
  getPath
};
