// The read plan: every use grouped by the API path it reads, so each secret is
// fetched once however many keys, spellings and releases refer to it. Pure.
import type { ReadTarget } from "./mount.js";
import { refKey, type VaultUse } from "./ref.js";

export interface PlannedKey {
  key: string;
  /** Result keys (`path#key`) this value is returned under; two spellings of one path give two. */
  refKeys: string[];
  uses: VaultUse[];
}

export interface PlannedRead {
  target: ReadTarget;
  keys: PlannedKey[];
  /** Every use that depends on this read, in the order given. */
  uses: VaultUse[];
}

/** Distinct paths as written, in first-use order: the input to the mount lookup. */
export function distinctPaths(uses: readonly VaultUse[]): string[] {
  return [...new Set(uses.map((u) => u.ref.path))];
}

/** Groups `uses` into one read per API path, in first-use order. */
export function planReads(
  uses: readonly VaultUse[],
  targetOf: (path: string) => ReadTarget | undefined,
): PlannedRead[] {
  const reads = new Map<string, PlannedRead & { byKey: Map<string, PlannedKey> }>();
  for (const use of uses) {
    const target = targetOf(use.ref.path);
    if (!target) continue;
    let read = reads.get(target.apiPath);
    if (!read) {
      read = { target, keys: [], uses: [], byKey: new Map() };
      reads.set(target.apiPath, read);
    }
    read.uses.push(use);
    let planned = read.byKey.get(use.ref.key);
    if (!planned) {
      planned = { key: use.ref.key, refKeys: [], uses: [] };
      read.byKey.set(use.ref.key, planned);
      read.keys.push(planned);
    }
    planned.uses.push(use);
    const key = refKey(use.ref);
    if (!planned.refKeys.includes(key)) planned.refKeys.push(key);
  }
  return [...reads.values()].map(({ target, keys, uses }) => ({ target, keys, uses }));
}

/** Groups paths by their first segment: paths in one group very likely share a mount, so one lookup serves them. */
export function groupByFirstSegment(paths: readonly string[]): string[][] {
  const groups = new Map<string, string[]>();
  for (const path of paths) {
    const first = path.split("/", 1)[0]!;
    const group = groups.get(first);
    if (group) group.push(path);
    else groups.set(first, [path]);
  }
  return [...groups.values()];
}
