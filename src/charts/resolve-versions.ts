// `releases deps`: the lock for a set of requirements. A requirement the
// previous lock already holds keeps its version (unless updating); a new one
// is resolved to the highest version its constraint allows — from the
// repository's index for an http(s) repository, by helm for an OCI registry.
// Entries nothing asks for any more are dropped.
import { ConfigError, type SourceLocation } from "../errors.js";
import type { Repository } from "../model/project.js";
import {
  type ChartLock,
  type ChartRequirement,
  type LockedChart,
  makeLock,
  requirementKey,
} from "./lock-file.js";
import type { OfferedVersion } from "./repository-index.js";
import { highestSatisfying, isValidConstraint } from "./version-range.js";

/** A requirement with the releases that ask for it (for errors) and whether any accepts pre-releases. */
export interface RequirementUse extends ChartRequirement {
  usedBy: { id: string; location: SourceLocation }[];
  devel: boolean;
  /** The declared repository (an OCI chart may name a registry that is not declared). */
  source?: Repository;
}

export interface VersionSources {
  /** Chart name → versions an http(s) repository offers (its index, read once per run). */
  index(repository: Repository): Promise<Map<string, OfferedVersion[]>>;
  /** The version (and manifest digest) an OCI registry resolves `constraint` to. */
  oci(requirement: RequirementUse): Promise<OfferedVersion>;
}

export async function resolveLock(
  requirements: readonly RequirementUse[],
  previous: ChartLock | undefined,
  update: boolean,
  sources: VersionSources,
  now: Date,
): Promise<ChartLock> {
  const kept = new Map((update ? [] : (previous?.charts ?? [])).map((c) => [requirementKey(c), c]));
  const indexes = new Map<string, Promise<Map<string, OfferedVersion[]>>>();
  const indexOf = (repo: Repository) => {
    let index = indexes.get(repo.url);
    if (!index) {
      index = sources.index(repo);
      indexes.set(repo.url, index);
    }
    return index;
  };
  const charts = await Promise.all(
    requirements.map(async (r): Promise<LockedChart> => {
      const previousEntry = kept.get(requirementKey(r));
      if (previousEntry) return previousEntry;
      const at = r.usedBy[0]!;
      if (!isValidConstraint(r.constraint)) {
        throw new ConfigError(`${at.id}: version "${r.constraint}" is not a version or a range`, {
          location: { ...at.location, field: `${at.location.field ?? at.id}.version` },
          hint: "write 1.2.3, ~1.2.0, ^1, >=1.0 <2 or leave it out for the latest",
        });
      }
      const chosen = r.repository.startsWith("oci://")
        ? await sources.oci(r)
        : pick(r, (await indexOf(r.source!)).get(r.chart), at);
      return { ...stripUse(r), version: chosen.version, digest: chosen.digest };
    }),
  );
  return makeLock(charts, now);
}

function pick(
  r: RequirementUse,
  offered: OfferedVersion[] | undefined,
  at: RequirementUse["usedBy"][number],
): OfferedVersion {
  const location = { ...at.location, field: `${at.location.field ?? at.id}.version` };
  if (!offered || offered.length === 0) {
    throw new ConfigError(`${at.id}: repository ${r.repository} has no chart "${r.chart}"`, { location });
  }
  const version = highestSatisfying(
    offered.map((o) => o.version),
    r.constraint,
    r.devel,
  );
  if (version === undefined) {
    const newest = offered
      .slice(0, 5)
      .map((o) => o.version)
      .join(", ");
    throw new ConfigError(`${at.id}: no version of ${r.chart} in ${r.repository} meets "${r.constraint}"`, {
      location,
      hint: `the repository offers ${newest}${offered.length > 5 ? ", …" : ""}`,
    });
  }
  return offered.find((o) => o.version === version)!;
}

function stripUse(r: RequirementUse): ChartRequirement {
  return { repository: r.repository, chart: r.chart, constraint: r.constraint };
}
