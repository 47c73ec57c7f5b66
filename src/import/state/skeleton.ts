// One `.gotmpl` state document as plain YAML: every inline action becomes a
// placeholder scalar (converted later, where the field is known), every
// template line that shapes the YAML itself (an `if` around releases, a `range`
// that generates them) is taken out, keeping each line where it was so the
// YAML parser's line numbers are the file's.
import { type Finding, shorten } from "../finding.js";
import type { Pipeline } from "../gotmpl/action.js";
import { type Converted, convertPipeline, type Hb, isFailure } from "../gotmpl/expression.js";
import { lexTemplate } from "../gotmpl/lex.js";
import { evaluateForEnvironment } from "../gotmpl/static.js";
import { type Node, nest } from "../gotmpl/tree.js";

export interface Placeholder {
  id: string;
  node: Node;
  line: number;
  /** The action writes a string literal (helmfile's {{`{{ .Release.Name }}`}} escape): its text. */
  literal?: string;
  /** Written inside a quoted YAML scalar. */
  quoted: boolean;
}

export type BlockCondition =
  | { kind: "values"; path: string }
  | { kind: "environment"; slug: string; holds: (environment: string) => boolean }
  | { kind: "none"; why: string };

/** An own-line `if` whose first branch was kept. */
export interface StateBlock {
  startLine: number;
  endLine: number;
  source: string;
  condition: BlockCondition;
}

export interface Skeleton {
  yaml: string;
  placeholders: Map<string, Placeholder>;
  blocks: StateBlock[];
  findings: Finding[];
  vars: Map<string, Converted>;
}

const PLACEHOLDER = /__RIMPORT_\d+__/g;
export const placeholderPattern = (): RegExp => new RegExp(PLACEHOLDER.source, "g");

export function stateSkeleton(
  text: string,
  file: string,
  firstLine: number,
  counter: { n: number },
): Skeleton {
  const nodes = nest(lexTemplate(text, firstLine, false));
  const out: Skeleton = { yaml: "", placeholders: new Map(), blocks: [], findings: [], vars: new Map() };
  const left = (line: number, source: string, why: string, suggestion?: string) =>
    out.findings.push({ file, line, construct: shorten(source), severity: "left", why, suggestion });
  const scope = () => ({ depth: 0, vars: out.vars, secretLookups: false });

  const walk = (list: readonly Node[]): void => {
    for (const node of list) {
      if (node.kind === "text") {
        out.yaml += node.text;
        continue;
      }
      const seg = node.seg;
      if (!seg.ownLine && node.kind !== "bad") {
        const id = `__RIMPORT_${counter.n++}__`;
        const literal =
          node.kind === "output" &&
          node.pipe.commands.length === 1 &&
          node.pipe.commands[0]!.args.length === 1 &&
          node.pipe.commands[0]!.args[0]!.kind === "string"
            ? node.pipe.commands[0]!.args[0]!.value
            : undefined;
        out.placeholders.set(id, { id, node, line: seg.line, literal, quoted: insideQuotes(out.yaml) });
        out.yaml += id + "\n".repeat(linesSpanned(node));
        continue;
      }
      switch (node.kind) {
        case "bad":
          left(seg.line, seg.source, node.why);
          out.yaml += "\n".repeat(linesSpanned(node));
          break;
        case "output": {
          if (node.pipe.vars.length === 1 && !node.pipe.assign) {
            out.vars.set(node.pipe.vars[0]!, convertPipeline({ ...node.pipe, vars: [] }, scope()));
          } else {
            left(
              seg.line,
              seg.source,
              "writes YAML text into the state file; releases.yaml is data, not a template",
              "write the YAML out, or move the values into a values file (.hbs) the release lists",
            );
          }
          out.yaml += "\n".repeat(linesSpanned(node));
          break;
        }
        case "range":
        case "with":
          left(
            seg.line,
            seg.source,
            node.kind === "range"
              ? "a loop in the state file that generates YAML (e.g. releases); it was left out"
              : "a with block in the state file; it was left out",
            "write the generated releases out one by one; share what they have in common with templates: and inherit:",
          );
          out.yaml += "\n".repeat(linesSpanned(node));
          break;
        case "if": {
          const endLine = (node.endSeg?.line ?? seg.line) + newlines(node.endSeg?.source ?? "");
          out.yaml += "\n".repeat(newlines(seg.source));
          const [first, ...others] = node.branches;
          out.blocks.push({
            startLine: seg.line,
            endLine,
            source: seg.source,
            condition:
              others.length || node.elseBody ? otherBranches(node) : blockCondition(first!.pipe, scope()),
          });
          walk(first!.body);
          const dropFrom = others[0]?.seg ?? node.elseSeg ?? node.endSeg;
          if (dropFrom) out.yaml += "\n".repeat(endLine - dropFrom.line);
          break;
        }
      }
    }
  };
  walk(nodes);
  return out;
}

function otherBranches(node: Extract<Node, { kind: "if" }>): BlockCondition {
  const dropped = [...node.branches.slice(1).flatMap((b) => b.body), ...(node.elseBody ?? [])];
  const empty = dropped.every((n) => n.kind === "text" && n.text.trim() === "");
  return empty
    ? blockCondition(node.branches[0]!.pipe, { depth: 0, vars: new Map(), secretLookups: false })
    : { kind: "none", why: "an if with else branches around YAML; only its first branch was kept" };
}

function blockCondition(pipe: Pipeline, scope: Parameters<typeof convertPipeline>[1]): BlockCondition {
  const converted = convertPipeline(pipe, scope);
  if (!isFailure(converted)) {
    const path = valuesPath(converted);
    if (path) return { kind: "values", path };
  }
  if (evaluateForEnvironment(pipe, "") !== undefined) {
    return {
      kind: "environment",
      slug: slugOf(pipe),
      holds: (environment) => evaluateForEnvironment(pipe, environment) === true,
    };
  }
  return {
    kind: "none",
    why: "an if around YAML whose condition is neither a values path nor the environment's name",
  };
}

/** `values.a.b` → "a.b"; also through `default false …`. */
function valuesPath(hb: Hb): string | undefined {
  if (hb.k === "path" && hb.anchor === "root" && hb.segs[0] === "values" && hb.segs.length > 1)
    return hb.segs.slice(1).join(".");
  if (hb.k === "call" && hb.helper === "default" && hb.args[0]?.k === "lit" && hb.args[0].text === "false")
    return valuesPath(hb.args[1]!);
  return undefined;
}

function slugOf(pipe: Pipeline): string {
  const words: string[] = [];
  for (const c of pipe.commands)
    for (const a of c.args) {
      if (a.kind === "ident") words.push(a.name);
      else if (a.kind === "string") words.push(a.value);
      else if (a.kind === "field" && a.path.join(".") === "Environment.Name") words.push("env");
    }
  return words
    .join("-")
    .replace(/[^A-Za-z0-9-]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .toLowerCase();
}

function newlines(text: string): number {
  return text.split("\n").length - 1;
}

function linesSpanned(node: Node): number {
  if (node.kind === "text") return newlines(node.text);
  const end = "endSeg" in node && node.endSeg ? node.endSeg : node.seg;
  return end.line + newlines(end.source) - node.seg.line;
}

/** Whether the text written so far ends inside a quoted scalar on its last line. */
function insideQuotes(text: string): boolean {
  const line = text.slice(text.lastIndexOf("\n") + 1);
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote === '"' && c === "\\") i++;
    else if (quote && c === quote) quote = undefined;
    else if (!quote && (c === '"' || c === "'")) quote = c;
    else if (!quote && c === "#") break;
  }
  return quote !== undefined;
}
