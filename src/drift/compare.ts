// Field-by-field comparison of Kubernetes objects as plain JSON (pure).
//
// Two questions, asked in this order by the drift check:
//  1. unappliedFields(deployed, live): which fields the deployed manifest sets
//     that the live object does not hold as set. None means a server-side
//     apply of the manifest would change nothing, so no request is needed; some
//     may still be the server's spelling of the same value (`cpu: 0.5` is
//     stored as `500m`), so those objects go to a dry-run apply.
//  2. changedFields(merged, live): where the dry-run's result differs from the
//     live object, leaving out what the server keeps for itself.
import type { KubeObject } from "../model/kube-object.js";

type Json = unknown;

const isMap = (value: Json): value is Record<string, Json> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/** RFC 6901: `~` and `/` in a key are escaped. */
export function formatPointer(path: readonly (string | number)[]): string {
  return path.map((p) => `/${String(p).replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");
}

/** Pointers where `deployed` sets something `live` does not hold (positional for lists, of equal length). */
export function unappliedFields(deployed: Json, live: Json, at: (string | number)[] = []): string[] {
  if (isMap(deployed)) {
    if (!isMap(live)) return [formatPointer(at)];
    return Object.entries(deployed).flatMap(([key, value]) => {
      const there = Object.hasOwn(live, key) ? live[key] : undefined;
      // A null in a manifest unsets the field: held when the field is absent.
      if (value === null) return there === undefined || there === null ? [] : [formatPointer([...at, key])];
      if (there === undefined) return [formatPointer([...at, key])];
      return unappliedFields(value, there, [...at, key]);
    });
  }
  if (Array.isArray(deployed)) {
    if (!Array.isArray(live) || live.length !== deployed.length) return [formatPointer(at)];
    return deployed.flatMap((value, i) => unappliedFields(value, live[i], [...at, i]));
  }
  return deployed === live ? [] : [formatPointer(at)];
}

/** What the API server writes itself: never drift. */
const SERVER_FIELDS = new Set([
  "/status",
  "/metadata/managedFields",
  "/metadata/resourceVersion",
  "/metadata/generation",
]);

/** Pointers where two whole objects differ, server-written fields left out. */
export function changedFields(merged: Json, live: Json, at: (string | number)[] = []): string[] {
  const here = formatPointer(at);
  if (SERVER_FIELDS.has(here)) return [];
  if (isMap(merged) && isMap(live)) {
    const keys = [...new Set([...Object.keys(merged), ...Object.keys(live)])].sort();
    return keys.flatMap((key) => {
      const inMerged = Object.hasOwn(merged, key);
      const inLive = Object.hasOwn(live, key);
      if (inMerged && inLive) return changedFields(merged[key], live[key], [...at, key]);
      const pointer = formatPointer([...at, key]);
      return SERVER_FIELDS.has(pointer) ? [] : [pointer];
    });
  }
  if (Array.isArray(merged) && Array.isArray(live) && merged.length === live.length) {
    return merged.flatMap((value, i) => changedFields(value, live[i], [...at, i]));
  }
  return JSON.stringify(merged) === JSON.stringify(live) ? [] : [here];
}

/**
 * The object as the API server stores it, where that is known without asking:
 * a Secret's `stringData` is write-only and lands base64-encoded in `data`.
 */
export function asStored(object: KubeObject): KubeObject {
  if (object.kind !== "Secret" || !isMap(object.stringData)) return object;
  const { stringData, ...rest } = object;
  const data = isMap(rest.data) ? { ...rest.data } : {};
  for (const [key, value] of Object.entries(stringData)) {
    data[key] = Buffer.from(String(value), "utf8").toString("base64");
  }
  return { ...rest, data };
}

/** The object without what the server writes for itself (for showing it). */
export function withoutServerFields(object: KubeObject): KubeObject {
  const { status: _status, ...rest } = object;
  if (!isMap(rest.metadata)) return rest;
  const { managedFields: _m, resourceVersion: _r, generation: _g, ...metadata } = rest.metadata;
  return { ...rest, metadata: metadata as KubeObject["metadata"] };
}
