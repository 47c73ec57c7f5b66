import {
  VaultClient,
  generateSecret,
  kv2Paths,
  planReads,
  readTarget,
  readVaultSettings
} from "./chunk-7UF5ATAY.js";
import {
  refKey,
  vaultRef
} from "./chunk-BB6MFFLY.js";
import "./chunk-XLEZOOEL.js";
import "./chunk-4VNS5WPM.js";
export {
  VaultClient,
  generateSecret,
  kv2Paths,
  planReads,
  readTarget,
  readVaultSettings,
  refKey,
  vaultRef
};
