// What the runner tells the world. Reporters (live view, plain log, JSON) only listen.
export type ReleaseAction =
  | "install"
  | "upgrade"
  | "uninstall"
  | "unchanged"
  | "test"
  | "none"
  /** `releases rollback`: back to an earlier revision. */
  | "rollback";

export type RunEvent =
  | { type: "queued"; id: string }
  | { type: "started"; id: string; action: ReleaseAction; at: number }
  | { type: "testing"; id: string; at: number }
  | { type: "succeeded"; id: string; action: ReleaseAction; revision?: number; at: number }
  | { type: "failed"; id: string; action: ReleaseAction; error: string; at: number }
  | { type: "rolledBack"; id: string; toRevision?: number; uninstalled: boolean; at: number }
  | { type: "skipped"; id: string; reason: string; at: number };

export type RunListener = (event: RunEvent) => void;
