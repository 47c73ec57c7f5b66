export { buildReleaseGraph, findCycle, graphOfReleases, ReleaseGraph, type Edge, type GraphNodeInput, type NeedRef } from "./release-graph.js";
export { closeSelection, type NeedsMode, type Selection } from "./selection.js";
export { criticalPath, levels, runGraph, type Outcome, type ScheduleOptions, type SkipReason } from "./schedule.js";
