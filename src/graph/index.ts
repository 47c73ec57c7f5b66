export {
  buildReleaseGraph,
  type Edge,
  findCycle,
  type GraphNodeInput,
  graphOfReleases,
  type NeedRef,
  ReleaseGraph,
} from "./release-graph.js";
export {
  criticalPath,
  levels,
  type Outcome,
  runGraph,
  type ScheduleOptions,
  type SkipReason,
} from "./schedule.js";
export { closeSelection, type NeedsMode, type Selection } from "./selection.js";
