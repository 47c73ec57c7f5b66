// A string field of a state file as releases writes it: the state-file
// template's placeholders put back as handlebars, and helmfile's second pass
// (release fields are templates too: `{{ .Release.Name }}` in a values path)
// converted the same way.
import { type Finding, leftMarker, shorten } from "../finding.js";
import { type Converted, convertPipeline, type Hb, isFailure, renderOutput } from "../gotmpl/expression.js";
import { convertNodes, goTemplateToHandlebars } from "../gotmpl/to-handlebars.js";
import type { StateFile } from "./load.js";
import { placeholderPattern } from "./skeleton.js";

export interface ResolvedString {
  text: string;
  templated: boolean;
  /** The whole string was one expression: it, converted. */
  whole?: Hb;
  findings: Finding[];
}

export function resolveString(value: string, state: StateFile, line: number | undefined): ResolvedString {
  const findings: Finding[] = [];
  let whole: Converted | undefined;
  let text = value.replace(placeholderPattern(), (id) => state.placeholders.get(id)?.literal ?? id);
  let templated = false;
  if (text.includes("{{")) {
    const converted = goTemplateToHandlebars(text, {
      file: state.display,
      firstLine: line,
      secretLookups: false,
    });
    findings.push(...converted.findings);
    text = converted.text;
    templated = true;
  }
  const trimmed = text.trim();
  text = text.replace(placeholderPattern(), (id) => {
    const p = state.placeholders.get(id);
    if (!p) return id;
    templated = true;
    if (p.node.kind === "output") {
      const hb = convertPipeline(p.node.pipe, { depth: 0, vars: state.vars, secretLookups: false }, true);
      if (trimmed === id) whole = hb;
      if (!isFailure(hb)) return renderOutput(hb, 0);
      findings.push({
        file: state.display,
        line: p.line,
        construct: shorten(p.node.seg.source),
        severity: "left",
        why: hb.why,
        suggestion: hb.suggestion || undefined,
      });
      return `{{${leftMarker(state.display, p.line).slice(1, -1)}}}`;
    }
    const converted = convertNodes([p.node], { file: state.display, secretLookups: false });
    findings.push(...converted.findings);
    return converted.text;
  });
  return { text, templated, whole: whole && !isFailure(whole) ? whole : undefined, findings };
}

/** Whether a value (any depth) holds a state-template placeholder or a Go template. */
export function holdsTemplate(value: unknown): boolean {
  if (typeof value === "string") return value.includes("{{") || placeholderPattern().test(value);
  if (Array.isArray(value)) return value.some(holdsTemplate);
  if (value && typeof value === "object") return Object.values(value).some(holdsTemplate);
  return false;
}

/** The value as the state file wrote it (placeholders back to their Go template), for the report. */
export function originalText(value: string, state: StateFile): string {
  return value.replace(placeholderPattern(), (id) => {
    const node = state.placeholders.get(id)?.node;
    return node && "seg" in node ? node.seg.source : id;
  });
}
