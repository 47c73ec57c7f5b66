// One release's part of a deploying run: the action its plan gives it —
// install/upgrade (atomic, timed, with its tests; tried again after a rollback
// when it sets `retries`); uninstall; or nothing. Never throws: the outcome is
// reported as events and a boolean for the scheduler.
import type { Diagnostics } from "../diagnose/watch.js";
import { type Target, uninstallArgs } from "../helm/args.js";
import type { HelmClient } from "../helm/client.js";
import type { Cluster } from "../kube/cluster.js";
import type { PlannedRelease } from "../plan/deploy-plan.js";
import { prepareCrds } from "../render/crds.js";
import type { RenderedRelease } from "../values/render-releases.js";
import { type AttemptResult, deployAttempt, describe } from "./deploy-attempt.js";
import type { ReleaseAction, RunListener } from "./events.js";
import { maxAttempts, pause, retryDelayMs } from "./retries.js";

export { atomicUndo } from "./deploy-attempt.js";

export interface StepOptions {
  helm: HelmClient;
  /** The release's name, namespace and cluster, as helm is told them. */
  target: Target;
  emit: RunListener;
  /** Aborted on the second Ctrl-C: running helm processes get SIGTERM and roll back. */
  signal: AbortSignal;
  /** Aborted when the grace period after `signal` ends: helm gets SIGKILL. */
  kill?: AbortSignal;
  /** Aborted when the run starts nothing new (first Ctrl-C, lost lock, --fail-fast): no further attempt. */
  stop?: AbortSignal;
  /** The release's cluster, for `crds: createReplace`. */
  cluster?: () => Promise<Cluster>;
  /** Watches the cluster while helm runs, to say why a release failed. */
  diagnostics?: Diagnostics;
}

export async function releaseStep(
  rendered: RenderedRelease,
  planned: PlannedRelease,
  options: StepOptions,
): Promise<boolean> {
  const { release } = rendered;
  const { helm, emit } = options;
  const id = release.id;
  const target = options.target;
  const action: ReleaseAction = planned.action;
  try {
    if (planned.action === "none") {
      emit({ type: "succeeded", id, action, at: Date.now() });
      return true;
    }
    if (planned.action === "uninstall") {
      emit({ type: "started", id, action, at: Date.now() });
      await helm.run(uninstallArgs(helm.major, target, release.timeout), {
        signal: options.signal,
        kill: options.kill,
      });
      emit({ type: "succeeded", id, action, at: Date.now() });
      return true;
    }
    if (planned.action === "unchanged") {
      emit({
        type: "succeeded",
        id,
        action: "unchanged",
        revision: planned.revision ?? undefined,
        at: Date.now(),
      });
      return true;
    }
    emit({ type: "started", id, action, at: Date.now() });
    const source = { chart: release.chart, version: release.version };
    const crdFlags = await prepareCrds(release, source, target, helm, options.cluster, options.signal);
    const result = await attempts(rendered, planned, target, crdFlags, options);
    if (result.ok) {
      emit({ type: "succeeded", id, action, revision: result.revision, at: Date.now() });
      return true;
    }
    if (result.undo) emit({ type: "rolledBack", id, ...result.undo, at: Date.now() });
    emit({ type: "failed", id, action, error: result.error, diagnosis: result.diagnosis, at: Date.now() });
    return false;
  } catch (error) {
    emit({ type: "failed", id, action, error: describe(error), at: Date.now() });
    return false;
  }
}

/** Attempts until one succeeds, one cannot be retried, the retries are spent or the run stops. */
async function attempts(
  rendered: RenderedRelease,
  planned: PlannedRelease,
  target: Target,
  crdFlags: readonly string[],
  options: StepOptions,
): Promise<AttemptResult> {
  const { emit } = options;
  const id = rendered.release.id;
  const policy = rendered.release.retries;
  const max = maxAttempts(policy);
  // What was live before this run (after a --recover, the revision it went back to is looked up by helm).
  const live = planned.revision === null ? undefined : { revision: planned.revision, status: planned.status };
  const stop = options.stop ?? new AbortController().signal;
  for (let attempt = 1; ; attempt++) {
    if (attempt > 1) emit({ type: "attempt", id, attempt, maxAttempts: max, at: Date.now() });
    const result = await deployAttempt(rendered, {
      helm: options.helm,
      target,
      live,
      crdFlags,
      forceConflicts: planned.forceConflicts,
      signal: options.signal,
      kill: options.kill,
      diagnostics: options.diagnostics,
      onTesting: () => emit({ type: "testing", id, at: Date.now() }),
    });
    if (result.ok) return result;
    const stopping = stop.aborted || options.signal.aborted;
    const delayMs = retryDelayMs(policy, attempt, result, stopping);
    if (delayMs === undefined || !result.undo) {
      return stopping && policy && attempt < max && result.undo
        ? { ...result, error: `${result.error} (not retried: the run is stopping)` }
        : result;
    }
    emit({
      type: "retrying",
      id,
      attempt,
      maxAttempts: max,
      error: result.error,
      undo: result.undo,
      diagnosis: result.diagnosis,
      delayMs,
      at: Date.now(),
    });
    if (!(await pause(delayMs, anyOf(stop, options.signal)))) {
      return { ...result, error: `${result.error} (not retried: the run is stopping)` };
    }
  }
}

function anyOf(...signals: AbortSignal[]): AbortSignal {
  return AbortSignal.any(signals);
}
