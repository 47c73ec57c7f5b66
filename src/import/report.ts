// The import's report: what was written, what was left (with where, why and
// what to write instead) and the caveats of what was converted.
import { type Finding, sortedFindings } from "./finding.js";
import type { ImportPlan } from "./import.js";

export interface ImportReportJson {
  ok: boolean;
  states: string[];
  written: string[];
  left: Finding[];
  notes: Finding[];
  features: string[];
}

export function importReportJson(plan: ImportPlan, written: readonly string[]): ImportReportJson {
  const findings = sortedFindings(plan.findings);
  const left = findings.filter((f) => f.severity === "left");
  return {
    ok: left.length === 0,
    states: plan.states,
    written: [...written],
    left,
    notes: findings.filter((f) => f.severity === "note"),
    features: plan.features,
  };
}

export function formatImportReport(report: ImportReportJson): string {
  const lines: string[] = [];
  lines.push(`imported ${report.states.join(", ") || "nothing"}`);
  lines.push("", `wrote ${report.written.length} file(s):`, ...report.written.map((f) => `  ${f}`));
  const item = (f: Finding) => {
    const where = f.line === undefined ? f.file : `${f.file}:${f.line}`;
    const out = [`  ${where}  ${f.construct}`, `      ${f.why}`];
    if (f.suggestion) out.push(`      instead: ${f.suggestion}`);
    return out;
  };
  if (report.left.length) {
    lines.push(
      "",
      `left for you (${report.left.length}): not converted; a converted template fails where one was, naming it`,
      ...report.left.flatMap(item),
    );
  }
  if (report.notes.length) lines.push("", `notes (${report.notes.length}):`, ...report.notes.flatMap(item));
  if (report.features.length) {
    lines.push(
      "",
      `uses ${report.features.join(", ")}: releases features being added now; releases.yaml loads once they have landed`,
    );
  }
  lines.push(
    "",
    report.left.length
      ? `${report.left.length} construct(s) left: fix them (see above), then run releases -e <env> template and compare`
      : "everything converted: run releases -e <env> template and compare with helmfile template",
  );
  return `${lines.join("\n")}\n`;
}
