// A deploying run (sync, apply, destroy): read the cluster once, check what
// must hold before anything changes, take the lock, then run the graph.
import { ClusterStateError } from "../errors.js";
import type { ReleaseGraph } from "../graph/release-graph.js";
import { type Outcome, runGraph } from "../graph/schedule.js";
import { type Target, uninstallArgs } from "../helm/args.js";
import type { HelmClient } from "../helm/client.js";
import { type Cluster, readDeployedReleases } from "../kube/cluster.js";
import { acquireLease } from "../kube/lease.js";
import type { Release, Repository } from "../model/project.js";
import { plannedAction } from "../plan/actions.js";
import type { RenderedRelease } from "../values/render-releases.js";
import type { RunListener } from "./events.js";
import { type HookDeps, withHooks } from "./hooks.js";
import { checkExternalNeeds, findPending, type RecoverMode, recoverPending } from "./preflight.js";
import { syncReleaseStep } from "./release-step.js";
import { prepareRepositories } from "./repositories.js";

export interface Interrupts {
  /** First Ctrl-C: start nothing new. */
  soft: AbortController;
  /** Second Ctrl-C: stop running helm processes gracefully (they roll back). */
  hard: AbortController;
}

export interface RunSettings {
  helm: HelmClient;
  cluster: Cluster;
  environment: string;
  kubeContext?: string;
  concurrency: number;
  failFast: boolean;
  recover?: RecoverMode;
  lockTimeoutSeconds: number;
  emit: RunListener;
  interrupts: Interrupts;
  /** Release hooks (absent: hooks do not run). */
  hooks?: HookDeps;
}

export async function syncRun(
  rendered: readonly RenderedRelease[],
  graph: ReleaseGraph,
  externalNeeds: readonly string[],
  repositories: readonly Repository[],
  settings: RunSettings & { skipUnchanged: boolean },
): Promise<Map<string, Outcome>> {
  const ids = rendered.map((r) => r.release.id);
  return withLock(settings, async () => {
    const deployed = await readDeployedReleases(settings.cluster, {
      ids: new Set([...ids, ...externalNeeds]),
    });
    checkExternalNeeds(externalNeeds, deployed);
    const timeoutOf = (id: string) => rendered.find((r) => r.release.id === id)?.release.timeout ?? 300;
    await recoverPending(
      findPending(ids, deployed),
      settings.recover,
      settings.helm,
      settings.kubeContext,
      timeoutOf,
    );
    await prepareRepositories(
      rendered.map((r) => r.release),
      repositories,
      settings.helm,
    );
    const byId = new Map(rendered.map((r) => [r.release.id, r]));
    for (const id of ids) settings.emit({ type: "queued", id });
    const outcomes = await runGraph(
      graph,
      {
        concurrency: settings.concurrency,
        weight: (id) => byId.get(id)?.release.timeout ?? 1,
        signal: settings.interrupts.soft.signal,
        onSkip: (id, reason) =>
          settings.emit({ type: "skipped", id, reason: skipText(reason), at: Date.now() }),
      },
      async (id) => {
        const r = byId.get(id)!;
        const action = plannedAction(r, deployed.get(id), settings.skipUnchanged);
        const ok = await withHooks(r.release, action, settings.hooks, settings.emit, (emit) =>
          syncReleaseStep(r, {
            helm: settings.helm,
            deployed: deployed.get(id),
            kubeContext: settings.kubeContext,
            skipUnchanged: settings.skipUnchanged,
            emit,
            signal: settings.interrupts.hard.signal,
            cluster: settings.cluster,
          }),
        );
        if (!ok && settings.failFast) settings.interrupts.soft.abort();
        return ok;
      },
    );
    if (settings.interrupts.hard.signal.aborted) await leaveNothingPending(ids, settings, timeoutOf);
    return outcomes;
  });
}

export async function destroyRun(
  releases: readonly Release[],
  graph: ReleaseGraph,
  settings: RunSettings,
): Promise<Map<string, Outcome>> {
  return withLock(settings, async () => {
    const deployed = await readDeployedReleases(settings.cluster, {
      ids: new Set(releases.map((r) => r.id)),
    });
    const byId = new Map(releases.map((r) => [r.id, r]));
    for (const r of releases) settings.emit({ type: "queued", id: r.id });
    return await runGraph(
      graph.reversed(),
      {
        concurrency: settings.concurrency,
        signal: settings.interrupts.soft.signal,
        onSkip: (id, reason) =>
          settings.emit({ type: "skipped", id, reason: skipText(reason), at: Date.now() }),
      },
      async (id) => {
        const release = byId.get(id)!;
        const target: Target = {
          name: release.name,
          namespace: release.namespace,
          kubeContext: settings.kubeContext,
        };
        const action = deployed.has(id) ? "uninstall" : "none";
        return withHooks(release, action, settings.hooks, settings.emit, async (emit) => {
          if (action === "none") {
            emit({ type: "succeeded", id, action: "none", at: Date.now() });
            return true;
          }
          emit({ type: "started", id, action: "uninstall", at: Date.now() });
          try {
            await settings.helm.run(uninstallArgs(settings.helm.major, target, release.timeout), {
              signal: settings.interrupts.hard.signal,
            });
            emit({ type: "succeeded", id, action: "uninstall", at: Date.now() });
            return true;
          } catch (error) {
            emit({
              type: "failed",
              id,
              action: "uninstall",
              error: error instanceof Error ? error.message : String(error),
              at: Date.now(),
            });
            return false;
          }
        });
      },
    );
  });
}

/**
 * After helm processes were stopped, a release can be left pending when helm
 * could not finish its own rollback: roll those back (or uninstall a first
 * install) so no release stays stuck.
 */
async function leaveNothingPending(
  ids: readonly string[],
  settings: RunSettings,
  timeoutOf: (id: string) => number,
): Promise<void> {
  const after = await readDeployedReleases(settings.cluster, { ids: new Set(ids) });
  await recoverPending(findPending(ids, after), "rollback", settings.helm, settings.kubeContext, timeoutOf);
}

/**
 * One deploying run per environment and cluster. The lock comes first and the
 * cluster is read under it: what another run deployed while we waited is what we see.
 */
async function withLock<T>(settings: RunSettings, work: () => Promise<T>): Promise<T> {
  const lock = await acquireLease(settings.cluster, {
    environment: settings.environment,
    waitSeconds: settings.lockTimeoutSeconds,
    signal: settings.interrupts.soft.signal,
  });
  try {
    return await work();
  } finally {
    await lock.release();
  }
}

function skipText(reason: { kind: "need-failed"; needs: string[] } | { kind: "aborted" }): string {
  return reason.kind === "aborted"
    ? "interrupted: not started"
    : `needs ${reason.needs.join(", ")}, which did not succeed`;
}

export { ClusterStateError };
