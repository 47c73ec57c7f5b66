// Where a release goes back to: helm's history read through the one helm client.
import { historyArgs, type Target } from "../helm/args.js";
import type { HelmClient } from "../helm/client.js";

/**
 * The newest revision up to `upTo` that deployed fine (`deployed`, or
 * `superseded` by a later one): what helm's own atomic rollback picks. A
 * failed or pending revision is never a target. Undefined when there is none.
 */
export async function lastGoodRevision(
  helm: HelmClient,
  target: Target,
  upTo: number,
): Promise<number | undefined> {
  const history = JSON.parse((await helm.run(historyArgs(target))).stdout) as HistoryEntry[];
  return lastGood(history, upTo);
}

export interface HistoryEntry {
  revision: number;
  status: string;
}

/** The pure half of lastGoodRevision: the rule applied to `helm history -o json`. */
export function lastGood(history: readonly HistoryEntry[], upTo: number): number | undefined {
  const good = history.filter(
    (h) => h.revision <= upTo && (h.status === "deployed" || h.status === "superseded"),
  );
  return good.length === 0 ? undefined : Math.max(...good.map((h) => h.revision));
}
