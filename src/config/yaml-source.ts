// YAML parsing that remembers where every value came from, so an error about
// `releases[2].needs[0]` can say `releases.yaml:31:9`.
import { type Document, isCollection, isMap, isScalar, LineCounter, parseDocument, visit } from "yaml";
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
    throw new ConfigError(`YAML syntax error: ${firstLine(error.message)}`, {
      location: { file, line: pos.line, column: pos.col },
    });
  }
  rejectCollectionKeys(doc, text, lineCounter, file);
  const data = doc.toJS({ maxAliasCount: 1000 }) as unknown;
  return {
    file,
    data,
    locate: (path, options) =>
      locate(doc, lineCounter, file, path, options?.key ?? false, options?.content ?? false),
  };
}

/**
 * `key: {{values.x}}` is YAML for a map whose key is the map `{values.x}`:
 * an unquoted template. Rejected rather than silently stringified.
 */
function rejectCollectionKeys(doc: Document, text: string, lineCounter: LineCounter, file: string): void {
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
