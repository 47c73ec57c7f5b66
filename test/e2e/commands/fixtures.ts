// What the command e2e tests share beyond test/e2e/deploy/support.ts: a chart
// with nothing to wait for (a ConfigMap and a Secret), and a snapshot of what
// helm stores in the cluster, to prove a command changed nothing.
import path from "node:path";
import { repoRoot } from "../../toolchain/tools.js";
import {
  type HelmBinary,
  type HistoryEntry,
  helmHistory,
  kubectl,
  storageRecords,
} from "../deploy/support.js";

/** ConfigMap `<release>-settings` (value `message`) and Secret `<release>-credentials` (value `password`). */
export const settingsChart = path.join(repoRoot, "test", "e2e", "commands", "charts", "settings");

export interface ClusterSnapshot {
  storage: Awaited<ReturnType<typeof storageRecords>>;
  history: Record<string, HistoryEntry[]>;
}

/** Helm's storage Secrets in the namespaces and the history of each `namespace/name`. */
export async function snapshot(
  helm: HelmBinary,
  namespaces: readonly string[],
  releases: readonly { name: string; namespace: string }[],
): Promise<ClusterSnapshot> {
  const storage = await storageRecords(namespaces);
  const history = Object.fromEntries(
    await Promise.all(
      releases.map(async (r) => [`${r.namespace}/${r.name}`, await helmHistory(helm, r.name, r.namespace)]),
    ),
  );
  return { storage, history };
}

/** Whether a namespace exists (a dry run must not even create one). */
export async function namespaceExists(namespace: string): Promise<boolean> {
  const out = await kubectl(["get", "namespace", namespace, "--ignore-not-found", "-o", "name"]);
  return out.trim() !== "";
}
