// A release or environment values file: a `.gotmpl` becomes a `.hbs`, and vals
// references (`ref+vault://path#key`, `ref+sops://file#/a/b`, which helmfile
// resolves in any values file) become releases' own Vault and SOPS lookups.
import { type Finding, shorten } from "./finding.js";
import { parseVals } from "./gotmpl/expression.js";
import { goTemplateToHandlebars } from "./gotmpl/to-handlebars.js";

const VALS_REF = /ref\+[a-z0-9]+:\/\/[^\s"',}\]]+/g;

export function hasValsRefs(text: string): boolean {
  return new RegExp(VALS_REF.source).test(text);
}

export function convertValuesText(
  text: string,
  file: string,
  template: boolean,
): { text: string; findings: Finding[] } {
  const findings: Finding[] = [];
  let out = template ? text : escapeBraces(text);
  if (template) {
    const converted = goTemplateToHandlebars(text, { file, secretLookups: true });
    out = converted.text;
    findings.push(...converted.findings);
  }
  return { text: replaceValsRefs(out, file, findings), findings };
}

/** Literal `{{` in a file that becomes a handlebars template. */
export function escapeBraces(text: string): string {
  return text.replace(/\{\{/g, "\\{{");
}

/** `ref+vault://…` scalars as `{{vault …}}` lookups; other vals backends are findings. */
export function replaceValsRefs(text: string, file: string, findings: Finding[]): string {
  return text.replace(VALS_REF, (ref, offset: number) => {
    const parsed = parseVals(ref);
    const line = text.slice(0, offset).split("\n").length;
    if (!parsed) {
      findings.push({
        file,
        line,
        construct: shorten(ref),
        severity: "left",
        why: "a vals reference releases cannot resolve (releases reads Vault KV and SOPS files itself)",
        suggestion:
          'store the secret in Vault or a SOPS file and write {{vault "path" "key"}} or {{sops "file" "key"}}',
      });
      return ref;
    }
    return `{{${parsed.kind} ${JSON.stringify(parsed.where)} ${JSON.stringify(parsed.key)}}}`;
  });
}
