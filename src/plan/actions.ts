// What a deploying run will do to each release, decided from data alone: the
// desired state (installed or not, its fingerprint) and what is deployed.
// The runner acts on it; `--dry-run` prints it.
import { FINGERPRINT_LABEL } from "../helm/args.js";
import { type DeployedRelease, PENDING } from "../kube/release-record.js";

export type PlannedAction = "install" | "upgrade" | "unchanged" | "uninstall" | "none";

export interface Desired {
  release: { installed: boolean };
  fingerprint: string;
}

/** The deployed release that counts: an uninstalled (kept-history) release is none. */
export function liveRelease(deployed: DeployedRelease | undefined): DeployedRelease | undefined {
  return deployed && deployed.status !== "uninstalled" ? deployed : undefined;
}

export function plannedAction(
  desired: Desired,
  deployed: DeployedRelease | undefined,
  skipUnchanged: boolean,
): PlannedAction {
  const live = liveRelease(deployed);
  if (!desired.release.installed) return live ? "uninstall" : "none";
  if (!live) return "install";
  if (skipUnchanged && live.status === "deployed" && live.labels[FINGERPRINT_LABEL] === desired.fingerprint) {
    return "unchanged";
  }
  return "upgrade";
}

export interface PlannedRelease {
  id: string;
  action: PlannedAction;
  /** The deployed revision, if any. */
  revision: number | null;
  /** Set when the release is stuck: the run would stop unless --recover is given. */
  pending: string | null;
}

export function planReleases(
  desired: readonly (Desired & { release: { id: string; installed: boolean } })[],
  deployed: ReadonlyMap<string, DeployedRelease>,
  skipUnchanged: boolean,
): PlannedRelease[] {
  return desired.map((d) => {
    const current = deployed.get(d.release.id);
    const live = liveRelease(current);
    return {
      id: d.release.id,
      action: plannedAction(d, current, skipUnchanged),
      revision: live?.revision ?? null,
      pending: live && PENDING.includes(live.status) ? live.status : null,
    };
  });
}
