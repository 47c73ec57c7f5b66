// Azure Key Vault (`sops.azure_kv`): kept intact, never used to decrypt here.
import { unreachableKeyType } from "./unreachable.js";

export const azureKeyVaultKey = unreachableKeyType(
  "azure_kv",
  "Azure Key Vault",
  ["vault_url", "name"],
  (e) => `${e.vault_url!.replace(/\/+$/, "")}/keys/${e.name}${e.version ? `/${e.version}` : ""}`,
);
