// A rollback is a deploying run like any other: it takes the deploy lock for
// the releases it claims, plans from what the cluster holds once the lock is
// held (so nothing moves between the check and the change), refuses when the
// plan says so, records itself (so it can be undone in turn) and executes.
import { ClusterStateError, InterruptedError } from "../errors.js";
import type { HelmClient } from "../helm/client.js";
import type { Cluster } from "../kube/cluster.js";
import { runRecordStore } from "../kube/run-records.js";
import { type RollbackPlan, refusalError } from "../plan/rollback-plan.js";
import { executeRollback } from "../run/execute-rollback.js";
import { lockClusters } from "./cluster-locks.js";
import type { ProjectClusters } from "./clusters.js";
import type { CommandContext } from "./context.js";
import { checkAfterExecution, throwVerdict } from "./deploy.js";
import { captureInterrupts, lazyReporter } from "./interrupts.js";
import type { RunOptions } from "./run-options.js";
import { type RunToRecord, recorded, startRecording } from "./run-recording.js";

export interface RollbackRun {
  clusters: ProjectClusters;
  helm: HelmClient;
  /** Where a cluster's deploy lock (and, in the home cluster, the run records) live. */
  lockNamespace: (cluster: Cluster) => string;
  environment: string;
  options: RunOptions;
  /** The releases to claim in the lock, known before it is taken. */
  claim: readonly string[];
  /** Plans from a fresh read of the cluster, under the lock; with what the rollback's own record holds. */
  plan(): Promise<{ plan: RollbackPlan; record: Omit<RunToRecord, "environment"> }>;
}

/** Executes a rollback under the lock; throws when refused, interrupted, the lock is lost or a release fails. */
export async function runRollback(ctx: CommandContext, run: RollbackRun): Promise<void> {
  const { clusters, options } = run;
  const reporter = lazyReporter(ctx);
  const interrupts = captureInterrupts(ctx);
  try {
    const lock = await lockClusters(clusters, run.claim, (cluster, releases) => ({
      namespace: run.lockNamespace(cluster),
      environment: run.environment,
      releases,
      durationSeconds: options.lockDuration,
      waitSeconds: options.lockTimeout,
      signal: interrupts.soft.signal,
    }));
    try {
      const { plan, record } = await run.plan();
      const unclaimed = plan.lock.releases.filter((id) => !run.claim.includes(id));
      if (unclaimed.length > 0) {
        throw new ClusterStateError(
          `the run's record changed while waiting for the lock (now also ${unclaimed.join(", ")})`,
          { hint: "run the rollback again" },
        );
      }
      const refused = refusalError(plan);
      if (refused) throw refused;
      if (interrupts.soft.signal.aborted) throw new InterruptedError("interrupted; nothing was changed");
      const acting = plan.steps.filter((s) => s.action !== "keep");
      if (acting.length === 0) {
        ctx.io.stderr.write(
          "nothing to roll back: every release is already where the rollback would take it\n",
        );
        return;
      }
      ctx.io.stderr.write(`${describePlan(plan)}\n`);
      lock.lost.addEventListener("abort", () => interrupts.soft.abort(), { once: true });
      const home = await clusters.homeCluster();
      const recorder = await startRecording(ctx, runRecordStore(home, run.lockNamespace(home)), options, {
        ...record,
        environment: run.environment,
      });
      const ids = record.releases.map((r) => r.id);
      const execution = await recorded(recorder, clusters, ids, interrupts, lock.lost, () =>
        executeRollback(plan, {
          helm: run.helm,
          targetOf: (id) => clusters.targetOf(id),
          concurrency: options.concurrency,
          failFast: options.failFast,
          emit: reporter.listener,
          interrupts,
          readState: (which) => clusters.read(which),
        }),
      );
      checkAfterExecution(ctx, execution.unverified, lock.lost, {
        pending: "`releases sync --recover=rollback` recovers them once it does",
        lost: "`releases history` shows what the rollback recorded",
      });
    } finally {
      await lock.release();
    }
  } finally {
    interrupts.dispose();
    reporter.finish();
  }
  throwVerdict(reporter.finish(), interrupts, "were not rolled back");
}

/** One line before the rollback starts: what it undoes and how many releases it changes. */
export function describePlan(plan: RollbackPlan): string {
  const count = (action: string) => plan.steps.filter((s) => s.action === action).length;
  const what = plan.undoes ? `run ${plan.undoes}` : plan.steps.map((s) => s.id).join(", ");
  const forced = plan.forced.map((r) => `\n  forced: ${r.message}`).join("");
  return `rolling back ${what}: ${count("rollback")} to their earlier revision, ${count("uninstall")} to uninstall${forced}`;
}
