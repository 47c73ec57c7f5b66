import {
  checkManifests,
  checkPatchesApply,
  createManifestRenderer,
  manifestChart
} from "./chunk-CFB6N6L3.js";
import "./chunk-VQSVI6AM.js";
import "./chunk-EOAQSOO2.js";
import "./chunk-XLEZOOEL.js";
import "./chunk-4VNS5WPM.js";
export {
  checkManifests,
  checkPatchesApply,
  createManifestRenderer,
  manifestChart
};
