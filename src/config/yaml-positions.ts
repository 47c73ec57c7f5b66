// Source positions of a YAML file from js-yaml's event stream: where each value
// (and each map value's key) starts, by field path. Several times cheaper than
// building `yaml`'s position-keeping document, which matters for a
// releases.yaml of thousands of releases, each of which records its location.
// Offsets match `yaml`'s node ranges (checked against them by a unit test).
import { EVENT_ID, type Event, getScalarValue, parseEvents, SCALAR_STYLE } from "js-yaml";

export interface NodePosition {
  /** Where the value starts (a quoted scalar: its opening quote). */
  start: number;
  /** Where its key starts, for a map value. */
  keyStart?: number;
  /** A single- or double-quoted scalar, whose text starts one past `start`. */
  quoted: boolean;
}

export interface Positions {
  at(path: readonly (string | number)[]): NodePosition | undefined;
  /** 1-based line and column of an offset. */
  linePos(offset: number): { line: number; col: number };
}

interface Frame {
  kind: "doc" | "map" | "seq" | "skip";
  path: readonly (string | number)[];
  index: number;
  /** A map waiting for its next key. */
  expectKey: boolean;
  key?: string;
  keyStart?: number;
  keyEnd?: number;
}

/** The `|` or `>` of the block scalar whose text starts at `contentStart`: on the last header line before it. */
function blockIndicator(text: string, contentStart: number): number {
  let end = text.lastIndexOf("\n", contentStart - 1);
  while (end > 0) {
    const start = text.lastIndexOf("\n", end - 1) + 1;
    const line = text.slice(start, end).replace(/\s+#.*$/, "");
    const match = /[|>][0-9+-]*\s*$/.exec(line);
    if (match) return start + match.index;
    end = start - 1;
  }
  return contentStart;
}

const pathKey = (path: readonly (string | number)[]) => path.join("\u0000");

export function yamlPositions(text: string, maxDepth: number): Positions {
  const events: Event[] = parseEvents(text, { maxDepth });
  const index = new Map<string, NodePosition>();
  const stack: Frame[] = [];
  const startOf = (event: Event, keyEnd?: number): number | undefined => {
    if (event.type === EVENT_ID.SCALAR && event.valueStart < 0) {
      // An empty value: yaml places it just past its key's colon.
      return keyEnd === undefined ? undefined : text.indexOf(":", keyEnd) + 1;
    }
    if (event.type === EVENT_ID.SCALAR) {
      const quoted = event.style === SCALAR_STYLE.SINGLE_QUOTED || event.style === SCALAR_STYLE.DOUBLE_QUOTED;
      if (quoted) return event.valueStart - 1;
      const block = event.style === SCALAR_STYLE.LITERAL_BLOCK || event.style === SCALAR_STYLE.FOLDED_BLOCK;
      return block ? blockIndicator(text, event.valueStart) : event.valueStart;
    }
    if (event.type === EVENT_ID.ALIAS) return event.anchorStart - 1;
    return (event as { start: number }).start;
  };
  for (const event of events) {
    const top = stack[stack.length - 1];
    if (event.type === EVENT_ID.POP) {
      stack.pop();
      continue;
    }
    if (event.type === EVENT_ID.DOCUMENT) {
      stack.push({ kind: "doc", path: [], index: 0, expectKey: false });
      continue;
    }
    if (!top) continue;
    const isCollection = event.type === EVENT_ID.MAPPING || event.type === EVENT_ID.SEQUENCE;
    if (top.kind === "skip") {
      if (isCollection) stack.push({ kind: "skip", path: [], index: 0, expectKey: false });
      continue;
    }
    if (top.kind === "map" && top.expectKey) {
      top.expectKey = false;
      top.keyStart = startOf(event);
      top.key = event.type === EVENT_ID.SCALAR ? getScalarValue(text, event) : undefined;
      top.keyEnd = event.type === EVENT_ID.SCALAR ? event.valueEnd : undefined;
      // A complex key (a map or list as key) has no field path: skip what it holds.
      if (isCollection) stack.push({ kind: "skip", path: [], index: 0, expectKey: false });
      continue;
    }
    let path: readonly (string | number)[] | undefined;
    let keyStart: number | undefined;
    let keyEnd: number | undefined;
    if (top.kind === "doc") path = [];
    else if (top.kind === "seq") path = [...top.path, top.index++];
    else {
      top.expectKey = true;
      keyStart = top.keyStart;
      keyEnd = top.keyEnd;
      if (top.key !== undefined) path = [...top.path, top.key];
    }
    if (path !== undefined) {
      const quoted =
        event.type === EVENT_ID.SCALAR &&
        (event.style === SCALAR_STYLE.SINGLE_QUOTED || event.style === SCALAR_STYLE.DOUBLE_QUOTED);
      const key = pathKey(path);
      const start = startOf(event, keyEnd);
      if (start !== undefined && !index.has(key)) index.set(key, { start, keyStart, quoted });
    }
    if (isCollection) {
      stack.push({
        kind: path === undefined ? "skip" : event.type === EVENT_ID.MAPPING ? "map" : "seq",
        path: path ?? [],
        index: 0,
        expectKey: true,
      });
    }
  }
  let lineStarts: number[] | undefined;
  return {
    at: (path) => index.get(pathKey(path)),
    linePos: (offset) => {
      if (!lineStarts) {
        lineStarts = [0];
        for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) lineStarts.push(i + 1);
      }
      let low = 0;
      let high = lineStarts.length - 1;
      while (low < high) {
        const mid = (low + high + 1) >> 1;
        if (lineStarts[mid]! <= offset) low = mid;
        else high = mid - 1;
      }
      return { line: low + 1, col: offset - lineStarts[low]! + 1 };
    },
  };
}
