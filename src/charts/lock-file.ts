// releases.lock: the concrete version (and its digest) of every repository and
// OCI chart the project asks for, keyed by what it asks — the repository (URL
// or OCI path), the chart name and the version constraint as written. Written
// by `releases deps`, read by every command that fetches charts. Its `digest`
// covers those keys, so a lock whose entries were edited by hand is refused;
// a release asking for something the lock does not hold is refused too
// (locked-versions.ts). Without the file, helm resolves versions as before.
import { createHash } from "node:crypto";
import { basename, dirname, join } from "node:path";
import { stringify } from "yaml";
import { z } from "zod";
import { formatField, parseYaml } from "../config/yaml-source.js";
import { ConfigError } from "../errors.js";

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

const lockSchema = z.strictObject({
  generated: z.string().min(1),
  digest: z.string().regex(/^sha256:[0-9a-f]{64}$/, "sha256:<64 hex digits>"),
  charts: z.array(
    z.strictObject({
      repository: z.string().min(1),
      chart: z.string().min(1),
      constraint: z.string().min(1),
      version: z.string().min(1),
      digest: z.string().min(1),
    }),
  ),
});

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
  return header + stringify(lock, { lineWidth: 0 });
}

/** The lock in `text`; a malformed file or one whose entries no longer match its digest is an error at its line. */
export function parseLock(text: string, file: string): ChartLock {
  const source = parseYaml(text, file);
  const result = lockSchema.safeParse(source.data);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
    throw new ConfigError(`malformed chart lock: ${issue.message}`, {
      location: { ...source.locate(path), field: formatField(path) || undefined },
      hint: "write it again with `releases deps`",
    });
  }
  const lock = result.data;
  if (requirementsDigest(lock.charts) !== lock.digest) {
    throw new ConfigError("the chart lock's entries do not match its digest (edited by hand?)", {
      location: { ...source.locate(["digest"]), field: "digest" },
      hint: "run `releases deps` to write it again",
    });
  }
  return lock;
}
