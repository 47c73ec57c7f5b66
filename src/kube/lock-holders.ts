// Who holds the deploy lock, as plain data. The lock is one Lease object per
// lock namespace; its annotation lists the runs that hold it, each claiming the
// releases (`namespace/name`) it decides about. Two runs conflict when they
// claim a release in common, whatever their environments: the cluster's
// releases are what is shared. Pure functions; lease.ts does the I/O.

export const HOLDERS_ANNOTATION = "releases.dev/holders";

export interface LockHolder {
  /** Unique per run. */
  run: string;
  /** `user@host pid N`, for people. */
  identity: string;
  host: string;
  pid: number;
  environment: string;
  releases: string[];
  /** ISO times. */
  acquired: string;
  renewed: string;
  durationSeconds: number;
}

export function parseHolders(annotation: string | undefined): LockHolder[] {
  if (!annotation) return [];
  try {
    const parsed = JSON.parse(annotation) as unknown;
    return Array.isArray(parsed) ? parsed.filter(isHolder) : [];
  } catch {
    return []; // a mangled annotation holds nothing: its runs' claims lapse like expired ones
  }
}

function isHolder(value: unknown): value is LockHolder {
  const h = value as LockHolder;
  return (
    typeof h?.run === "string" &&
    typeof h.renewed === "string" &&
    typeof h.durationSeconds === "number" &&
    Array.isArray(h.releases)
  );
}

export function expiresAt(holder: LockHolder): number {
  return new Date(holder.renewed).getTime() + holder.durationSeconds * 1000;
}

export interface Liveness {
  now: number;
  /** This machine's host name: a holder on it whose process is gone holds nothing. */
  host: string;
  isAlive(pid: number): boolean;
}

/** Holders whose claim still stands: not expired, and not a dead process on this host. */
export function liveHolders(holders: readonly LockHolder[], live: Liveness): LockHolder[] {
  return holders.filter(
    (h) => expiresAt(h) > live.now && !(h.host === live.host && h.pid > 0 && !live.isAlive(h.pid)),
  );
}

/** Live holders other than `run` that claim any of `releases`, with the releases in common. */
export function conflictsWith(
  holders: readonly LockHolder[],
  run: string,
  releases: readonly string[],
): { holder: LockHolder; shared: string[] }[] {
  const wanted = new Set(releases);
  return holders
    .filter((h) => h.run !== run)
    .map((holder) => ({ holder, shared: holder.releases.filter((id) => wanted.has(id)) }))
    .filter((c) => c.shared.length > 0);
}

/** `holders` with `holder` in place of its earlier entry (or added). */
export function withHolder(holders: readonly LockHolder[], holder: LockHolder): LockHolder[] {
  return [...holders.filter((h) => h.run !== holder.run), holder];
}

export function withoutHolder(holders: readonly LockHolder[], run: string): LockHolder[] {
  return holders.filter((h) => h.run !== run);
}

export function describeHolder(holder: LockHolder, shared: readonly string[]): string {
  const more = shared.length > 3 ? ` and ${shared.length - 3} more` : "";
  return (
    `${holder.identity} (environment "${holder.environment}", since ${holder.acquired}, ` +
    `expires ${new Date(expiresAt(holder)).toISOString()} unless renewed) holds ${shared.slice(0, 3).join(", ")}${more}`
  );
}
