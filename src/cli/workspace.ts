// Everything a command starts from: the loaded project for the chosen
// environment, its graph, and the releases selected by -l and the needs flags.
import { resolve } from "node:path";
import { loadProject } from "../config/load.js";
import { graphOfReleases, type ReleaseGraph } from "../graph/release-graph.js";
import type { Selection } from "../graph/selection.js";
import type { Project, Release } from "../model/project.js";
import { selectReleases, unknownSelectorKeys } from "../selector/select.js";
import { parseSetArguments } from "../values/set-arguments.js";
import { createTemplates } from "../values/templates.js";
import type { CliIO } from "./io.js";
import { type GlobalOptions, needsMode } from "./options.js";

export interface Workspace {
  project: Project;
  graph: ReleaseGraph;
  selection: Selection;
  /** Selected releases in graph order. */
  selected: Release[];
  byId: ReadonlyMap<string, Release>;
}

export async function openWorkspace(globals: GlobalOptions, io: CliIO): Promise<Workspace> {
  const mode = needsMode(globals);
  const project = await loadProject({
    file: resolve(io.cwd, globals.file),
    environment: globals.environment,
    env: io.env,
    templates: createTemplates({ env: io.env }),
    stateValues: {
      files: globals.stateValuesFile.map((f) => resolve(io.cwd, f)),
      set: globals.stateValuesSet.flatMap((s) => parseSetArguments(s, "--state-values-set")),
    },
    set: globals.set.flatMap((s) => parseSetArguments(s, "--set")),
  });
  const graph = graphOfReleases(project.releases);
  const selection = selectReleases(project.releases, graph, globals.selector, mode);
  for (const warning of unknownSelectorKeys(project.releases, globals.selector)) {
    io.stderr.write(`releases: warning: ${warning}\n`);
  }
  const byId = new Map(project.releases.map((r) => [r.id, r]));
  return { project, graph, selection, selected: selection.ids.map((id) => byId.get(id)!), byId };
}

/** Says so on stderr when the selectors match nothing; true when there is nothing to do. */
export function nothingSelected(workspace: Workspace, globals: GlobalOptions, io: CliIO): boolean {
  if (workspace.selected.length > 0) return false;
  const by =
    globals.selector.length > 0
      ? ` match ${globals.selector.map((s) => `-l ${s}`).join(" or ")}`
      : " are defined";
  io.stderr.write(`no releases${by} in environment "${workspace.project.environment.name}"; nothing to do\n`);
  return true;
}
