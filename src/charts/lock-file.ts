// releases.lock: the concrete version (and its digest) of every repository and
// OCI chart the project asks for, keyed by what it asks — the repository (URL
// or OCI path), the chart name and the version constraint as written. Written
// by `releases deps`, read by every command that fetches charts. Its `digest`
// covers those keys, so a lock whose entries were edited by hand is refused;
// a release asking for something the lock does not hold is refused too
// (locked-versions.ts). Without the file, helm resolves versions as before.
// Reading one is lock-parse.ts (with zod: loaded only when a project has a lock).
import { createHash } from "node:crypto";
import { basename, dirname, join } from "node:path";
import { yaml } from "../util/lazy-yaml.js";

/** What a release asks for: a chart of a repository (URL, or `oci://host/path`) within a constraint. */
export interface ChartRequirement {
  repository: string;
  chart: string;
  constraint: string;
}

export interface LockedChart extends ChartRequirement {
  version: string;
  /** `sha256:…`: the archive's digest from the repository index, or the OCI manifest digest. */
  digest: string;
}

export interface ChartLock {
  /** When `releases deps` wrote it (ISO 8601). */
  generated: string;
  /** Digest of the requirements the lock holds (see requirementsDigest). */
  digest: string;
  charts: LockedChart[];
}

/** releases.yaml → releases.lock (any `<name>.yaml` → `<name>.lock`), beside it, as helmfile does. */
export function lockFileOf(projectFile: string): string {
  return join(dirname(projectFile), `${basename(projectFile).replace(/\.ya?ml$/, "")}.lock`);
}

export function requirementKey(r: ChartRequirement): string {
  return `${r.repository}#${r.chart}@${r.constraint}`;
}

export function requirementsDigest(requirements: readonly ChartRequirement[]): string {
  const keys = [...new Set(requirements.map(requirementKey))].sort();
  return `sha256:${createHash("sha256").update(keys.join("\n")).digest("hex")}`;
}

/** A lock of `charts`, sorted so that an unchanged lock is written byte for byte the same. */
export function makeLock(charts: readonly LockedChart[], generated: Date): ChartLock {
  const sorted = [...charts].sort((a, b) => (requirementKey(a) < requirementKey(b) ? -1 : 1));
  return { generated: generated.toISOString(), digest: requirementsDigest(sorted), charts: sorted };
}

export function formatLock(lock: ChartLock): string {
  const header =
    "# The chart versions `releases` deploys. Written by `releases deps`; commit it.\n" +
    "# `releases deps --update` (or --update-lock on sync/apply) moves it to the newest versions allowed.\n";
  return header + yaml().stringify(lock, { lineWidth: 0 });
}
