// Limits on what a parsed YAML file may expand to, checked once after parsing so
// nothing downstream (merging, templating, stringifying — all recursive) meets
// a value nested thousands deep or an alias bomb.
import { ConfigError } from "../errors.js";
import { formatField, type YamlSource } from "./yaml-source.js";

/** Deeper than any real configuration; merging, templating and stringifying recurse per level. */
export const MAX_DEPTH = 200;
/** A file expands to at most as many values as it has characters (this many for small files). */
export const MIN_VALUE_BUDGET = 100_000;

/**
 * Refuses data nested deeper than MAX_DEPTH, or expanding (through aliases) to
 * more values than `budget`: without aliases a file never has more values than
 * characters, so this bounds everything downstream by the file's size. An
 * alias shares its anchor's object, so each object is measured once.
 */
export function checkShape(source: YamlSource, budget: number, options: { tree?: boolean } = {}): void {
  // A tree (no value shared through an alias) holds no more values than its text has
  // characters: only its depth needs checking, without the bookkeeping aliases need.
  if (options.tree && depthWithin(source.data, MAX_DEPTH)) return;
  const measured = new Map<object, { size: number; depth: number }>();
  const measuring = new Set<object>();
  const childrenOf = (node: object): unknown[] => (Array.isArray(node) ? node : Object.values(node));
  const isNode = (value: unknown): value is object => value !== null && typeof value === "object";
  const root = source.data;
  const stack: object[] = isNode(root) ? [root] : [];
  while (stack.length > 0) {
    const node = stack[stack.length - 1]!;
    if (!measuring.has(node)) {
      measuring.add(node);
      for (const child of childrenOf(node)) {
        if (!isNode(child) || measured.has(child)) continue;
        if (measuring.has(child)) throw tooDeep(source, root, measured); // a cycle
        stack.push(child);
      }
      continue;
    }
    stack.pop();
    if (measured.has(node)) continue;
    let size = 0;
    let depth = 0;
    for (const child of childrenOf(node)) {
      size += 1;
      const m = isNode(child) ? measured.get(child) : undefined;
      if (m) {
        size += m.size;
        depth = Math.max(depth, m.depth);
      }
    }
    measured.set(node, { size, depth: depth + 1 });
    if (depth + 1 > MAX_DEPTH) throw tooDeep(source, root, measured);
    if (size > budget) {
      throw new ConfigError(
        `expands to more than ${budget} values through aliases (anchors referenced too often?)`,
        { location: { file: source.file } },
      );
    }
  }
}

/** Whether containers nest at most `limit` deep in `node` (a tree), counted as checkShape counts. */
function depthWithin(node: unknown, limit: number): boolean {
  if (node === null || typeof node !== "object") return true;
  if (limit === 0) return false;
  for (const child of Array.isArray(node) ? node : Object.values(node))
    if (!depthWithin(child, limit - 1)) return false;
  return true;
}

/** The error at the deepest point reachable from `root` (following the deepest measured child). */
function tooDeep(
  source: YamlSource,
  root: unknown,
  measured: Map<object, { size: number; depth: number }>,
): ConfigError {
  const path: (string | number)[] = [];
  let node = root;
  while (node !== null && typeof node === "object" && path.length < MAX_DEPTH) {
    const entries: [string | number, unknown][] = Array.isArray(node)
      ? node.map((v, i) => [i, v])
      : Object.entries(node);
    const depthOf = (v: unknown) => (v !== null && typeof v === "object" ? (measured.get(v)?.depth ?? 1) : 0);
    const deepest = entries.reduce<[string | number, unknown] | undefined>(
      (best, e) => (best === undefined || depthOf(e[1]) > depthOf(best[1]) ? e : best),
      undefined,
    );
    if (!deepest) break;
    path.push(deepest[0]);
    node = deepest[1];
  }
  const location = source.locate(path);
  const field =
    path.length > 4 ? `${formatField(path.slice(0, 3))}… (${path.length} levels)` : location.field;
  return new ConfigError(`nested too deeply (more than ${MAX_DEPTH} levels)`, {
    location: { ...location, field },
  });
}
