import { describe, expect, it } from "vitest";
import type { DeployedRelease, HelmStatus } from "../../../src/kube/release-record.js";
import { environmentLabel, recordName } from "../../../src/kube/run-records.js";
import {
  changedReleases,
  changeOf,
  completedRecord,
  newestFirst,
  newRunId,
  parseRunRecord,
  type RunRecord,
  recordsToPrune,
  startedRecord,
} from "../../../src/plan/run-record.js";

const settings = { timeoutSeconds: 60, wait: true, tests: false, historyMax: 10 };
const live = (id: string, revision: number, status: HelmStatus = "deployed"): [string, DeployedRelease] => [
  id,
  { id, name: id.split("/")[1]!, namespace: id.split("/")[0]!, revision, status, labels: {} },
];

function started(): RunRecord {
  return startedRecord({
    id: "20261201-224400-00ff",
    environment: "staging",
    command: "sync",
    who: "ana@ci",
    startedAt: new Date("2026-12-01T22:44:00.123Z"),
    releases: [
      { id: "apps/a", name: "a", namespace: "apps", planned: "upgrade", before: 2, ...settings },
      { id: "apps/b", name: "b", namespace: "apps", planned: "install", before: null, ...settings },
      { id: "apps/c", name: "c", namespace: "apps", planned: "unchanged", before: 4, ...settings },
      { id: "apps/d", name: "d", namespace: "apps", planned: "uninstall", before: 7, ...settings },
    ],
    edges: [["apps/a", "apps/b"]],
  });
}

describe("run ids and names", () => {
  it("sort by time and fit a ConfigMap name", () => {
    const id = newRunId(new Date("2026-12-01T22:44:00.123Z"), () => 0.5);
    expect(id).toBe("20261201-224400-8000");
    expect(newRunId(new Date("2026-12-01T22:44:01Z"), () => 0) > id).toBe(true);
    expect(recordName(id)).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
  });

  it.each([
    ["production", "production"],
    ["team a/prod", "team_a_prod"],
    ["-x-", "x"],
    ["a".repeat(80), "a".repeat(63)],
  ])("environment %s is labelled %s", (environment, label) => {
    expect(environmentLabel(environment)).toBe(label);
  });
});

describe("a started record", () => {
  it("knows the revisions before, not yet after, and holds no values", () => {
    const record = started();
    expect(record).toMatchObject({
      outcome: "started",
      finishedAt: null,
      startedAt: "2026-12-01T22:44:00.123Z",
    });
    expect(record.releases.map((r) => [r.id, r.before, r.after, r.change])).toEqual([
      ["apps/a", 2, null, null],
      ["apps/b", null, null, null],
      ["apps/c", 4, null, null],
      ["apps/d", 7, null, null],
    ]);
    expect(Object.keys(record.releases[0]!).sort()).toEqual(
      ["id", "name", "namespace", "planned", "before", "after", "change", ...Object.keys(settings)].sort(),
    );
  });

  it("counts every release it planned to touch as changed (it may have)", () => {
    expect(changedReleases(started()).map((r) => r.id)).toEqual(["apps/a", "apps/b", "apps/d"]);
  });
});

describe("completing a record from the cluster after the run", () => {
  it("says per release whether the run installed, upgraded, uninstalled or left it", () => {
    const after = new Map([live("apps/a", 3), live("apps/b", 1), live("apps/c", 4)]);
    const record = completedRecord(started(), "succeeded", after, new Date("2026-12-01T22:45:00Z"));
    expect(record.outcome).toBe("succeeded");
    expect(record.finishedAt).toBe("2026-12-01T22:45:00.000Z");
    expect(record.releases.map((r) => [r.id, r.before, r.after, r.change])).toEqual([
      ["apps/a", 2, 3, "upgraded"],
      ["apps/b", null, 1, "installed"],
      ["apps/c", 4, 4, "left"],
      ["apps/d", 7, null, "uninstalled"],
    ]);
    expect(changedReleases(record).map((r) => r.id)).toEqual(["apps/a", "apps/b", "apps/d"]);
  });

  it("an uninstalled revision kept in history counts as not installed", () => {
    const after = new Map([live("apps/d", 8, "uninstalled")]);
    const record = completedRecord(started(), "failed", after, new Date());
    expect(record.releases.find((r) => r.id === "apps/d")).toMatchObject({
      after: null,
      change: "uninstalled",
    });
  });

  it.each([
    [2, 2, "upgrade", "left"],
    [null, null, "none", "left"],
    [null, 1, "install", "installed"],
    [3, null, "uninstall", "uninstalled"],
    [3, 4, "upgrade", "upgraded"],
    [3, 4, "rollback", "rolled back"],
    [3, 4, "unchanged", "left"],
  ] as const)("before %s, after %s, planned %s: %s", (before, after, planned, change) => {
    expect(changeOf(before, after, planned)).toBe(change);
  });
});

describe("keeping records", () => {
  const at = (n: number): RunRecord => ({
    ...started(),
    id: `id-${String(n).padStart(2, "0")}`,
    startedAt: new Date(Date.UTC(2026, 11, 1, 0, n)).toISOString(),
  });

  it("lists newest first and prunes all but the newest 20", () => {
    const records = Array.from({ length: 23 }, (_, i) => at(i));
    expect(newestFirst(records)[0]!.id).toBe("id-22");
    expect(
      recordsToPrune(records)
        .map((r) => r.id)
        .sort(),
    ).toEqual(["id-00", "id-01", "id-02"]);
    expect(recordsToPrune(records.slice(0, 20))).toEqual([]);
  });

  it("reads back what it wrote, and nothing else", () => {
    const record = started();
    expect(parseRunRecord(JSON.stringify(record))).toEqual(record);
    expect(parseRunRecord(undefined)).toBeUndefined();
    expect(parseRunRecord("{not json")).toBeUndefined();
    expect(parseRunRecord(JSON.stringify({ ...record, version: 2 }))).toBeUndefined();
    expect(parseRunRecord(JSON.stringify({ ...record, releases: "x" }))).toBeUndefined();
  });
});
