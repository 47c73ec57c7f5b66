// One release's part of a rollback: back to the planned revision (waiting,
// timed) and then its tests, or uninstalled when the undone run installed it.
// Helm's rollback has no atomic flag, so a rollback that fails, or whose tests
// fail, is itself undone: the release goes back to the revision it had before
// (the one the undone run left). Never throws: the outcome is reported as
// events and a boolean for the scheduler.
import { rollbackArgs, type Target, testArgs, uninstallArgs } from "../helm/args.js";
import type { HelmClient } from "../helm/client.js";
import type { RollbackStep } from "../plan/rollback-plan.js";
import { describe, summarize } from "./deploy-attempt.js";
import type { RunListener } from "./events.js";

export interface RollbackStepOptions {
  helm: HelmClient;
  /** The release's name, namespace and cluster, as helm is told them. */
  target: Target;
  emit: RunListener;
  /** Aborted on the second Ctrl-C: running helm processes get SIGTERM. */
  signal: AbortSignal;
  kill?: AbortSignal;
}

export async function rollbackStep(step: RollbackStep, options: RollbackStepOptions): Promise<boolean> {
  const { helm, emit } = options;
  const { id, settings } = step;
  const { target } = options;
  const run = { signal: options.signal, kill: options.kill };
  if (step.action === "keep") return true;
  if (step.action === "uninstall") {
    emit({ type: "started", id, action: "uninstall", at: Date.now() });
    try {
      await helm.run(uninstallArgs(helm.major, target, settings.timeoutSeconds, settings.wait), run);
    } catch (error) {
      emit({ type: "failed", id, action: "uninstall", error: describe(error), at: Date.now() });
      return false;
    }
    emit({ type: "succeeded", id, action: "uninstall", at: Date.now() });
    return true;
  }
  const back = (revision: number) =>
    helm.run(
      rollbackArgs(helm.major, target, revision, settings.timeoutSeconds, settings.wait, {
        historyMax: settings.historyMax,
        waitForJobs: settings.waitForJobs,
        force: settings.force,
      }),
      run,
    );
  emit({ type: "started", id, action: "rollback", at: Date.now() });
  let failure: string;
  try {
    await back(step.toRevision!);
    if (settings.tests) {
      emit({ type: "testing", id, at: Date.now() });
      const test = await helm.run(testArgs(target, settings.timeoutSeconds), { ...run, allowFailure: true });
      if (test.code !== 0) throw new TestsFailed(summarize(test.stderr || test.stdout));
    }
    // helm numbers a rollback's revision after the latest one.
    const revision = step.current === null ? undefined : step.current + 1;
    emit({ type: "succeeded", id, action: "rollback", revision, at: Date.now() });
    return true;
  } catch (error) {
    failure = error instanceof TestsFailed ? `tests failed: ${error.message}` : describe(error);
  }
  // Atomic: back to where the release was before this rollback.
  if (step.current !== null) {
    try {
      await back(step.current);
      emit({ type: "rolledBack", id, toRevision: step.current, uninstalled: false, at: Date.now() });
    } catch (error) {
      failure = `${failure}; going back to revision ${step.current} failed too: ${describe(error)}`;
    }
  }
  emit({ type: "failed", id, action: "rollback", error: failure, at: Date.now() });
  return false;
}

class TestsFailed extends Error {}
