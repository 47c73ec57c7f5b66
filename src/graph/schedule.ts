// Runs a release graph with p-graph: each release starts the moment its needs
// are done (no level-by-level batches), at most `concurrency` at once, and among
// ready releases the one heading the longest remaining path (by weight) first.
//
// p-graph rejects the whole run on the first error and cannot cancel, so tasks
// here never throw: a task reports success or failure, dependents of a failure
// are skipped and reported, and an aborted signal skips everything not started.
import { PGraph } from "p-graph";
import type { ReleaseGraph } from "./release-graph.js";

export type Outcome = "succeeded" | "failed" | "skipped";

export type SkipReason = { kind: "need-failed"; needs: string[] } | { kind: "aborted" };

export interface ScheduleOptions {
  concurrency: number;
  /** Relative expected duration of a release; defaults to 1 each. */
  weight?: (id: string) => number;
  signal?: AbortSignal;
  onSkip?: (id: string, reason: SkipReason) => void;
  /** A task threw (a bug in the task): the release counts as failed and this reports the error. */
  onError?: (id: string, error: unknown) => void;
}

/** `task` resolves true on success, false on failure; it must not throw. */
export async function runGraph(
  graph: ReleaseGraph,
  options: ScheduleOptions,
  task: (id: string) => Promise<boolean>,
): Promise<Map<string, Outcome>> {
  const outcomes = new Map<string, Outcome>();
  const nodes = new Map(graph.ids.map((id) => [id, { priority: options.weight?.(id) ?? 1 }]));
  const run = async (id: string): Promise<void> => {
    const blocked = graph.needsOf(id).filter((need) => outcomes.get(need) !== "succeeded");
    if (blocked.length > 0) {
      outcomes.set(id, "skipped");
      options.onSkip?.(id, { kind: "need-failed", needs: blocked });
      return;
    }
    if (options.signal?.aborted) {
      outcomes.set(id, "skipped");
      options.onSkip?.(id, { kind: "aborted" });
      return;
    }
    let ok = false;
    try {
      ok = await task(id);
    } catch (error) {
      ok = false; // a task that throws is a bug in the task: a failure, reported, never a stalled graph
      options.onError?.(id, error);
    }
    outcomes.set(id, ok ? "succeeded" : "failed");
  };
  await new PGraph(nodes, graph.edges as [string, string][]).run({
    run,
    concurrency: Math.max(1, options.concurrency),
  });
  return outcomes;
}

/** Releases grouped by depth: everything in a group can run at the same time. For display. */
export function levels(graph: ReleaseGraph): string[][] {
  const depth = new Map<string, number>();
  const depthOf = (id: string): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    const d = Math.max(-1, ...graph.needsOf(id).map(depthOf)) + 1;
    depth.set(id, d);
    return d;
  };
  const out: string[][] = [];
  for (const id of graph.ids) {
    const d = depthOf(id);
    out[d] = [...(out[d] ?? []), id];
  }
  return out;
}

/** The heaviest path through the graph and its total weight. */
export function criticalPath(
  graph: ReleaseGraph,
  weight: (id: string) => number,
): { path: string[]; total: number } {
  const best = new Map<string, { total: number; path: string[] }>();
  const bestTo = (id: string): { total: number; path: string[] } => {
    const known = best.get(id);
    if (known) return known;
    let prefix = { total: 0, path: [] as string[] };
    for (const need of graph.needsOf(id)) {
      const candidate = bestTo(need);
      if (candidate.total > prefix.total) prefix = candidate;
    }
    const result = { total: prefix.total + weight(id), path: [...prefix.path, id] };
    best.set(id, result);
    return result;
  };
  let top = { total: 0, path: [] as string[] };
  for (const id of graph.ids) {
    const candidate = bestTo(id);
    if (candidate.total > top.total) top = candidate;
  }
  return top;
}
