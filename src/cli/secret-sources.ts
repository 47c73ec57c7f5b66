// The secret sources commands render with: SOPS files decrypted in-process with
// the age identities sops itself would find (SOPS_AGE_KEY, SOPS_AGE_KEY_FILE,
// SOPS_AGE_KEY_CMD, the user's keys.txt), and Vault from the VAULT_* variables.
// Both are lazy: a run that reads no SOPS file looks for no key, and a run
// without Vault references never builds a Vault client.
import { readFile } from "node:fs/promises";
import { SecretError } from "../errors.js";
import { type AgeIdentities, loadAgeIdentities } from "../secrets/age-keys.js";
import { decryptSops } from "../secrets/sops/decrypt.js";
import { VaultClient } from "../secrets/vault/client.js";
import type { SecretSources, VaultSource } from "../values/render-releases.js";

type Env = Readonly<Record<string, string | undefined>>;

export interface SecretSourceDeps {
  readFile(path: string): Promise<string>;
  loadIdentities(env: Env): Promise<AgeIdentities>;
  vault(env: Env): VaultSource;
}

const nodeDeps: SecretSourceDeps = {
  readFile: (path) => readFile(path, "utf8"),
  loadIdentities: (env) => loadAgeIdentities(env),
  vault: (env) => VaultClient.fromEnv(env),
};

export function createSecretSources(env: Env, deps: SecretSourceDeps = nodeDeps): SecretSources {
  let identities: Promise<AgeIdentities> | undefined;
  let vault: VaultSource | undefined;
  return {
    sops: {
      async read(path) {
        let text: string;
        try {
          text = await deps.readFile(path);
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code ?? "error";
          throw new SecretError(`cannot read SOPS file (${code})`, {
            location: { file: path },
            cause: error,
          });
        }
        identities ??= deps.loadIdentities(env);
        return (await decryptSops(text, path, await identities)).data;
      },
    },
    vault: () => {
      vault ??= deps.vault(env);
      return vault;
    },
  };
}
