// Label selectors with Helmfile's semantics: within one `-l` the terms are ANDed
// (`tier=core,app!=db`); several `-l` flags are ORed. Built-in labels `name`,
// `namespace` and `chart` match every release.
import { UsageError } from "../errors.js";

export interface SelectorTerm {
  key: string;
  op: "=" | "!=";
  value: string;
}

/** One `-l` argument: all terms must match. */
export type Selector = readonly SelectorTerm[];

const LABEL = /^[A-Za-z0-9]([A-Za-z0-9._/-]*[A-Za-z0-9])?$/;
const VALUE = /^[A-Za-z0-9._/:@+-]*$/;

export function parseSelector(text: string): Selector {
  const terms: SelectorTerm[] = [];
  for (const raw of text.split(",")) {
    const term = raw.trim();
    const match = /^([^=!]+)(!=|=)(.*)$/.exec(term);
    if (!match) {
      throw new UsageError(`malformed selector "${text}": "${term}" is not key=value or key!=value`, {
        hint: "example: -l tier=core,app!=db (terms are ANDed; repeat -l to OR)",
      });
    }
    const [, key, op, value] = match as unknown as [string, string, "=" | "!=", string];
    if (!LABEL.test(key.trim())) {
      throw new UsageError(`malformed selector "${text}": invalid label key "${key.trim()}"`);
    }
    if (!VALUE.test(value.trim())) {
      throw new UsageError(`malformed selector "${text}": invalid label value "${value.trim()}"`);
    }
    terms.push({ key: key.trim(), op, value: value.trim() });
  }
  return terms;
}

export interface Labelled {
  name: string;
  namespace: string;
  /** The chart as written, e.g. `./charts/backend` or `bitnami/redis`. */
  chart: string;
  labels: Readonly<Record<string, string>>;
}

/** Every label a selector can see: the release's own plus the built-ins. */
export function effectiveLabels(release: Labelled): Record<string, string> {
  return { ...release.labels, name: release.name, namespace: release.namespace, chart: release.chart };
}

function matchesOne(labels: Record<string, string>, selector: Selector): boolean {
  return selector.every((term) => {
    const actual = labels[term.key];
    // Helmfile: `k!=v` also matches releases without the label.
    return term.op === "=" ? actual === term.value : actual !== term.value;
  });
}

/** No selectors select everything; otherwise any selector (OR) whose terms all match (AND). */
export function matchesAny(release: Labelled, selectors: readonly Selector[]): boolean {
  if (selectors.length === 0) return true;
  const labels = effectiveLabels(release);
  return selectors.some((selector) => matchesOne(labels, selector));
}

export function formatSelector(selector: Selector): string {
  return selector.map((t) => `${t.key}${t.op}${t.value}`).join(",");
}
