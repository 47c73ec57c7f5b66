// The needs graph. Nodes are release ids (`namespace/name`); an edge
// [need, release] means `need` must be deployed before `release`.
import { GraphError, type SourceLocation } from "../errors.js";
import { didYouMean } from "../util/suggest.js";

export interface NeedRef {
  /** As written: `name`, `namespace/name` or `kubeContext/namespace/name`. */
  ref: string;
  location: SourceLocation;
}

export interface GraphNodeInput {
  id: string;
  name: string;
  namespace: string;
  /** The release's kube context, when it names one: needs can be written `kubeContext/namespace/name`. */
  kubeContext?: string;
  needs: readonly NeedRef[];
  location: SourceLocation;
}

export type Edge = readonly [need: string, release: string];

export class ReleaseGraph {
  readonly ids: readonly string[];
  readonly edges: readonly Edge[];
  readonly #needs: ReadonlyMap<string, readonly string[]>;
  readonly #dependents: ReadonlyMap<string, readonly string[]>;

  constructor(ids: readonly string[], edges: readonly Edge[]) {
    this.ids = ids;
    this.edges = edges;
    const needs = new Map<string, string[]>(ids.map((id) => [id, []]));
    const dependents = new Map<string, string[]>(ids.map((id) => [id, []]));
    for (const [need, release] of edges) {
      needs.get(release)?.push(need);
      dependents.get(need)?.push(release);
    }
    this.#needs = needs;
    this.#dependents = dependents;
  }

  needsOf(id: string): readonly string[] {
    return this.#needs.get(id) ?? [];
  }

  dependentsOf(id: string): readonly string[] {
    return this.#dependents.get(id) ?? [];
  }

  /** Every release `id` needs, directly or not. */
  ancestorsOf(id: string): Set<string> {
    return walk([id], (n) => this.needsOf(n));
  }

  /** Every release that needs `id`, directly or not. */
  descendantsOf(id: string): Set<string> {
    return walk([id], (n) => this.dependentsOf(n));
  }

  /** The subgraph on `keep`: nodes in `keep`, edges with both ends in it. */
  restrict(keep: ReadonlySet<string>): ReleaseGraph {
    return new ReleaseGraph(
      this.ids.filter((id) => keep.has(id)),
      this.edges.filter(([a, b]) => keep.has(a) && keep.has(b)),
    );
  }

  /** The same nodes with every edge reversed: the order to destroy in. */
  reversed(): ReleaseGraph {
    return new ReleaseGraph(
      this.ids,
      this.edges.map(([a, b]) => [b, a] as const),
    );
  }
}

function walk(start: readonly string[], next: (id: string) => readonly string[]): Set<string> {
  const seen = new Set<string>();
  const stack = [...start];
  while (stack.length > 0) {
    for (const n of next(stack.pop()!)) {
      if (!seen.has(n)) {
        seen.add(n);
        stack.push(n);
      }
    }
  }
  return seen;
}

/**
 * Resolves every need to a release id and checks the graph: duplicate ids,
 * unknown needs (with the closest name), ambiguous short names, cycles (with
 * their full path). `absent` holds ids of releases switched off by a
 * condition: needs on them are dropped rather than reported unknown. With
 * `report`, every problem goes to it (the offending node or edge left out)
 * instead of the first being thrown.
 */
export function buildReleaseGraph(
  nodes: readonly GraphNodeInput[],
  absent: ReadonlySet<string> = new Set(),
  report?: (problem: GraphError) => void,
): ReleaseGraph {
  const fail = (problem: GraphError) => {
    if (!report) throw problem;
    report(problem);
  };
  const byId = new Map<string, GraphNodeInput>();
  const byName = new Map<string, string[]>();
  for (const node of nodes) {
    const previous = byId.get(node.id);
    if (previous) {
      fail(
        new GraphError(`duplicate release "${node.id}"`, {
          location: node.location,
          hint: `${previous.location.field ?? "the first"} has the same namespace and name${
            previous.location.line === undefined ? "" : ` (line ${previous.location.line})`
          }; give one a different name or namespace`,
        }),
      );
      continue;
    }
    byId.set(node.id, node);
    byName.set(node.name, [...(byName.get(node.name) ?? []), node.id]);
    const plain = `${node.namespace}/${node.name}`;
    byName.set(plain, [...(byName.get(plain) ?? []), node.id]);
    if (node.kubeContext !== undefined) byName.set(`${node.kubeContext}/${plain}`, [node.id]);
  }

  const edges: Edge[] = [];
  /** Where each edge is written, keyed `release needs need`, so a cycle can point at one of its needs. */
  const written = new Map<string, SourceLocation>();
  for (const node of byId.values()) {
    for (const need of node.needs) {
      let id: string | undefined;
      try {
        id = resolveNeed(need, byId, byName, absent);
      } catch (error) {
        if (!(error instanceof GraphError)) throw error;
        fail(error);
      }
      if (id === undefined) continue;
      if (id === node.id) {
        fail(new GraphError(`release "${node.id}" needs itself`, { location: need.location }));
        continue;
      }
      edges.push([id, node.id]);
      written.set(`${node.id} needs ${id}`, need.location);
    }
  }
  const graph = new ReleaseGraph([...byId.keys()], edges);
  const cycle = findCycle(graph);
  if (cycle) {
    const first = byId.get(cycle[0]!)!;
    fail(
      new GraphError(`dependency cycle: ${cycle.join(" -> ")}`, {
        location: written.get(`${cycle[0]} needs ${cycle[1]}`) ?? first.location,
        hint: "remove one of these needs",
      }),
    );
  }
  return graph;
}

/**
 * `byName` maps each way to write a need — `name`, `namespace/name`,
 * `kubeContext/namespace/name` — to the ids it names; more than one is ambiguous.
 */
function resolveNeed(
  need: NeedRef,
  byId: ReadonlyMap<string, GraphNodeInput>,
  byName: ReadonlyMap<string, readonly string[]>,
  absent: ReadonlySet<string>,
): string | undefined {
  if (byId.has(need.ref)) return need.ref;
  const matches = byName.get(need.ref) ?? [];
  if (matches.length === 1) return matches[0];
  const qualified = need.ref.includes("/");
  if (matches.length > 1) {
    throw new GraphError(`ambiguous need "${need.ref}": it names ${matches.join(", ")}`, {
      location: need.location,
      hint: qualified
        ? "the releases are in different clusters: write the need as kubeContext/namespace/name"
        : "write the need as namespace/name",
    });
  }
  const switchedOff = [...absent].some((id) => id === need.ref || id.endsWith(`/${need.ref}`));
  if (switchedOff) return undefined;
  const known = qualified ? [...byName.keys()].filter((k) => k.includes("/")) : byName.keys();
  throw new GraphError(`unknown need "${need.ref}"${didYouMean(need.ref, known)}`, {
    location: need.location,
  });
}

/** A cycle as a closed path `[a, b, c, a]` in which each release needs the next, or undefined. */
export function findCycle(graph: ReleaseGraph): string[] | undefined {
  const state = new Map<string, "open" | "done">();
  const path: string[] = [];
  // Follow "needs" edges so the printed path reads "a needs b needs c needs a".
  const visit = (id: string): string[] | undefined => {
    state.set(id, "open");
    path.push(id);
    for (const need of graph.needsOf(id)) {
      const s = state.get(need);
      if (s === "open") return [...path.slice(path.indexOf(need)), need];
      if (s === undefined) {
        const found = visit(need);
        if (found) return found;
      }
    }
    path.pop();
    state.set(id, "done");
    return undefined;
  };
  for (const id of graph.ids) {
    if (!state.has(id)) {
      const found = visit(id);
      if (found) return found;
    }
  }
  return undefined;
}

/** The graph of releases whose needs are already resolved ids (as in a loaded Project). */
export function graphOfReleases(releases: readonly { id: string; needs: readonly string[] }[]): ReleaseGraph {
  return new ReleaseGraph(
    releases.map((r) => r.id),
    releases.flatMap((r) => r.needs.map((need) => [need, r.id] as const)),
  );
}
