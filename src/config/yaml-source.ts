// YAML parsing that remembers where every value came from, so an error about
// `releases[2].needs[0]` can say `releases.yaml:31:9`.

import { CORE_SCHEMA, load, mergeTag } from "js-yaml";
import type { Document, LineCounter } from "yaml";
import { ConfigError, type SourceLocation } from "../errors.js";
import { yaml } from "../util/lazy-yaml.js";
import { type Positions, yamlPositions } from "./yaml-positions.js";
import { checkShape, MAX_DEPTH, MIN_VALUE_BUDGET } from "./yaml-shape.js";

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

/**
 * `text` parsed with the YAML 1.2 core schema and merge keys. Plain files take
 * a fast path (js-yaml, several times quicker on large values files), with
 * source positions worked out only when an error needs one; files with tags
 * or directives, and any file the fast path rejects, go through `yaml`, whose
 * messages and positions the errors use.
 */
export function parseYaml(text: string, file: string): YamlSource {
  const fast = fastLoad(text);
  if (fast === undefined) return parseYamlDocument(text, file);
  let positions: Positions | undefined;
  const source: YamlSource = {
    file,
    data: fast.data,
    // Every release records where it and its fields are written, but only an
    // error reads a line: the positions (a second pass over the file) wait for that.
    locate: (path, options) =>
      lazyLocation(file, formatField(path) || undefined, () => {
        positions ??= yamlPositions(text, MAX_DEPTH);
        return locateIn(positions, file, path, options?.key ?? false, options?.content ?? false);
      }),
  };
  // Without an alias (`*name`) no value is shared: the data is a tree no larger than the text.
  checkShape(source, Math.max(text.length, MIN_VALUE_BUDGET), { tree: !text.includes("*") });
  return source;
}

/**
 * A location whose line and column are worked out on first read, by `resolve`.
 * They are own enumerable properties, so a spread or JSON copy reads them as usual.
 */
export function lazyLocation(
  file: string,
  field: string | undefined,
  resolve: () => SourceLocation,
): SourceLocation {
  let resolved: SourceLocation | undefined;
  // The keys in the order of an eager location: a JSON error report prints them so.
  return {
    file,
    get line() {
      resolved ??= resolve();
      return resolved.line;
    },
    get column() {
      resolved ??= resolve();
      return resolved.column;
    },
    field,
  };
}

function locateIn(
  positions: Positions,
  file: string,
  path: FieldPath,
  key: boolean,
  content: boolean,
): SourceLocation {
  const field = formatField(path);
  for (let depth = path.length; depth >= 0; depth--) {
    const at = positions.at(path.slice(0, depth));
    if (!at) continue;
    const whole = depth === path.length;
    const offset =
      key && whole && depth > 0 && at.keyStart !== undefined
        ? at.keyStart
        : at.start + (content && whole && at.quoted ? 1 : 0);
    const { line, col } = positions.linePos(offset);
    return { file, line, column: col, field: field || undefined };
  }
  return { file, field: field || undefined };
}

const fastSchema = CORE_SCHEMA.withTags(mergeTag);
/** A tag (`!x`, `!!int`) or a `%YAML` directive: the two places js-yaml and `yaml` resolve differently. */
const TAG_OR_DIRECTIVE = /(?:^|[\s,[{])!|^%/m;

/** The data when js-yaml parses `text` the way `yaml` would; undefined to take the full path. */
function fastLoad(text: string): { data: unknown } | undefined {
  if (TAG_OR_DIRECTIVE.test(text)) return undefined;
  try {
    return { data: load(text, { schema: fastSchema, maxDepth: MAX_DEPTH }) };
  } catch {
    // An empty file, a duplicate key, a syntax error, a complex key, nesting past the stack:
    // `yaml` gives the answer (or the error with its position).
    return undefined;
  }
}

/** Parsed by `yaml` alone, positions from its document (the path for tags, directives and errors). */
export function parseYamlDocument(text: string, file: string): YamlSource {
  const { LineCounter, parseDocument } = yaml();
  const lineCounter = new LineCounter();
  // yaml's own uniqueKeys check compares each key with every earlier key of its
  // map (quadratic: a 10,000-key map took seconds); firstDuplicateKey is linear.
  const doc = parseDocument(text, { lineCounter, merge: true, uniqueKeys: false, prettyErrors: false });
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
  const duplicate = firstDuplicateKey(doc);
  if (duplicate !== undefined) {
    const pos = lineCounter.linePos(duplicate);
    throw new ConfigError("YAML syntax error: Map keys must be unique", {
      location: { file, line: pos.line, column: pos.col },
    });
  }
  rejectCollectionKeys(doc, text, lineCounter, file);
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 1000 });
  } catch (cause) {
    // yaml throws a ReferenceError when aliases expand exponentially ("billion laughs"),
    // and for an alias whose anchor is not defined before it.
    const message = (cause as Error).message;
    throw new ConfigError(
      /excessive alias count/i.test(message)
        ? "too many alias expansions (nested anchors that grow exponentially?)"
        : `YAML syntax error: ${firstLine(message)}`,
      { location: { file }, cause },
    );
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

/** Offset of the first key repeated in its map (scalar keys compared by value, as yaml does). */
function firstDuplicateKey(doc: Document): number | undefined {
  const { isMap, isScalar, isSeq } = yaml();
  const stack: unknown[] = [doc.contents];
  let first: number | undefined;
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        const key = pair.key;
        if (isScalar(key)) {
          if (seen.has(key.value)) {
            const at = key.range?.[0] ?? 0;
            if (first === undefined || at < first) first = at;
          }
          seen.add(key.value);
        } else if (key) stack.push(key);
        stack.push(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    }
  }
  return first;
}

/**
 * `key: {{values.x}}` is YAML for a map whose key is the map `{values.x}`:
 * an unquoted template. Rejected rather than silently stringified.
 */
function rejectCollectionKeys(doc: Document, text: string, lineCounter: LineCounter, file: string): void {
  const { isCollection, visit } = yaml();
  visit(doc, {
    Pair(_, pair) {
      if (!isCollection(pair.key)) return;
      const start = pair.key.range?.[0] ?? 0;
      // Point at the `{{` of `{{values.x}}`, which opens the enclosing flow map.
      const offset = text[start] === "{" && text[start - 1] === "{" ? start - 1 : start;
      const { line, col } = lineCounter.linePos(offset);
      throw new ConfigError("a map or list used as a map key: an unquoted {{ }} template?", {
        location: { file, line, column: col },
        hint: 'quote a value that starts with {{, e.g. tag: "{{values.tag}}"',
      });
    },
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
  const { isMap, isScalar } = yaml();
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
