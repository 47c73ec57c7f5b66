// The state of each release in a run, folded from the runner's events. Every
// reporter (live view, plain log, summary) reads the same fold, so they agree.
import type { Diagnosis } from "../diagnose/diagnosis.js";
import type { ReleaseAction, RunEvent, Undo } from "../run/events.js";

export type Phase = "waiting" | "running" | "testing" | "succeeded" | "failed" | "skipped";

export interface Rollback {
  /** Absent when the release was uninstalled instead (a failed first install). */
  toRevision?: number;
  uninstalled: boolean;
}

export interface ReleaseProgress {
  id: string;
  phase: Phase;
  action?: ReleaseAction;
  startedAt?: number;
  testingAt?: number;
  endedAt?: number;
  revision?: number;
  error?: string;
  /** Why a release was skipped. */
  reason?: string;
  rollback?: Rollback;
  /** Why it failed, from the cluster. */
  diagnosis?: Diagnosis;
  /** The attempt running (or last run) and how many the release gets; absent without retries. */
  attempt?: number;
  maxAttempts?: number;
  /** When the next attempt starts, while a retry waits out its backoff. */
  retryAt?: number;
  /** Attempts that failed and were retried, oldest first. */
  retried: FailedAttempt[];
}

export interface FailedAttempt {
  attempt: number;
  error: string;
  undo: Undo;
  diagnosis?: Diagnosis;
  at: number;
}

/** Releases in the order the runner first mentioned them (queued order). */
export class RunProgress {
  readonly #releases = new Map<string, ReleaseProgress>();

  /** Folds one event in and returns the release's new state. */
  apply(event: RunEvent): ReleaseProgress {
    const release = this.#releases.get(event.id) ?? { id: event.id, phase: "waiting", retried: [] };
    this.#releases.set(event.id, release);
    switch (event.type) {
      case "queued":
        break;
      case "started":
        Object.assign(release, { phase: "running", action: event.action, startedAt: event.at });
        break;
      case "testing":
        Object.assign(release, { phase: "testing", testingAt: event.at });
        break;
      case "succeeded":
        Object.assign(release, { phase: "succeeded", action: event.action, endedAt: event.at });
        if (event.revision !== undefined) release.revision = event.revision;
        break;
      case "failed":
        Object.assign(release, {
          phase: "failed",
          action: event.action,
          error: event.error,
          endedAt: event.at,
        });
        if (event.diagnosis) release.diagnosis = event.diagnosis;
        break;
      case "rolledBack":
        // The runner reports the rollback first, then the failure that caused it.
        release.rollback =
          event.toRevision === undefined
            ? { uninstalled: event.uninstalled }
            : { toRevision: event.toRevision, uninstalled: event.uninstalled };
        break;
      case "skipped":
        Object.assign(release, { phase: "skipped", reason: event.reason, endedAt: event.at });
        break;
      case "retrying":
        release.retried.push({
          attempt: event.attempt,
          error: event.error,
          undo: event.undo,
          ...(event.diagnosis ? { diagnosis: event.diagnosis } : {}),
          at: event.at,
        });
        Object.assign(release, {
          attempt: event.attempt,
          maxAttempts: event.maxAttempts,
          retryAt: event.at + event.delayMs,
        });
        break;
      case "attempt":
        Object.assign(release, {
          attempt: event.attempt,
          maxAttempts: event.maxAttempts,
          retryAt: undefined,
        });
        break;
    }
    return release;
  }

  releases(): readonly ReleaseProgress[] {
    return [...this.#releases.values()];
  }
}

/** How long a release took, from its start to its end; undefined when it never started or ended. */
export function durationOf(release: ReleaseProgress): number | undefined {
  if (release.startedAt === undefined || release.endedAt === undefined) return undefined;
  return release.endedAt - release.startedAt;
}
