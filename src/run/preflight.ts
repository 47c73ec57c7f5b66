// Checks made before the first helm call that changes anything: releases stuck
// in a pending state, and needs outside the selection that are not deployed.
import { ClusterStateError } from "../errors.js";
import { rollbackArgs, type Target, uninstallArgs } from "../helm/args.js";
import type { HelmClient } from "../helm/client.js";
import { type DeployedRelease, PENDING } from "../kube/release-record.js";
import { lastGoodRevision } from "./history.js";

export type RecoverMode = "rollback" | "uninstall";

export function checkExternalNeeds(
  external: readonly string[],
  deployed: ReadonlyMap<string, DeployedRelease>,
): void {
  const missing = external.filter((id) => deployed.get(id)?.status !== "deployed");
  if (missing.length === 0) return;
  const detail = missing.map((id) => `${id} (${deployed.get(id)?.status ?? "not installed"})`).join(", ");
  throw new ClusterStateError(`needed releases outside the selection are not deployed: ${detail}`, {
    hint: "deploy them first, or add them to this run with --include-needs (or --include-transitive-needs)",
  });
}

export function findPending(
  ids: readonly string[],
  deployed: ReadonlyMap<string, DeployedRelease>,
): DeployedRelease[] {
  return ids
    .map((id) => deployed.get(id))
    .filter((r): r is DeployedRelease => !!r && PENDING.includes(r.status));
}

/** Fails with the way out, or, with `recover`, rolls back or uninstalls each stuck release. */
export async function recoverPending(
  stuck: readonly DeployedRelease[],
  recover: RecoverMode | undefined,
  helm: HelmClient,
  kubeContext: string | undefined,
  /** The release's own timeout in seconds (default 300, helm's). */
  timeoutOf: (id: string) => number = () => 300,
): Promise<void> {
  if (stuck.length === 0) return;
  if (!recover) {
    throw new ClusterStateError(
      `releases stuck in a pending state: ${stuck.map((r) => `${r.id} (${r.status}, revision ${r.revision})`).join(", ")}`,
      { hint: "rerun with --recover=rollback (back to the last good revision) or --recover=uninstall" },
    );
  }
  for (const r of stuck) {
    const target: Target = { name: r.name, namespace: r.namespace, kubeContext };
    // Back to the newest revision that deployed fine, not blindly r.revision - 1: that one may
    // have failed, and a rollback to it would wait out its timeout on pods that never get Ready.
    const goodRevision =
      recover === "rollback" ? await lastGoodRevision(helm, target, r.revision - 1) : undefined;
    // Nothing to roll back to (a pending first install): uninstall it (helmwave does the same).
    await helm.run(
      goodRevision !== undefined
        ? rollbackArgs(helm.major, target, goodRevision, timeoutOf(r.id))
        : uninstallArgs(helm.major, target, timeoutOf(r.id)),
    );
  }
}
