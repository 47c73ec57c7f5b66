// Recording a deploying run in the cluster, so any machine can undo it. The
// record is written "started" after every check passed and before the first
// helm call — if it cannot be written the run stops there, having changed
// nothing, and says why (--no-record deploys without an undo record). At the
// end it is completed with the revisions the cluster holds; if that write
// fails the run keeps its own outcome and says that its record stays
// "started" (a rollback then compares with the cluster as it is).
import { hostname, userInfo } from "node:os";
import { ClusterStateError } from "../errors.js";
import type { DeployedRelease } from "../kube/release-record.js";
import { type RunRecordStore, recordName } from "../kube/run-records.js";
import type { Release } from "../model/project.js";
import type { DeployPlan } from "../plan/deploy-plan.js";
import {
  completedRecord,
  newRunId,
  type RecordedSettings,
  type RunOutcome,
  recordsToPrune,
  type StartedRun,
  startedRecord,
} from "../plan/run-record.js";
import type { RenderedRelease } from "../values/render-releases.js";
import type { ProjectClusters } from "./clusters.js";
import type { CommandContext } from "./context.js";

export interface RecordingOptions {
  /** false with --no-record. */
  record: boolean;
  /** --identity; else $RELEASES_IDENTITY; else user@host. */
  identity?: string;
}

export interface RunRecorder {
  id: string;
  /** Completes the record with what the cluster holds now; never throws (a failure is said on stderr). */
  complete(
    outcome: Exclude<RunOutcome, "started">,
    readAfter: () => Promise<ReadonlyMap<string, DeployedRelease>>,
  ): Promise<void>;
}

export type RunToRecord = Omit<StartedRun, "id" | "who" | "startedAt">;

/**
 * Writes the started record (throws when it cannot), and starts pruning old ones (warns when it
 * cannot); `complete` waits for the pruning, so call it once the run is done, whatever its end.
 */
export async function startRecording(
  ctx: CommandContext,
  store: RunRecordStore,
  options: RecordingOptions,
  run: RunToRecord,
): Promise<RunRecorder | undefined> {
  if (!options.record) return undefined;
  const started = new Date();
  let record = startedRecord({
    ...run,
    id: newRunId(started),
    who: whoRuns(ctx.io.env, options.identity),
    startedAt: started,
  });
  try {
    await store.create(record);
  } catch (error) {
    if (!(error instanceof ClusterStateError)) throw error;
    throw new ClusterStateError(`${error.message}; nothing was changed`, {
      cause: error,
      hint: `${error.hint}; or pass --no-record to deploy without an undo record`,
    });
  }
  const say = (text: string) => ctx.io.stderr.write(`${text}\n`);
  say(`run ${record.id} recorded in ${store.namespace}/${recordName(record.id)}`);
  // Pruning old records is no step of the run: it goes on beside the first helm calls, finished
  // before the record is; a warning waits for then too, rather than cutting into the live view.
  const warnings: string[] = [];
  const pruned = prune(store, run.environment, (text) => warnings.push(text));
  return {
    id: record.id,
    async complete(outcome, readAfter) {
      await pruned;
      for (const warning of warnings) say(warning);
      try {
        record = completedRecord(record, outcome, await readAfter(), new Date());
        await store.replace(record);
      } catch (error) {
        say(
          `warning: could not complete the record of run ${record.id} (${error instanceof Error ? error.message : String(error)}); ` +
            'it stays "started": `releases rollback` will undo it from what the cluster holds then',
        );
      }
    },
  };
}

async function prune(store: RunRecordStore, environment: string, say: (text: string) => void): Promise<void> {
  try {
    const records = await store.list(environment);
    for (const old of recordsToPrune(records)) await store.delete(old.id);
  } catch (error) {
    say(
      `warning: could not prune old run records: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** Who a record names: an explicit identity (CI: the pipeline's user), else user@host. */
export function whoRuns(env: Readonly<Record<string, string | undefined>>, identity?: string): string {
  const explicit = identity ?? env.RELEASES_IDENTITY;
  if (explicit) return explicit;
  let user = env.USER ?? "unknown";
  try {
    user = userInfo().username;
  } catch {
    // no passwd entry (a container's random uid): $USER or "unknown"
  }
  return `${user}@${hostname()}`;
}

/** What a rollback needs of a release's settings (recorded, so undo needs no values). */
export function recordedSettings(release: Release): RecordedSettings {
  const settings: RecordedSettings = {
    timeoutSeconds: release.timeout,
    wait: release.wait || release.atomic,
    tests: release.tests,
    historyMax: release.historyMax,
  };
  if (release.helm?.waitForJobs) settings.waitForJobs = true;
  if (release.helm?.force) settings.force = true;
  return settings;
}

/** The outcome a record gets from how the run ended. */
export function runOutcome(ok: boolean, interrupted: boolean): Exclude<RunOutcome, "started"> {
  if (interrupted) return "interrupted";
  return ok ? "succeeded" : "failed";
}

/** A plan whose every release is left as it is (apply with nothing changed) leaves no record. */
export function changesAnything(plan: DeployPlan): boolean {
  return plan.releases.some((p) => p.recover !== null || (p.action !== "unchanged" && p.action !== "none"));
}

export function recordedReleases(plan: DeployPlan, rendered: readonly RenderedRelease[]) {
  const byId = new Map(rendered.map((r) => [r.release.id, r.release]));
  return plan.releases.map((p) => ({
    id: p.id,
    name: p.name,
    namespace: p.namespace,
    planned: p.action,
    before: p.revision,
    ...recordedSettings(byId.get(p.id)!),
  }));
}

/** Runs `execute`, then completes the run's record (if any) with how it ended and what the cluster holds. */
export async function recorded<T extends { outcomes: ReadonlyMap<string, string> }>(
  recorder: RunRecorder | undefined,
  clusters: Pick<ProjectClusters, "read">,
  ids: readonly string[],
  interrupts: { signalled(): boolean },
  lost: AbortSignal,
  execute: () => Promise<T>,
): Promise<T> {
  let ok = false;
  try {
    const result = await execute();
    ok = !lost.aborted && [...result.outcomes.values()].every((o) => o === "succeeded");
    return result;
  } finally {
    await recorder?.complete(runOutcome(ok, interrupts.signalled()), () => clusters.read(ids));
  }
}
