import { describe, expect, it } from "vitest";
import type { DeployedRelease, HelmStatus } from "../../../src/kube/release-record.js";
import {
  buildReleaseRollbackPlan,
  buildRunRollbackPlan,
  RollbackRefusedError,
  refusalError,
} from "../../../src/plan/rollback-plan.js";
import { completedRecord, type RunRecord, startedRecord } from "../../../src/plan/run-record.js";

const settings = { timeoutSeconds: 60, wait: true, tests: true, historyMax: 10 };
const live = (id: string, revision: number, status: HelmStatus = "deployed"): [string, DeployedRelease] => [
  id,
  { id, name: id.split("/")[1]!, namespace: id.split("/")[0]!, revision, status, labels: {} },
];
const release = (id: string, planned: string, before: number | null) => ({
  id,
  name: id.split("/")[1]!,
  namespace: id.split("/")[0]!,
  planned,
  before,
  ...settings,
});

// base <- mid <- top, and new (installed by the run) needs top; solo stands alone, left unchanged.
function run(after: [string, DeployedRelease][], outcome: "succeeded" | "started" = "succeeded"): RunRecord {
  const record = startedRecord({
    id: "r1",
    environment: "staging",
    command: "sync",
    who: "ana@ci",
    startedAt: new Date("2026-12-01T22:00:00Z"),
    releases: [
      release("ns/base", "upgrade", 1),
      release("ns/mid", "upgrade", 2),
      release("ns/solo", "unchanged", 5),
      release("ns/top", "upgrade", 3),
      release("ns/new", "install", null),
    ],
    edges: [
      ["ns/base", "ns/mid"],
      ["ns/mid", "ns/top"],
      ["ns/top", "ns/new"],
    ],
  });
  return outcome === "started" ? record : completedRecord(record, outcome, new Map(after), new Date());
}
const afterRun: [string, DeployedRelease][] = [
  live("ns/base", 2),
  live("ns/mid", 3),
  live("ns/solo", 5),
  live("ns/top", 4),
  live("ns/new", 1),
];

describe("undoing a run", () => {
  it("returns every upgraded release to its revision before and uninstalls what it installed, dependents first", () => {
    const plan = buildRunRollbackPlan({ record: run(afterRun), current: new Map(afterRun), force: false });
    expect(plan.refusals).toEqual([]);
    expect(plan.undoes).toBe("r1");
    expect(plan.steps.map((s) => [s.id, s.stage, s.action, s.current, s.toRevision])).toEqual([
      ["ns/new", 1, "uninstall", 1, null],
      ["ns/top", 2, "rollback", 4, 3],
      ["ns/mid", 3, "rollback", 3, 2],
      ["ns/base", 4, "rollback", 2, 1],
    ]);
    // The graph executed is the run's, reversed, with the releases it left in it (order through them holds).
    expect(plan.graph.edges).toContainEqual(["ns/new", "ns/top"]);
    expect(plan.graph.ids).toContain("ns/solo");
    expect(plan.lock.releases.sort()).toEqual(["ns/base", "ns/mid", "ns/new", "ns/top"]);
    expect(plan.steps[1]!.settings).toEqual(settings);
  });

  it("refuses a release that moved on since the run, naming it and both revisions", () => {
    const current = new Map([...afterRun, live("ns/mid", 5)]);
    const plan = buildRunRollbackPlan({ record: run(afterRun), current, force: false });
    expect(plan.refusals).toEqual([
      {
        kind: "moved-on",
        id: "ns/mid",
        message: "ns/mid moved on since run r1: it is at revision 5, the run left revision 3",
        forcible: true,
      },
    ]);
    const error = refusalError(plan);
    expect(error).toBeInstanceOf(RollbackRefusedError);
    expect(error?.exitCode).toBe(4);
    expect(error?.message).toContain("ns/mid moved on since run r1: it is at revision 5");
    expect(error?.hint).toContain("--force");
  });

  it("with --force, rolls a moved-on release back anyway and says it forced it", () => {
    const current = new Map([...afterRun, live("ns/mid", 5)]);
    const plan = buildRunRollbackPlan({ record: run(afterRun), current, force: true });
    expect(plan.refusals).toEqual([]);
    expect(plan.forced.map((r) => r.id)).toEqual(["ns/mid"]);
    expect(plan.steps.find((s) => s.id === "ns/mid")).toMatchObject({
      action: "rollback",
      current: 5,
      toRevision: 2,
    });
  });

  it("a release already where the rollback would take it is kept, not refused", () => {
    // new was uninstalled by hand, base rolled back by hand: both moved on, both already as before.
    const current = new Map(afterRun.filter(([id]) => id !== "ns/new").concat([live("ns/base", 1)]));
    const plan = buildRunRollbackPlan({ record: run(afterRun), current, force: false });
    expect(plan.refusals).toEqual([]);
    expect(plan.steps.find((s) => s.id === "ns/new")).toMatchObject({
      action: "keep",
      reason: "not installed",
    });
    expect(plan.steps.find((s) => s.id === "ns/base")).toMatchObject({
      action: "keep",
      reason: "already at revision 1",
    });
  });

  it("cannot restore a release the run uninstalled: refused, and left as it is with --force", () => {
    const record = completedRecord(
      startedRecord({
        id: "d1",
        environment: "staging",
        command: "destroy",
        who: "ana@ci",
        startedAt: new Date(),
        releases: [release("ns/a", "uninstall", 3), release("ns/b", "upgrade", 1)],
        edges: [],
      }),
      "succeeded",
      new Map([live("ns/b", 2)]),
      new Date(),
    );
    const current = new Map([live("ns/b", 2)]);
    const plan = buildRunRollbackPlan({ record, current, force: false });
    expect(plan.refusals).toMatchObject([{ kind: "not-restorable", id: "ns/a" }]);
    expect(plan.refusals[0]!.message).toContain("helm keeps no history");
    const forced = buildRunRollbackPlan({ record, current, force: true });
    expect(forced.refusals).toEqual([]);
    expect(forced.steps.map((s) => [s.id, s.action])).toEqual([
      ["ns/a", "keep"],
      ["ns/b", "rollback"],
    ]);
  });

  it("never rolls back a stuck release, even forced", () => {
    const current = new Map([...afterRun, live("ns/top", 5, "pending-upgrade")]);
    const plan = buildRunRollbackPlan({ record: run(afterRun), current, force: true });
    expect(plan.refusals).toMatchObject([{ kind: "stuck", id: "ns/top", forcible: false }]);
    expect(refusalError(plan)?.hint).toContain("--recover");
  });

  it("an interrupted run (record still started) is undone from what the cluster holds", () => {
    // The run got as far as upgrading base and installing nothing else.
    const current = new Map([live("ns/base", 2), live("ns/mid", 2), live("ns/solo", 5), live("ns/top", 3)]);
    const plan = buildRunRollbackPlan({ record: run([], "started"), current, force: false });
    expect(plan.refusals).toEqual([]);
    expect(plan.steps.filter((s) => s.action !== "keep").map((s) => [s.id, s.action, s.toRevision])).toEqual([
      ["ns/base", "rollback", 1],
    ]);
  });
});

describe("rolling one release back", () => {
  const input = (current: DeployedRelease | undefined, revision?: number) => ({
    environment: "staging",
    release: { id: "ns/web", name: "web", namespace: "ns", settings },
    current,
    history: [2, 3, 4].map((r) => ({ revision: r, status: r === 4 ? "deployed" : "superseded" })),
    revision,
  });

  it("goes to the previous revision by default, or the one given", () => {
    const current = live("ns/web", 4)[1];
    expect(buildReleaseRollbackPlan(input(current)).steps).toMatchObject([
      { action: "rollback", current: 4, toRevision: 3, reason: "back to the previous revision" },
    ]);
    const plan = buildReleaseRollbackPlan(input(current, 2));
    expect(plan.steps).toMatchObject([{ action: "rollback", toRevision: 2 }]);
    expect(plan.undoes).toBeNull();
    expect(plan.lock.releases).toEqual(["ns/web"]);
  });

  it("refuses a revision helm no longer holds, saying which it holds", () => {
    const plan = buildReleaseRollbackPlan(input(live("ns/web", 4)[1], 1));
    expect(plan.refusals).toEqual([
      {
        kind: "no-such-revision",
        id: "ns/web",
        message: "ns/web has no revision 1 (helm keeps revisions 2-4)",
        forcible: false,
      },
    ]);
    expect(plan.steps[0]!.action).toBe("keep");
  });

  it("refuses a release that is not installed", () => {
    expect(buildReleaseRollbackPlan(input(undefined)).refusals).toMatchObject([{ kind: "not-installed" }]);
    expect(buildReleaseRollbackPlan(input(live("ns/web", 4, "uninstalled")[1])).refusals).toMatchObject([
      { kind: "not-installed" },
    ]);
  });
});
