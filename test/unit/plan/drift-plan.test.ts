import { describe, expect, it } from "vitest";
import { releaseDrift } from "../../../src/drift/release-drift.js";
import { graphOfReleases } from "../../../src/graph/release-graph.js";
import { FINGERPRINT_LABEL, SECRETS_LABEL } from "../../../src/helm/args.js";
import type { DeployedRelease } from "../../../src/kube/release-record.js";
import { buildDeployPlan, type DesiredRelease, type PlanMode } from "../../../src/plan/deploy-plan.js";
import { driftScope } from "../../../src/plan/drift-scope.js";

const deployed = (id: string, fingerprint = "fp-1", applyMethod?: "ssa" | "csa"): DeployedRelease => ({
  id,
  name: id.split("/")[1]!,
  namespace: id.split("/")[0]!,
  revision: 2,
  status: "deployed",
  labels: { [FINGERPRINT_LABEL]: fingerprint, [SECRETS_LABEL]: "s" },
  ...(applyMethod ? { applyMethod } : {}),
});
const desired = (id: string, more: Partial<DesiredRelease> = {}): DesiredRelease => ({
  id,
  name: id.split("/")[1]!,
  namespace: id.split("/")[0]!,
  installed: true,
  fingerprint: "fp-1",
  secretsDigest: "s",
  ...more,
});
const drifted = releaseDrift(
  [
    { resource: "Deployment/web", change: "changed", fields: ["/spec/template/spec/containers/0/image"] },
    { resource: "ConfigMap/web-message", change: "deleted", fields: [] },
  ],
  [],
  [],
);
const inSync = releaseDrift(
  [],
  [{ resource: "Deployment/web", field: "/spec/replicas", rule: "scaled by HorizontalPodAutoscaler web" }],
  [],
);

function plan(
  mode: PlanMode,
  d: DesiredRelease[],
  live: DeployedRelease[],
  drift: Record<string, ReturnType<typeof releaseDrift>>,
) {
  return buildDeployPlan({
    mode,
    desired: d,
    graph: graphOfReleases(d.map((r) => ({ id: r.id, needs: [] }))),
    needsOutside: [],
    deployed: new Map(live.map((r) => [r.id, r])),
    drift: new Map(Object.entries(drift)),
  });
}

describe("drift in the deploy plan", () => {
  it("apply upgrades a drifted release whose fingerprint is deployed, saying what drifted", () => {
    const [web] = plan("apply", [desired("a/web")], [deployed("a/web")], { "a/web": drifted }).releases;
    expect(web).toMatchObject({
      action: "upgrade",
      reason: "drifted: Deployment/web /spec/template/spec/containers/0/image, ConfigMap/web-message deleted",
      inSync: true,
      drift: drifted,
      forceConflicts: false,
    });
  });

  it("forces conflicts back only when helm applied the release server-side", () => {
    const [web] = plan("apply", [desired("a/web")], [deployed("a/web", "fp-1", "ssa")], {
      "a/web": drifted,
    }).releases;
    expect(web!.forceConflicts).toBe(true);
  });

  it("leaves a release whose drift is all ignored unchanged", () => {
    const [web] = plan("apply", [desired("a/web")], [deployed("a/web")], { "a/web": inSync }).releases;
    expect(web).toMatchObject({ action: "unchanged", reason: "fingerprint deployed", drift: inSync });
  });

  it("reports but does not correct drift with driftDetection: warn", () => {
    const [web] = plan("apply", [desired("a/web", { driftMode: "warn" })], [deployed("a/web")], {
      "a/web": drifted,
    }).releases;
    expect(web).toMatchObject({ action: "unchanged", forceConflicts: false });
    expect(web!.reason).toContain("driftDetection: warn");
  });

  it("keeps the reason of a release that changed anyway", () => {
    const [web] = plan("apply", [desired("a/web", { fingerprint: "fp-2" })], [deployed("a/web")], {
      "a/web": drifted,
    }).releases;
    expect(web).toMatchObject({ action: "upgrade", reason: "fingerprint changed", forceConflicts: false });
  });

  it("sync upgrades as always, drift or not", () => {
    const [web] = plan("sync", [desired("a/web")], [deployed("a/web")], { "a/web": drifted }).releases;
    expect(web).toMatchObject({ action: "upgrade", reason: "sync upgrades every release" });
  });

  it("says a release was not checked with drift null", () => {
    const [web] = plan("apply", [desired("a/web")], [deployed("a/web")], {}).releases;
    expect(web!.drift).toBeNull();
  });
});

describe("which releases a drift check is for", () => {
  const d = [
    desired("a/same"),
    desired("a/changed", { fingerprint: "fp-2" }),
    desired("a/new"),
    desired("a/off", { driftMode: "disabled" }),
    desired("a/gone", { installed: false, fingerprint: "" }),
  ];
  const live = [deployed("a/same"), deployed("a/changed"), deployed("a/off"), deployed("a/gone")];
  const p = plan("apply", d, live, {});

  it("apply checks only what it would leave unchanged", () => {
    expect(driftScope(p, d, "unchanged")).toEqual(["a/same"]);
  });

  it("status checks every deployed release it keeps", () => {
    expect(driftScope(p, d, "deployed")).toEqual(["a/same", "a/changed"]);
  });
});
