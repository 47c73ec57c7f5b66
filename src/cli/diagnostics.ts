// Readings of a namespace through the Kubernetes API, for telling why a
// release failed (src/diagnose/): one list call per kind, in parallel; a kind
// the account may not read becomes a note in the diagnosis.

import type { Diagnosis } from "../diagnose/diagnosis.js";
import {
  type KubeEvent,
  type KubeObject,
  type NamespaceSnapshot,
  WATCHED_KINDS,
} from "../diagnose/objects.js";
import {
  apiMessage,
  clusterDiagnostics,
  type Diagnostics,
  diagnoseAfter,
  type SnapshotSource,
} from "../diagnose/watch.js";
import type { Target } from "../helm/args.js";
import type { Cluster } from "../kube/cluster.js";
import type { Redactor } from "../secrets/redactor.js";
import type { ConnectCluster } from "./clusters.js";
import type { CommandContext } from "./context.js";

export function snapshotSource(cluster: Cluster): SnapshotSource | undefined {
  const { listDiagnosisObjects: listObjects, readPodLog } = cluster;
  if (!listObjects || !readPodLog) return undefined;
  return {
    async read(namespace) {
      const snapshot: NamespaceSnapshot = { objects: {}, events: [], unreadable: [] };
      const reason = (error: unknown) =>
        (error as { code?: number }).code === 403 ? "forbidden" : apiMessage(error);
      await Promise.all([
        ...WATCHED_KINDS.map(async (kind) => {
          try {
            snapshot.objects[kind] = (await listObjects(kind, namespace)) as KubeObject[];
          } catch (error) {
            snapshot.unreadable.push({ kind, reason: reason(error) });
          }
        }),
        (async () => {
          try {
            snapshot.events = (await listObjects("Event", namespace)) as KubeEvent[];
          } catch (error) {
            snapshot.unreadable.push({ kind: "Event", reason: reason(error) });
          }
        })(),
      ]);
      return snapshot;
    },
    async podLog(namespace, pod, lines) {
      const text = await readPodLog(namespace, pod, lines);
      return text.split("\n").filter((line, i, all) => line !== "" || i < all.length - 1);
    },
  };
}

/** Diagnostics for a deploying run: each release watched in its own cluster (`connect` gives it). */
export function diagnosticsFor(connect: ConnectCluster, redactor: Redactor): Diagnostics {
  return {
    watch(target, timeoutSeconds) {
      const watching = connect(target).then((cluster) => {
        const source = snapshotSource(cluster);
        return (
          source && clusterDiagnostics(source, (text) => redactor.redact(text)).watch(target, timeoutSeconds)
        );
      });
      watching.catch(() => {}); // a cluster that cannot be reached has nothing to say; helm's error stands
      return {
        failed: async (helmOutput) => (await watching.catch(() => undefined))?.failed(helmOutput),
        stop: () =>
          void watching.then(
            (watch) => watch?.stop(),
            () => {},
          ),
      };
    },
  };
}

/** Why `helm test` failed: the test pods it names, their status, events and log tail (best effort). */
export async function diagnoseTest(
  ctx: CommandContext,
  target: Target,
  helmOutput: string,
): Promise<Diagnosis | undefined> {
  try {
    const source = snapshotSource(await ctx.session.cluster(target));
    return source && (await diagnoseAfter(source, target, helmOutput, (t) => ctx.redactor.redact(t)));
  } catch {
    return undefined; // the test's own error still says what failed
  }
}
