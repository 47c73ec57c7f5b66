import {
  lockedVersions,
  readChartLock
} from "./chunk-6D2R6FHC.js";
import "./chunk-44P4TXDY.js";
import "./chunk-INHVRDHZ.js";
import "./chunk-EOAQSOO2.js";
import "./chunk-DE4Q4URJ.js";
import "./chunk-XLEZOOEL.js";
import "./chunk-4VNS5WPM.js";
export {
  lockedVersions,
  readChartLock
};
