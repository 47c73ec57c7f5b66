import {
  loadAgeIdentities,
  nodeAgeKeyDeps,
  parseIdentityText,
  splitCommand,
  userConfigDir
} from "./chunk-KQKNQDCT.js";
import "./chunk-DE4Q4URJ.js";
import "./chunk-XLEZOOEL.js";
import "./chunk-4VNS5WPM.js";
export {
  loadAgeIdentities,
  nodeAgeKeyDeps,
  parseIdentityText,
  splitCommand,
  userConfigDir
};
