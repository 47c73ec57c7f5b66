// A Go template (helmfile's `.gotmpl` values files and templated release fields)
// written as a releases handlebars template. What cannot be converted is kept
// as a handlebars comment plus a `required … null` that fails when rendered, so
// an unconverted construct can never deploy silently; each is a finding.
import { type Finding, leftMarker, shorten } from "../finding.js";
import type { Pipeline } from "./action.js";
import {
  type Converted,
  convertPipeline,
  type Hb,
  isFailure,
  renderHb,
  renderOutput,
  type Scope,
} from "./expression.js";
import { type Node, parseTemplate } from "./tree.js";

export interface ConvertOptions {
  file: string;
  firstLine?: number;
  /** Values files may read Vault and SOPS (`fetchSecretValue "ref+vault://…"`); release fields may not. */
  secretLookups: boolean;
}

export interface ConvertedTemplate {
  text: string;
  findings: Finding[];
}

export function goTemplateToHandlebars(text: string, options: ConvertOptions): ConvertedTemplate {
  const nodes = parseTemplate(text, options.firstLine ?? 1);
  return convertNodes(nodes, options);
}

export function convertNodes(nodes: readonly Node[], options: ConvertOptions): ConvertedTemplate {
  const findings: Finding[] = [];
  const scope: Scope = { depth: 0, vars: new Map(), secretLookups: options.secretLookups };
  const text = new Writer(options.file, findings).nodes(nodes, scope);
  return { text, findings };
}

class Writer {
  constructor(
    private readonly file: string,
    private readonly findings: Finding[],
  ) {}

  nodes(nodes: readonly Node[], outer: Scope): string {
    // `$x := …` declarations are inlined at their uses; they live until the end of the block.
    const vars = new Map(outer.vars);
    const scope: Scope = { ...outer, vars };
    let out = "";
    for (const node of nodes) out += this.node(node, scope, vars);
    return out;
  }

  private node(node: Node, scope: Scope, vars: Map<string, Converted>): string {
    switch (node.kind) {
      case "text":
        return node.text;
      case "bad":
        return this.left(node.seg.line, node.seg.source, describeBad(node), suggestionForBad(node));
      case "output": {
        if (node.pipe.vars.length > 0) {
          const { vars: names, assign } = node.pipe;
          const value = convertPipeline({ ...node.pipe, vars: [] }, scope);
          if (assign || names.length !== 1) {
            return this.left(
              node.seg.line,
              node.seg.source,
              "re-assigning a variable ($x = …)",
              "compute the value in the environment values",
            );
          }
          if (isFailure(value)) this.leftFinding(node.seg.line, node.seg.source, value.why, value.suggestion);
          vars.set(names[0]!, value);
          return "";
        }
        const value = convertPipeline(node.pipe, scope, true);
        if (isFailure(value)) return this.left(node.seg.line, node.seg.source, value.why, value.suggestion);
        return renderOutput(value, scope.depth);
      }
      case "if": {
        let out = "";
        for (const [i, branch] of node.branches.entries()) {
          const cond = this.condition(branch.pipe, scope, branch.seg.line, branch.seg.source);
          out += i === 0 ? `{{#if ${cond}}}` : `{{else if ${cond}}}`;
          out += this.nodes(branch.body, scope);
        }
        if (node.elseBody) out += `{{else}}${this.nodes(node.elseBody, scope)}`;
        return `${out}{{/if}}`;
      }
      case "range":
      case "with":
        return this.block(node, scope);
    }
  }

  private block(node: Extract<Node, { kind: "range" | "with" }>, scope: Scope): string {
    const helper = node.kind === "range" ? "each" : "with";
    const { vars: names } = node.pipe;
    const subject = this.condition({ ...node.pipe, vars: [] }, scope, node.seg.line, node.seg.source);
    const inner: Scope = { ...scope, depth: scope.depth + 1, vars: new Map(scope.vars) };
    // Go: range $v := x / range $k, $v := x / with $v := x; handlebars: as |v k|
    const params = [...names].reverse().map((n) => n.slice(1) || "root");
    names.forEach((name, i) => {
      (inner.vars as Map<string, Converted>).set(name, {
        k: "path",
        anchor: "param",
        depth: inner.depth,
        segs: [params[names.length - 1 - i]!],
      });
    });
    if (names.length > (node.kind === "range" ? 2 : 1)) {
      return this.left(node.seg.line, node.seg.source, "too many variables", "");
    }
    let out = `{{#${helper} ${subject}${params.length ? ` as |${params.join(" ")}|` : ""}}}`;
    out += this.nodes(node.body, inner);
    if (node.elseBody) out += `{{else}}${this.nodes(node.elseBody, scope)}`;
    return `${out}{{/${helper}}}`;
  }

  private condition(pipe: Pipeline, scope: Scope, line: number, source: string): string {
    const value = convertPipeline(pipe, scope);
    if (isFailure(value)) {
      this.leftFinding(line, source, value.why, value.suggestion);
      return leftMarker(this.file, line);
    }
    if (value.k === "concat") return leftMarker(this.file, line);
    return renderHb(value as Hb, scope.depth);
  }

  private left(line: number, source: string, why: string, suggestion: string): string {
    this.leftFinding(line, source, why, suggestion);
    return `{{!-- ${source.replace(/--/g, "- -")} --}}{{${leftMarker(this.file, line).slice(1, -1)}}}`;
  }

  private leftFinding(line: number, source: string, why: string, suggestion: string): void {
    this.findings.push({
      file: this.file,
      line,
      construct: shorten(source),
      severity: "left",
      why,
      suggestion: suggestion || undefined,
    });
  }
}

function describeBad(node: Extract<Node, { kind: "bad" }>): string {
  if (node.keyword === "define" || node.keyword === "template" || node.keyword === "block")
    return "named templates (define/template/block) have no handlebars equivalent in releases";
  if (node.keyword) return `"${node.keyword}" has no handlebars equivalent`;
  return node.why;
}

function suggestionForBad(node: Extract<Node, { kind: "bad" }>): string {
  if (node.keyword === "define" || node.keyword === "template" || node.keyword === "block")
    return "repeat the text where it is used";
  return "";
}
