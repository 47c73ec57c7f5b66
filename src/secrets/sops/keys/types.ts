// The key-type interface: each kind of key that can hold a SOPS data key
// (age, PGP, Vault transit, cloud KMS) is one file implementing `KeyType`,
// listed in ./index.ts. A master key is kept as the metadata entry sops wrote,
// so types we cannot reach are written back intact.
import type { AgeIdentities } from "../../age-keys.js";

export type Env = Readonly<Record<string, string | undefined>>;

/** One key holding the data key (or a Shamir share of it), as found in or written to `sops:`. */
export interface MasterKey {
  /** The metadata field it is listed under: `age`, `pgp`, `hc_vault`, `kms`, `gcp_kms`, `azure_kv`. */
  type: string;
  /** Who holds it, for messages and for matching `.sops.yaml` rules: a recipient, fingerprint or URI. */
  id: string;
  /** The entry exactly as sops writes it, `enc` included. */
  entry: Record<string, unknown>;
}

/** What a process can decrypt and encrypt with: age identities, and the environment gpg and Vault are reached through. */
export interface KeyAccess {
  age: AgeIdentities;
  env: Env;
  /** Runs gpg (or $SOPS_GPG_EXEC) with `input` on stdin. */
  gpg(
    args: readonly string[],
    input: Uint8Array | string,
  ): Promise<{ code: number; stdout: Buffer; stderr: string }>;
  /** An HTTP request to Vault, for transit keys. */
  fetch: typeof fetch;
}

/** Why one key could not give the data key; collected into the error when no key could. */
export class KeyUnavailable extends Error {}

export interface KeyType {
  /** The metadata and `.sops.yaml` field (`age`, `pgp`, `hc_vault`…). */
  field: string;
  /** The field in a `.sops.yaml` creation rule when it differs (`hc_vault_transit_uri`). */
  ruleField?: string;
  /** How people call it, for messages: "age", "PGP", "AWS KMS"… */
  name: string;
  /** Validates a metadata entry; `where` is its field path for errors. */
  parse(entry: unknown, file: string, where: string): MasterKey;
  /** Wraps `dataKey` for `id`; missing for types releases cannot reach. */
  wrap?(dataKey: Uint8Array, id: string, access: KeyAccess, file: string): Promise<MasterKey>;
  /** The data key from `key`, or KeyUnavailable saying why not. */
  unwrap(key: MasterKey, access: KeyAccess): Promise<Uint8Array>;
}
