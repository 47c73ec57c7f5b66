import { describe, expect, it } from "vitest";
import { graphOfReleases } from "../../../src/graph/release-graph.js";
import { FINGERPRINT_LABEL, SECRETS_LABEL } from "../../../src/helm/args.js";
import type { DeployedRelease, HelmStatus } from "../../../src/kube/release-record.js";
import {
  buildDeployPlan,
  countActions,
  type DesiredRelease,
  type PlanInput,
} from "../../../src/plan/deploy-plan.js";

const deployed = (
  id: string,
  status: HelmStatus,
  fingerprint = "fp-1",
  revision = 3,
  secrets = "s-1",
): DeployedRelease => ({
  id,
  name: id.split("/")[1]!,
  namespace: id.split("/")[0]!,
  revision,
  status,
  labels: { [FINGERPRINT_LABEL]: fingerprint, [SECRETS_LABEL]: secrets },
});
const desired = (
  id: string,
  installed = true,
  fingerprint = "fp-1",
  secretsDigest = "s-1",
): DesiredRelease => ({
  id,
  name: id.split("/")[1]!,
  namespace: id.split("/")[0]!,
  installed,
  fingerprint,
  secretsDigest,
});

function plan(
  d: DesiredRelease[],
  live: DeployedRelease[],
  more: Partial<PlanInput> = {},
  needs: Record<string, string[]> = {},
) {
  return buildDeployPlan({
    mode: "apply",
    desired: d,
    graph: graphOfReleases(d.map((r) => ({ id: r.id, needs: needs[r.id] ?? [] }))),
    needsOutside: [],
    deployed: new Map(live.map((r) => [r.id, r])),
    ...more,
  });
}

const only = (p: ReturnType<typeof plan>) => p.releases[0]!;

describe("the action a plan gives one release", () => {
  it.each([
    { what: "installs what is not deployed", mode: "sync", live: [], d: desired("a/web"), want: "install" },
    {
      what: "installs again after an uninstall that kept history",
      mode: "apply",
      live: [deployed("a/web", "uninstalled")],
      d: desired("a/web"),
      want: "install",
    },
    {
      what: "sync upgrades even when nothing changed",
      mode: "sync",
      live: [deployed("a/web", "deployed")],
      d: desired("a/web"),
      want: "upgrade",
    },
    {
      what: "apply leaves an unchanged deployed release alone",
      mode: "apply",
      live: [deployed("a/web", "deployed")],
      d: desired("a/web"),
      want: "unchanged",
    },
    {
      what: "apply upgrades when the fingerprint differs",
      mode: "apply",
      live: [deployed("a/web", "deployed")],
      d: desired("a/web", true, "fp-2"),
      want: "upgrade",
    },
    {
      what: "apply upgrades a failed revision even with the same fingerprint",
      mode: "apply",
      live: [deployed("a/web", "failed")],
      d: desired("a/web"),
      want: "upgrade",
    },
    {
      what: "uninstalls a release switched to installed: false",
      mode: "apply",
      live: [deployed("a/web", "deployed")],
      d: desired("a/web", false, ""),
      want: "uninstall",
    },
    {
      what: "does nothing for an absent release meant to be absent",
      mode: "sync",
      live: [deployed("a/web", "uninstalled")],
      d: desired("a/web", false, ""),
      want: "none",
    },
    {
      what: "destroy uninstalls what is live",
      mode: "destroy",
      live: [deployed("a/web", "deployed")],
      d: desired("a/web"),
      want: "uninstall",
    },
    {
      what: "destroy has nothing to do for what is absent",
      mode: "destroy",
      live: [],
      d: desired("a/web"),
      want: "none",
    },
  ] as const)("$what", ({ mode, live, d, want }) => {
    expect(only(plan([d], [...live], { mode })).action).toBe(want);
  });

  it("says why, and carries both fingerprints and the revision", () => {
    const r = only(plan([desired("a/web", true, "fp-2")], [deployed("a/web", "deployed", "fp-1", 7)]));
    expect(r).toMatchObject({
      action: "upgrade",
      reason: "fingerprint changed",
      revision: 7,
      status: "deployed",
      fingerprint: { deployed: "fp-1", desired: "fp-2" },
      inSync: false,
    });
  });

  it("marks stale secrets from the deployed secrets digest", () => {
    const r = only(plan([desired("a/web", true, "fp-2", "s-2")], [deployed("a/web", "deployed")]));
    expect(r.secretsStale).toBe(true);
    expect(only(plan([desired("a/web")], [deployed("a/web", "deployed")])).secretsStale).toBe(false);
  });
});

describe("stuck releases", () => {
  it("block the run without --recover, naming release, status and revision", () => {
    const p = plan([desired("a/web")], [deployed("a/web", "pending-upgrade", "fp-1", 4)]);
    expect(p.blockers).toEqual([
      expect.objectContaining({
        kind: "stuck",
        ids: ["a/web"],
        message: "releases stuck in a pending state: a/web (pending-upgrade, revision 4)",
      }),
    ]);
  });

  it("are recovered first with --recover, then upgraded (or installed after a pending first install)", () => {
    const upgrade = only(
      plan([desired("a/web")], [deployed("a/web", "pending-upgrade")], { recover: "rollback" }),
    );
    expect(upgrade).toMatchObject({ action: "upgrade", recover: "rollback", stuck: "pending-upgrade" });
    const install = only(
      plan([desired("a/web")], [deployed("a/web", "pending-install", "fp-1", 1)], { recover: "rollback" }),
    );
    expect(install).toMatchObject({ action: "install", recover: "rollback" });
    expect(
      plan([desired("a/web")], [deployed("a/web", "pending-upgrade")], { recover: "rollback" }).blockers,
    ).toEqual([]);
  });
});

describe("needs outside the run", () => {
  it("are listed with their state; one not deployed blocks the run", () => {
    const p = plan([desired("a/web")], [deployed("db/pg", "deployed"), deployed("a/cache", "failed")], {
      needsOutside: ["db/pg", "a/cache", "a/queue"],
    });
    expect(p.needsOutside).toEqual([
      { id: "db/pg", status: "deployed", ok: true },
      { id: "a/cache", status: "failed", ok: false },
      { id: "a/queue", status: "not installed", ok: false },
    ]);
    expect(p.blockers.map((b) => [b.kind, b.ids])).toEqual([["need-missing", ["a/cache", "a/queue"]]]);
  });

  it("do not block a destroy", () => {
    expect(plan([desired("a/web")], [], { mode: "destroy", needsOutside: ["db/pg"] }).blockers).toEqual([]);
  });
});

describe("the plan as a whole", () => {
  it("keeps the graph's order, numbers the stages and locks every release it decides about", () => {
    const p = plan(
      [desired("a/web"), desired("db/pg"), desired("a/gone", false, "")],
      [deployed("db/pg", "deployed")],
      {},
      { "a/web": ["db/pg"] },
    );
    expect(p.releases.map((r) => [r.id, r.stage, r.action])).toEqual([
      ["a/web", 2, "install"],
      ["db/pg", 1, "unchanged"],
      ["a/gone", 1, "none"],
    ]);
    expect(p.lock.releases).toEqual(["a/web", "db/pg", "a/gone"]);
    expect(countActions(p)).toBe("1 install, 1 unchanged, 1 none");
  });
});
