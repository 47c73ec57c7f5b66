// The secrets library: SOPS with age (MAC-verified decryption, sops-compatible
// encryption, .sops.yaml rules, updatekeys and rotate), Vault (batched,
// de-duplicated reads, KV v2 versions) and the redactor every output passes.

export { REDACTED, Redactor } from "./redactor.js";
export * from "./sops/index.js";
export * from "./vault/index.js";
