// Release ids: `namespace/name`, unique in a project — except where releases
// of the same `namespace/name` live in different clusters, which is how one
// app is deployed to two clusters. Those get `kubeContext/namespace/name`
// (Helmfile's spelling of a need across clusters), so each needs a kubeContext.
import { ConfigError } from "../errors.js";
import type { Release } from "../model/project.js";
import { clusterKey, clusterName } from "./cluster-ref.js";

/** Sets each release's id; reports releases whose clusters cannot tell them apart. */
export function assignReleaseIds(releases: readonly Release[], report: (problem: ConfigError) => void): void {
  const byName = new Map<string, Release[]>();
  for (const release of releases) {
    const plain = `${release.namespace}/${release.name}`;
    byName.set(plain, [...(byName.get(plain) ?? []), release]);
  }
  for (const [plain, group] of byName) {
    const clusters = new Set(group.map(clusterKey));
    if (clusters.size < 2) {
      for (const release of group) release.id = plain;
      continue;
    }
    const named = new Map<string, Release>();
    for (const release of group) {
      if (release.kubeContext === undefined) {
        report(
          new ConfigError(
            `release "${plain}" is deployed to more than one cluster; this one has no kubeContext`,
            {
              location: release.location,
              hint: `give each a kubeContext: its id becomes kubeContext/${plain}`,
            },
          ),
        );
        continue;
      }
      release.id = `${release.kubeContext}/${plain}`;
      const same = named.get(release.id);
      if (same && clusterKey(same) !== clusterKey(release)) {
        report(
          new ConfigError(`release "${release.id}" is in two clusters whose contexts share a name`, {
            location: release.location,
            hint: `${clusterName(same)} and ${clusterName(release)}: rename a context in its kubeconfig`,
          }),
        );
      }
      named.set(release.id, release);
    }
  }
}
