// `set` paths with the semantics of `helm --set` (helm pkg/strvals/parser.go),
// applied over the merged values as helm applies --set over its -f files:
// dots separate map keys, a backslash makes the next character literal
// (`a\.b`), `name[2]` indexes a list (padded with nulls), and where helm
// refuses a path — a key under a list, a string or a null; an index into
// something that is not a list — we refuse it too, saying why, rather than
// replacing what is there.
import { ConfigError, type SourceLocation, UsageError } from "../errors.js";

export type SetPathPart = string | number;

/** helm's MaxIndex. */
const MAX_INDEX = 65536;

/** Splits a `set` key the way `helm --set` does; malformed paths are UsageErrors. */
export function parseSetPath(path: string): SetPathPart[] {
  const parts: SetPathPart[] = [];
  let current = "";
  let afterIndex = false;
  const bad = (why: string) => new UsageError(`set: ${why} in "${path}"`);
  for (let i = 0; i < path.length; i++) {
    const ch = path[i]!;
    if (afterIndex && ch !== "." && ch !== "[") throw bad(`unexpected "${path.slice(i)}" after a list index`);
    if (ch === "\\" && i + 1 < path.length) {
      current += path[++i];
    } else if (ch === ".") {
      if (afterIndex) afterIndex = false;
      else if (current === "") throw bad("empty segment");
      else {
        parts.push(current);
        current = "";
      }
      if (i === path.length - 1) throw bad("empty segment");
    } else if (ch === "[") {
      const end = path.indexOf("]", i);
      const text = end < 0 ? "" : path.slice(i + 1, end);
      const index = Number(text);
      if (end < 0 || !/^\d+$/.test(text)) throw bad("bad list index");
      if (index > MAX_INDEX) throw bad(`list index ${index} is over helm's maximum of ${MAX_INDEX}`);
      if (current !== "") parts.push(current);
      else if (!afterIndex) throw bad("bad list index");
      current = "";
      parts.push(index);
      afterIndex = true;
      i = end;
    } else {
      current += ch;
    }
  }
  if (current !== "") parts.push(current);
  if (parts.length === 0) throw bad("empty segment");
  return parts;
}

/** Where a `set` is written, for a refusal: the release and its location. */
export interface SetOrigin {
  release: string;
  location?: SourceLocation;
}

function kind(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a map";
  return `a ${typeof value}`;
}

/** A copy of `values` with `value` written at the `helm --set` style `path`; refuses what helm refuses. */
export function setPath(
  values: Record<string, unknown>,
  path: string,
  value: unknown,
  origin?: SetOrigin,
): Record<string, unknown> {
  const parts = parseSetPath(path);
  const refuse = (at: number, found: unknown, wanted: string): never => {
    const prefix = formatParts(parts.slice(0, at));
    const reason = `"${prefix}" is ${kind(found)} in the values, so helm --set cannot ${wanted}`;
    throw new ConfigError(`set "${path}"${origin ? ` of release ${origin.release}` : ""}: ${reason}`, {
      location: origin?.location,
      hint:
        wanted === "index into it"
          ? "set the whole value in a values file instead"
          : "set the whole value (e.g. in a values file), or fix the path",
    });
  };
  // parseSetPath guarantees a key first and a key before every index run: a[0][1].b is [a, 0, 1, b].
  const write = (node: Record<string, unknown>, i: number): Record<string, unknown> => {
    const part = parts[i] as string;
    const next = parts[i + 1];
    const map: Record<string, unknown> = { ...node };
    const has = Object.hasOwn(map, part);
    if (next === undefined) map[part] = value;
    else if (typeof next === "number") {
      if (has && !Array.isArray(map[part])) refuse(i + 1, map[part], "index into it");
      map[part] = writeIndex(has ? (map[part] as unknown[]) : [], i + 1);
    } else {
      if (has && !isRecord(map[part])) refuse(i + 1, map[part], "set a key under it");
      map[part] = write(has ? (map[part] as Record<string, unknown>) : {}, i + 1);
    }
    return map;
  };
  const writeIndex = (node: readonly unknown[], i: number): unknown[] => {
    const index = parts[i] as number;
    const list = [...node];
    while (list.length <= index) list.push(null);
    const next = parts[i + 1];
    const element = list[index];
    if (next === undefined) list[index] = value;
    else if (typeof next === "number") {
      if (element !== null && !Array.isArray(element)) refuse(i + 1, element, "index into it");
      list[index] = writeIndex((element as unknown[] | null) ?? [], i + 1);
    } else {
      // helm: an element that is not a map becomes an empty map ("indices out of order").
      list[index] = write(isRecord(element) ? element : {}, i + 1);
    }
    return list;
  };
  return write(values, 0);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function formatParts(parts: readonly SetPathPart[]): string {
  let out = "";
  for (const part of parts) {
    out += typeof part === "number" ? `[${part}]` : `${out === "" ? "" : "."}${part.replace(/\./g, "\\.")}`;
  }
  return out;
}
