// Executes a rollback plan, and nothing else decides: the undone run's graph
// reversed (dependents first), each release's step the moment the releases
// that need it are done, at most `concurrency` at once. Releases the plan
// keeps are passed through without a word; a failed step skips what it needs.
// Afterwards, when helm processes were stopped or a step failed, no release
// may be left pending.
import { ReleaseGraph } from "../graph/release-graph.js";
import { type Outcome, runGraph } from "../graph/schedule.js";
import type { Target } from "../helm/args.js";
import type { HelmClient } from "../helm/client.js";
import type { DeployedRelease } from "../kube/release-record.js";
import type { RollbackPlan } from "../plan/rollback-plan.js";
import type { RunListener } from "./events.js";
import { type Interrupts, leaveNothingPending, skipText } from "./execute-plan.js";
import { rollbackStep } from "./rollback-step.js";

export interface RollbackSettings {
  helm: HelmClient;
  /** What helm is told about a release: its name, namespace and cluster. */
  targetOf: (id: string) => Target;
  concurrency: number;
  failFast: boolean;
  emit: RunListener;
  interrupts: Interrupts;
  readState(ids: ReadonlySet<string>): Promise<ReadonlyMap<string, DeployedRelease>>;
}

export interface RollbackExecution {
  outcomes: Map<string, Outcome>;
  /** Releases whose state could not be checked afterwards (the cluster unreachable). */
  unverified: string[];
}

export async function executeRollback(
  plan: RollbackPlan,
  settings: RollbackSettings,
): Promise<RollbackExecution> {
  const { emit, interrupts } = settings;
  const acting = new Map(plan.steps.filter((s) => s.action !== "keep").map((s) => [s.id, s]));
  const graph = new ReleaseGraph(plan.graph.ids, plan.graph.edges);
  for (const id of acting.keys()) emit({ type: "queued", id });
  const outcomes = await runGraph(
    graph,
    {
      concurrency: settings.concurrency,
      weight: (id) => acting.get(id)?.settings.timeoutSeconds ?? 0,
      signal: interrupts.soft.signal,
      onSkip: (id, reason) => {
        if (acting.has(id)) emit({ type: "skipped", id, reason: skipText(reason), at: Date.now() });
      },
      onError: (id, error) =>
        emit({
          type: "failed",
          id,
          action: acting.get(id)?.action === "uninstall" ? "uninstall" : "rollback",
          error: `internal error: ${error instanceof Error ? error.message : String(error)}`,
          at: Date.now(),
        }),
    },
    async (id) => {
      const step = acting.get(id);
      if (!step) return true;
      const ok = await rollbackStep(step, {
        helm: settings.helm,
        target: settings.targetOf(id),
        emit,
        signal: interrupts.hard.signal,
        kill: interrupts.kill?.signal,
      });
      if (!ok && settings.failFast) interrupts.soft.abort();
      return ok;
    },
  );
  const troubled = interrupts.hard.signal.aborted || [...outcomes.values()].includes("failed");
  const timeoutOf = (id: string) => acting.get(id)?.settings.timeoutSeconds ?? 300;
  const unverified = troubled
    ? await leaveNothingPending([...acting.keys()], settings, {
        targetOf: settings.targetOf,
        timeoutOf,
      })
    : [];
  return { outcomes, unverified };
}
