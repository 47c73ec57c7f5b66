// A deploying run, in the order its guarantees need: take the lock for the
// releases it decides about, read their state (and that of the needs outside
// it) in one pass, plan, stop on anything that blocks the plan — all before
// any change — then let the caller make its change (a rotation writes its
// secret here), and execute the plan. A lost lock starts nothing new and
// fails the run with exit 4 once running releases are done.

import type { DriftReport } from "../drift/read-drift.js";
import type { ReleaseDrift } from "../drift/release-drift.js";
import { ClusterStateError, InterruptedError, ReleaseFailedError } from "../errors.js";
import { needsOutside } from "../graph/selection.js";
import type { Cluster } from "../kube/cluster.js";
import type { DeployedRelease } from "../kube/release-record.js";
import { type RunRecordStore, runRecordStore } from "../kube/run-records.js";
import { buildDeployPlan, type DeployPlan, type PlanMode } from "../plan/deploy-plan.js";
import type { DriftScope } from "../plan/drift-scope.js";
import type { RunSummary } from "../report/summary.js";
import { executePlan } from "../run/execute-plan.js";
import { type HookDeps, spawnExec } from "../run/hooks.js";
import type { Redactor } from "../secrets/redactor.js";
import type { RenderedRelease } from "../values/render-releases.js";
import { lockClusters } from "./cluster-locks.js";
import type { ProjectClusters } from "./clusters.js";
import type { CommandContext } from "./context.js";
import { diagnosticsFor } from "./diagnostics.js";
import { checkDrift, debugLine, desiredReleases, driftOf } from "./drift.js";
import { captureInterrupts, lazyReporter } from "./interrupts.js";
import type { RunOptions } from "./run-options.js";
import { changesAnything, recorded, recordedReleases, startRecording } from "./run-recording.js";
import type { Workspace } from "./workspace.js";

export interface DeployRequest {
  workspace: Workspace;
  /** The releases of the run, rendered (values are not needed to destroy). */
  rendered: readonly RenderedRelease[];
  mode: PlanMode;
  /** What the run's record calls it: `sync`, `apply`, `destroy`, `rotate vault`, `secrets rotate`. */
  command: string;
  options: RunOptions;
  /**
   * Called once everything is checked and the lock is held, before the first
   * change; may return the releases rendered anew (after a secret changed).
   */
  beforeChanges?: () => Promise<readonly RenderedRelease[] | undefined>;
  /**
   * Shows the plan before any change, and may refuse it (apply/sync, see review.ts); the lock is held.
   * `deployed`: the releases' latest revisions, read once under the lock, with their values when `readValues`.
   */
  review?: (plan: DeployPlan, deployed: ReadonlyMap<string, DeployedRelease>) => Promise<void>;
  /** Decode the deployed revisions' payloads (values, manifest) in the one read, for the review. */
  readValues?: boolean;
}

export interface DeployResult {
  plan: DeployPlan;
  summary: RunSummary | undefined;
}

/** Runs the plan; throws when it cannot start, is interrupted, loses its lock, or a release fails. */
export async function deploy(ctx: CommandContext, request: DeployRequest): Promise<DeployResult> {
  const { workspace, options } = request;
  const environment = workspace.project.environment;
  const helm = await ctx.session.helm(options.helmBinary);
  const clusters = ctx.session.clustersOf(workspace.project);
  const ids = request.rendered.map((r) => r.release.id);
  const outside = needsOutsideOf(ctx, workspace, new Set(ids));
  const reporter = lazyReporter(ctx);
  const interrupts = captureInterrupts(ctx);
  let plan: DeployPlan | undefined;
  try {
    const lock = await lockClusters(clusters, ids, (cluster, releases) => ({
      namespace: lockNamespaceOf(options, workspace, cluster),
      environment: environment.name,
      releases,
      durationSeconds: options.lockDuration,
      waitSeconds: options.lockTimeout,
      signal: interrupts.soft.signal,
    }));
    try {
      const scope = request.mode === "apply" && !options.ignoreDrift ? "unchanged" : undefined;
      const deployed = await clusters.read([...ids, ...outside], {
        decode: scope !== undefined || request.readValues,
      });
      const withDrift = await planWithDrift(
        clusters,
        request.mode,
        workspace,
        request.rendered,
        outside,
        deployed,
        { recover: options.recover, drift: scope, debug: debugLine(ctx) },
      );
      const drift = driftOf(withDrift.drift);
      const planFor = (rendered: readonly RenderedRelease[]) =>
        rendered === request.rendered
          ? withDrift.plan
          : planDeploy(request.mode, workspace, rendered, outside, deployed, {
              recover: options.recover,
              drift,
            });
      plan = planFor(request.rendered);
      throwBlockers(plan);
      if (interrupts.soft.signal.aborted) throw new InterruptedError("interrupted; nothing was changed");
      await request.review?.(plan, deployed);
      if (interrupts.soft.signal.aborted) throw new InterruptedError("interrupted; nothing was changed");
      const rendered = (await request.beforeChanges?.()) ?? request.rendered;
      if (rendered !== request.rendered) plan = planFor(rendered);
      const onLost = () => interrupts.soft.abort();
      lock.lost.addEventListener("abort", onLost, { once: true });
      const graph = workspace.graph.restrict(new Set(ids));
      const planned = plan;
      const recorder = changesAnything(planned)
        ? await startRecording(ctx, await recordStore(clusters, options, workspace), options, {
            environment: environment.name,
            command: request.command,
            releases: recordedReleases(planned, rendered),
            edges: graph.edges,
          })
        : undefined;
      const execution = await recorded(recorder, clusters, ids, interrupts, lock.lost, () =>
        executePlan(planned, rendered, graph, {
          helm,
          targetOf: (id) => clusters.targetOf(id),
          repositories: workspace.project.repositories,
          env: ctx.io.env,
          concurrency: options.concurrency,
          failFast: options.failFast,
          emit: reporter.listener,
          interrupts,
          readState: (which) => clusters.read(which),
          clusterOf: (id) => clusters.of(id),
          hooks: hookDeps(ctx.io, ctx.redactor, environment.name, interrupts.hard.signal),
          diagnostics: diagnosticsFor((ref) => ctx.session.cluster(ref), ctx.redactor),
        }),
      );
      checkAfterExecution(ctx, execution.unverified, lock.lost, {
        pending: "run the same command with --recover=rollback once it does",
        lost: "run again to finish",
      });
    } finally {
      await lock.release();
    }
  } finally {
    interrupts.dispose();
    reporter.finish();
  }
  const summary = reporter.finish();
  throwVerdict(summary, interrupts, request.mode === "destroy" ? "were not uninstalled" : "did not deploy");
  return { plan, summary };
}

/** After the graph ran: say which releases could not be checked for pending states; a lost lock fails the run. */
export function checkAfterExecution(
  ctx: CommandContext,
  unverified: readonly string[],
  lost: AbortSignal,
  advice: { pending: string; lost: string },
): void {
  if (unverified.length > 0) {
    ctx.io.stderr.write(
      `could not check that no release was left pending (${unverified.join(", ")}): the cluster did not answer; ${advice.pending}\n`,
    );
  }
  if (lost.aborted) {
    throw new ClusterStateError(
      `lost the deploy lock during the run (${(lost.reason as Error).message}); started nothing after that`,
      { hint: `see the summary for what ran; ${advice.lost}` },
    );
  }
}

/** The run's verdict once its summary is printed: interrupted (130), or some releases failed (1). */
export function throwVerdict(
  summary: RunSummary | undefined,
  interrupts: { signalled(): boolean },
  failed: string,
): void {
  if (interrupts.signalled()) throw new InterruptedError("interrupted; no release was left pending");
  if (summary && !summary.ok) {
    throw new ReleaseFailedError(`some releases ${failed}`, { hint: "see the summary above" });
  }
}

/** The environment's cluster's run records (see lockNamespaceOf). */
export async function recordStore(
  clusters: ProjectClusters,
  options: { lockNamespace?: string },
  workspace: Workspace,
): Promise<RunRecordStore> {
  const home = await clusters.homeCluster();
  return runRecordStore(home, lockNamespaceOf(options, workspace, home));
}

/** Where the deploy lock and the run records live: --lock-namespace, defaults.lockNamespace, the context's namespace, default. */
export function lockNamespaceOf(
  options: { lockNamespace?: string },
  workspace: Workspace,
  cluster: Cluster,
): string {
  return options.lockNamespace ?? workspace.project.lockNamespace ?? cluster.namespace ?? "default";
}

/** The plan of `rendered` against `deployed`, without locking: for --dry-run, diff and status too. */
export function planDeploy(
  mode: PlanMode,
  workspace: Workspace,
  rendered: readonly RenderedRelease[],
  needsOutside: readonly string[],
  deployed: ReadonlyMap<string, DeployedRelease>,
  options: { recover?: RunOptions["recover"]; drift?: ReadonlyMap<string, ReleaseDrift> } = {},
): DeployPlan {
  const ids = new Set(rendered.map((r) => r.release.id));
  return buildDeployPlan({
    mode,
    desired: desiredReleases(rendered),
    graph: workspace.graph.restrict(ids),
    needsOutside,
    deployed,
    recover: options.recover,
    drift: options.drift,
  });
}

/** Reads the clusters once (no lock) and plans: what --dry-run, diff and status show. */
export async function readPlan(
  ctx: CommandContext,
  clusters: ProjectClusters,
  workspace: Workspace,
  rendered: readonly RenderedRelease[],
  mode: PlanMode,
  options: { recover?: RunOptions["recover"]; decode?: boolean; drift?: DriftScope } = {},
): Promise<{
  plan: DeployPlan;
  deployed: ReadonlyMap<string, DeployedRelease>;
  drift?: ReadonlyMap<string, DriftReport>;
}> {
  const ids = new Set(rendered.map((r) => r.release.id));
  const outside = needsOutsideOf(ctx, workspace, ids);
  const deployed = await clusters.read([...ids, ...outside], {
    decode: options.decode || options.drift !== undefined,
  });
  return {
    ...(await planWithDrift(clusters, mode, workspace, rendered, outside, deployed, {
      ...options,
      debug: debugLine(ctx),
    })),
    deployed,
  };
}

/** The plan, with the drift of the releases of `options.drift` when given (read from the cluster). */
async function planWithDrift(
  clusters: ProjectClusters,
  mode: PlanMode,
  workspace: Workspace,
  rendered: readonly RenderedRelease[],
  outside: readonly string[],
  deployed: ReadonlyMap<string, DeployedRelease>,
  options: { recover?: RunOptions["recover"]; drift?: DriftScope; debug?: (line: string) => void },
): Promise<{ plan: DeployPlan; drift?: ReadonlyMap<string, DriftReport> }> {
  const recover = options.recover;
  const plan = planDeploy(mode, workspace, rendered, outside, deployed, { recover });
  if (!options.drift) return { plan };
  const drift = await checkDrift(clusters, plan, rendered, deployed, options.drift, options.debug);
  return {
    plan: planDeploy(mode, workspace, rendered, outside, deployed, { recover, drift: driftOf(drift) }),
    drift,
  };
}

/** Needs of the run's releases that are not in the run (they must already be deployed), unless --skip-needs. */
function needsOutsideOf(ctx: CommandContext, workspace: Workspace, ids: ReadonlySet<string>): string[] {
  return ctx.globals().skipNeeds ? [] : needsOutside(workspace.graph, ids);
}

function throwBlockers(plan: DeployPlan): void {
  const [first, ...rest] = plan.blockers;
  if (!first) return;
  const message = [first, ...rest].map((b) => b.message).join("; ");
  throw new ClusterStateError(message, { hint: [first, ...rest].map((b) => b.hint).join("; ") });
}

/** How release hooks run from the CLI: the process environment, output through the redacting stderr. */
export function hookDeps(
  io: CommandContext["io"],
  redactor: Redactor,
  environment: string,
  signal: AbortSignal,
): HookDeps {
  return {
    exec: spawnExec(io.env),
    environment,
    log: (text) => io.stderr.write(redactor.redact(text)),
    signal,
  };
}
