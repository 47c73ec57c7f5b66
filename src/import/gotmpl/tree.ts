// Nests lexed segments into control structures: if/else if/else, range, with.
import { type Action, ActionSyntaxError, type Pipeline, parseAction } from "./action.js";
import { type ActionSegment, lexTemplate, type Segment } from "./lex.js";

export type Node =
  | { kind: "text"; text: string; line: number }
  | { kind: "output"; pipe: Pipeline; seg: ActionSegment }
  | {
      kind: "if";
      branches: Branch[];
      elseBody?: Node[];
      seg: ActionSegment;
      elseSeg?: ActionSegment;
      endSeg?: ActionSegment;
    }
  | {
      kind: "range" | "with";
      pipe: Pipeline;
      body: Node[];
      elseBody?: Node[];
      seg: ActionSegment;
      elseSeg?: ActionSegment;
      endSeg?: ActionSegment;
    }
  | { kind: "bad"; seg: ActionSegment; why: string; keyword?: string };

export interface Branch {
  pipe: Pipeline;
  body: Node[];
  seg: ActionSegment;
}

interface Open {
  node: Extract<Node, { kind: "if" | "range" | "with" }>;
  /** Where the next nodes go: the current branch's body or the else body. */
  target: Node[];
}

/** The template as a tree; a syntax problem becomes a `bad` node at its place, never an exception. */
export function parseTemplate(text: string, firstLine = 1): Node[] {
  let segments: Segment[];
  try {
    segments = lexTemplate(text, firstLine);
  } catch (error) {
    const line = (error as { line?: number }).line ?? firstLine;
    const seg: ActionSegment = { kind: "action", body: "", source: text, line, ownLine: false };
    return [{ kind: "bad", seg, why: (error as Error).message }];
  }
  return nest(segments);
}

export function nest(segments: readonly Segment[]): Node[] {
  const root: Node[] = [];
  const stack: Open[] = [];
  const out = () => stack.at(-1)?.target ?? root;
  for (const seg of segments) {
    if (seg.kind === "text") {
      out().push(seg);
      continue;
    }
    let action: Action;
    try {
      action = parseAction(seg.body);
    } catch (error) {
      if (!(error instanceof ActionSyntaxError)) throw error;
      out().push({ kind: "bad", seg, why: `cannot parse this action: ${error.message}` });
      continue;
    }
    switch (action.kind) {
      case "comment":
        break;
      case "output":
        out().push({ kind: "output", pipe: action.pipe, seg });
        break;
      case "unsupported":
        out().push({ kind: "bad", seg, why: `"${action.keyword}"`, keyword: action.keyword });
        break;
      case "if": {
        const body: Node[] = [];
        const node: Node = { kind: "if", branches: [{ pipe: action.pipe, body, seg }], seg };
        out().push(node);
        stack.push({ node, target: body });
        break;
      }
      case "range":
      case "with": {
        const body: Node[] = [];
        const node: Node = { kind: action.kind, pipe: action.pipe, body, seg };
        out().push(node);
        stack.push({ node, target: body });
        break;
      }
      case "else": {
        const open = stack.at(-1);
        if (!open) {
          root.push({ kind: "bad", seg, why: "{{ else }} outside a block" });
          break;
        }
        if (action.chain?.kind === "if" && open.node.kind === "if" && !open.node.elseBody) {
          const body: Node[] = [];
          open.node.branches.push({ pipe: action.chain.pipe, body, seg });
          open.target = body;
        } else if (action.chain) {
          open.target.push({
            kind: "bad",
            seg,
            why: `"else ${action.chain.kind}" in a ${open.node.kind} block`,
          });
        } else {
          open.node.elseBody = [];
          open.node.elseSeg = seg;
          open.target = open.node.elseBody;
        }
        break;
      }
      case "end": {
        const open = stack.pop();
        if (!open) root.push({ kind: "bad", seg, why: "{{ end }} without a block" });
        else open.node.endSeg = seg;
        break;
      }
    }
  }
  for (const open of stack) {
    root.push({ kind: "bad", seg: open.node.seg, why: `this ${open.node.kind} block has no {{ end }}` });
  }
  return root;
}
