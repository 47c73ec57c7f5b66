// What the runner tells the world. Reporters (live view, plain log, JSON) only listen.
import type { Diagnosis } from "../diagnose/diagnosis.js";

export type ReleaseAction =
  | "install"
  | "upgrade"
  | "uninstall"
  | "unchanged"
  | "test"
  | "none"
  /** `releases rollback`: back to an earlier revision. */
  | "rollback";

/** What undid a failed attempt: a rollback to a revision, or the uninstall of a first install. */
export interface Undo {
  toRevision?: number;
  uninstalled: boolean;
}

export type RunEvent =
  | { type: "queued"; id: string }
  | { type: "started"; id: string; action: ReleaseAction; at: number }
  | { type: "testing"; id: string; at: number }
  | { type: "succeeded"; id: string; action: ReleaseAction; revision?: number; at: number }
  | {
      type: "failed";
      id: string;
      action: ReleaseAction;
      error: string;
      /** Why, from the cluster (deploy and test failures). */
      diagnosis?: Diagnosis;
      at: number;
    }
  | { type: "rolledBack"; id: string; toRevision?: number; uninstalled: boolean; at: number }
  | { type: "skipped"; id: string; reason: string; at: number }
  // --- retries ---
  | {
      /** Attempt `attempt` of `maxAttempts` failed and was undone; the next starts after `delayMs`. */
      type: "retrying";
      id: string;
      attempt: number;
      maxAttempts: number;
      error: string;
      undo: Undo;
      diagnosis?: Diagnosis;
      delayMs: number;
      at: number;
    }
  | { type: "attempt"; id: string; attempt: number; maxAttempts: number; at: number };

export type RunListener = (event: RunEvent) => void;
