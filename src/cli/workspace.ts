// Everything a command starts from: the loaded project for the chosen
// environment, its graph, the releases selected by -l and the needs flags, and
// (for commands that need values) those releases rendered with every secret
// resolved — all before anything touches a cluster. What only rendering needs
// (charts, helm, secrets) is imported when a command renders: `list` never loads it.
import { resolve } from "node:path";
import { localFiles } from "../config/files.js";
import { loadProject } from "../config/load.js";
import type { ReleaseGraph } from "../graph/release-graph.js";
import type { Selection } from "../graph/selection.js";
import type { HelmClient } from "../helm/client.js";
import type { Project, Release } from "../model/project.js";
import { selectReleases, unknownSelectorKeys } from "../selector/select.js";
import type { RenderedRelease } from "../values/render-releases.js";
import { parseSetArguments } from "../values/set-arguments.js";
import type { CommandContext } from "./context.js";
import { needsMode } from "./options.js";

export interface Workspace {
  project: Project;
  graph: ReleaseGraph;
  selection: Selection;
  /** Selected releases in graph order. */
  selected: Release[];
}

/** The project for `environment` (default: the one the global options choose), as the command line asks. */
export function loadForCommand(ctx: CommandContext, environment?: string): Promise<Project> {
  const globals = ctx.globals();
  return loadProject({
    file: resolve(ctx.io.cwd, globals.file),
    environment: environment ?? globals.environment,
    env: ctx.io.env,
    templates: ctx.session.templates,
    stateValues: {
      files: globals.stateValuesFile.map((f) => resolve(ctx.io.cwd, f)),
      set: globals.stateValuesSet.flatMap((s) => parseSetArguments(s, "--state-values-set")),
    },
    set: globals.set.flatMap((s) => parseSetArguments(s, "--set")),
  });
}

export async function openWorkspace(ctx: CommandContext): Promise<Workspace> {
  const globals = ctx.globals();
  const mode = needsMode(globals);
  const project = await loadForCommand(ctx);
  const graph = project.graph;
  const selection = selectReleases(project.releases, graph, globals.selector, mode);
  for (const warning of unknownSelectorKeys(project.releases, globals.selector)) {
    ctx.io.stderr.write(`releases: warning: ${warning}\n`);
  }
  const byId = new Map(project.releases.map((r) => [r.id, r]));
  return { project, graph, selection, selected: selection.ids.map((id) => byId.get(id)!) };
}

/** Says so on stderr when the selectors match nothing; true when there is nothing to do. */
export function nothingSelected(workspace: Workspace, ctx: CommandContext): boolean {
  if (workspace.selected.length > 0) return false;
  const { selector } = ctx.globals();
  const by = selector.length > 0 ? ` match ${selector.map((s) => `-l ${s}`).join(" or ")}` : " are defined";
  ctx.io.stderr.write(
    `no releases${by} in environment "${workspace.project.environment.name}"; nothing to do\n`,
  );
  return true;
}

/**
 * Renders `releases` (default: the selected ones); releases to uninstall need
 * no values. Local charts' dependencies are built first (with `helmBinary`).
 */
export async function renderSelected(
  workspace: Workspace,
  ctx: CommandContext,
  releases: readonly Release[] = workspace.selected,
  helmBinary?: string,
): Promise<RenderedRelease[]> {
  const [{ lockedVersions }, { prepareChartDependencies }, { renderReleases }, { createManifestRenderer }] =
    await Promise.all([
      import("../charts/chart-lock.js"),
      import("../charts/prepare.js"),
      import("../values/render-releases.js"),
      import("../render/manifests.js"),
    ]);
  // Repository and OCI charts at the version releases.lock holds (when there is one).
  const installed = await lockedVersions(
    releases.filter((r) => r.installed),
    workspace.project,
  );
  await prepareChartDependencies(
    installed,
    workspace.project.repositories,
    () => ctx.session.helm(helmBinary),
    ctx.io.env,
  );
  const rendered = await renderReleases(workspace.project, installed, {
    templates: ctx.session.templates,
    files: localFiles,
    secrets: ctx.session.secrets,
    redactor: ctx.redactor,
    manifests: createManifestRenderer(ctx.io.env),
  });
  const byId = new Map(rendered.map((r) => [r.release.id, r]));
  return releases.map((release) => byId.get(release.id) ?? unrendered(release));
}

/** A release as a run that needs no values sees it (uninstalling): no values, no fingerprint. */
export function unrendered(release: Release): RenderedRelease {
  return { release, values: {}, valuesYaml: "", consumed: [], secretsDigest: "", fingerprint: "" };
}

/**
 * Loads, selects and renders (every secret resolved), finding helm meanwhile:
 * all before a cluster is touched. `updateLock`: `releases deps --update` first;
 * `connect`: connect to the selected releases' clusters meanwhile too (no request is made).
 */
export async function prepareRendered(
  ctx: CommandContext,
  helmBinary: string | undefined,
  options: { updateLock?: boolean; addRepositories?: boolean; connect?: boolean } = {},
): Promise<{ workspace: Workspace; rendered: RenderedRelease[]; helm: HelmClient }> {
  const helmReady = ctx.session.helm(helmBinary);
  const [{ checkHelmSupport }, { prepareRepositories }] = await Promise.all([
    import("../helm/args.js"),
    import("../charts/repositories.js"),
  ]);
  if (options.updateLock) {
    // Resolving versions (repository indexes, semver) is loaded only when asked for.
    const { lockCharts } = await import("./chart-lock.js");
    await lockCharts(ctx, { update: true, helmBinary });
  }
  const workspace = await openWorkspace(ctx);
  if (options.connect)
    ctx.session.clustersOf(workspace.project).prefetch(workspace.selected.map((r) => r.id));
  const rendered = await renderSelected(workspace, ctx, workspace.selected, helmBinary);
  const helm = await helmReady;
  checkHelmSupport(helm.major, workspace.selected);
  // Commands that fetch charts without deploying (template, lint, diff) add the repositories they use.
  if (options.addRepositories) {
    const releases = rendered.map((r) => r.release);
    await prepareRepositories(releases, workspace.project.repositories, helm, ctx.io.env);
  }
  return { workspace, rendered, helm };
}
