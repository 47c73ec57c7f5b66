// The plan as `apply` and `sync` show it before changing anything: one line
// per release that changes — its action, why, and which values change (paths
// only, never values) — and the unchanged ones folded into a line. The same
// DeployPlan `--dry-run` prints in full. Pure.
import { countActions, type DeployPlan, type PlannedRelease } from "./deploy-plan.js";
import type { ValuesChange } from "./values-change.js";

/** What is known of a release's desired state beyond the plan, to summarize its change. */
export interface ReleaseDetail {
  chart: string;
  /** Leaves in the desired values (an install), or the change against the deployed values (an upgrade). */
  values?: { count: number } | ValuesChange;
}

const PATHS_SHOWN = 5;

/** True when executing the plan changes something (the question is asked only then). */
export function planChanges(plan: DeployPlan): boolean {
  return plan.releases.some((r) => r.action !== "unchanged" && r.action !== "none");
}

export function formatPlanPreview(plan: DeployPlan, details: ReadonlyMap<string, ReleaseDetail>): string {
  const changing = plan.releases.filter((r) => r.action !== "unchanged" && r.action !== "none");
  const lines = [
    `plan: ${countActions(plan) || "no releases"}${changing.length === 0 ? "; nothing to change" : ""}`,
  ];
  const actionWidth = Math.max(0, ...changing.map((r) => r.action.length));
  const idWidth = Math.max(0, ...changing.map((r) => r.id.length));
  for (const r of [...changing].sort((a, b) => a.stage - b.stage)) {
    lines.push(
      `  ${r.action.padEnd(actionWidth)}  ${r.id.padEnd(idWidth)}  ${releaseText(r, details.get(r.id))}`,
    );
  }
  const resting = plan.releases.filter((r) => r.action === "unchanged" || r.action === "none");
  if (resting.length > 0 && changing.length > 0) {
    lines.push(
      `  ${list(
        resting.map((r) => r.id),
        PATHS_SHOWN,
      )} ${resting.length === 1 ? "stays" : "stay"} as ${resting.length === 1 ? "it is" : "they are"}`,
    );
  }
  return lines.join("\n");
}

function releaseText(r: PlannedRelease, detail: ReleaseDetail | undefined): string {
  const parts = [r.revision === null ? r.reason : `${r.reason} (revision ${r.revision})`];
  if (r.action === "install" || r.action === "upgrade") {
    if (detail) parts.push(`chart ${detail.chart}`);
    const values = detail?.values;
    if (values && "count" in values) parts.push(values.count === 0 ? "no values" : `${values.count} values`);
    else if (values) parts.push(changeText(values));
  }
  return parts.join("; ");
}

export function changeText(change: ValuesChange): string {
  const parts = [
    change.changed.length > 0 ? `values changed: ${list(change.changed, PATHS_SHOWN)}` : undefined,
    change.added.length > 0 ? `added: ${list(change.added, PATHS_SHOWN)}` : undefined,
    change.removed.length > 0 ? `removed: ${list(change.removed, PATHS_SHOWN)}` : undefined,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(", ") : "values unchanged";
}

function list(items: readonly string[], shown: number): string {
  const head = items.slice(0, shown).join(", ");
  return items.length > shown ? `${head} and ${items.length - shown} more` : head;
}
