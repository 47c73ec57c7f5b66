// The deploy plan: what a run will do to each release and why, decided from
// data alone — the desired releases (rendered), the graph of the run, and
// what the cluster holds. `sync`, `apply`, `destroy`, their `--dry-run`,
// `diff`, `status` and the rotations print, compare or execute this one plan,
// so they cannot disagree. No I/O here.
import { describeObjects, type ReleaseDrift } from "../drift/release-drift.js";
import type { ReleaseGraph } from "../graph/release-graph.js";
import { levels } from "../graph/schedule.js";
import { FINGERPRINT_LABEL, SECRETS_LABEL } from "../helm/args.js";
import { type DeployedRelease, type HelmStatus, PENDING } from "../kube/release-record.js";
import type { DriftMode } from "../model/project.js";

/** What the run does to one release. `none`: nothing to do (absent and meant to be absent). */
export type PlanAction = "install" | "upgrade" | "unchanged" | "uninstall" | "none";

export type PlanMode =
  /** install or upgrade every installed release. */
  | "sync"
  /** like sync, but leave releases whose fingerprint is deployed alone. */
  | "apply"
  /** uninstall every release. */
  | "destroy";

export type RecoverMode = "rollback" | "uninstall";

/** One desired release as the plan needs it: identity, whether it should exist, its fingerprints. */
export interface DesiredRelease {
  id: string;
  name: string;
  namespace: string;
  installed: boolean;
  /** Fingerprint of chart, values, settings and secrets digest ("" for a release to uninstall). */
  fingerprint: string;
  secretsDigest: string;
  /** The release's driftDetection mode (undefined: enabled). */
  driftMode?: DriftMode;
}

export interface PlannedRelease {
  id: string;
  name: string;
  namespace: string;
  /** 1-based depth in the run's graph: releases of one stage can run at the same time. */
  stage: number;
  action: PlanAction;
  /** Why, in a few words (for --dry-run, the JSON report and logs). */
  reason: string;
  /** The live revision, if the release exists. */
  revision: number | null;
  /** helm's status of the live revision, or "not installed". */
  status: HelmStatus | "not installed";
  fingerprint: { deployed: string | null; desired: string };
  /** The deployed revision is the desired state: same fingerprint, status deployed (or absent as wanted). */
  inSync: boolean;
  /** A secret the release consumes changed since it was deployed. */
  secretsStale: boolean;
  /** Set when the live revision is stuck in a pending state. */
  stuck: HelmStatus | null;
  /** How a stuck release is recovered before its action; null when it is not stuck or no --recover was given. */
  recover: RecoverMode | null;
  /** The live objects against the deployed manifest; null when not checked. */
  drift: ReleaseDrift | null;
  /**
   * The upgrade restores fields someone else changed: with helm 4 server-side
   * apply it must take them back (--force-conflicts), or it fails on conflicts.
   */
  forceConflicts: boolean;
}

export interface NeedOutside {
  id: string;
  status: HelmStatus | "not installed";
  /** Deployed and healthy: the run may rely on it. */
  ok: boolean;
}

/** Something that stops the run before any change: the cluster is not in a state to act on. */
export interface Blocker {
  kind: "stuck" | "need-missing";
  ids: string[];
  message: string;
  hint: string;
}

export interface DeployPlan {
  mode: PlanMode;
  /** In the graph's order. */
  releases: PlannedRelease[];
  needsOutside: NeedOutside[];
  blockers: Blocker[];
  /** The releases the run decides about and may write: what its lock claims, taken before the cluster is read. */
  lock: { releases: string[] };
}

export interface PlanInput {
  mode: PlanMode;
  desired: readonly DesiredRelease[];
  /** The run's graph (its releases only). */
  graph: ReleaseGraph;
  /** Needs of the run's releases that are not in it (empty with --skip-needs). */
  needsOutside: readonly string[];
  /** The latest revision of each release in the cluster. */
  deployed: ReadonlyMap<string, DeployedRelease>;
  recover?: RecoverMode;
  /** Drift of the releases that were checked (see driftScope). */
  drift?: ReadonlyMap<string, ReleaseDrift>;
}

/** The deployed release that counts: an uninstalled (kept-history) release is none. */
export function liveRelease(deployed: DeployedRelease | undefined): DeployedRelease | undefined {
  return deployed && deployed.status !== "uninstalled" ? deployed : undefined;
}

export function buildDeployPlan(input: PlanInput): DeployPlan {
  const stage = new Map(levels(input.graph).flatMap((ids, i) => ids.map((id) => [id, i + 1] as const)));
  const byId = new Map(input.desired.map((d) => [d.id, d]));
  const releases = input.graph.ids
    .filter((id) => byId.has(id))
    .map((id) => planRelease(byId.get(id)!, input, stage.get(id) ?? 1));
  const needsOutside = input.needsOutside.map((id): NeedOutside => {
    const live = liveRelease(input.deployed.get(id));
    return { id, status: live?.status ?? "not installed", ok: live?.status === "deployed" };
  });
  return {
    mode: input.mode,
    releases,
    needsOutside,
    blockers: blockersOf(releases, needsOutside, input.mode),
    lock: { releases: releases.map((r) => r.id) },
  };
}

function planRelease(desired: DesiredRelease, input: PlanInput, stage: number): PlannedRelease {
  const live = liveRelease(input.deployed.get(desired.id));
  const deployedFingerprint = live?.labels[FINGERPRINT_LABEL] ?? null;
  const stuck = live && PENDING.includes(live.status) ? live.status : null;
  const inSync = desired.installed
    ? live?.status === "deployed" && deployedFingerprint === desired.fingerprint
    : live === undefined;
  const drift = input.drift?.get(desired.id) ?? null;
  const { action, reason } = decide(desired, live, inSync, stuck, input, drift);
  const corrects = action === "upgrade" && reason.startsWith(DRIFTED);
  return {
    id: desired.id,
    name: desired.name,
    namespace: desired.namespace,
    stage,
    action,
    reason,
    revision: live?.revision ?? null,
    status: live?.status ?? "not installed",
    fingerprint: { deployed: deployedFingerprint, desired: desired.fingerprint },
    inSync,
    secretsStale:
      desired.installed && live !== undefined && (live.labels[SECRETS_LABEL] ?? "") !== desired.secretsDigest,
    stuck,
    recover: stuck && input.recover ? input.recover : null,
    drift,
    forceConflicts: corrects && live?.applyMethod === "ssa",
  };
}

/** How the reason of an upgrade that corrects drift starts. */
export const DRIFTED = "drifted: ";

function decide(
  desired: DesiredRelease,
  live: DeployedRelease | undefined,
  inSync: boolean,
  stuck: HelmStatus | null,
  input: PlanInput,
  drift: ReleaseDrift | null,
): { action: PlanAction; reason: string } {
  if (input.mode === "destroy" || !desired.installed) {
    if (!live) return { action: "none", reason: "not installed" };
    return { action: "uninstall", reason: input.mode === "destroy" ? "destroy" : "installed: false" };
  }
  if (stuck && input.recover) {
    const fresh = stuck === "pending-install" || input.recover === "uninstall";
    return {
      action: fresh ? "install" : "upgrade",
      reason: `stuck ${stuck}: recover (${input.recover}), then ${fresh ? "install" : "upgrade"}`,
    };
  }
  if (!live) return { action: "install", reason: "not installed" };
  if (input.mode === "apply" && inSync) {
    if (drift?.state !== "drifted") return { action: "unchanged", reason: "fingerprint deployed" };
    if (desired.driftMode === "warn") {
      return {
        action: "unchanged",
        reason: "fingerprint deployed; drifted, not corrected (driftDetection: warn)",
      };
    }
    return { action: "upgrade", reason: `${DRIFTED}${describeObjects(drift.objects)}` };
  }
  if (input.mode === "sync") return { action: "upgrade", reason: "sync upgrades every release" };
  if (live.status !== "deployed") return { action: "upgrade", reason: `live revision is ${live.status}` };
  return {
    action: "upgrade",
    reason: live.labels[FINGERPRINT_LABEL]
      ? "fingerprint changed"
      : "no fingerprint on the deployed revision",
  };
}

function blockersOf(
  releases: readonly PlannedRelease[],
  needs: readonly NeedOutside[],
  mode: PlanMode,
): Blocker[] {
  const blockers: Blocker[] = [];
  const stuck = releases.filter((r) => r.stuck && !r.recover && r.action !== "none");
  if (stuck.length > 0) {
    blockers.push({
      kind: "stuck",
      ids: stuck.map((r) => r.id),
      message: `releases stuck in a pending state: ${stuck.map((r) => `${r.id} (${r.stuck}, revision ${r.revision})`).join(", ")}`,
      hint: "rerun with --recover=rollback (back to the last good revision) or --recover=uninstall",
    });
  }
  const missing = mode === "destroy" ? [] : needs.filter((n) => !n.ok);
  if (missing.length > 0) {
    blockers.push({
      kind: "need-missing",
      ids: missing.map((n) => n.id),
      message: `needed releases outside the selection are not deployed: ${missing.map((n) => `${n.id} (${n.status})`).join(", ")}`,
      hint: "deploy them first, or add them to this run with --include-needs (or --include-transitive-needs)",
    });
  }
  return blockers;
}

/** How many releases get each action, e.g. `2 install, 1 unchanged`. */
export function countActions(plan: DeployPlan): string {
  const counts = new Map<PlanAction, number>();
  for (const r of plan.releases) counts.set(r.action, (counts.get(r.action) ?? 0) + 1);
  return [...counts].map(([action, n]) => `${n} ${action}`).join(", ");
}
