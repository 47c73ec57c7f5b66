// The rollback plan: what undoing a recorded run does to each release it
// changed, decided from data alone — the run's record and what the cluster
// holds now. A release the run upgraded goes back to its revision before; one
// it installed is uninstalled; the order is the run's graph reversed
// (dependents first). A release that moved on since the run (its revision is
// no longer the one the run left) is refused unless forced. No I/O here: the
// executor (run/execute-rollback.ts) only executes this plan.
import { ClusterStateError } from "../errors.js";
import { ReleaseGraph } from "../graph/release-graph.js";
import { levels } from "../graph/schedule.js";
import { type DeployedRelease, PENDING } from "../kube/release-record.js";
import { liveRelease } from "./deploy-plan.js";
import {
  changedReleases,
  type RecordedRelease,
  type RecordedSettings,
  type RunRecord,
} from "./run-record.js";

/** `rollback`: helm rollback to `toRevision`; `uninstall`; `keep`: nothing to do (or nothing possible). */
export type RollbackAction = "rollback" | "uninstall" | "keep";

export interface RollbackStep {
  id: string;
  name: string;
  namespace: string;
  /** 1-based depth in the reversed graph: steps of one stage can run at the same time. */
  stage: number;
  action: RollbackAction;
  /** The revision a `rollback` goes back to. */
  toRevision: number | null;
  /** The live revision now (null: not installed). */
  current: number | null;
  /** What the undone run left (null: absent, or unknown for an unfinished run). */
  runAfter: number | null;
  reason: string;
  settings: RecordedSettings;
}

export interface Refusal {
  kind: "moved-on" | "not-restorable" | "stuck" | "not-installed" | "no-such-revision";
  id: string;
  message: string;
  /** --force overrides it. */
  forcible: boolean;
}

export interface RollbackPlan {
  /** The run undone; null for a single release's rollback. */
  undoes: string | null;
  environment: string;
  /** In execution order. */
  steps: RollbackStep[];
  /** The graph to execute: every release of the undone run (steps or not), edges reversed. */
  graph: { ids: string[]; edges: [string, string][] };
  /** What stops the rollback (forcible ones are gone with --force, and listed in `forced`). */
  refusals: Refusal[];
  forced: Refusal[];
  /** The releases the rollback claims in the deploy lock. */
  lock: { releases: string[] };
}

export class RollbackRefusedError extends ClusterStateError {}

export interface RunRollbackInput {
  record: RunRecord;
  /** The latest revision of each release of the run, as the cluster holds it now. */
  current: ReadonlyMap<string, DeployedRelease>;
  force: boolean;
}

export function buildRunRollbackPlan(input: RunRollbackInput): RollbackPlan {
  const { record } = input;
  const graph = new ReleaseGraph(
    record.releases.map((r) => r.id),
    record.edges,
  ).reversed();
  const stage = stagesOf(graph);
  const refusals: Refusal[] = [];
  const steps = changedReleases(record).map((r) => {
    const decided = decideRelease(r, liveRelease(input.current.get(r.id)), record);
    if (decided.refusal) refusals.push(decided.refusal);
    return stepOf(r, stage.get(r.id) ?? 1, decided);
  });
  return finish(record.id, record.environment, steps, graph, refusals, input.force);
}

interface Decision {
  action: RollbackAction;
  toRevision: number | null;
  current: number | null;
  runAfter: number | null;
  reason: string;
  refusal?: Refusal;
}

function decideRelease(r: RecordedRelease, live: DeployedRelease | undefined, record: RunRecord): Decision {
  const current = live?.revision ?? null;
  const finished = record.outcome !== "started";
  const runAfter = finished ? r.after : null;
  const base = { current, runAfter };
  const run = `run ${record.id}`;
  if (live && PENDING.includes(live.status)) {
    return {
      ...base,
      action: "keep",
      toRevision: null,
      reason: `stuck ${live.status}`,
      refusal: {
        kind: "stuck",
        id: r.id,
        message: `${r.id} is stuck in ${live.status} (revision ${current})`,
        forcible: false,
      },
    };
  }
  const movedOn =
    finished && current !== r.after
      ? {
          kind: "moved-on" as const,
          id: r.id,
          message: `${r.id} moved on since ${run}: it is at ${revisionText(current)}, the run left ${revisionText(r.after)}`,
          forcible: true,
        }
      : undefined;
  if (r.before === null) {
    if (current === null) return { ...base, action: "keep", toRevision: null, reason: "not installed" };
    return {
      ...base,
      action: "uninstall",
      toRevision: null,
      reason: `installed by ${run}`,
      refusal: movedOn,
    };
  }
  if (current === null) {
    return {
      ...base,
      action: "keep",
      toRevision: null,
      reason: "uninstalled: helm keeps no history of it",
      refusal: {
        kind: "not-restorable",
        id: r.id,
        message: `${r.id} was uninstalled (${r.after === null && finished ? `by ${run}` : "since"}): helm keeps no history of an uninstalled release, so it cannot be rolled back to revision ${r.before}`,
        forcible: true,
      },
    };
  }
  if (current === r.before) {
    return { ...base, action: "keep", toRevision: null, reason: `already at revision ${r.before}` };
  }
  return {
    ...base,
    action: "rollback",
    toRevision: r.before,
    reason: `back to revision ${r.before}, as before ${run}`,
    refusal: movedOn,
  };
}

export interface ReleaseRollbackInput {
  environment: string;
  release: { id: string; name: string; namespace: string; settings: RecordedSettings };
  /** Its latest revision now. */
  current: DeployedRelease | undefined;
  /** Revisions helm still holds for it (`helm history`). */
  history: readonly { revision: number; status: string }[];
  /** --revision; default: the revision before the current one. */
  revision?: number;
}

/** `rollback <release> [--revision N]`: one step, refused when there is nothing to go back to. */
export function buildReleaseRollbackPlan(input: ReleaseRollbackInput): RollbackPlan {
  const { release } = input;
  const live = liveRelease(input.current);
  const current = live?.revision ?? null;
  const toRevision = input.revision ?? (current === null ? null : current - 1);
  const refusals: Refusal[] = [];
  const refuse = (kind: Refusal["kind"], message: string) =>
    refusals.push({ kind, id: release.id, message, forcible: false });
  if (live === undefined) refuse("not-installed", `${release.id} is not installed: nothing to roll back`);
  else if (PENDING.includes(live.status))
    refuse("stuck", `${release.id} is stuck in ${live.status} (revision ${current})`);
  else if (toRevision === null || !input.history.some((h) => h.revision === toRevision)) {
    const kept = input.history.map((h) => h.revision);
    refuse(
      "no-such-revision",
      `${release.id} has no revision ${toRevision ?? `before ${current}`} (helm keeps ${kept.length > 0 ? `revisions ${Math.min(...kept)}-${Math.max(...kept)}` : "none"})`,
    );
  }
  const step: RollbackStep = {
    id: release.id,
    name: release.name,
    namespace: release.namespace,
    stage: 1,
    action: refusals.length > 0 ? "keep" : "rollback",
    toRevision,
    current,
    runAfter: null,
    reason: input.revision === undefined ? "back to the previous revision" : `back to revision ${toRevision}`,
    settings: release.settings,
  };
  return finish(null, input.environment, [step], new ReleaseGraph([release.id], []), refusals, false);
}

function stepOf(r: RecordedRelease, stage: number, d: Decision): RollbackStep {
  const { timeoutSeconds, wait, tests, historyMax, waitForJobs, force } = r;
  return {
    id: r.id,
    name: r.name,
    namespace: r.namespace,
    stage,
    action: d.action,
    toRevision: d.toRevision,
    current: d.current,
    runAfter: d.runAfter,
    reason: d.reason,
    settings: { timeoutSeconds, wait, tests, historyMax, waitForJobs, force },
  };
}

function finish(
  undoes: string | null,
  environment: string,
  steps: RollbackStep[],
  graph: ReleaseGraph,
  refusals: Refusal[],
  force: boolean,
): RollbackPlan {
  const forced = force ? refusals.filter((r) => r.forcible) : [];
  // A forced release that cannot be restored stays as it is; a forced moved-on one is rolled back.
  const forcedAway = new Set(forced.filter((r) => r.kind === "not-restorable").map((r) => r.id));
  return {
    undoes,
    environment,
    steps: [...steps]
      .sort((a, b) => a.stage - b.stage)
      .map((s) => (forcedAway.has(s.id) ? { ...s, action: "keep" } : s)),
    graph: { ids: [...graph.ids], edges: graph.edges.map(([a, b]) => [a, b]) },
    refusals: refusals.filter((r) => !forced.includes(r)),
    forced,
    lock: { releases: steps.map((s) => s.id) },
  };
}

function stagesOf(graph: ReleaseGraph): Map<string, number> {
  return new Map(levels(graph).flatMap((ids, i) => ids.map((id) => [id, i + 1] as const)));
}

function revisionText(revision: number | null): string {
  return revision === null ? "not installed" : `revision ${revision}`;
}

/** The plan's refusals as one error: each release named with its revisions. */
export function refusalError(plan: RollbackPlan): RollbackRefusedError | undefined {
  if (plan.refusals.length === 0) return undefined;
  const forcible = plan.refusals.every((r) => r.forcible);
  return new RollbackRefusedError(`rollback refused: ${plan.refusals.map((r) => r.message).join("; ")}`, {
    hint: forcible
      ? "nothing was changed; pass --force to roll back anyway (releases that cannot be restored are left as they are)"
      : "nothing was changed; recover stuck releases with `releases sync --recover=rollback`, or pick another --revision",
  });
}
