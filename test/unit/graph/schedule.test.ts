// The scheduler, driven step by step: every task is a promise the test
// resolves itself (`finish`), and `settle` lets the scheduler react. No timers
// and no durations, so the order asserted is the order the scheduler chose,
// however loaded the machine is.
import { describe, expect, it } from "vitest";
import {
  buildReleaseGraph,
  type GraphNodeInput,
  type ReleaseGraph,
} from "../../../src/graph/release-graph.js";
import {
  criticalPath,
  levels,
  runGraph,
  type ScheduleOptions,
  type SkipReason,
} from "../../../src/graph/schedule.js";

function graphOf(spec: Record<string, string[]>): ReleaseGraph {
  const nodes: GraphNodeInput[] = Object.entries(spec).map(([name, needs]) => ({
    id: `ns/${name}`,
    name,
    namespace: "ns",
    location: { file: "releases.yaml" },
    needs: needs.map((ref) => ({ ref, location: { file: "releases.yaml" } })),
  }));
  return buildReleaseGraph(nodes);
}

/**
 * The scheduler reacts to a task's end through promise callbacks only, so
 * once the microtask queue is empty it has started everything it is going to
 * start. A macrotask (setImmediate) runs exactly then.
 */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Runs `graph` with tasks the test finishes by hand, recording what the scheduler did. */
function drive(graph: ReleaseGraph, options: Omit<ScheduleOptions, "onSkip">) {
  const started: string[] = [];
  const running = new Set<string>();
  const succeeded = new Set<string>();
  const skipped: { id: string; reason: SkipReason }[] = [];
  const finishers = new Map<string, (ok: boolean | Error) => void>();
  const violations: string[] = [];
  let peak = 0;
  let resolved = false;

  const outcomes = runGraph(
    graph,
    { ...options, onSkip: (id, reason) => skipped.push({ id, reason }) },
    (id) => {
      if (started.includes(id)) violations.push(`${id} started twice`);
      for (const need of graph.needsOf(id)) {
        if (!succeeded.has(need)) violations.push(`${id} started before its need ${need} succeeded`);
      }
      started.push(id);
      running.add(id);
      peak = Math.max(peak, running.size);
      if (running.size > options.concurrency) violations.push(`${[...running]} ran at once`);
      return new Promise<boolean>((resolve, reject) => {
        finishers.set(id, (result) => {
          running.delete(id);
          if (result instanceof Error) return reject(result);
          if (result) succeeded.add(id);
          resolve(result);
        });
      });
    },
  ).then((result) => {
    resolved = true;
    return result;
  });

  return {
    started,
    running,
    skipped,
    violations,
    get peak() {
      return peak;
    },
    get resolved() {
      return resolved;
    },
    outcomes,
    /** Ends a running task (true: succeeded, false: failed, an Error: the task threw), then lets the scheduler react. */
    async finish(name: string, result: boolean | Error = true): Promise<void> {
      const finisher = finishers.get(`ns/${name}`);
      if (!finisher || !running.has(`ns/${name}`)) throw new Error(`ns/${name} is not running`);
      finisher(result);
      await settle();
    },
    runningNames: () => [...running].map((id) => id.slice(3)).sort(),
  };
}

describe("running the graph", () => {
  it("starts a release the moment its own needs are done, not when its level is", async () => {
    // slow and fast are independent roots; after-fast must not wait for slow.
    const run = drive(graphOf({ slow: [], fast: [], "after-fast": ["fast"] }), { concurrency: 4 });
    await settle();
    expect(run.runningNames()).toEqual(["fast", "slow"]);

    await run.finish("fast");
    expect(run.runningNames()).toEqual(["after-fast", "slow"]);

    await run.finish("after-fast");
    expect(run.resolved).toBe(false); // slow is still running
    await run.finish("slow");
    expect(Object.fromEntries(await run.outcomes)).toEqual({
      "ns/slow": "succeeded",
      "ns/fast": "succeeded",
      "ns/after-fast": "succeeded",
    });
    expect(run.violations).toEqual([]);
  });

  it("keeps exactly `concurrency` releases running while enough are ready, never more", async () => {
    const run = drive(graphOf({ a: [], b: [], c: [], d: [], e: [] }), { concurrency: 2 });
    await settle();
    const sizes: number[] = [run.running.size];
    while (run.running.size > 0) {
      await run.finish(run.runningNames()[0]!);
      sizes.push(run.running.size);
    }
    expect(sizes).toEqual([2, 2, 2, 2, 1, 0]);
    expect(run.peak).toBe(2);
    expect(run.started).toHaveLength(5);
    expect(run.violations).toEqual([]);
    await run.outcomes;
  });

  it("treats a concurrency below 1 as 1", async () => {
    const run = drive(graphOf({ a: [], b: [] }), { concurrency: 0 });
    await settle();
    expect(run.running.size).toBe(1);
    await run.finish(run.runningNames()[0]!);
    expect(run.running.size).toBe(1);
    await run.finish(run.runningNames()[0]!);
    expect([...(await run.outcomes).values()]).toEqual(["succeeded", "succeeded"]);
  });

  it("starts a release only after every one of its needs succeeded", async () => {
    // a diamond: base → left, right → top
    const run = drive(graphOf({ base: [], left: ["base"], right: ["base"], top: ["left", "right"] }), {
      concurrency: 4,
    });
    await settle();
    expect(run.runningNames()).toEqual(["base"]);

    await run.finish("base");
    expect(run.runningNames()).toEqual(["left", "right"]);

    await run.finish("left");
    expect(run.runningNames()).toEqual(["right"]); // top still waits for right

    await run.finish("right");
    expect(run.runningNames()).toEqual(["top"]);

    await run.finish("top");
    expect(run.started).toEqual(["ns/base", expect.any(String), expect.any(String), "ns/top"]);
    expect(run.violations).toEqual([]);
    expect(run.resolved).toBe(true);
  });

  it("picks the ready release heading the longest remaining path first", async () => {
    const run = drive(graphOf({ leaf: [], head: [], mid: ["head"], tail: ["mid"] }), { concurrency: 1 });
    await settle();
    expect(run.started).toEqual(["ns/head"]);
    await run.finish("head");
    // ready now: leaf (path of 1) and mid (path of 2)
    expect(run.started).toEqual(["ns/head", "ns/mid"]);
    await run.finish("mid");
    await run.finish(run.runningNames()[0]!);
    await run.finish(run.runningNames()[0]!);
    expect(run.started.slice(2).sort()).toEqual(["ns/leaf", "ns/tail"]);
    expect(run.violations).toEqual([]);
    await run.outcomes;
  });

  it("weights a path by the releases' expected durations", async () => {
    // By count, head → mid → tail is longest; by weight, the lone slow leaf is.
    const weight = (id: string) => (id === "ns/leaf" ? 10 : 1);
    const run = drive(graphOf({ leaf: [], head: [], mid: ["head"], tail: ["mid"] }), {
      concurrency: 1,
      weight,
    });
    await settle();
    expect(run.started).toEqual(["ns/leaf"]);
    await run.finish("leaf");
    expect(run.started).toEqual(["ns/leaf", "ns/head"]);
    await run.finish("head");
    await run.finish("mid");
    await run.finish("tail");
    expect(run.started).toEqual(["ns/leaf", "ns/head", "ns/mid", "ns/tail"]);
    await run.outcomes;
  });

  it("skips what needs a failed release, without starting it, and carries on with independent branches", async () => {
    const run = drive(graphOf({ db: [], app: ["db"], web: ["app"], metrics: [] }), { concurrency: 2 });
    await settle();
    expect(run.runningNames()).toEqual(["db", "metrics"]);

    await run.finish("db", false);
    expect(run.runningNames()).toEqual(["metrics"]);
    expect(run.skipped).toEqual([
      { id: "ns/app", reason: { kind: "need-failed", needs: ["ns/db"] } },
      { id: "ns/web", reason: { kind: "need-failed", needs: ["ns/app"] } },
    ]);
    expect(run.resolved).toBe(false); // metrics is still running

    await run.finish("metrics");
    expect(Object.fromEntries(await run.outcomes)).toEqual({
      "ns/db": "failed",
      "ns/app": "skipped",
      "ns/web": "skipped",
      "ns/metrics": "succeeded",
    });
    expect(run.started.sort()).toEqual(["ns/db", "ns/metrics"]);
  });

  it("names only the failed needs when a release has several", async () => {
    const run = drive(graphOf({ good: [], bad: [], both: ["good", "bad"] }), { concurrency: 2 });
    await settle();
    await run.finish("good");
    await run.finish("bad", false);
    expect(run.skipped).toEqual([{ id: "ns/both", reason: { kind: "need-failed", needs: ["ns/bad"] } }]);
    expect((await run.outcomes).get("ns/both")).toBe("skipped");
  });

  it("counts a task that throws as failed and never stalls the graph", async () => {
    const run = drive(graphOf({ a: [], b: ["a"], c: [] }), { concurrency: 1 });
    await settle();
    expect(run.runningNames()).toEqual(["a"]); // heads the longer path
    await run.finish("a", new Error("a bug in the task"));
    expect(run.runningNames()).toEqual(["c"]);
    await run.finish("c");
    expect(Object.fromEntries(await run.outcomes)).toEqual({
      "ns/a": "failed",
      "ns/b": "skipped",
      "ns/c": "succeeded",
    });
    expect(run.started).not.toContain("ns/b");
  });

  it("starts nothing new once the signal is aborted, and lets the running releases finish", async () => {
    const controller = new AbortController();
    const run = drive(graphOf({ a: [], b: [], c: ["a"], d: [] }), {
      concurrency: 2,
      signal: controller.signal,
    });
    await settle();
    const first = run.runningNames();
    expect(first).toHaveLength(2);

    controller.abort();
    await settle();
    expect(run.runningNames()).toEqual(first); // nothing cut short
    for (const name of first) await run.finish(name);

    const outcomes = await run.outcomes;
    expect(run.started.map((id) => id.slice(3)).sort()).toEqual(first);
    for (const name of first) expect(outcomes.get(`ns/${name}`)).toBe("succeeded");
    const rest = ["a", "b", "c", "d"].filter((n) => !first.includes(n));
    for (const name of rest) expect(outcomes.get(`ns/${name}`)).toBe("skipped");
    expect(run.skipped.map((s) => s.id.slice(3)).sort()).toEqual(rest);
    expect(new Set(run.skipped.map((s) => s.reason.kind))).toEqual(new Set(["aborted"]));
  });

  it("starts nothing at all when the signal is already aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    const run = drive(graphOf({ a: [], b: ["a"] }), { concurrency: 2, signal: controller.signal });
    await settle();
    expect(run.started).toEqual([]);
    expect(run.resolved).toBe(true);
    const outcomes = await run.outcomes;
    expect(Object.fromEntries(outcomes)).toEqual({ "ns/a": "skipped", "ns/b": "skipped" });
    // b is skipped for a's sake: a did not succeed.
    expect(run.skipped).toEqual([
      { id: "ns/a", reason: { kind: "aborted" } },
      { id: "ns/b", reason: { kind: "need-failed", needs: ["ns/a"] } },
    ]);
  });

  it("runs destroy in reverse order: dependents first", async () => {
    const run = drive(graphOf({ devops: [], db: ["devops"], app: ["db"], web: ["devops"] }).reversed(), {
      concurrency: 4,
    });
    await settle();
    expect(run.runningNames()).toEqual(["app", "web"]);
    await run.finish("app");
    expect(run.runningNames()).toEqual(["db", "web"]);
    await run.finish("db");
    expect(run.runningNames()).toEqual(["web"]); // devops waits for web too
    await run.finish("web");
    expect(run.runningNames()).toEqual(["devops"]);
    await run.finish("devops");
    expect(run.violations).toEqual([]);
    await run.outcomes;
  });

  it("resolves an empty graph at once", async () => {
    const outcomes = await runGraph(graphOf({}), { concurrency: 2 }, async () => true);
    expect(outcomes.size).toBe(0);
  });
});

describe("graph views", () => {
  const graph = graphOf({ devops: [], metrics: [], db: ["devops"], app: ["devops", "db"], web: ["app"] });
  it("groups releases that can run together", () => {
    expect(levels(graph)).toEqual([["ns/devops", "ns/metrics"], ["ns/db"], ["ns/app"], ["ns/web"]]);
  });
  it("finds the critical path by weight", () => {
    const weight = (id: string) => (id === "ns/metrics" ? 100 : 1);
    expect(criticalPath(graph, weight)).toEqual({ path: ["ns/metrics"], total: 100 });
    expect(criticalPath(graph, () => 1)).toEqual({
      path: ["ns/devops", "ns/db", "ns/app", "ns/web"],
      total: 4,
    });
  });
});
