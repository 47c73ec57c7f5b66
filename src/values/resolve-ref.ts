// The value a `ref+…` reference stands for, from what the run already fetched:
// Vault values of the run's one batched read, decrypted SOPS files, the
// environment. Returns the secret ids it consumed, named as `{{vault}}` and
// `{{sops}}` lookups name theirs, so rotation and staleness treat them alike.
import { SecretError, type SourceLocation } from "../errors.js";
import type { Values } from "./merge.js";
import { atPointer, envsubst, type ValueRef } from "./refs.js";

export interface FetchedSecrets {
  /** Vault values keyed by `path#key`. */
  vault: ReadonlyMap<string, string>;
  /** A decrypted SOPS file by the path the reference names. */
  sops(file: string): Values | undefined;
  /** The file as the project names it in secret ids. */
  relative(file: string): string;
  variable(name: string): string | undefined;
}

export interface ResolvedRef {
  value: unknown;
  /** Secret id → the value consumed under it. */
  consumed: [string, unknown][];
}

export function resolveValueRef(ref: ValueRef, at: SourceLocation, fetched: FetchedSecrets): ResolvedRef {
  switch (ref.backend) {
    case "vault": {
      const value = fetched.vault.get(`${ref.path}#${ref.key}`);
      if (value === undefined) {
        // Only a reference a template produces from another secret's value gets here.
        throw new SecretError(`${ref.text} was not resolved before rendering`, {
          location: at,
          hint: "write the reference in the values file itself, not computed from another secret",
        });
      }
      return { value, consumed: [[`vault:${ref.path}#${ref.key}`, value]] };
    }
    case "sops": {
      const file = fetched.relative(ref.file);
      const value = atPointer(fetched.sops(ref.file), ref.pointer);
      if (value === undefined) {
        throw new SecretError(`${ref.text}: /${ref.pointer.join("/")} is not in ${file}`, { location: at });
      }
      return { value, consumed: [[`sops:${file}#${ref.pointer.join(".")}`, value]] };
    }
    case "envsubst": {
      const { value, variables } = envsubst(ref, fetched.variable, at);
      return { value, consumed: variables.map((name) => [`env:${name}`, fetched.variable(name)]) };
    }
  }
}
