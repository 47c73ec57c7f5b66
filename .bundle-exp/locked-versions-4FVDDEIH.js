import {
  ChartLockProblem,
  chartRequirement,
  collectRequirements,
  lockedReleases
} from "./chunk-C4CW35NZ.js";
import "./chunk-INHVRDHZ.js";
import "./chunk-EOAQSOO2.js";
import "./chunk-XLEZOOEL.js";
import "./chunk-4VNS5WPM.js";
export {
  ChartLockProblem,
  chartRequirement,
  collectRequirements,
  lockedReleases
};
