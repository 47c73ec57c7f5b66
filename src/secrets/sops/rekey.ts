// Changing who can read a file. `updateKeys` wraps the same data key for a new
// recipient list and leaves values, MAC and lastmodified alone (sops
// updatekeys); `rotate` decrypts, draws a new data key and re-encrypts every
// value and the MAC (sops rotate).
import { SecretError } from "../../errors.js";
import type { AgeIdentities } from "../age-keys.js";
import { generateDataKey, unwrapDataKey, wrapDataKey } from "./data-key.js";
import { openSops, parseSops } from "./decrypt.js";
import { sealSops } from "./encrypt.js";
import { emitDocument } from "./formats/index.js";
import { type AgeStanza, metadataObject } from "./metadata.js";

export interface RecipientChange {
  added: string[];
  removed: string[];
}

export interface RekeyResult {
  text: string;
  change: RecipientChange;
}

function diff(before: readonly string[], after: readonly string[]): RecipientChange {
  return {
    added: after.filter((r) => !before.includes(r)),
    removed: before.filter((r) => !after.includes(r)),
  };
}

function onlyAge(foreign: Record<string, unknown>, file: string, what: string): void {
  if (Object.keys(foreign).length > 0) {
    throw new SecretError(`${what} is only supported for files whose keys are all age keys`, {
      location: { file, field: "sops" },
    });
  }
}

export async function updateKeys(
  text: string,
  file: string,
  keys: AgeIdentities,
  recipients: readonly string[],
): Promise<RekeyResult> {
  const parsed = parseSops(text, file);
  onlyAge(parsed.metadata.foreign, file, "updatekeys");
  if (recipients.length === 0)
    throw new SecretError("the creation rule names no age recipient", { location: { file } });
  const before = parsed.metadata.age.map((a) => a.recipient);
  const change = diff(before, recipients);
  if (change.added.length === 0 && change.removed.length === 0) return { text, change };
  const dataKey = await unwrapDataKey(parsed.metadata.age, keys, file);
  const kept = new Map(parsed.metadata.age.map((a) => [a.recipient, a] as const));
  const fresh = await wrapDataKey(dataKey, change.added, file);
  const age: AgeStanza[] = recipients.map((r) => kept.get(r) ?? fresh.find((f) => f.recipient === r)!);
  const metadata = metadataObject({ ...parsed.metadata, age });
  return { text: emitDocument(parsed.branch, file, parsed.format, metadata), change };
}

export interface RotateOptions {
  /** The recipients after rotation; defaults to the file's current ones. */
  recipients?: readonly string[];
  now?: Date;
}

export async function rotate(
  text: string,
  file: string,
  keys: AgeIdentities,
  options: RotateOptions = {},
): Promise<RekeyResult> {
  const opened = await openSops(text, file, keys);
  onlyAge(opened.metadata.foreign, file, "rotate");
  const before = opened.metadata.age.map((a) => a.recipient);
  const recipients = options.recipients ?? before;
  if (recipients.length === 0)
    throw new SecretError("no age recipient to rotate for", { location: { file } });
  const dataKey = generateDataKey();
  const sealed = sealSops({
    file,
    format: opened.format,
    branch: opened.branch,
    rules: opened.metadata.rules,
    dataKey,
    age: await wrapDataKey(dataKey, recipients, file),
    now: options.now,
  });
  return { text: sealed, change: diff(before, recipients) };
}
