// Every key type a SOPS file may carry, in the order sops writes them. Adding
// a key type is adding one file and one line here.
import { ageKey } from "./age.js";
import { azureKeyVaultKey } from "./azure-kv.js";
import { gcpKmsKey } from "./gcp-kms.js";
import { vaultTransitKey } from "./hc-vault.js";
import { awsKmsKey } from "./kms.js";
import { pgpKey } from "./pgp.js";
import type { KeyType } from "./types.js";

export const KEY_TYPES: readonly KeyType[] = [
  awsKmsKey,
  gcpKmsKey,
  azureKeyVaultKey,
  vaultTransitKey,
  ageKey,
  pgpKey,
];

export function keyType(field: string): KeyType {
  const found = KEY_TYPES.find((k) => k.field === field);
  if (!found) throw new Error(`unknown key type ${field}`);
  return found;
}

export * from "./types.js";
