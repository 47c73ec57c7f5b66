import { describe, expect, it } from "vitest";
import type { DeployPlan, PlannedRelease } from "../../../src/plan/deploy-plan.js";
import { formatPlanPreview, planChanges } from "../../../src/plan/plan-preview.js";
import { countValues, valuesChange } from "../../../src/plan/values-change.js";

function planned(
  id: string,
  action: PlannedRelease["action"],
  reason: string,
  revision: number | null,
  stage = 1,
): PlannedRelease {
  return {
    id,
    name: id.split("/")[1]!,
    namespace: id.split("/")[0]!,
    stage,
    action,
    reason,
    revision,
    status: revision === null ? "not installed" : "deployed",
    fingerprint: { deployed: null, desired: "f" },
    inSync: action === "unchanged",
    secretsStale: false,
    stuck: null,
    recover: null,
    drift: null,
    forceConflicts: false,
  };
}
const plan = (releases: PlannedRelease[]): DeployPlan => ({
  mode: "apply",
  releases,
  needsOutside: [],
  blockers: [],
  lock: { releases: releases.map((r) => r.id) },
});

describe("which values a deploy changes, by path", () => {
  it("changed, added and removed leaves; lists compare whole", () => {
    expect(
      valuesChange(
        { image: { tag: "1" }, replicas: 1, hosts: ["a"], old: { x: 1 }, db: { password: "s3cret" } },
        {
          image: { tag: "2" },
          replicas: 1,
          hosts: ["a", "b"],
          ingress: { host: "h" },
          db: { password: "n3w" },
        },
      ),
    ).toEqual({ changed: ["image.tag", "hosts", "db.password"], added: ["ingress"], removed: ["old"] });
  });

  it("counts the leaves of the desired values", () => {
    expect(countValues({})).toBe(0);
    expect(countValues({ a: 1, b: { c: [1, 2], d: {} } })).toBe(3);
  });
});

describe("the plan shown before a run", () => {
  it("one line per release that changes, in stage order; the rest folded; value paths, never values", () => {
    const p = plan([
      planned("ns/api", "upgrade", "fingerprint changed", 3, 2),
      planned("ns/db", "unchanged", "fingerprint deployed", 1, 1),
      planned("ns/web", "install", "not installed", null, 1),
      planned("ns/old", "uninstall", "installed: false", 2, 1),
    ]);
    const text = formatPlanPreview(
      p,
      new Map([
        ["ns/api", { chart: "./charts/api", values: { changed: ["db.password"], added: [], removed: [] } }],
        ["ns/web", { chart: "bitnami/nginx 1.2.3", values: { count: 4 } }],
      ]),
    );
    expect(text.split("\n")).toEqual([
      "plan: 1 upgrade, 1 unchanged, 1 install, 1 uninstall",
      "  install    ns/web  not installed; chart bitnami/nginx 1.2.3; 4 values",
      "  uninstall  ns/old  installed: false (revision 2)",
      "  upgrade    ns/api  fingerprint changed (revision 3); chart ./charts/api; values changed: db.password",
      "  ns/db stays as it is",
    ]);
    expect(planChanges(p)).toBe(true);
  });

  it("a plan with nothing to change says so (and asks nothing)", () => {
    const p = plan([planned("ns/db", "unchanged", "fingerprint deployed", 1)]);
    expect(formatPlanPreview(p, new Map())).toBe("plan: 1 unchanged; nothing to change");
    expect(planChanges(p)).toBe(false);
  });
});
