// The clusters a command works on: each release's own (its kubeContext and
// kubeconfig, see config/cluster-ref.ts), connected once per session; the
// environment's, where run records live (`history`, `rollback`); and reads of
// helm's storage grouped per cluster (see readDeployedReleases for the calls).
import { clusterKey } from "../config/cluster-ref.js";
import { releaseTarget, type Target } from "../helm/args.js";
import type { Cluster, StoredRelease } from "../kube/cluster.js";
import type { DeployedRelease } from "../kube/release-record.js";
import type { ClusterRef, Project, Release } from "../model/project.js";

/** The connection a session keeps per cluster. */
export type ConnectCluster = (ref: ClusterRef) => Promise<Cluster>;

/** The ids of one cluster, among those asked about. */
export interface ClusterGroup {
  ref: ClusterRef;
  ids: string[];
}

export class ProjectClusters {
  readonly #connect: ConnectCluster;
  readonly #byId: ReadonlyMap<string, Release>;
  /** The environment's cluster: where run records live. */
  readonly home: ClusterRef;

  constructor(project: Pick<Project, "releases" | "environment">, connect: ConnectCluster) {
    this.#connect = connect;
    this.#byId = new Map(project.releases.map((r) => [r.id, r]));
    const { kubeContext, kubeconfig } = project.environment;
    this.home = { kubeContext, kubeconfig };
  }

  /** A release's cluster; a release the project no longer has is looked for by its id (else in the home cluster). */
  refOf(id: string): ClusterRef {
    const release = this.#byId.get(id);
    if (release) return { kubeContext: release.kubeContext, kubeconfig: release.kubeconfig };
    const parts = id.split("/");
    return parts.length > 2 ? { ...this.home, kubeContext: parts.slice(0, -2).join("/") } : this.home;
  }

  /** Where helm stores the release: its namespace and name. */
  storedOf(id: string): StoredRelease {
    const release = this.#byId.get(id);
    if (release) return { id, namespace: release.namespace, name: release.name };
    const parts = id.split("/");
    return { id, namespace: parts.at(-2) ?? "default", name: parts.at(-1)! };
  }

  /** What helm is told about the release: name, namespace and cluster. */
  targetOf(id: string): Target {
    return releaseTarget({ ...this.storedOf(id), ...this.refOf(id) });
  }

  /**
   * Starts connecting to the clusters of `ids` and the home cluster (reading kubeconfigs, loading
   * the adapter; no request is made), for a command that will use them once values are rendered.
   * A failure waits for that use, which reports it.
   */
  prefetch(ids: Iterable<string>): void {
    for (const ref of [this.home, ...this.groups(ids).map((group) => group.ref)])
      this.#connect(ref).catch(() => {});
  }

  of(id: string): Promise<Cluster> {
    return this.#connect(this.refOf(id));
  }

  homeCluster(): Promise<Cluster> {
    return this.#connect(this.home);
  }

  /** The clusters of `ids`, each once, in a stable order (locks are taken in it, so two runs never deadlock). */
  groups(ids: Iterable<string>): ClusterGroup[] {
    const groups = new Map<string, ClusterGroup>();
    for (const id of ids) {
      const ref = this.refOf(id);
      const key = clusterKey(ref);
      const group = groups.get(key) ?? { ref, ids: [] };
      group.ids.push(id);
      groups.set(key, group);
    }
    return [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, group]) => group);
  }

  /** The latest revision of each of `ids`: one list call per cluster and namespace. */
  async read(
    ids: Iterable<string>,
    options: { decode?: boolean } = {},
  ): Promise<Map<string, DeployedRelease>> {
    const { readDeployedReleases } = await import("../kube/cluster.js");
    const parts = await Promise.all(
      this.groups(ids).map(async (group) =>
        readDeployedReleases(
          await this.#connect(group.ref),
          group.ids.map((id) => this.storedOf(id)),
          options,
        ),
      ),
    );
    return new Map(parts.flatMap((part) => [...part]));
  }
}
