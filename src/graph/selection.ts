// Which releases a run touches: those matching the selectors, plus, depending
// on the needs mode, the releases they need.
import type { ReleaseGraph } from "./release-graph.js";

export type NeedsMode =
  /** Needs outside the selection stay out of the run; deploying commands check they are deployed. */
  | "check"
  /** Add direct needs of selected releases; their own needs are checked. */
  | "include"
  /** Add every ancestor. */
  | "include-transitive"
  /** Ignore needs outside the selection entirely. */
  | "skip";

export interface Selection {
  /** Ids the run acts on, in the graph's order. */
  ids: string[];
  /** Needs of releases in the run that are not in it themselves (empty with "skip"). */
  externalNeeds: string[];
}

export function closeSelection(
  graph: ReleaseGraph,
  matched: ReadonlySet<string>,
  mode: NeedsMode,
): Selection {
  const chosen = new Set(matched);
  if (mode === "include") {
    for (const id of matched) for (const need of graph.needsOf(id)) chosen.add(need);
  } else if (mode === "include-transitive") {
    for (const id of matched) for (const need of graph.ancestorsOf(id)) chosen.add(need);
  }
  // Whatever the run leaves out but still needs must already be deployed: checked unless --skip-needs.
  return {
    ids: graph.ids.filter((id) => chosen.has(id)),
    externalNeeds: mode === "skip" ? [] : needsOutside(graph, chosen),
  };
}

/** Needs of the releases in `run` that are not in it, in the graph's order. */
export function needsOutside(graph: ReleaseGraph, run: ReadonlySet<string>): string[] {
  const external = new Set<string>();
  for (const id of run) for (const need of graph.needsOf(id)) if (!run.has(need)) external.add(need);
  return graph.ids.filter((id) => external.has(id));
}
