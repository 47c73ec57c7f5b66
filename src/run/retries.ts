// Retrying a failed install/upgrade (Flux's remediation.retries): only an
// attempt that was undone — helm's atomic rollback, or ours after failed tests
// — is tried again, after a backoff that the run's stop signal (Ctrl-C, a
// lost lock, --fail-fast) cuts short. A failure before anything was deployed
// (a chart that does not render, a missing chart) would fail the same way again.
import { backoffSeconds } from "../config/retries.js";
import type { RetryPolicy } from "../model/project.js";
import type { AttemptResult } from "./deploy-attempt.js";

/** How many attempts a release gets in all. */
export function maxAttempts(policy: RetryPolicy | undefined): number {
  return 1 + (policy?.count ?? 0);
}

/** The wait before the attempt after `attempt`, or undefined when there is none. */
export function retryDelayMs(
  policy: RetryPolicy | undefined,
  attempt: number,
  result: Extract<AttemptResult, { ok: false }>,
  stopping: boolean,
): number | undefined {
  if (!policy || attempt >= maxAttempts(policy) || !result.undo || stopping) return undefined;
  return backoffSeconds(policy, attempt) * 1000;
}

/** Waits `ms`, or less when `signal` aborts; true when the whole wait passed. */
export function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const done = (full: boolean) => {
      clearTimeout(timer);
      signal.removeEventListener("abort", onAbort);
      resolve(full);
    };
    const onAbort = () => done(false);
    const timer = setTimeout(() => done(true), ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
