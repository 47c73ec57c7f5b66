// The library API of `releases`: what the CLI itself is built from. Load a
// project, select releases, render their values (secrets resolved), plan and
// run; and the secrets library (`releases/secrets`).

export { runCli } from "./cli/program.js";
export { localFiles, type ProjectFiles } from "./config/files.js";
export { type LoadOptions, loadProject, type Templates } from "./config/load.js";
export { projectJsonSchema } from "./config/schema.js";
export * from "./errors.js";
export { buildReleaseGraph, graphOfReleases, ReleaseGraph } from "./graph/release-graph.js";
export { criticalPath, levels, runGraph } from "./graph/schedule.js";
export { closeSelection, type NeedsMode, type Selection } from "./graph/selection.js";
export { detectHelmMajor, HelmClient } from "./helm/client.js";
export { connectCluster, readDeployedReleases } from "./kube/cluster.js";
export type * from "./model/project.js";
export {
  buildDeployPlan,
  type DeployPlan,
  type PlannedRelease,
} from "./plan/deploy-plan.js";
export { fingerprint, secretsDigest } from "./plan/fingerprint.js";
export { diffManifests } from "./plan/manifest-diff.js";
export type { RunEvent, RunListener } from "./run/events.js";
export { executePlan } from "./run/execute-plan.js";
export { selectReleases } from "./selector/select.js";
export { matchesAny, parseSelector, type Selector } from "./selector/selector.js";
export { mergeLayers, mergeValues, setPath } from "./values/merge.js";
export {
  type RenderedRelease,
  renderReleases,
  type SecretSources,
  type SopsSource,
  type VaultSource,
} from "./values/render-releases.js";
export { createTemplates, type TemplateEngine } from "./values/templates.js";
