// The record of one deploying run, kept in the cluster so that any machine can
// undo it (`releases rollback`, `releases history`): who ran what, when, how it
// ended, and per release the revision before and after. A record is written
// "started" before the run's first helm call and completed at its end, so an
// interrupted run is undoable too. It holds identities, revisions and helm
// settings only — never values or secrets. Pure: building, completing and
// reading records; kube/run-records.ts stores them.
import type { DeployedRelease } from "../kube/release-record.js";
import { liveRelease } from "./deploy-plan.js";

/** What a run did to one release, from its revisions before and after. */
export type ReleaseChange = "installed" | "upgraded" | "rolled back" | "uninstalled" | "left";

/** `started`: the run has not completed its record (still running, or interrupted hard). */
export type RunOutcome = "started" | "succeeded" | "failed" | "interrupted";

/** What rolling a release back needs from its settings (recorded, so undo needs no project values). */
export interface RecordedSettings {
  timeoutSeconds: number;
  wait: boolean;
  tests: boolean;
  historyMax: number;
  waitForJobs?: boolean;
  force?: boolean;
}

export interface RecordedRelease extends RecordedSettings {
  id: string;
  name: string;
  namespace: string;
  /** What the run set out to do: install, upgrade, uninstall, unchanged, none, rollback. */
  planned: string;
  /** The live revision before the run; null when it was not installed. */
  before: number | null;
  /** The live revision after the run; null when absent, or not known yet (a started record). */
  after: number | null;
  /** null while the record is `started`. */
  change: ReleaseChange | null;
}

export interface RunRecord {
  version: 1;
  id: string;
  environment: string;
  /** The command as the user would say it: `sync`, `apply`, `destroy`, `rotate vault`, `rollback`… */
  command: string;
  /** ISO 8601. */
  startedAt: string;
  finishedAt: string | null;
  /** `user@host`, or the identity given with --identity / RELEASES_IDENTITY. */
  who: string;
  outcome: RunOutcome;
  /** In the run's graph order. */
  releases: RecordedRelease[];
  /** The run's needs graph: [need, release], both in `releases`. */
  edges: [string, string][];
  /** The run this one rolled back, if it is a rollback. */
  undoes: string | null;
}

export const RECORD_VERSION = 1;

/** How many records are kept per environment; older ones are pruned when a new run starts. */
export const RECORDS_KEPT = 20;

/** A run id: sortable by time, unique enough for one cluster (`20261201-224400-3f9a`). */
export function newRunId(now: Date, random: () => number = Math.random): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace("T", "-")
    .replace(/\.\d+Z$/, "");
  const suffix = Math.floor(random() * 0x10000)
    .toString(16)
    .padStart(4, "0");
  return `${stamp}-${suffix}`;
}

export interface StartedRun {
  id: string;
  environment: string;
  command: string;
  who: string;
  startedAt: Date;
  releases: (Omit<RecordedRelease, "after" | "change"> & { before: number | null })[];
  edges: readonly (readonly [string, string])[];
  undoes?: string;
}

export function startedRecord(run: StartedRun): RunRecord {
  return {
    version: RECORD_VERSION,
    id: run.id,
    environment: run.environment,
    command: run.command,
    startedAt: run.startedAt.toISOString(),
    finishedAt: null,
    who: run.who,
    outcome: "started",
    releases: run.releases.map((r) => ({ ...r, after: null, change: null })),
    edges: run.edges.map(([a, b]) => [a, b]),
    undoes: run.undoes ?? null,
  };
}

/** The record completed from what the cluster holds after the run (`after`: the latest revision per release). */
export function completedRecord(
  record: RunRecord,
  outcome: Exclude<RunOutcome, "started">,
  after: ReadonlyMap<string, DeployedRelease>,
  finishedAt: Date,
): RunRecord {
  return {
    ...record,
    outcome,
    finishedAt: finishedAt.toISOString(),
    releases: record.releases.map((r) => {
      const revision = liveRelease(after.get(r.id))?.revision ?? null;
      return { ...r, after: revision, change: changeOf(r.before, revision, r.planned) };
    }),
  };
}

/** What the run did to a release; one it did not touch (another run may have) is `left`. */
export function changeOf(before: number | null, after: number | null, planned: string): ReleaseChange {
  if (before === after || !touches(planned)) return "left";
  if (before === null) return "installed";
  if (after === null) return "uninstalled";
  return planned === "rollback" ? "rolled back" : "upgraded";
}

function touches(planned: string): boolean {
  return planned !== "unchanged" && planned !== "none";
}

/** The releases a run changed (for a started record: unknown yet, so every release it planned to touch). */
export function changedReleases(record: RunRecord): RecordedRelease[] {
  if (record.outcome === "started") return record.releases.filter((r) => touches(r.planned));
  return record.releases.filter((r) => r.change !== "left");
}

/** Newest first (ids sort by time; ties by id). */
export function newestFirst(records: readonly RunRecord[]): RunRecord[] {
  return [...records].sort((a, b) => b.startedAt.localeCompare(a.startedAt) || b.id.localeCompare(a.id));
}

/** The records beyond the newest `keep`: what pruning deletes. */
export function recordsToPrune(records: readonly RunRecord[], keep = RECORDS_KEPT): RunRecord[] {
  return newestFirst(records).slice(keep);
}

/** A record read back from the cluster; undefined when it is not one this version understands. */
export function parseRunRecord(text: string | undefined): RunRecord | undefined {
  if (!text) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const record = value as Partial<RunRecord> | null;
  if (
    !record ||
    record.version !== RECORD_VERSION ||
    typeof record.id !== "string" ||
    typeof record.environment !== "string" ||
    typeof record.startedAt !== "string" ||
    !Array.isArray(record.releases) ||
    !Array.isArray(record.edges)
  )
    return undefined;
  return record as RunRecord;
}
