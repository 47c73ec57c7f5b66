import { describe, expect, it } from "vitest";
import {
  conflictsWith,
  describeHolder,
  type LockHolder,
  liveHolders,
  parseHolders,
  withHolder,
  withoutHolder,
} from "../../../src/kube/lock-holders.js";

const NOW = Date.parse("2026-12-01T12:00:00Z");
const holder = (run: string, releases: string[], more: Partial<LockHolder> = {}): LockHolder => ({
  run,
  identity: `ci@build-1 pid ${run.length}`,
  host: "build-1",
  pid: 100,
  environment: "staging",
  releases,
  acquired: "2026-12-01T11:59:30.000Z",
  renewed: "2026-12-01T11:59:30.000Z",
  durationSeconds: 60,
  ...more,
});
const liveness = (alive: (pid: number) => boolean = () => true) => ({
  now: NOW,
  host: "laptop",
  isAlive: alive,
});

describe("who holds the deploy lock", () => {
  it("reads the holders annotation; garbage holds nothing", () => {
    const a = holder("a", ["apps/web"]);
    expect(parseHolders(JSON.stringify([a, { run: 1 }]))).toEqual([a]);
    expect(parseHolders("{not json")).toEqual([]);
    expect(parseHolders(undefined)).toEqual([]);
  });

  it("drops expired claims", () => {
    const fresh = holder("a", ["x/a"]);
    const stale = holder("b", ["x/b"], { renewed: "2026-12-01T11:58:59.000Z" });
    expect(liveHolders([fresh, stale], liveness()).map((h) => h.run)).toEqual(["a"]);
  });

  it("drops a holder on this host whose process is gone, but not one on another host", () => {
    const here = holder("a", ["x/a"], { host: "laptop", pid: 4242 });
    const elsewhere = holder("b", ["x/b"], { host: "ci-runner", pid: 4242 });
    const dead = liveness((pid) => pid !== 4242);
    expect(liveHolders([here, elsewhere], dead).map((h) => h.run)).toEqual(["b"]);
    expect(liveHolders([here, elsewhere], liveness()).map((h) => h.run)).toEqual(["a", "b"]);
  });
});

describe("conflicts", () => {
  it("are claims of another run on a release in common, whatever the environment", () => {
    const other = holder("other", ["apps/web", "apps/api"], { environment: "production" });
    const disjoint = holder("disjoint", ["db/pg"]);
    const conflicts = conflictsWith([other, disjoint], "me", ["apps/web", "cache/redis"]);
    expect(conflicts).toEqual([{ holder: other, shared: ["apps/web"] }]);
  });

  it("never include the run's own claim", () => {
    expect(conflictsWith([holder("me", ["apps/web"])], "me", ["apps/web"])).toEqual([]);
  });

  it("are described with who, where, since when, until when, and what", () => {
    const text = describeHolder(holder("o", ["a/1", "a/2", "a/3", "a/4"]), ["a/1", "a/2", "a/3", "a/4"]);
    expect(text).toBe(
      'ci@build-1 pid 1 (environment "staging", since 2026-12-01T11:59:30.000Z, ' +
        "expires 2026-12-01T12:00:30.000Z unless renewed) holds a/1, a/2, a/3 and 1 more",
    );
  });
});

describe("changing the holders", () => {
  it("replaces a run's entry in place of adding a second, and removes it", () => {
    const a = holder("a", ["x/a"]);
    const b = holder("b", ["x/b"]);
    const renewed = { ...a, renewed: "2026-12-01T12:00:00.000Z" };
    expect(withHolder([a, b], renewed)).toEqual([b, renewed]);
    expect(withoutHolder([a, b], "a")).toEqual([b]);
  });
});
