// The deploy lock of a run that spans clusters: one Lease claim in every
// cluster the run's releases live in, each claiming that cluster's releases.
// They are taken one cluster at a time in a fixed order (so two runs never
// wait on each other crosswise), all given back if one cannot be taken, and
// the run counts as having lost its lock as soon as any one is lost.
import type { Cluster } from "../kube/cluster.js";
import { acquireLock, type HeldLock, type LockOptions } from "../kube/lease.js";
import type { ProjectClusters } from "./clusters.js";

/** Takes the lock in each cluster of `ids`; `optionsFor` gives a cluster's lock options (its namespace). */
export async function lockClusters(
  clusters: ProjectClusters,
  ids: readonly string[],
  optionsFor: (cluster: Cluster, releases: readonly string[]) => LockOptions,
): Promise<HeldLock> {
  const held: HeldLock[] = [];
  const releaseAll = async () => {
    await Promise.all(held.map((lock) => lock.release()));
  };
  try {
    for (const group of clusters.groups(ids)) {
      const cluster = await clusters.of(group.ids[0]!);
      held.push(await acquireLock(cluster, optionsFor(cluster, group.ids)));
    }
  } catch (error) {
    await releaseAll();
    throw error;
  }
  if (held.length === 1) return held[0]!;
  return { lost: AbortSignal.any(held.map((lock) => lock.lost)), release: releaseAll };
}
