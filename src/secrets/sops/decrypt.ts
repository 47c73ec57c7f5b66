// Decrypting a SOPS file's text: parse it, unwrap the data key (age, PGP, Vault transit),
// decrypt every value and verify the MAC. Nothing here touches the disk.
import { SecretError } from "../../errors.js";
import type { AgeIdentities } from "../age-keys.js";
import { keyAccess, unwrapDataKey } from "./data-key.js";
import { type DecryptedTree, decryptTree, type IvStash } from "./document.js";
import { emitDocument, formatForPath, parseDocument, type SopsFormat } from "./formats/index.js";
import { parseMetadata, type SopsMetadata } from "./metadata.js";
import { type SopsBranch, toPlain } from "./tree.js";

/** A decrypted file with what it takes to write it back: data key, metadata, IVs. */
export interface OpenedSops {
  file: string;
  format: SopsFormat;
  /** The plaintext tree, comments included. */
  branch: SopsBranch;
  metadata: SopsMetadata;
  dataKey: Uint8Array;
  stash: IvStash;
  /** The plaintext of the values that were encrypted (not those a rule left in clear). */
  secrets: DecryptedTree["secrets"];
}

export interface ParsedSops {
  format: SopsFormat;
  branch: SopsBranch;
  metadata: SopsMetadata;
}

/** Parse an encrypted file without decrypting anything. */
export function parseSops(text: string, file: string, format: SopsFormat = formatForPath(file)): ParsedSops {
  const parsed = parseDocument(text, file, format);
  if (parsed.metadata === undefined) {
    throw new SecretError("not a SOPS file: the sops metadata is missing", {
      location: { file },
      hint: "encrypt it first with `releases secrets encrypt`",
    });
  }
  return { format, branch: parsed.branch, metadata: parseMetadata(parsed.metadata, file) };
}

export async function openSops(
  text: string,
  file: string,
  keys: AgeIdentities,
  format: SopsFormat = formatForPath(file),
): Promise<OpenedSops> {
  const parsed = parseSops(text, file, format);
  const dataKey = await unwrapDataKey(parsed.metadata, keyAccess(keys), file);
  const { branch, stash, secrets } = decryptTree(parsed.branch, parsed.metadata, dataKey, file);
  return { file, format, branch, metadata: parsed.metadata, dataKey, stash, secrets };
}

export interface DecryptedSops {
  data: Record<string, unknown>;
  format: SopsFormat;
  /** The values that were encrypted in the file: the ones to redact. Leaves a rule left in clear are not secrets. */
  secrets: DecryptedTree["secrets"];
}

/** Decrypt and verify; `data` is plain JavaScript (comments dropped). */
export async function decryptSops(text: string, file: string, keys: AgeIdentities): Promise<DecryptedSops> {
  const opened = await openSops(text, file, keys);
  if ((opened.branch.documents?.length ?? 1) > 1) {
    throw new SecretError("a multi-document YAML file cannot be read as values", {
      location: { file },
      hint: "split it into one file per document; `releases secrets decrypt` prints it whole",
    });
  }
  return {
    data: toPlain(opened.branch) as Record<string, unknown>,
    format: opened.format,
    secrets: opened.secrets,
  };
}

/** The file as plaintext in its own format, as `sops --decrypt` prints it. */
export function plaintextOf(opened: Pick<OpenedSops, "branch" | "file" | "format">): string {
  return emitDocument(opened.branch, opened.file, opened.format);
}
