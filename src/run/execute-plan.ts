// Executes a deploy plan, and nothing else decides: recover the stuck releases
// the plan says to, add the repositories its charts come from, then run the
// graph — each release's planned action the moment its needs are done
// (reversed for destroy). Afterwards, when helm processes were stopped or a
// release failed, no release may be left pending.
import { prepareRepositories } from "../charts/repositories.js";
import type { Diagnostics } from "../diagnose/watch.js";
import type { ReleaseGraph } from "../graph/release-graph.js";
import { type Outcome, runGraph, type SkipReason } from "../graph/schedule.js";
import type { Target } from "../helm/args.js";
import type { HelmClient } from "../helm/client.js";
import type { Cluster } from "../kube/cluster.js";
import type { DeployedRelease } from "../kube/release-record.js";
import type { Repository } from "../model/project.js";
import type { DeployPlan } from "../plan/deploy-plan.js";
import type { RenderedRelease } from "../values/render-releases.js";
import type { RunListener } from "./events.js";
import { type HookDeps, withHooks } from "./hooks.js";
import { pendingAmong, type RecoverOptions, recoverStuck } from "./recover.js";
import { releaseStep } from "./release-step.js";

export interface Interrupts {
  /** Start nothing new (first Ctrl-C, a lost lock, --fail-fast). */
  soft: AbortController;
  /** Stop running helm processes gracefully: SIGTERM, they roll back (second Ctrl-C, SIGTERM). */
  hard: AbortController;
  /** Kill helm processes that outlived the grace period after `hard` (SIGKILL; recovered after). */
  kill?: AbortController;
}

export interface ExecuteSettings {
  helm: HelmClient;
  /** What helm is told about a release: its name, namespace and cluster. */
  targetOf: (id: string) => Target;
  repositories: readonly Repository[];
  env: Readonly<Record<string, string | undefined>>;
  concurrency: number;
  failFast: boolean;
  emit: RunListener;
  interrupts: Interrupts;
  /** A release's cluster, for `crds: createReplace`. */
  clusterOf?: (id: string) => Promise<Cluster>;
  /** Release hooks (absent: hooks do not run). */
  hooks?: HookDeps;
  /** Watches the cluster while helm runs, to say why a release failed (absent: errors only). */
  diagnostics?: Diagnostics;
  /** Reads the current state of `ids` again (to find releases left pending). */
  readState(ids: ReadonlySet<string>): Promise<ReadonlyMap<string, DeployedRelease>>;
}

export interface Execution {
  outcomes: Map<string, Outcome>;
  /** Releases the run touched whose state could not be checked afterwards (the cluster unreachable). */
  unverified: string[];
}

export async function executePlan(
  plan: DeployPlan,
  rendered: readonly RenderedRelease[],
  graph: ReleaseGraph,
  settings: ExecuteSettings,
): Promise<Execution> {
  const { helm, emit, interrupts } = settings;
  const byId = new Map(rendered.map((r) => [r.release.id, r]));
  const planned = new Map(plan.releases.map((p) => [p.id, p]));
  const timeoutOf = (id: string) => byId.get(id)?.release.timeout ?? 300;
  const common = { targetOf: settings.targetOf, timeoutOf };

  for (const mode of ["rollback", "uninstall"] as const) {
    const stuck = plan.releases.filter((p) => p.recover === mode && p.revision !== null);
    await recoverStuck(
      stuck.map((p) => ({ ...p, revision: p.revision! })),
      mode,
      helm,
      common,
    );
  }
  const deploying = plan.releases.filter((p) => p.action === "install" || p.action === "upgrade");
  await prepareRepositories(
    deploying.map((p) => byId.get(p.id)!.release),
    settings.repositories,
    helm,
    settings.env,
  );

  for (const p of plan.releases) emit({ type: "queued", id: p.id });
  const outcomes = await runGraph(
    plan.mode === "destroy" ? graph.reversed() : graph,
    {
      concurrency: settings.concurrency,
      weight: timeoutOf,
      signal: interrupts.soft.signal,
      onSkip: (id, reason) => emit({ type: "skipped", id, reason: skipText(reason), at: Date.now() }),
      // A step never throws; if one does (a bug), its release fails with the error instead of vanishing.
      onError: (id, error) =>
        emit({
          type: "failed",
          id,
          action: planned.get(id)?.action ?? "none",
          error: `internal error: ${error instanceof Error ? error.message : String(error)}`,
          at: Date.now(),
        }),
    },
    async (id) => {
      const r = byId.get(id)!;
      const p = planned.get(id)!;
      const ok = await withHooks(r.release, p.action, settings.hooks, emit, (stepEmit) =>
        releaseStep(r, p, {
          helm,
          target: settings.targetOf(id),
          emit: stepEmit,
          signal: interrupts.hard.signal,
          kill: interrupts.kill?.signal,
          stop: interrupts.soft.signal,
          cluster: settings.clusterOf && (() => settings.clusterOf!(id)),
          diagnostics: settings.diagnostics,
        }),
      );
      if (!ok && settings.failFast) interrupts.soft.abort();
      return ok;
    },
  );

  const touched = plan.releases
    .filter((p) => p.action !== "unchanged" && p.action !== "none")
    .map((p) => p.id);
  const troubled = interrupts.hard.signal.aborted || [...outcomes.values()].includes("failed");
  return { outcomes, unverified: troubled ? await leaveNothingPending(touched, settings, common) : [] };
}

/**
 * After helm processes were stopped or failed, a release can be left pending
 * when helm could not finish its own rollback (killed, or the API server went
 * away): roll those back without waiting (or uninstall a first install). What
 * cannot be recovered now (the cluster unreachable) is returned, to be said.
 */
export async function leaveNothingPending(
  ids: readonly string[],
  settings: Pick<ExecuteSettings, "helm" | "readState">,
  common: Pick<RecoverOptions, "targetOf" | "timeoutOf">,
): Promise<string[]> {
  if (ids.length === 0) return [];
  try {
    const after = await settings.readState(new Set(ids));
    const stuck = pendingAmong(ids, after);
    await recoverStuck(stuck, "rollback", settings.helm, { ...common, wait: false });
    return [];
  } catch {
    return [...ids];
  }
}

export function skipText(reason: SkipReason): string {
  return reason.kind === "aborted"
    ? "interrupted: not started"
    : `needs ${reason.needs.join(", ")}, which did not succeed`;
}
