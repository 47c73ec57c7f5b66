// Loads a project for one environment into a Project: the root file and every
// file it includes (parsed keeping source positions, validated), the
// environment and its values, templates inherited, string fields templated,
// defaults and conditions applied, charts and needs resolved into one graph.
// Every problem is a typed error naming file, line and field, and all the
// problems of a run are reported together (up to a cap); nothing here talks
// to a cluster or decrypts a secret.
import { dirname, resolve } from "node:path";
import { ConfigError, type SourceLocation } from "../errors.js";
import { buildReleaseGraph, type GraphNodeInput } from "../graph/release-graph.js";
import type { HelmCommandKind, Project, Release, Repository } from "../model/project.js";
import { ignoreRules } from "./drift-detection.js";
import { chooseEnvironment, loadEnvironment, type StateValues } from "./environment.js";
import { localFiles, type ProjectFiles } from "./files.js";
import { checkHelmArg } from "./helm-options.js";
import { applyInheritance, collectTemplates } from "./inherit.js";
import { ProblemList } from "./problems.js";
import { readProjectFiles } from "./project-files.js";
import { buildRelease, conditionHolds, DEFAULT_SETTINGS } from "./release.js";
import { assignReleaseIds } from "./release-ids.js";
import { buildRepository } from "./repository.js";
import { type FieldPath, formatField, lazyLocation } from "./yaml-source.js";

export { DEFAULT_SETTINGS };

/** Renders templated strings and template files; implemented by values/. */
export interface Templates {
  renderString(text: string, location: SourceLocation, context: object): string;
  renderFile(text: string, file: string, context: object): string;
}

export interface LoadOptions {
  /** Path of releases.yaml. */
  file: string;
  /** Environment name; falls back to RELEASES_ENV, then `default`. */
  environment?: string;
  templates: Templates;
  files?: ProjectFiles;
  env?: Readonly<Record<string, string | undefined>>;
  /** --state-values-file / --state-values-set: layered over the environment's values. */
  stateValues?: StateValues;
  /** --set of the run, parsed: applied over every release's values, after its own `set`. */
  set?: readonly { path: string; value: unknown }[];
}

export async function loadProject(options: LoadOptions): Promise<Project> {
  const files = rememberExists(options.files ?? localFiles);
  const file = resolve(options.file);
  const dir = dirname(file);
  if (!(await files.exists(file))) {
    throw new ConfigError("file not found", {
      location: { file: options.file },
      hint: "pass -f <path> or run `releases init` to create one",
    });
  }
  const problems = new ProblemList();
  const projectFiles = await readProjectFiles(file, files, problems);
  const root = projectFiles[0];
  // Without a valid root file there is no environment to load; otherwise the
  // releases of the valid files are built too, so their problems come in the same run.
  if (root?.root !== true) problems.check();
  if (!root) throw new Error("unreachable: a valid root file was read");
  const raw = root.raw;
  const environmentNames = Object.keys(raw.environments ?? {});
  const envName = chooseEnvironment(
    environmentNames,
    options.environment ?? options.env?.RELEASES_ENV,
    root.source.locate(["environments"], { key: true }),
  );
  // Strings templated with the environment's values alone (namespaces, charts, labels) often
  // repeat across hundreds of releases: each text is rendered once with that context (the
  // helpers are pure; a failure is not kept, so each field still reports its own error).
  let shared: object | undefined;
  const renderedShared = new Map<string, string>();
  const render = (text: string, location: SourceLocation, context: object) => {
    if (context !== shared) return options.templates.renderString(text, location, context);
    let out = renderedShared.get(text);
    if (out === undefined) {
      out = options.templates.renderString(text, location, context);
      renderedShared.set(text, out);
    }
    return out;
  };

  const problemsBefore = problems.size;
  const { environment, values: environmentValues } = await loadEnvironment({
    name: envName,
    raw: raw.environments?.[envName] ?? {},
    source: root.source,
    dir,
    files,
    render,
    renderFile: (text, path, context) => options.templates.renderFile(text, path, context),
    state: options.stateValues ?? { files: [], set: [] },
    problems,
  });
  // Releases are rendered with the environment's values: with those broken, their errors would be noise.
  if (problems.size > problemsBefore) problems.check();
  const context = { environment: { name: envName, values: environmentValues }, values: environmentValues };
  shared = context;

  const repositories: Repository[] = [];
  const problemsBeforeRepositories = problems.size;
  for (const [i, r] of (raw.repositories ?? []).entries()) {
    const at = (field: FieldPath) => ({
      ...root.source.locate(["repositories", i, ...field]),
      field: formatField(["repositories", i, ...field]),
    });
    const repository = await problems.attempt(() => buildRepository(r, at, dir, files));
    if (repository) repositories.push(repository);
  }
  // Releases name their repositories: with one broken, their errors would be noise.
  if (problems.size > problemsBeforeRepositories) problems.check();
  const templates = collectTemplates(projectFiles, problems);
  const runSet = Object.fromEntries((options.set ?? []).map((s) => [s.path, s.value]));

  const built: { release: Release; enabled: boolean; needs: GraphNodeInput["needs"] }[] = [];
  const cluster = { kubeContext: environment.kubeContext, kubeconfig: environment.kubeconfig };
  for (const projectFile of projectFiles) {
    const { source } = projectFile;
    for (const [kind, list] of Object.entries(projectFile.raw.defaults?.args ?? {})) {
      for (const [i, arg] of (list ?? []).entries()) {
        await problems.attempt(() =>
          checkHelmArg(arg, source.locate(["defaults", "args", kind, i]), kind as HelmCommandKind),
        );
      }
    }
    await problems.attempt(() =>
      ignoreRules(projectFile.raw.defaults?.driftDetection, "defaults.driftDetection", (field) =>
        source.locate(["defaults", "driftDetection", ...field]),
      ),
    );
    for (const [i, r] of (projectFile.raw.releases ?? []).entries()) {
      await problems.attempt(async () => {
        const path = ["releases", i];
        const at = source.locate(path);
        const location = lazyLocation(at.file, `releases[${i}] (${r.name})`, () => at);
        const inherited = applyInheritance(r, source, path, templates);
        const release = await buildRelease(inherited, location, {
          render,
          context,
          files,
          repositories,
          defaults: projectFile.defaults,
          runSet,
          cluster,
        });
        const condition = inherited.raw.condition;
        built.push({
          release,
          enabled:
            condition === undefined ||
            conditionHolds(condition, environmentValues, inherited.locate(["condition"])),
          needs: (inherited.raw.needs ?? []).map((ref, j) => ({
            ref,
            location: inherited.locate(["needs", j]),
          })),
        });
      });
    }
  }
  problems.check();
  assignReleaseIds(
    built.map((b) => b.release),
    (problem) => problems.add(problem),
  );
  problems.check();
  const enabled = built.filter((b) => b.enabled).map((b) => b.release);
  const disabled = new Set(built.filter((b) => !b.enabled).map((b) => b.release.id));
  const nodes: GraphNodeInput[] = built
    .filter((b) => b.enabled)
    .map(({ release, needs }) => ({
      id: release.id,
      name: release.name,
      namespace: release.namespace,
      kubeContext: release.kubeContext,
      location: release.location,
      needs,
    }));
  const graph = buildReleaseGraph(nodes, disabled, (problem) => problems.add(problem));
  problems.check();
  for (const release of enabled) release.needs = [...graph.needsOf(release.id)];

  const defaults = raw.defaults ?? {};
  return {
    file,
    dir,
    files: projectFiles.map((f) => f.file),
    environment,
    environmentNames,
    environmentValues,
    repositories,
    releases: enabled,
    graph,
    lockNamespace: defaults.lockNamespace,
  };
}

/** `files` with `exists` answered once per path: hundreds of releases share a chart and values files. */
function rememberExists(files: ProjectFiles): ProjectFiles {
  const known = new Map<string, Promise<boolean>>();
  return {
    read: (path) => files.read(path),
    glob: (pattern, dir) => files.glob(pattern, dir),
    exists: (path) => {
      let answer = known.get(path);
      if (!answer) {
        answer = files.exists(path);
        known.set(path, answer);
      }
      return answer;
    },
  };
}
