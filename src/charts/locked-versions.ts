// What each release asks of a chart repository, and the lock applied to the
// releases of a run: each repository or OCI chart gets the version the lock
// holds for its requirement, so helm fetches exactly that version and the
// fingerprint changes when `releases deps --update` moves it. A release whose
// requirement the lock does not hold is an error naming it, its file and line.
import { ConfigError } from "../errors.js";
import type { Release, Repository } from "../model/project.js";
import { type ChartLock, type ChartRequirement, type LockedChart, requirementKey } from "./lock-file.js";
import type { RequirementUse } from "./resolve-versions.js";
import { constraintOf, satisfies } from "./version-range.js";

const trimSlash = (url: string) => url.replace(/\/+$/, "");

/** The requirement of a release's chart; undefined for local and manifests charts. */
export function chartRequirement(
  release: Pick<Release, "chart" | "version">,
  repositories: readonly Repository[],
): ChartRequirement | undefined {
  const { chart } = release;
  const constraint = constraintOf(release.version);
  if (chart.kind === "repo") {
    const repo = repositories.find((r) => r.name === chart.repository);
    if (!repo) return undefined;
    return { repository: trimSlash(repo.url), chart: chart.name, constraint };
  }
  if (chart.kind === "oci") {
    const url = trimSlash(chart.url);
    const at = url.lastIndexOf("/");
    return { repository: url.slice(0, at), chart: url.slice(at + 1), constraint };
  }
  return undefined;
}

/** Releases that ask for a version the lock does not hold, each an error at the release. */
export class ChartLockProblem extends ConfigError {}

/**
 * `releases` with the locked version of each installed repository or OCI
 * chart; throws one ChartLockProblem per release the lock does not cover
 * (several at once through `onProblem`, which may collect them).
 */
export function lockedReleases(
  releases: readonly Release[],
  repositories: readonly Repository[],
  lock: ChartLock,
  lockFile: string,
  onProblem: (problem: ChartLockProblem) => void,
): Release[] {
  const byKey = new Map<string, LockedChart>(lock.charts.map((c) => [requirementKey(c), c]));
  return releases.map((release) => {
    const requirement = release.installed ? chartRequirement(release, repositories) : undefined;
    if (!requirement) return release;
    const locked = byKey.get(requirementKey(requirement));
    if (locked && satisfies(locked.version, requirement.constraint, true)) {
      return { ...release, version: locked.version };
    }
    onProblem(
      new ChartLockProblem(
        `${release.id}: chart ${release.chart.display} version "${requirement.constraint}" is not in ${lockFile}`,
        {
          location: { ...release.location, field: `${release.location.field ?? release.id}.version` },
          hint: "run `releases deps` to lock it (or pass --update-lock)",
        },
      ),
    );
    return release;
  });
}

/** The requirements of `releases` (installed repository and OCI charts), each once, with who asks for it. */
export function collectRequirements(
  releases: readonly Release[],
  repositories: readonly Repository[],
  into: Map<string, RequirementUse> = new Map(),
): Map<string, RequirementUse> {
  for (const release of releases) {
    const requirement = release.installed ? chartRequirement(release, repositories) : undefined;
    if (!requirement) continue;
    const key = requirementKey(requirement);
    const use = into.get(key) ?? {
      ...requirement,
      usedBy: [],
      devel: false,
      source:
        release.chart.kind === "repo"
          ? repositories.find((r) => release.chart.kind === "repo" && r.name === release.chart.repository)
          : release.chart.kind === "oci"
            ? release.chart.repository
            : undefined,
    };
    if (!use.usedBy.some((u) => u.id === release.id)) {
      use.usedBy.push({ id: release.id, location: release.location });
    }
    use.devel ||= release.helm?.devel === true;
    into.set(key, use);
  }
  return into;
}
