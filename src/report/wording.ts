// The words every reporter uses for actions, rollbacks and durations.
import type { ReleaseAction } from "../run/events.js";
import { durationOf, type ReleaseProgress, type Rollback } from "./progress.js";

const ONGOING: Record<ReleaseAction, string> = {
  install: "installing",
  upgrade: "upgrading",
  uninstall: "uninstalling",
  test: "testing",
  unchanged: "checking",
  none: "checking",
  rollback: "rolling back",
};

const DONE: Record<ReleaseAction, string> = {
  install: "installed",
  upgrade: "upgraded",
  uninstall: "uninstalled",
  test: "tested",
  unchanged: "unchanged",
  none: "not installed",
  rollback: "rolled back",
};

export function ongoing(action: ReleaseAction | undefined): string {
  return action ? ONGOING[action] : "deploying";
}

export function done(action: ReleaseAction | undefined): string {
  return action ? DONE[action] : "done";
}

/** e.g. `upgraded (revision 4) in 8.1s`; parts the release lacks are left out. */
export function succeededText(release: ReleaseProgress): string {
  const revision = release.revision === undefined ? "" : ` (revision ${release.revision})`;
  const duration = durationOf(release);
  return `${done(release.action)}${revision}${duration === undefined ? "" : ` in ${seconds(duration)}`}${attemptSuffix(release)}`;
}

export function rolledBackText(rollback: Rollback): string {
  if (rollback.toRevision !== undefined) return `rolled back to revision ${rollback.toRevision}`;
  return rollback.uninstalled ? "rolled back (uninstalled)" : "rolled back";
}

/** `8.1s`, `1m05s`: one decimal under a minute. */
export function seconds(ms: number): string {
  const s = Math.max(0, ms) / 1000;
  if (s < 60) return `${s.toFixed(1)}s`;
  return minutes(Math.round(s));
}

/** `12s`, `1m05s`: whole seconds, for counters that tick. */
export function wholeSeconds(ms: number): string {
  const s = Math.floor(Math.max(0, ms) / 1000);
  return s < 60 ? `${s}s` : minutes(s);
}

function minutes(totalSeconds: number): string {
  const m = Math.floor(totalSeconds / 60);
  return `${m}m${String(totalSeconds % 60).padStart(2, "0")}s`;
}

export function firstLine(text: string): string {
  return text.trim().split("\n")[0]?.trim() ?? "";
}

// --- retries ---
/** e.g. ` (attempt 2/3)`; empty for a first attempt or a release without retries. */
export function attemptSuffix(release: { attempt?: number; maxAttempts?: number }): string {
  return release.attempt && release.attempt > 1 ? ` (attempt ${release.attempt}/${release.maxAttempts})` : "";
}

/** e.g. `attempt 1/3 failed, rolled back (uninstalled); retrying in 5.0s`. */
export function retryingText(event: {
  attempt: number;
  maxAttempts: number;
  undo: Rollback;
  delayMs: number;
}): string {
  return `attempt ${event.attempt}/${event.maxAttempts} failed, ${rolledBackText(event.undo)}; retrying in ${seconds(event.delayMs)}`;
}
