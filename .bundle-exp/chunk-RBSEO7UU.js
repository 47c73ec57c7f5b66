// dist/drift/compare.js
var isMap = (value) => value !== null && typeof value === "object" && !Array.isArray(value);
function formatPointer(path) {
  return path.map((p) => `/${String(p).replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");
}
function unappliedFields(deployed, live, at = []) {
  if (isMap(deployed)) {
    if (!isMap(live))
      return [formatPointer(at)];
    return Object.entries(deployed).flatMap(([key, value]) => {
      const there = Object.hasOwn(live, key) ? live[key] : void 0;
      if (value === null)
        return there === void 0 || there === null ? [] : [formatPointer([...at, key])];
      if (there === void 0)
        return [formatPointer([...at, key])];
      return unappliedFields(value, there, [...at, key]);
    });
  }
  if (Array.isArray(deployed)) {
    if (!Array.isArray(live) || live.length !== deployed.length)
      return [formatPointer(at)];
    return deployed.flatMap((value, i) => unappliedFields(value, live[i], [...at, i]));
  }
  return deployed === live ? [] : [formatPointer(at)];
}
var SERVER_FIELDS = /* @__PURE__ */ new Set([
  "/status",
  "/metadata/managedFields",
  "/metadata/resourceVersion",
  "/metadata/generation"
]);
function changedFields(merged, live, at = []) {
  const here = formatPointer(at);
  if (SERVER_FIELDS.has(here))
    return [];
  if (isMap(merged) && isMap(live)) {
    const keys = [.../* @__PURE__ */ new Set([...Object.keys(merged), ...Object.keys(live)])].sort();
    return keys.flatMap((key) => {
      const inMerged = Object.hasOwn(merged, key);
      const inLive = Object.hasOwn(live, key);
      if (inMerged && inLive)
        return changedFields(merged[key], live[key], [...at, key]);
      const pointer = formatPointer([...at, key]);
      return SERVER_FIELDS.has(pointer) ? [] : [pointer];
    });
  }
  if (Array.isArray(merged) && Array.isArray(live) && merged.length === live.length) {
    return merged.flatMap((value, i) => changedFields(value, live[i], [...at, i]));
  }
  return JSON.stringify(merged) === JSON.stringify(live) ? [] : [here];
}
function asStored(object) {
  if (object.kind !== "Secret" || !isMap(object.stringData))
    return object;
  const { stringData, ...rest } = object;
  const data = isMap(rest.data) ? { ...rest.data } : {};
  for (const [key, value] of Object.entries(stringData)) {
    data[key] = Buffer.from(String(value), "utf8").toString("base64");
  }
  return { ...rest, data };
}
function withoutServerFields(object) {
  const { status: _status, ...rest } = object;
  if (!isMap(rest.metadata))
    return rest;
  const { managedFields: _m, resourceVersion: _r, generation: _g, ...metadata } = rest.metadata;
  return { ...rest, metadata };
}

export {
  unappliedFields,
  changedFields,
  asStored,
  withoutServerFields
};
