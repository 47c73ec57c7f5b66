// The end of a run: what happened to each release, as a table for people
// (always printed, on stdout) or as the `-o json` report for machines.
import type { Diagnosis } from "../diagnose/diagnosis.js";
import { formatDiagnosis } from "../diagnose/format.js";
import type { ReleaseAction, RunListener } from "../run/events.js";
import {
  durationOf,
  type FailedAttempt,
  type ReleaseProgress,
  type Rollback,
  RunProgress,
} from "./progress.js";
import { formatTable } from "./table.js";
import { done, firstLine, rolledBackText, seconds } from "./wording.js";

/**
 * A release rolled back after a failure is `failed` (with `rollback` set): the
 * run did not do what was asked. `not-run` is a release queued but never
 * finished, when the run itself stopped early.
 */
export type ReleaseOutcome = "succeeded" | "unchanged" | "failed" | "skipped" | "not-run";

export interface ReleaseSummary {
  id: string;
  name: string;
  namespace: string;
  action?: ReleaseAction;
  outcome: ReleaseOutcome;
  revision?: number;
  durationMs?: number;
  error?: string;
  /** Why it was skipped. */
  reason?: string;
  rollback?: Rollback;
  /** Epoch milliseconds of the release's start and end events. */
  startedAt?: number;
  endedAt?: number;
  /** Why it failed, from the cluster. */
  diagnosis?: Diagnosis;
  /** How many attempts it took (set when it has retries and made more than one). */
  attempts?: number;
  /** The attempts that failed and were retried (absent: none). */
  retried?: FailedAttempt[];
}

export interface RunSummary {
  releases: ReleaseSummary[];
  /** Every release succeeded or was already as wanted. */
  ok: boolean;
  durationMs: number;
}

export interface SummaryCollector {
  listener: RunListener;
  summary(): RunSummary;
}

export function collectSummary(options: { now?: () => number } = {}): SummaryCollector {
  const now = options.now ?? Date.now;
  const start = now();
  const progress = new RunProgress();
  return {
    listener: (event) => {
      progress.apply(event);
    },
    summary: () => summarize(progress.releases(), now() - start),
  };
}

export function summarize(releases: readonly ReleaseProgress[], durationMs: number): RunSummary {
  const summaries = releases.map(summarizeRelease);
  const ok = summaries.every((r) => r.outcome === "succeeded" || r.outcome === "unchanged");
  return { releases: summaries, ok, durationMs };
}

function summarizeRelease(p: ReleaseProgress): ReleaseSummary {
  // `namespace/name`, or `kubeContext/namespace/name` (see config/release-ids.ts).
  const parts = p.id.split("/");
  const summary: ReleaseSummary = {
    id: p.id,
    namespace: parts.at(-2) ?? "",
    name: parts.at(-1)!,
    outcome: outcomeOf(p),
  };
  const duration = durationOf(p);
  if (p.action !== undefined) summary.action = p.action;
  if (p.revision !== undefined) summary.revision = p.revision;
  if (duration !== undefined) summary.durationMs = duration;
  if (p.error !== undefined) summary.error = p.error;
  if (p.reason !== undefined) summary.reason = p.reason;
  if (p.rollback !== undefined) summary.rollback = p.rollback;
  if (p.startedAt !== undefined) summary.startedAt = p.startedAt;
  if (p.endedAt !== undefined) summary.endedAt = p.endedAt;
  if (p.diagnosis !== undefined) summary.diagnosis = p.diagnosis;
  if (p.attempt !== undefined) summary.attempts = p.attempt;
  if (p.retried.length > 0) summary.retried = p.retried;
  return summary;
}

function outcomeOf(p: ReleaseProgress): ReleaseOutcome {
  switch (p.phase) {
    case "succeeded":
      return p.action === "unchanged" || p.action === "none" ? "unchanged" : "succeeded";
    case "failed":
    case "skipped":
      return p.phase;
    default:
      return "not-run";
  }
}

/** The table, a totals line, then any error too long for one table cell in full. */
export function formatSummary(summary: RunSummary): string {
  const table = formatTable(
    ["RELEASE", "RESULT", "REVISION", "DURATION", "NOTE"],
    summary.releases.map((r) => [
      r.id,
      resultText(r),
      r.revision === undefined ? "-" : String(r.revision),
      r.durationMs === undefined ? "-" : seconds(r.durationMs),
      firstLine(r.error ?? r.reason ?? "") || attemptsNote(r),
    ]),
  );
  const details = summary.releases
    .filter((r) => r.error?.trim().includes("\n") || r.diagnosis)
    .map((r) => {
      const why = r.diagnosis ? `\n${indent(formatDiagnosis(r.diagnosis))}` : "";
      return `${r.id}: ${r.action ?? "run"} failed:\n${indent(r.error?.trim() ?? "")}${why}`;
    });
  return [summary.releases.length > 0 ? table : undefined, totalsLine(summary), ...details]
    .filter((part) => part !== undefined)
    .join("\n\n");
}

/** e.g. `after 2 failed attempts` for a release that succeeded on a retry. */
function attemptsNote(r: ReleaseSummary): string {
  const failed = r.retried?.length ?? 0;
  return r.outcome === "succeeded" && failed > 0
    ? `after ${failed} failed ${failed === 1 ? "attempt" : "attempts"}`
    : "";
}

function resultText(r: ReleaseSummary): string {
  switch (r.outcome) {
    case "failed": {
      const tries = r.attempts && r.attempts > 1 ? ` (${r.attempts} attempts)` : "";
      const failed = `${r.action ? `${r.action} failed` : "failed"}${tries}`;
      return r.rollback ? `${failed}, ${rolledBackText(r.rollback)}` : failed;
    }
    case "skipped":
      return "skipped";
    case "not-run":
      return "not run";
    default:
      return done(r.action);
  }
}

const TOTALS_ORDER = [
  "installed",
  "upgraded",
  "rolled back",
  "uninstalled",
  "tested",
  "unchanged",
  "not installed",
  "done",
];

/** e.g. `7 releases: 5 upgraded, 1 unchanged, 1 failed (rolled back)`. */
export function totalsLine(summary: RunSummary): string {
  const { releases } = summary;
  const count = (predicate: (r: ReleaseSummary) => boolean) => releases.filter(predicate).length;
  const parts = TOTALS_ORDER.map((word) => {
    const n = count(
      (r) => (r.outcome === "succeeded" || r.outcome === "unchanged") && done(r.action) === word,
    );
    return n > 0 ? `${n} ${word}` : undefined;
  });
  const failed = count((r) => r.outcome === "failed");
  const rolledBack = count((r) => r.outcome === "failed" && r.rollback !== undefined);
  if (failed > 0) {
    const note =
      rolledBack === 0 ? "" : rolledBack === failed ? " (rolled back)" : ` (${rolledBack} rolled back)`;
    parts.push(`${failed} failed${note}`);
  }
  const skipped = count((r) => r.outcome === "skipped");
  if (skipped > 0) parts.push(`${skipped} skipped`);
  const notRun = count((r) => r.outcome === "not-run");
  if (notRun > 0) parts.push(`${notRun} not run`);
  const head = `${releases.length} ${releases.length === 1 ? "release" : "releases"}`;
  const listed = parts.filter((p) => p !== undefined);
  return listed.length > 0 ? `${head}: ${listed.join(", ")}` : head;
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((line) => `  ${line}`)
    .join("\n");
}

/** The `-o json` report: every field present, `null` when it does not apply. */
export interface SummaryJson {
  releases: {
    id: string;
    name: string;
    namespace: string;
    action: ReleaseAction | null;
    outcome: ReleaseOutcome;
    revision: number | null;
    durationMs: number | null;
    error: string | null;
    reason: string | null;
    rolledBack: boolean;
    /** Set when rolled back to an earlier revision; null when uninstalled instead. */
    rolledBackToRevision: number | null;
    /** When its helm work started and ended (ISO 8601), for ordering and timelines. */
    startedAt: string | null;
    endedAt: string | null;
    /** Why it failed, from the cluster: objects not ready, conditions, container states, events. */
    diagnosis: Diagnosis | null;
    /** Every install/upgrade attempt, in order (one unless it has retries); empty when none ran. */
    attempts: AttemptJson[];
  }[];
  ok: boolean;
  durationMs: number;
}

export function summaryJson(summary: RunSummary): SummaryJson {
  return {
    releases: summary.releases.map((r) => ({
      id: r.id,
      name: r.name,
      namespace: r.namespace,
      action: r.action ?? null,
      outcome: r.outcome,
      revision: r.revision ?? null,
      durationMs: r.durationMs ?? null,
      error: r.error ?? null,
      reason: r.reason ?? null,
      rolledBack: r.rollback !== undefined,
      rolledBackToRevision: r.rollback?.toRevision ?? null,
      startedAt: r.startedAt === undefined ? null : new Date(r.startedAt).toISOString(),
      endedAt: r.endedAt === undefined ? null : new Date(r.endedAt).toISOString(),
      diagnosis: r.diagnosis ?? null,
      attempts: attemptsJson(r),
    })),
    ok: summary.ok,
    durationMs: summary.durationMs,
  };
}

// --- retries ---
export interface AttemptJson {
  attempt: number;
  outcome: "succeeded" | "failed";
  error: string | null;
  rolledBack: boolean;
  rolledBackToRevision: number | null;
  diagnosis: Diagnosis | null;
}

function attemptsJson(r: ReleaseSummary): AttemptJson[] {
  if (r.action !== "install" && r.action !== "upgrade") return [];
  if (r.outcome !== "succeeded" && r.outcome !== "failed") return [];
  const retried: AttemptJson[] = (r.retried ?? []).map((a) => ({
    attempt: a.attempt,
    outcome: "failed",
    error: a.error,
    rolledBack: true,
    rolledBackToRevision: a.undo.toRevision ?? null,
    diagnosis: a.diagnosis ?? null,
  }));
  // A retry dropped during its backoff (the run stopping): the failure is the attempt already listed.
  const previous = retried.at(-1);
  if (previous && previous.attempt === r.attempts && r.outcome === "failed") {
    return [...retried.slice(0, -1), { ...previous, error: r.error ?? previous.error }];
  }
  const last: AttemptJson = {
    attempt: retried.length + 1,
    outcome: r.outcome,
    error: r.error ?? null,
    rolledBack: r.rollback !== undefined,
    rolledBackToRevision: r.rollback?.toRevision ?? null,
    diagnosis: r.diagnosis ?? null,
  };
  return [...retried, last];
}
