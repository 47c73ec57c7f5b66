import {
  VaultClient,
  generateSecret
} from "./chunk-7UF5ATAY.js";
import "./chunk-BB6MFFLY.js";
import "./chunk-XLEZOOEL.js";
import "./chunk-4VNS5WPM.js";
export {
  VaultClient,
  generateSecret
};
