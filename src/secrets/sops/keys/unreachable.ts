// Key types releases cannot reach from here (the cloud KMSes): files that
// carry them keep them intact when rewritten, and decrypting through them is
// refused naming the key type and the supported ones.
import { parseEntry } from "./entry.js";
import { type KeyType, KeyUnavailable } from "./types.js";

export const SUPPORTED_KEYS = "age, PGP (gpg) or Vault transit";

export function unreachableKeyType(
  field: string,
  name: string,
  required: readonly string[],
  idOf: (e: Record<string, string>) => string,
): KeyType {
  return {
    field,
    name,
    parse: (entry, file, where) => parseEntry(field, entry, file, where, [...required, "enc"], idOf),
    async unwrap() {
      throw new KeyUnavailable(
        `releases cannot reach ${name}; add an ${SUPPORTED_KEYS} key to the file (sops updatekeys, or releases secrets updatekeys) and decrypt with that`,
      );
    },
  };
}
