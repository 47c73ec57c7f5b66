import {
  decryptSops,
  openSops,
  parseSops,
  plaintextOf
} from "./chunk-CNZIHLMC.js";
import "./chunk-NZJELPZH.js";
import "./chunk-XLEZOOEL.js";
import "./chunk-4VNS5WPM.js";
export {
  decryptSops,
  openSops,
  parseSops,
  plaintextOf
};
