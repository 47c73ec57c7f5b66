// The SOPS half of the secrets library: read (decrypt + MAC), write
// (encrypt, edit, updatekeys, rotate) SOPS files with age keys, in-process.
export { type AgeIdentities, loadAgeIdentities } from "../age-keys.js";
export {
  type DecryptedSops,
  decryptSops,
  type OpenedSops,
  openSops,
  parseSops,
  plaintextOf,
} from "./decrypt.js";
export { type EncryptOptions, encryptSops, sealSops } from "./encrypt.js";
export {
  creationRuleFor,
  decryptFileToText,
  encryptFile,
  findSopsConfig,
  rotateSopsFile,
  updateKeysFile,
} from "./files.js";
export { formatForPath, type SopsFormat } from "./formats/index.js";
export { type RekeyResult, rotate, updateKeys } from "./rekey.js";
export { type CreationRule, parseSopsConfig, ruleForFile, type SopsConfig } from "./rules.js";
export type { EncryptionRules } from "./tree.js";
