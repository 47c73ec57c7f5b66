import type { ReleaseGraph } from "../graph/release-graph.js";
import { closeSelection, type NeedsMode, type Selection } from "../graph/selection.js";
import type { Release } from "../model/project.js";
import { matchesAny, parseSelector } from "./selector.js";

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
