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
import { readDeployedReleases } from "../kube/cluster.js";
import { acquireLock } from "../kube/lease.js";
import type { DeployedRelease } from "../kube/release-record.js";
import { buildDeployPlan, type DeployPlan, type PlanMode } from "../plan/deploy-plan.js";
import type { DriftScope } from "../plan/drift-scope.js";
import type { RunSummary } from "../report/summary.js";
import { executePlan } from "../run/execute-plan.js";
import { type HookDeps, spawnExec } from "../run/hooks.js";
import type { Redactor } from "../secrets/redactor.js";
import type { RenderedRelease } from "../values/render-releases.js";
import type { CommandContext } from "./context.js";
import { checkDrift, debugLine, desiredReleases, driftOf } from "./drift.js";
import { captureInterrupts, lazyReporter } from "./interrupts.js";
import type { RunOptions } from "./run-options.js";
import type { Workspace } from "./workspace.js";

export interface DeployRequest {
  workspace: Workspace;
  /** The releases of the run, rendered (values are not needed to destroy). */
  rendered: readonly RenderedRelease[];
  mode: PlanMode;
  options: RunOptions;
  /**
   * Called once everything is checked and the lock is held, before the first
   * change; may return the releases rendered anew (after a secret changed).
   */
  beforeChanges?: () => Promise<readonly RenderedRelease[] | undefined>;
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
  const cluster = await ctx.session.cluster(environment.kubeContext);
  const ids = request.rendered.map((r) => r.release.id);
  const outside = needsOutsideOf(ctx, workspace, new Set(ids));
  const reporter = lazyReporter(ctx);
  const interrupts = captureInterrupts(ctx);
  let plan: DeployPlan | undefined;
  try {
    const lock = await acquireLock(cluster, {
      namespace: options.lockNamespace ?? workspace.project.lockNamespace ?? cluster.namespace ?? "default",
      environment: environment.name,
      releases: ids,
      durationSeconds: options.lockDuration,
      waitSeconds: options.lockTimeout,
      signal: interrupts.soft.signal,
    });
    try {
      const scope = request.mode === "apply" && !options.ignoreDrift ? "unchanged" : undefined;
      const deployed = await readDeployedReleases(cluster, new Set([...ids, ...outside]), {
        decode: scope !== undefined,
      });
      const planned = await planWithDrift(
        cluster,
        request.mode,
        workspace,
        request.rendered,
        outside,
        deployed,
        { recover: options.recover, drift: scope, debug: debugLine(ctx) },
      );
      const drift = driftOf(planned.drift);
      const planFor = (rendered: readonly RenderedRelease[]) =>
        rendered === request.rendered
          ? planned.plan
          : planDeploy(request.mode, workspace, rendered, outside, deployed, {
              recover: options.recover,
              drift,
            });
      plan = planFor(request.rendered);
      throwBlockers(plan);
      if (interrupts.soft.signal.aborted) throw new InterruptedError("interrupted; nothing was changed");
      const rendered = (await request.beforeChanges?.()) ?? request.rendered;
      if (rendered !== request.rendered) plan = planFor(rendered);
      const onLost = () => interrupts.soft.abort();
      lock.lost.addEventListener("abort", onLost, { once: true });
      const execution = await executePlan(plan, rendered, workspace.graph.restrict(new Set(ids)), {
        helm,
        kubeContext: environment.kubeContext,
        repositories: workspace.project.repositories,
        env: ctx.io.env,
        concurrency: options.concurrency,
        failFast: options.failFast,
        emit: reporter.listener,
        interrupts,
        readState: (which) => readDeployedReleases(cluster, which),
        cluster,
        hooks: hookDeps(ctx.io, ctx.redactor, environment.name, interrupts.hard.signal),
      });
      if (execution.unverified.length > 0) {
        ctx.io.stderr.write(
          `could not check that no release was left pending (${execution.unverified.join(", ")}): the cluster did not answer; ` +
            "run the same command with --recover=rollback once it does\n",
        );
      }
      if (lock.lost.aborted) {
        throw new ClusterStateError(
          `lost the deploy lock during the run (${(lock.lost.reason as Error).message}); started nothing after that`,
          { hint: "see the summary for what ran; run again to finish" },
        );
      }
    } finally {
      await lock.release();
    }
  } finally {
    interrupts.dispose();
    reporter.finish();
  }
  const summary = reporter.finish();
  if (interrupts.signalled()) throw new InterruptedError("interrupted; no release was left pending");
  if (summary && !summary.ok) {
    const what = request.mode === "destroy" ? "were not uninstalled" : "did not deploy";
    throw new ReleaseFailedError(`some releases ${what}`, { hint: "see the summary above" });
  }
  return { plan, summary };
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

/** Reads the cluster once (no lock) and plans: what --dry-run, diff and status show. */
export async function readPlan(
  ctx: CommandContext,
  cluster: Cluster,
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
  const deployed = await readDeployedReleases(cluster, new Set([...ids, ...outside]), {
    decode: options.decode || options.drift !== undefined,
  });
  return {
    ...(await planWithDrift(cluster, mode, workspace, rendered, outside, deployed, {
      ...options,
      debug: debugLine(ctx),
    })),
    deployed,
  };
}

/** The plan, with the drift of the releases of `options.drift` when given (read from the cluster). */
async function planWithDrift(
  cluster: Cluster,
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
  const drift = await checkDrift(cluster, plan, rendered, deployed, options.drift, options.debug);
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
