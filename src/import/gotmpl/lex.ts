// Splits Go template text into literal text and `{{ … }}` actions, keeping the
// line each starts on. Trim markers (`{{- ` and ` -}}`) are applied here, to
// the neighbouring text, exactly as text/template does, so the handlebars we
// write never needs its own whitespace control (whose "standalone line" rule
// differs from Go's).

export interface TextSegment {
  kind: "text";
  text: string;
  line: number;
}

export interface ActionSegment {
  kind: "action";
  /** The inside of the action, without delimiters and trim markers. */
  body: string;
  /** The action as written, for reports. */
  source: string;
  line: number;
  /** The action is alone on its line (only whitespace around it). */
  ownLine: boolean;
}

export type Segment = TextSegment | ActionSegment;

export class LexError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/** With `trim` false, trim markers are ignored (the state-file pass keeps every line where it was). */
export function lexTemplate(text: string, firstLine = 1, trim = true): Segment[] {
  const segments: Segment[] = [];
  let pos = 0;
  let line = firstLine;
  let trimNext = false;
  while (pos < text.length) {
    const open = text.indexOf("{{", pos);
    let literal = open === -1 ? text.slice(pos) : text.slice(pos, open);
    const literalLine = line;
    line += count(literal, "\n");
    if (open === -1) {
      pushText(segments, trimNext ? literal.trimStart() : literal, literalLine);
      break;
    }
    const hasTrimLeft = text[open + 2] === "-" && /\s/.test(text[open + 3] ?? "");
    const close = findClose(text, open + 2, line);
    const hasTrimRight = text[close - 1] === "-" && /\s/.test(text[close - 2] ?? "");
    const inner = text.slice(open + (hasTrimLeft ? 3 : 2), hasTrimRight ? close - 1 : close);
    const trimLeft = trim && hasTrimLeft;
    const trimRight = trim && hasTrimRight;
    if (trimNext) literal = literal.trimStart();
    if (trimLeft) literal = literal.trimEnd();
    pushText(segments, literal, literalLine);
    const source = text.slice(open, close + 2);
    const lineStart = text.lastIndexOf("\n", open - 1) + 1;
    let lineEnd = text.indexOf("\n", close + 2);
    if (lineEnd === -1) lineEnd = text.length;
    const ownLine = text.slice(lineStart, open).trim() === "" && text.slice(close + 2, lineEnd).trim() === "";
    segments.push({ kind: "action", body: inner.trim(), source, line, ownLine });
    line += count(source, "\n");
    pos = close + 2;
    trimNext = trimRight;
  }
  return segments;
}

function pushText(segments: Segment[], text: string, line: number): void {
  if (text !== "") segments.push({ kind: "text", text, line });
}

/** Index of the `}}` closing the action opened before `from`; quoted strings and comments may hold `}}`. */
function findClose(text: string, from: number, line: number): number {
  let i = from;
  while (i < text.length) {
    const c = text[i];
    if (text.startsWith("/*", i)) {
      const end = text.indexOf("*/", i + 2);
      if (end === -1) break;
      i = end + 2;
    } else if (c === '"') {
      i++;
      while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
      i++;
    } else if (c === "`") {
      const end = text.indexOf("`", i + 1);
      if (end === -1) break;
      i = end + 1;
    } else if (c === "}" && text[i + 1] === "}") {
      return i;
    } else {
      i++;
    }
  }
  throw new LexError("unclosed action: a }} is missing", line);
}

function count(text: string, needle: string): number {
  return text.split(needle).length - 1;
}
