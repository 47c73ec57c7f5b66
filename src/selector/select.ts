import type { ReleaseGraph } from "../graph/release-graph.js";
import { closeSelection, type NeedsMode, type Selection } from "../graph/selection.js";
import type { Release } from "../model/project.js";
import { didYouMean } from "../util/suggest.js";
import { effectiveLabels, matchesAny, parseSelector, type Selector } from "./selector.js";

/** The releases a run acts on: those matching any selector, closed over needs per `mode`. */
export function selectReleases(
  releases: readonly Release[],
  graph: ReleaseGraph,
  selectors: readonly string[],
  mode: NeedsMode,
): Selection {
  const parsed = selectors.map(parseSelector);
  const matched = new Set(
    releases.filter((r) => matchesAny({ ...r, chart: r.chart.display }, parsed)).map((r) => r.id),
  );
  return closeSelection(graph, matched, mode);
}

/**
 * One warning per selector key that no release has (`-l teir=core`): such a
 * term silently matches nothing (or, with `!=`, everything). Lists the keys in use.
 */
export function unknownSelectorKeys(releases: readonly Release[], selectors: readonly string[]): string[] {
  const parsed: Selector[] = selectors.map(parseSelector);
  const known = new Set<string>();
  for (const r of releases)
    for (const key of Object.keys(effectiveLabels({ ...r, chart: r.chart.display }))) known.add(key);
  const own = [...known].filter((k) => !["name", "namespace", "chart"].includes(k)).sort();
  const warned = new Set<string>();
  const warnings: string[] = [];
  for (const term of parsed.flat()) {
    if (known.has(term.key) || warned.has(term.key)) continue;
    warned.add(term.key);
    warnings.push(
      `no release has the label "${term.key}" (-l ${term.key}${term.op}${term.value})${didYouMean(term.key, known)}; ` +
        `labels in use: ${own.length > 0 ? own.join(", ") : "none"} (built in: name, namespace, chart)`,
    );
  }
  return warnings;
}
