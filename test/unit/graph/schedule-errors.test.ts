import { describe, expect, it } from "vitest";
import { graphOfReleases } from "../../../src/graph/release-graph.js";
import { runGraph } from "../../../src/graph/schedule.js";

describe("a task that throws", () => {
  it("fails its release with the error reported, and its dependents are skipped", async () => {
    const graph = graphOfReleases([
      { id: "ns/a", needs: [] },
      { id: "ns/b", needs: ["ns/a"] },
      { id: "ns/c", needs: [] },
    ]);
    const errors: [string, string][] = [];
    const skipped: string[] = [];
    const outcomes = await runGraph(
      graph,
      {
        concurrency: 2,
        onError: (id, error) => errors.push([id, (error as Error).message]),
        onSkip: (id) => skipped.push(id),
      },
      async (id) => {
        if (id === "ns/a") throw new Error("bug in the step");
        return true;
      },
    );
    expect(Object.fromEntries(outcomes)).toEqual({
      "ns/a": "failed",
      "ns/b": "skipped",
      "ns/c": "succeeded",
    });
    expect(errors).toEqual([["ns/a", "bug in the step"]]);
    expect(skipped).toEqual(["ns/b"]);
  });
});
