// Changing who can read a file. `updateKeys` wraps the same data key for a new
// recipient list and leaves values, MAC and lastmodified alone (sops
// updatekeys); `rotate` decrypts, draws a new data key and re-encrypts every
// value and the MAC (sops rotate). Keys of every type; cloud KMS keys, which
// releases cannot reach, survive an updatekeys but cannot be wrapped anew.
import type { AgeIdentities } from "../age-keys.js";
import { generateDataKey, type KeySpec, keyAccess, unwrapDataKey, wrapDataKey } from "./data-key.js";
import { openSops, parseSops } from "./decrypt.js";
import { sealSops } from "./encrypt.js";
import { emitDocument } from "./formats/index.js";
import type { MasterKey } from "./keys/index.js";
import { metadataObject, type SopsMetadata } from "./metadata.js";

export interface RecipientChange {
  added: string[];
  removed: string[];
}

export interface RekeyResult {
  text: string;
  change: RecipientChange;
}

/** The keys a file should be held by: groups of keys, and the Shamir threshold with several groups. */
export interface KeyTarget {
  groups: readonly (readonly KeySpec[])[];
  shamirThreshold?: number;
}

const same = (a: KeySpec, b: KeySpec) => a.type === b.type && a.id === b.id;
const ids = (groups: readonly (readonly KeySpec[])[]) => groups.flat().map((k) => k.id);

function diff(before: readonly string[], after: readonly string[]): RecipientChange {
  return {
    added: after.filter((r) => !before.includes(r)),
    removed: before.filter((r) => !after.includes(r)),
  };
}

/** The specs of the keys a file has now. */
export function currentKeys(metadata: SopsMetadata): KeyTarget {
  return {
    groups: metadata.keyGroups.map((g) => g.map(({ type, id }) => ({ type, id }))),
    shamirThreshold: metadata.shamirThreshold,
  };
}

function unchanged(metadata: SopsMetadata, target: KeyTarget): boolean {
  const now = currentKeys(metadata);
  return (
    now.groups.length === target.groups.length &&
    (target.groups.length === 1 ||
      (target.shamirThreshold ?? target.groups.length) === now.shamirThreshold) &&
    now.groups.every(
      (g, i) =>
        g.length === target.groups[i]!.length && g.every((k) => target.groups[i]!.some((t) => same(k, t))),
    )
  );
}

/**
 * sops updatekeys: the same data key held by the keys `target` names; values,
 * MAC and lastmodified stay. With one group, keys kept keep their entries
 * (cloud KMS ones included); a change of groups re-splits the key.
 */
export async function updateKeys(
  text: string,
  file: string,
  keys: AgeIdentities,
  target: KeyTarget,
): Promise<RekeyResult> {
  const parsed = parseSops(text, file);
  const change = diff(ids(currentKeys(parsed.metadata).groups), ids(target.groups));
  if (unchanged(parsed.metadata, target)) return { text, change: { added: [], removed: [] } };
  const access = keyAccess(keys);
  const dataKey = await unwrapDataKey(parsed.metadata, access, file);
  let held: Pick<SopsMetadata, "keyGroups" | "shamirThreshold">;
  if (target.groups.length === 1 && parsed.metadata.keyGroups.length === 1) {
    const existing = parsed.metadata.keyGroups[0]!;
    const fresh = target.groups[0]!.filter((t) => !existing.some((k) => same(k, t)));
    const wrapped: MasterKey[] =
      fresh.length === 0 ? [] : (await wrapDataKey(dataKey, [fresh], undefined, access, file)).keyGroups[0]!;
    const all = [...existing, ...wrapped];
    held = { keyGroups: [target.groups[0]!.map((t) => all.find((k) => same(k, t))!)] };
  } else {
    held = await wrapDataKey(dataKey, target.groups, target.shamirThreshold, access, file);
  }
  const metadata = metadataObject({ ...parsed.metadata, ...held, shamirThreshold: held.shamirThreshold });
  return { text: emitDocument(parsed.branch, file, parsed.format, metadata), change };
}

export interface RotateOptions {
  /** The keys after rotation; defaults to the file's current ones. */
  target?: KeyTarget;
  now?: Date;
}

/** sops rotate: a new data key, every value and the MAC re-encrypted, wrapped for every key anew. */
export async function rotate(
  text: string,
  file: string,
  keys: AgeIdentities,
  options: RotateOptions = {},
): Promise<RekeyResult> {
  const opened = await openSops(text, file, keys);
  const before = currentKeys(opened.metadata);
  const target = options.target ?? before;
  const dataKey = generateDataKey();
  const sealed = sealSops({
    file,
    format: opened.format,
    branch: opened.branch,
    rules: opened.metadata.rules,
    dataKey,
    keys: await wrapDataKey(dataKey, target.groups, target.shamirThreshold, keyAccess(keys), file),
    now: options.now,
  });
  return { text: sealed, change: diff(ids(before.groups), ids(target.groups)) };
}
