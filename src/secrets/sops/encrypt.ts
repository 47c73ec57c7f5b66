// Encrypting to the SOPS format: a data key held by key groups (age, PGP,
// Vault transit), every value encrypted under its path, the MAC encrypted
// under lastmodified.
import { SecretError } from "../../errors.js";
import { generateDataKey, type KeySpec, keyAccess, wrapDataKey } from "./data-key.js";
import { encryptMac, encryptTree, type IvStash } from "./document.js";
import { emitDocument, formatForPath, parseDocument, type SopsFormat } from "./formats/index.js";
import type { Env } from "./keys/index.js";
import { metadataObject, rfc3339, SOPS_VERSION, type SopsMetadata } from "./metadata.js";
import type { EncryptionRules, SopsBranch } from "./tree.js";

export interface SealInput {
  file: string;
  format: SopsFormat;
  branch: SopsBranch;
  rules: EncryptionRules;
  dataKey: Uint8Array;
  /** The keys holding `dataKey`, kept as they are (entries of unreachable types included). */
  keys: Pick<SopsMetadata, "keyGroups" | "shamirThreshold">;
  stash?: IvStash;
  now?: Date;
}

/** Encrypt a plaintext tree with a known data key whose wrapped forms are `age`. */
export function sealSops(input: SealInput): string {
  const { branch, mac } = encryptTree(input.branch, input.rules, input.dataKey, input.stash);
  const lastModified = rfc3339(input.now ?? new Date());
  const metadata: SopsMetadata = {
    ...input.keys,
    lastModified,
    mac: encryptMac(mac, input.dataKey, lastModified),
    rules: input.rules,
    version: SOPS_VERSION,
  };
  return emitDocument(branch, input.file, input.format, metadataObject(metadata));
}

export interface EncryptOptions {
  /** age recipients: one group. */
  recipients?: readonly string[];
  /** Key groups of any key types; wins over `recipients`. */
  groups?: readonly (readonly KeySpec[])[];
  shamirThreshold?: number;
  /** The environment gpg and Vault transit are reached through. */
  env?: Env;
  rules?: EncryptionRules;
  format?: SopsFormat;
  now?: Date;
}

/** The rules as stored: one key rule at most, `_unencrypted` when none is given. */
export function normalizeRules(rules: EncryptionRules = {}, file: string): EncryptionRules {
  const keyRules = (
    ["unencryptedSuffix", "encryptedSuffix", "unencryptedRegex", "encryptedRegex"] as const
  ).filter((k) => rules[k] !== undefined && rules[k] !== "");
  if (keyRules.length > 1) {
    throw new SecretError(
      "only one of unencrypted_suffix, encrypted_suffix, unencrypted_regex, encrypted_regex may be set",
      { location: { file } },
    );
  }
  const out: EncryptionRules = {};
  for (const [k, v] of Object.entries(rules) as [keyof EncryptionRules, string | boolean | undefined][]) {
    if (v !== undefined && v !== "" && v !== false) (out as Record<string, unknown>)[k] = v;
  }
  if (keyRules.length === 0) out.unencryptedSuffix = "_unencrypted";
  return out;
}

/** Encrypt plaintext file contents for the given keys. */
export async function encryptSops(plaintext: string, file: string, options: EncryptOptions): Promise<string> {
  const format = options.format ?? formatForPath(file);
  const parsed = parseDocument(plaintext, file, format);
  if (parsed.metadata !== undefined) {
    throw new SecretError("the file is already encrypted (it has sops metadata)", { location: { file } });
  }
  const groups = options.groups ?? [(options.recipients ?? []).map((id) => ({ type: "age", id }))];
  const dataKey = generateDataKey();
  const access = keyAccess({ identities: [], searched: [], problems: [], env: options.env });
  return sealSops({
    file,
    format,
    branch: parsed.branch,
    rules: normalizeRules(options.rules, file),
    dataKey,
    keys: await wrapDataKey(dataKey, groups, options.shamirThreshold, access, file),
    now: options.now,
  });
}
