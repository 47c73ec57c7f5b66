// Encrypting and decrypting a whole tree, and the MAC that binds it: SHA-512
// over the plaintext bytes of every non-comment value in document order, so a
// changed, added, removed or reordered value changes it. The MAC is stored
// encrypted with the data key, its additional data being `lastmodified`.
import { createHash, type KeyObject, timingSafeEqual } from "node:crypto";
import { SecretError } from "../../errors.js";
import { decryptValue, encryptValue, scalarText, ValueCipherError, valueKey } from "./cipher.js";
import { macAad, type SopsMetadata } from "./metadata.js";
import { aadOf, compileRules, type EncryptionRules, type Leaf, mapLeaves, type SopsBranch } from "./tree.js";

/** sha256("sops"): seeds the MAC when only encrypted values are covered. */
const MAC_ONLY_ENCRYPTED_SEED = Buffer.from(
  "8a3fd2ad54ce66527b1034f3d147be0b0b975b3bf44f72c6fdadec8176f27d69",
  "hex",
);

/** IVs of decrypted values, so re-encrypting an unchanged value keeps its ciphertext. */
export type IvStash = Map<string, Uint8Array>;

const stashKey = (aad: string, type: string, text: string) => `${aad}\u0000${type}\u0000${text}`;

function newMac(rules: EncryptionRules) {
  const hash = createHash("sha512");
  if (rules.macOnlyEncrypted) hash.update(MAC_ONLY_ENCRYPTED_SEED);
  return hash;
}

export interface EncryptedTree {
  branch: SopsBranch;
  /** Upper-case hex SHA-512, not yet encrypted. */
  mac: string;
}

export function encryptTree(
  branch: SopsBranch,
  rules: EncryptionRules,
  dataKey: Uint8Array,
  stash: IvStash = new Map(),
): EncryptedTree {
  const compiled = compileRules(rules);
  const hash = newMac(rules);
  const key = valueKey(dataKey);
  const out = mapLeaves(branch, (leaf, path, comments): Leaf => {
    const isComment = leaf.kind === "comment";
    const encrypt = compiled.shouldEncrypt(path, comments, isComment);
    const aad = aadOf(path);
    if (leaf.kind === "comment") {
      if (!encrypt) return leaf;
      const iv = stash.get(stashKey(aad, "comment", leaf.text));
      return { kind: "comment", text: encryptValue({ type: "comment", value: leaf.text }, key, aad, iv) };
    }
    if (!rules.macOnlyEncrypted || encrypt) hash.update(scalarText(leaf), "utf8");
    if (!encrypt) return leaf;
    const iv = stash.get(stashKey(aad, leaf.type, scalarText(leaf)));
    return { kind: "scalar", type: "str", value: encryptValue(leaf, key, aad, iv) };
  });
  return { branch: out, mac: hash.digest("hex").toUpperCase() };
}

export interface DecryptedTree {
  branch: SopsBranch;
  stash: IvStash;
  /** The plaintext of every value that was encrypted, in document order: what the redactor must hide. */
  secrets: (string | number | bigint | boolean)[];
}

/** Decrypts every value and verifies the MAC; any failure is a SecretError naming the file and path only. */
export function decryptTree(
  branch: SopsBranch,
  metadata: SopsMetadata,
  dataKey: Uint8Array,
  file: string,
): DecryptedTree {
  const rules = metadata.rules;
  const compiled = compileRules(rules);
  const hash = newMac(rules);
  const stash: IvStash = new Map();
  const secrets: DecryptedTree["secrets"] = [];
  const key = valueKey(dataKey);
  const out = mapLeaves(branch, (leaf, path, comments, inList): Leaf => {
    const isComment = leaf.kind === "comment";
    const encrypted = compiled.shouldEncrypt(path, comments, isComment);
    const aad = aadOf(path);
    if (leaf.kind === "comment") {
      if (!encrypted) return leaf;
      const text = decryptComment(leaf.text, key, path, stash);
      return text === undefined ? leaf : { kind: "comment", text };
    }
    let plain = leaf;
    if (encrypted) {
      if (leaf.type !== "str") {
        throw new SecretError("value should be encrypted but is not: the file was altered", {
          location: { file, field: path.join(".") },
        });
      }
      try {
        const result = decryptValue(leaf.value, key, aad);
        if (result?.plain.type === "comment") {
          // sops 3.13 emits comments inside lists as list items; they stay out of the MAC.
          if (!inList) throw new ValueCipherError("comment where a value belongs");
          return { kind: "comment", text: result.plain.value };
        }
        if (result) {
          plain = result.plain;
          stash.set(stashKey(aad, plain.type, scalarText(plain)), result.iv);
          secrets.push(plain.value);
        }
      } catch (error) {
        if (!(error instanceof ValueCipherError)) throw error;
        throw new SecretError(`cannot decrypt value: ${error.message}`, {
          location: { file, field: path.join(".") },
          hint: "the file was altered, or a value was copied from another place or file",
        });
      }
    }
    if (!rules.macOnlyEncrypted || encrypted) hash.update(scalarText(plain), "utf8");
    return plain;
  });
  const computed = hash.digest("hex").toUpperCase();
  verifyMac(metadata, computed, key, file);
  return { branch: out, stash, secrets };
}

/** SOPS binds a comment to its branch's path; try the enclosing paths too since YAML parsers place comments differently. */
function decryptComment(
  text: string,
  key: KeyObject,
  path: readonly string[],
  stash: IvStash,
): string | undefined {
  for (let n = path.length; n >= 0; n--) {
    const aad = aadOf(path.slice(0, n));
    try {
      const result = decryptValue(text, key, aad);
      if (result?.plain.type === "comment") {
        // Reuse an IV only under the same additional data, or GCM would leak its hash key.
        if (n === path.length) stash.set(stashKey(aad, "comment", result.plain.value), result.iv);
        return result.plain.value;
      }
      return undefined;
    } catch {
      // try the parent path
    }
  }
  return undefined;
}

function verifyMac(metadata: SopsMetadata, computed: string, key: KeyObject, file: string): void {
  let stored: string | undefined;
  try {
    const result = decryptValue(metadata.mac, key, macAad(metadata.lastModified));
    stored = result?.plain.type === "str" ? result.plain.value : undefined;
  } catch {
    stored = undefined;
  }
  const a = Buffer.from(computed);
  const b = Buffer.from(stored ?? "");
  if (a.length !== b.length || !timingSafeEqual(a, b)) {
    throw new SecretError("MAC mismatch: the file's values were changed, added, removed or reordered", {
      location: { file, field: "sops.mac" },
      hint: "restore the file from version control; only edit it with `releases secrets edit` or `sops`",
    });
  }
}

export function encryptMac(mac: string, dataKey: Uint8Array, lastModified: string): string {
  return encryptValue({ kind: "scalar", type: "str", value: mac }, dataKey, macAad(lastModified));
}
