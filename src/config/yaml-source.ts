// YAML parsing that remembers where every value came from, so an error about
// `releases[2].needs[0]` can say `releases.yaml:31:9`.
import { type Document, isMap, isScalar, LineCounter, parseDocument } from "yaml";
import { ConfigError, type SourceLocation } from "../errors.js";

export type FieldPath = readonly (string | number)[];

export interface YamlSource {
  file: string;
  data: unknown;
  /**
   * Where the value at `path` starts; with `key`, where its key starts; with
   * `content`, where a quoted scalar's text starts (past the quote), so a
   * template error inside it lands on the right column. Falls back to the nearest parent.
   */
  locate(path: FieldPath, options?: { key?: boolean; content?: boolean }): SourceLocation;
}

export function formatField(path: FieldPath): string {
  let out = "";
  for (const part of path) out += typeof part === "number" ? `[${part}]` : out === "" ? part : `.${part}`;
  return out;
}

export function parseYaml(text: string, file: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, merge: true, uniqueKeys: true, prettyErrors: false });
  const [error] = doc.errors;
  if (error) {
    // Without prettyErrors the parser leaves linePos empty; the offset is always there.
    const pos = error.linePos?.[0] ?? lineCounter.linePos(error.pos[0]);
    // The parser recurses per level and reports its own stack overflow as a syntax error.
    const message = /call stack/i.test(error.message)
      ? `nested too deeply (more than ${MAX_DEPTH} levels)`
      : `YAML syntax error: ${firstLine(error.message)}`;
    throw new ConfigError(message, { location: { file, line: pos.line, column: pos.col } });
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (cause) {
    // yaml throws a ReferenceError when aliases expand exponentially ("billion laughs").
    throw new ConfigError("too many alias expansions (nested anchors that grow exponentially?)", {
      location: { file },
      cause,
    });
  }
  const source: YamlSource = {
    file,
    data,
    locate: (path, options) =>
      locate(doc, lineCounter, file, path, options?.key ?? false, options?.content ?? false),
  };
  checkShape(source, Math.max(text.length, MIN_VALUE_BUDGET));
  return source;
}

/** Deeper than any real configuration; merging, templating and stringifying recurse per level. */
export const MAX_DEPTH = 200;
const MAX_ALIAS_COUNT = 1000;
/** A file expands to at most as many values as it has characters (this many for small files). */
const MIN_VALUE_BUDGET = 100_000;

/**
 * Refuses data nested deeper than MAX_DEPTH, or expanding (through aliases) to
 * more values than `budget`: without aliases a file never has more values than
 * characters, so this bounds everything downstream by the file's size. An
 * alias shares its anchor's object, so each object is measured once.
 */
function checkShape(source: YamlSource, budget: number): void {
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
function firstLine(message: string): string {
  return message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
}

function locate(
  doc: Document,
  lineCounter: LineCounter,
  file: string,
  path: FieldPath,
  key: boolean,
  content: boolean,
): SourceLocation {
  const field = formatField(path);
  for (let depth = path.length; depth >= 0; depth--) {
    const prefix = path.slice(0, depth);
    let offset: number | undefined;
    if (key && depth === path.length && depth > 0) {
      const parent = doc.getIn(prefix.slice(0, -1), true);
      if (isMap(parent)) {
        const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === prefix[prefix.length - 1]);
        offset = isScalar(pair?.key) ? pair.key.range?.[0] : undefined;
      }
    }
    if (offset === undefined) {
      const node = depth === 0 ? doc.contents : doc.getIn(prefix, true);
      offset = (node as { range?: [number, number, number] } | undefined)?.range?.[0];
      const quoted = isScalar(node) && (node.type === "QUOTE_DOUBLE" || node.type === "QUOTE_SINGLE");
      if (offset !== undefined && content && depth === path.length && quoted) offset += 1;
    }
    if (offset !== undefined) {
      const { line, col } = lineCounter.linePos(offset);
      return { file, line, column: col, field: field || undefined };
    }
  }
  return { file, field: field || undefined };
}
