// Releases stuck in a pending state: recovered before a run acts on them
// (--recover), and after a run whose helm processes were stopped or failed,
// so that no release is left pending.
import { rollbackArgs, type Target, uninstallArgs } from "../helm/args.js";
import type { HelmClient } from "../helm/client.js";
import { type DeployedRelease, PENDING } from "../kube/release-record.js";
import type { RecoverMode } from "../plan/deploy-plan.js";
import { lastGoodRevision } from "./history.js";

export interface StuckRelease {
  id: string;
  name: string;
  namespace: string;
  /** The stuck (pending) revision. */
  revision: number;
}

export function pendingAmong(
  ids: readonly string[],
  deployed: ReadonlyMap<string, DeployedRelease>,
): StuckRelease[] {
  return ids
    .map((id) => deployed.get(id))
    .filter((r): r is DeployedRelease => !!r && PENDING.includes(r.status));
}

export interface RecoverOptions {
  /** What helm is told about a release: its name, namespace and cluster. */
  targetOf: (id: string) => Target;
  /** The release's own timeout in seconds. */
  timeoutOf: (id: string) => number;
  /** false: do not wait for resources (after an interrupt, when time is short). */
  wait?: boolean;
}

/** Rolls each stuck release back to its last good revision, or uninstalls it (a pending first install, or `uninstall`). */
export async function recoverStuck(
  stuck: readonly StuckRelease[],
  mode: RecoverMode,
  helm: HelmClient,
  options: RecoverOptions,
): Promise<void> {
  for (const r of stuck) {
    const target = options.targetOf(r.id);
    // Back to the newest revision that deployed fine, not blindly r.revision - 1: that one may
    // have failed, and a rollback to it would wait out its timeout on pods that never get Ready.
    const good = mode === "rollback" ? await lastGoodRevision(helm, target, r.revision - 1) : undefined;
    const wait = options.wait ?? true;
    await helm.run(
      good !== undefined
        ? rollbackArgs(helm.major, target, good, options.timeoutOf(r.id), wait)
        : uninstallArgs(helm.major, target, options.timeoutOf(r.id), wait),
    );
  }
}
