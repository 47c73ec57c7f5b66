import { describe, expect, it } from "vitest";
import { GraphError } from "../../../src/errors.js";
import { buildReleaseGraph, type GraphNodeInput } from "../../../src/graph/release-graph.js";
import { closeSelection } from "../../../src/graph/selection.js";

function node(id: string, ...needs: string[]): GraphNodeInput {
  const [namespace, name] = id.split("/") as [string, string];
  return {
    id,
    name,
    namespace,
    location: { file: "releases.yaml", line: 1 },
    needs: needs.map((ref, i) => ({
      ref,
      location: { file: "releases.yaml", line: 10 + i, field: `${name}.needs[${i}]` },
    })),
  };
}

const stack = [
  node("core/devops"),
  node("database/postgresql", "devops"),
  node("backend/app1-back", "devops", "database/postgresql"),
  node("frontend/app1-front", "app1-back"),
  node("monitoring/metrics"),
];

describe("the needs graph", () => {
  it("resolves short and qualified needs to edges [need, release]", () => {
    const graph = buildReleaseGraph(stack);
    expect(graph.needsOf("backend/app1-back")).toEqual(["core/devops", "database/postgresql"]);
    expect(graph.dependentsOf("core/devops")).toEqual(["database/postgresql", "backend/app1-back"]);
    expect(graph.edges).toContainEqual(["backend/app1-back", "frontend/app1-front"]);
  });

  it("knows ancestors and descendants", () => {
    const graph = buildReleaseGraph(stack);
    expect([...graph.ancestorsOf("frontend/app1-front")].sort()).toEqual([
      "backend/app1-back",
      "core/devops",
      "database/postgresql",
    ]);
    expect([...graph.descendantsOf("database/postgresql")].sort()).toEqual([
      "backend/app1-back",
      "frontend/app1-front",
    ]);
  });

  it.each([
    {
      why: "an unknown need, suggesting the closest release",
      nodes: [node("a/devops"), node("a/app", "devop")],
      message: 'unknown need "devop" (did you mean "devops"?)',
    },
    {
      why: "an unknown qualified need",
      nodes: [node("a/devops"), node("a/app", "b/devops")],
      message: 'unknown need "b/devops" (did you mean "a/devops"?)',
    },
    {
      why: "an ambiguous short name",
      nodes: [node("a/db"), node("b/db"), node("c/app", "db")],
      message: 'ambiguous need "db": it names a/db, b/db',
    },
    {
      why: "a duplicate namespace/name",
      nodes: [node("a/db"), node("a/db")],
      message: 'duplicate release "a/db"',
    },
    {
      why: "a cycle, with its full path",
      nodes: [node("x/a", "c"), node("x/b", "a"), node("x/c", "b")],
      message: "dependency cycle: x/a -> x/c -> x/b -> x/a",
    },
    { why: "a release needing itself", nodes: [node("x/a", "a")], message: 'release "x/a" needs itself' },
  ])("rejects $why", ({ nodes, message }) => {
    let error: unknown;
    try {
      buildReleaseGraph(nodes);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GraphError);
    expect((error as GraphError).message).toBe(message);
    expect((error as GraphError).location?.file).toBe("releases.yaml");
  });

  it("drops needs on releases switched off by a condition", () => {
    const graph = buildReleaseGraph([node("a/app", "cache")], new Set(["a/cache"]));
    expect(graph.needsOf("a/app")).toEqual([]);
  });

  it("reverses for destroy", () => {
    const graph = buildReleaseGraph(stack).reversed();
    expect(graph.needsOf("core/devops")).toEqual(["database/postgresql", "backend/app1-back"]);
  });
});

describe("selection closure over needs", () => {
  const graph = buildReleaseGraph(stack);
  const front = new Set(["frontend/app1-front"]);
  it.each([
    { mode: "check", ids: ["frontend/app1-front"], external: ["backend/app1-back"] },
    { mode: "skip", ids: ["frontend/app1-front"], external: [] },
    {
      mode: "include",
      ids: ["backend/app1-back", "frontend/app1-front"],
      external: ["core/devops", "database/postgresql"],
    },
    {
      mode: "include-transitive",
      ids: ["core/devops", "database/postgresql", "backend/app1-back", "frontend/app1-front"],
      external: [],
    },
  ] as const)("with needs mode $mode", ({ mode, ids, external }) => {
    expect(closeSelection(graph, front, mode)).toEqual({ ids, externalNeeds: external });
  });
});
