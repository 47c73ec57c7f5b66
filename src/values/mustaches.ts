// Finding the `{{ }}` of a template by hand, for error messages that handlebars
// cannot give: Go-template syntax (Helm and Helmfile habits) shown with its
// handlebars spelling, and a syntax error placed at the column of its `{{`.
import Handlebars from "./handlebars.js";

export interface Mustache {
  /** Offset of `{{` in the text. */
  offset: number;
  /** The text between the braces (`{{{ }}}` and `~` included as written); undefined when no `}}` closes it. */
  body?: string;
}

/** Every `{{` of `text` not escaped with `\`, with its body; raw blocks (`{{{{raw}}}}`) end the scan. */
export function mustaches(text: string): Mustache[] {
  const out: Mustache[] = [];
  let from = 0;
  for (;;) {
    const offset = text.indexOf("{{", from);
    if (offset < 0) return out;
    if (text[offset - 1] === "\\") {
      from = offset + 2;
      continue;
    }
    if (text.startsWith("{{{{", offset)) return out;
    // A comment is no template: {{!-- … --}} (which may hold }}) and {{! … }} are skipped whole.
    if (text.startsWith("{{!", offset)) {
      const long = text.startsWith("{{!--", offset);
      const end = text.indexOf(long ? "--}}" : "}}", offset + 3);
      if (end < 0) return out;
      from = end + (long ? 4 : 2);
      continue;
    }
    const triple = text[offset + 2] === "{";
    const close = text.indexOf(triple ? "}}}" : "}}", offset + 2);
    if (close < 0) {
      out.push({ offset });
      return out;
    }
    out.push({ offset, body: text.slice(offset + (triple ? 3 : 2), close) });
    from = close + (triple ? 3 : 2);
  }
}

const GO_FIELDS: [RegExp, string | ((...match: string[]) => string)][] = [
  [/(^|[\s(])\.Environment\.Name\b/g, "$1environment.name"],
  [/(^|[\s(])\.Environment\.Values\b/g, "$1environment.values"],
  [/(^|[\s(])\.(?:State)?Values\b/g, "$1values"],
  [
    /(^|[\s(])\.Release\.(Name|Namespace|Labels|Chart)\b/g,
    (_, pre, field) => `${pre}release.${field.toLowerCase()}`,
  ],
];

/** True when a mustache body is Go-template syntax rather than handlebars. */
export function isGoSyntax(body: string): boolean {
  const b = body.trim();
  return (
    /^-\s|\s-$/.test(b) ||
    /(^|[\s(])\.[A-Za-z]/.test(b) ||
    /(^|[\s(])\$[A-Za-z_]?/.test(b) ||
    /\s\|\s/.test(b) ||
    /^(end|range\s.*|with\s.*|if\s.*|define\s.*|template\s.*|include\s.*)$/.test(b)
  );
}

/**
 * The handlebars spelling of a Go-template mustache when there is a simple one
 * (`.Values.x | quote` → `quote values.x`); undefined for control structures.
 */
export function handlebarsSpelling(body: string): string | undefined {
  let b = body.trim().replace(/^-\s*/, "").replace(/\s*-$/, "");
  if (/^(end|range|with|if|else|define|template|include)\b/.test(b) || b.includes("$")) return undefined;
  for (const [pattern, replacement] of GO_FIELDS) b = b.replace(pattern, replacement as string);
  if (/(^|[\s(])\.[A-Za-z]/.test(b)) return undefined;
  // Go pipes pass the value as the last argument: `x | f a` is `f a x`.
  const stages = b.split(/\s+\|\s+/);
  let expression = stages[0]!;
  for (const stage of stages.slice(1)) {
    const composed = `${stage} ${/\s/.test(expression) ? `(${expression})` : expression}`;
    expression = composed;
  }
  return `{{${expression.trim()}}}`;
}

/** The first mustache that fails to parse on its own (blocks closed for the test), or undefined. */
export function firstBrokenMustache(text: string): { mustache: Mustache; detail: string } | undefined {
  for (const mustache of mustaches(text)) {
    if (mustache.body === undefined) return { mustache, detail: "a {{ is not closed by }}" };
    const body = mustache.body.replace(/^~|~$/g, "").trim();
    if (/^[/!]|^else\b|^\^$/.test(body)) continue;
    const block = /^[#^]\*?\s*([^\s}]+)/.exec(body);
    const probe = `{{${mustache.body}}}${block ? `{{/${block[1]}}}` : ""}`;
    try {
      Handlebars.parse(probe);
    } catch (error) {
      return { mustache, detail: String((error as Error).message) };
    }
  }
  return undefined;
}

/** Line (1-based) and column (0-based) of `offset` in `text`. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { line, column: offset - (before.lastIndexOf("\n") + 1) };
}
