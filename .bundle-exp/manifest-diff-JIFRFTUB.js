import {
  diffManifests,
  parseManifest,
  redactSecretPair
} from "./chunk-NHEIAOUQ.js";
import "./chunk-GH6ZRYFL.js";
import "./chunk-EOAQSOO2.js";
import "./chunk-NZJELPZH.js";
import "./chunk-XLEZOOEL.js";
import "./chunk-4VNS5WPM.js";
export {
  diffManifests,
  parseManifest,
  redactSecretPair
};
