// Watching a release while helm deploys or tests it, so that a failure can say
// why. helm's atomic rollback runs inside the helm process right after its
// wait times out, and it deletes or reverts the objects that were not ready;
// so the namespace is read while helm still waits — every fifth of the
// timeout and once just before it ends — and the last reading is kept. After
// a failure the namespace is read once more: events outlive the objects they
// are about, and hook and test pods are not removed by the rollback. Reading
// is best effort: a denied or failed read becomes a note, never an error.
import type { Target } from "../helm/args.js";
import { diagnose } from "./analysis.js";
import type { Diagnosis, PodDiagnosis } from "./diagnosis.js";
import type { KubeObject, NamespaceSnapshot } from "./objects.js";

export interface FailureWatch {
  /** helm failed, saying `helmOutput`: what the cluster says about why (best effort; never throws). */
  failed(helmOutput: string): Promise<Diagnosis | undefined>;
  /** helm succeeded: stop watching. */
  stop(): void;
}

export interface Diagnostics {
  /** Starts watching a release's objects while helm deploys or tests it for up to `timeoutSeconds`. */
  watch(target: Target, timeoutSeconds: number): FailureWatch;
}

/** Where readings come from: the Kubernetes API (see cli/diagnostics.ts). */
export interface SnapshotSource {
  read(namespace: string): Promise<NamespaceSnapshot>;
  /** The last `lines` lines of a pod's log; rejects when there is none (kwok pods have no containers). */
  podLog(namespace: string, pod: string, lines: number): Promise<string[]>;
}

export const LOG_LINES = 10;
const FINAL_INTERVAL_MS = 2_000;
/** Pods whose logs are read after a failure, at most. */
const LOGS_READ = 2;

export interface WatchTiming {
  /** Milliseconds between readings while helm waits. */
  intervalMs: number;
  /** The last reading, this long before the timeout ends. */
  finalMs: number;
}

/** Readings every fifth of the timeout (2 s to 30 s apart), and one 1.5 s (or a tenth) before it ends. */
export function watchTiming(timeoutSeconds: number): WatchTiming {
  const timeoutMs = timeoutSeconds * 1000;
  return {
    intervalMs: Math.min(30_000, Math.max(2_000, timeoutMs / 5)),
    finalMs: Math.max(0, timeoutMs - Math.min(1_500, timeoutMs / 10)),
  };
}

export function clusterDiagnostics(
  source: SnapshotSource,
  redact: (text: string) => string = (t) => t,
): Diagnostics {
  return {
    watch(target, timeoutSeconds) {
      const timing = watchTiming(timeoutSeconds);
      let latest: { snapshot: NamespaceSnapshot; troubled: boolean } | undefined;
      let reading: Promise<void> | undefined;
      let stopped = false;
      const take = () => {
        if (stopped || reading) return;
        reading = source
          .read(target.namespace)
          .then((snapshot) => {
            // A reading taken while helm already rolls back shows the objects gone or reverted: keep
            // the last one that showed something wrong.
            const troubled = diagnose(snapshot, target, "", "while-waiting").objects.length > 0;
            if (!stopped && (troubled || !latest?.troubled)) latest = { snapshot, troubled };
          })
          .catch(() => {})
          .finally(() => {
            reading = undefined;
          });
      };
      let interval = setInterval(take, timing.intervalMs);
      // helm's own deadline runs from the start of its wait, a little after ours: from our
      // deadline on, read every couple of seconds until helm gives up.
      const final = setTimeout(() => {
        take();
        clearInterval(interval);
        interval = setInterval(take, FINAL_INTERVAL_MS);
        interval.unref();
      }, timing.finalMs);
      interval.unref();
      final.unref();
      const stop = () => {
        stopped = true;
        clearInterval(interval);
        clearTimeout(final);
      };
      return {
        stop,
        async failed(helmOutput) {
          await reading;
          stop();
          return diagnoseAfter(source, target, helmOutput, redact, latest?.snapshot);
        },
      };
    },
  };
}

/**
 * Why a release failed, read now (and completed by `before`, a reading taken
 * while helm waited): for `releases test`, whose test pods outlive the failure.
 */
export async function diagnoseAfter(
  source: SnapshotSource,
  target: Target,
  helmOutput: string,
  redact: (text: string) => string,
  before?: NamespaceSnapshot,
): Promise<Diagnosis> {
  const after = await source.read(target.namespace).catch((error: unknown) => unreadable(error));
  const merged = before ? mergeSnapshots(before, after) : after;
  const diagnosis = diagnose(merged, target, helmOutput, before ? "while-waiting" : "after-failure");
  await addLogs(diagnosis, source, target.namespace);
  return JSON.parse(redact(JSON.stringify(diagnosis))) as Diagnosis;
}

/**
 * Objects as they were while helm waited, completed by those only the later
 * reading has (hook and test pods created after it); events from both.
 */
export function mergeSnapshots(before: NamespaceSnapshot, after: NamespaceSnapshot): NamespaceSnapshot {
  const objects: NamespaceSnapshot["objects"] = {};
  const kinds = new Set([...Object.keys(before.objects), ...Object.keys(after.objects)]) as Set<
    keyof NamespaceSnapshot["objects"]
  >;
  for (const kind of kinds) {
    const earlier = before.objects[kind] ?? [];
    const seen = new Set(earlier.map(uidOf));
    objects[kind] = [...earlier, ...(after.objects[kind] ?? []).filter((o) => !seen.has(uidOf(o)))];
  }
  const eventUids = new Set(after.events.map((e) => e.metadata?.uid));
  return {
    objects,
    events: [...before.events.filter((e) => !eventUids.has(e.metadata?.uid)), ...after.events],
    unreadable: after.unreadable,
  };
}

const uidOf = (o: KubeObject) => o.metadata?.uid ?? `${o.metadata?.name}`;

function unreadable(error: unknown): NamespaceSnapshot {
  const reason = error instanceof Error ? error.message.split("\n")[0]! : String(error);
  return { objects: {}, events: [], unreadable: [{ kind: "objects", reason }] };
}

/** The log tail of pods that ran and ended (failed tests, failed hooks): said unavailable when there is none. */
async function addLogs(diagnosis: Diagnosis, source: SnapshotSource, namespace: string): Promise<void> {
  const ended = diagnosis.objects
    .flatMap((o) => o.pods)
    .filter((p) => p.containers.some((c) => c.state === "terminated"))
    .slice(0, LOGS_READ);
  await Promise.all(ended.map((p) => readLog(p, source, namespace)));
}

async function readLog(pod: PodDiagnosis, source: SnapshotSource, namespace: string): Promise<void> {
  try {
    pod.log = { lines: await source.podLog(namespace, pod.name, LOG_LINES) };
  } catch (error) {
    pod.log = { unavailable: apiMessage(error) };
  }
}

/** The API server's own message: the first line of the error (the REST adapter puts the Status message there). */
export function apiMessage(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0]!;
}
