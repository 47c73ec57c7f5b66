// The secret sources commands render with: SOPS files decrypted in-process with
// the age identities sops itself would find (SOPS_AGE_KEY, SOPS_AGE_KEY_FILE,
// SOPS_AGE_KEY_CMD, the user's keys.txt), and Vault from the VAULT_* variables.
// Both are lazy: a run that reads no SOPS file looks for no key, and a run
// without Vault references never builds a Vault client. Their libraries (age,
// node-vault) are imported on first use too: importing them costs a few
// hundred milliseconds of start-up that most runs do not need.
import { readTextFileAs } from "../config/files.js";
import { ReleasesError, SecretError } from "../errors.js";
import type { AgeIdentities } from "../secrets/age-keys.js";
import type { SecretSources, SopsContent, VaultSource, VaultUse } from "../values/render-releases.js";

type Env = Readonly<Record<string, string | undefined>>;

export interface SecretSourceDeps {
  readFile(path: string): Promise<string>;
  loadIdentities(env: Env): Promise<AgeIdentities>;
  decrypt(text: string, file: string, keys: AgeIdentities): Promise<SopsContent>;
  vault(env: Env): VaultSource;
}

export const nodeSecretDeps: SecretSourceDeps = {
  // Only a regular, UTF-8, not huge file: a device or FIFO is refused, never read.
  readFile: (path) => readTextFileAs(path, SecretError),
  loadIdentities: async (env) => (await import("../secrets/age-keys.js")).loadAgeIdentities(env),
  decrypt: async (text, file, keys) =>
    (await import("../secrets/sops/decrypt.js")).decryptSops(text, file, keys),
  vault: (env) => {
    // fromEnv reads settings only; the client itself is loaded with the first resolve.
    const client = import("../secrets/vault/client.js").then(({ VaultClient }) => VaultClient.fromEnv(env));
    return { resolve: async (uses: readonly VaultUse[]) => (await client).resolve(uses) };
  },
};

export function createSecretSources(env: Env, deps: SecretSourceDeps = nodeSecretDeps): SecretSources {
  let identities: Promise<AgeIdentities> | undefined;
  let vault: VaultSource | undefined;
  return {
    sops: {
      async read(path) {
        let text: string;
        try {
          text = await deps.readFile(path);
        } catch (error) {
          if (error instanceof ReleasesError) throw error;
          const code = (error as NodeJS.ErrnoException).code ?? "error";
          throw new SecretError(`cannot read SOPS file (${code})`, {
            location: { file: path },
            cause: error,
          });
        }
        identities ??= deps.loadIdentities(env);
        return deps.decrypt(text, path, await identities);
      },
    },
    vault: () => {
      vault ??= deps.vault(env);
      return vault;
    },
    variable: (name) => env[name],
  };
}
