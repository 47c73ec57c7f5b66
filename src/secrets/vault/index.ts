export { generateSecret, type SecretVersion, VaultClient, type VaultClientOptions } from "./client.js";
export type { VaultFailure } from "./failure.js";
export { kv2Paths, readTarget, type VaultMount } from "./mount.js";
export { type PlannedRead, planReads } from "./plan.js";
export { refKey, type VaultRef, type VaultUse, vaultRef } from "./ref.js";
export { readVaultSettings, type VaultAuth, type VaultSettings } from "./settings.js";
