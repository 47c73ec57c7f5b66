import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { buildReleaseGraph, type GraphNodeInput } from "../../../src/graph/release-graph.js";
import { criticalPath, levels, runGraph } from "../../../src/graph/schedule.js";

function graphOf(spec: Record<string, string[]>) {
  const nodes: GraphNodeInput[] = Object.entries(spec).map(([name, needs]) => ({
    id: `ns/${name}`,
    name,
    namespace: "ns",
    location: { file: "releases.yaml" },
    needs: needs.map((ref) => ({ ref, location: { file: "releases.yaml" } })),
  }));
  return buildReleaseGraph(nodes);
}

describe("running the graph", () => {
  it("starts a release the moment its own needs are done, not when its level is", async () => {
    // slow and fast are independent roots; after-fast must not wait for slow.
    const graph = graphOf({ slow: [], fast: [], "after-fast": ["fast"] });
    const durations: Record<string, number> = { "ns/slow": 120, "ns/fast": 10, "ns/after-fast": 10 };
    const finished: string[] = [];
    await runGraph(graph, { concurrency: 4 }, async (id) => {
      await sleep(durations[id]!);
      finished.push(id);
      return true;
    });
    expect(finished).toEqual(["ns/fast", "ns/after-fast", "ns/slow"]);
  });

  it("never runs more than `concurrency` releases at once", async () => {
    const graph = graphOf({ a: [], b: [], c: [], d: [], e: [] });
    let running = 0;
    let peak = 0;
    await runGraph(graph, { concurrency: 2 }, async () => {
      peak = Math.max(peak, ++running);
      await sleep(5);
      running--;
      return true;
    });
    expect(peak).toBe(2);
  });

  it("picks the ready release heading the longest remaining path first", async () => {
    const graph = graphOf({ leaf: [], head: [], mid: ["head"], tail: ["mid"] });
    const started: string[] = [];
    await runGraph(graph, { concurrency: 1 }, async (id) => {
      started.push(id);
      return true;
    });
    expect(started[0]).toBe("ns/head");
  });

  it("skips what needs a failed release and carries on with independent branches", async () => {
    const graph = graphOf({ db: [], app: ["db"], web: ["app"], metrics: [] });
    const skipped: string[] = [];
    const outcomes = await runGraph(
      graph,
      { concurrency: 2, onSkip: (id, reason) => skipped.push(`${id}:${reason.kind}`) },
      async (id) => id !== "ns/db",
    );
    expect(Object.fromEntries(outcomes)).toEqual({
      "ns/db": "failed",
      "ns/app": "skipped",
      "ns/web": "skipped",
      "ns/metrics": "succeeded",
    });
    expect(skipped).toEqual(["ns/app:need-failed", "ns/web:need-failed"]);
  });

  it("starts nothing new once the signal is aborted", async () => {
    const graph = graphOf({ a: [], b: ["a"], c: ["b"] });
    const controller = new AbortController();
    const ran: string[] = [];
    const outcomes = await runGraph(graph, { concurrency: 1, signal: controller.signal }, async (id) => {
      ran.push(id);
      controller.abort();
      return true;
    });
    expect(ran).toEqual(["ns/a"]);
    expect(outcomes.get("ns/b")).toBe("skipped");
  });

  it("runs destroy in reverse order", async () => {
    const graph = graphOf({ devops: [], db: ["devops"], app: ["db"] }).reversed();
    const order: string[] = [];
    await runGraph(graph, { concurrency: 3 }, async (id) => {
      order.push(id);
      return true;
    });
    expect(order).toEqual(["ns/app", "ns/db", "ns/devops"]);
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
