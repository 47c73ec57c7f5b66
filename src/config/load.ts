// Loads releases.yaml for one environment into a Project: parse (keeping source
// positions), validate, pick the environment, read its values, template the
// string fields, apply defaults and conditions, resolve charts and needs.
// Every problem is a typed error naming file, line and field; nothing here
// talks to a cluster or decrypts a secret.
import { dirname, isAbsolute, relative, resolve } from "node:path";
import { ConfigError, type SourceLocation, UsageError } from "../errors.js";
import { buildReleaseGraph, type GraphNodeInput } from "../graph/release-graph.js";
import type {
  ChartRef,
  Environment,
  HelmSettings,
  Project,
  Release,
  Repository,
  SecretsFile,
  ValuesSource,
} from "../model/project.js";
import { manifestChart } from "../render/manifests.js";
import { releaseRenderSpec } from "../render/spec.js";
import { didYouMean } from "../util/suggest.js";
import { mergeValues } from "../values/merge.js";
import { parseDuration } from "./duration.js";
import { localFiles, type ProjectFiles } from "./files.js";
import type { RawProject, RawRelease } from "./schema.js";
import { validateProject } from "./validate.js";
import { readValuesFile } from "./values-file.js";
import { type FieldPath, parseYaml } from "./yaml-source.js";

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
}

export const DEFAULT_SETTINGS: HelmSettings & { namespace: string } = {
  namespace: "default",
  createNamespace: true,
  atomic: true,
  wait: true,
  timeout: 300,
  tests: false,
  historyMax: 10,
};

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
  const source = parseYaml(await files.read(file), file);
  const raw = validateProject(source);
  const environmentNames = Object.keys(raw.environments ?? {});
  const loc = (path: FieldPath) => source.locate(path);
  const envName = chooseEnvironment(
    environmentNames,
    options.environment ?? options.env?.RELEASES_ENV,
    source.locate(["environments"], { key: true }),
  );

  const rawEnv = raw.environments?.[envName] ?? {};
  const envPath: FieldPath = ["environments", envName];
  const bareContext = { environment: { name: envName, values: {} }, values: {} };
  const render = (text: string, path: FieldPath, context: object) =>
    options.templates.renderString(text, source.locate(path, { content: true }), context);

  const environment: Environment = {
    name: envName,
    values: (rawEnv.values ?? []).map((entry, i) =>
      valuesSource(entry, [...envPath, "values", i], dir, render, bareContext, loc),
    ),
    secrets: (rawEnv.secrets ?? []).map((path, i) =>
      secretsFile(path, [...envPath, "secrets", i], dir, render, bareContext, loc),
    ),
    kubeContext: rawEnv.kubeContext,
  };

  let environmentValues: Record<string, unknown> = {};
  for (const layer of environment.values) {
    environmentValues = await readLayer(layer, dir, files, options.templates, {
      environment: { name: envName, values: environmentValues },
      values: environmentValues,
    });
  }
  const context = { environment: { name: envName, values: environmentValues }, values: environmentValues };

  const repositories = (raw.repositories ?? []).map(
    (r, i): Repository => ({
      name: r.name,
      url: r.url,
      oci: r.url.startsWith("oci://"),
      usernameEnv: r.usernameEnv,
      passwordEnv: r.passwordEnv,
      location: loc(["repositories", i]),
    }),
  );

  const enabled: Release[] = [];
  const nodes: GraphNodeInput[] = [];
  const disabled = new Set<string>();
  for (const [i, r] of raw.releases.entries()) {
    const path: FieldPath = ["releases", i];
    const release = await buildRelease(r, path, raw, { dir, render, context, loc, files, repositories });
    const on =
      r.condition === undefined ||
      conditionHolds(r.condition, environmentValues, loc([...path, "condition"]));
    if (!on) {
      disabled.add(release.id);
      continue;
    }
    enabled.push(release);
    nodes.push({
      id: release.id,
      name: release.name,
      namespace: release.namespace,
      location: release.location,
      needs: (r.needs ?? []).map((ref, j) => ({ ref, location: loc([...path, "needs", j]) })),
    });
  }
  const graph = buildReleaseGraph(nodes, disabled);
  for (const release of enabled) release.needs = [...graph.needsOf(release.id)];

  return {
    file,
    dir,
    environment,
    environmentNames,
    environmentValues,
    repositories,
    releases: enabled,
  };
}

/** `environments` is where the environments are declared (the file's start when there are none). */
function chooseEnvironment(
  names: readonly string[],
  requested: string | undefined,
  environments: SourceLocation,
): string {
  if (names.length === 0) {
    if (requested === undefined || requested === "default") return "default";
    throw new UsageError(`unknown environment "${requested}": the file declares no environments`, {
      location: { file: environments.file },
      hint: "add an `environments:` map, or drop -e",
    });
  }
  if (requested === undefined) {
    if (names.includes("default")) return "default";
    throw new UsageError(`no environment selected; choose one of: ${names.join(", ")}`, {
      location: environments,
      hint: "pass -e <name> or set RELEASES_ENV",
    });
  }
  if (!names.includes(requested)) {
    throw new UsageError(
      `unknown environment "${requested}"${didYouMean(requested, names)}; known: ${names.join(", ")}`,
      { location: environments },
    );
  }
  return requested;
}

interface BuildContext {
  dir: string;
  render: (text: string, path: FieldPath, context: object) => string;
  context: object;
  loc: (path: FieldPath) => SourceLocation;
  files: ProjectFiles;
  repositories: readonly Repository[];
}

async function buildRelease(
  r: RawRelease,
  path: FieldPath,
  raw: RawProject,
  b: BuildContext,
): Promise<Release> {
  const defaults = raw.defaults ?? {};
  const field = (name: string): FieldPath => [...path, name];
  const namespace = b.render(
    r.namespace ?? defaults.namespace ?? DEFAULT_SETTINGS.namespace,
    field("namespace"),
    b.context,
  );
  const chartText = b.render(r.chart, field("chart"), b.context);
  const labels: Record<string, string> = {};
  for (const [key, value] of Object.entries(r.labels ?? {})) {
    labels[key] = b.render(value, [...field("labels"), key], b.context);
  }
  const values = (r.values ?? []).map((entry, i) =>
    valuesSource(entry, [...field("values"), i], b.dir, b.render, b.context, b.loc),
  );
  const secrets = (r.secrets ?? []).map((entry, i) =>
    secretsFile(entry, [...field("secrets"), i], b.dir, b.render, b.context, b.loc),
  );
  for (const source of [...values, ...secrets]) {
    if ("path" in source && !(await b.files.exists(source.path))) {
      throw new ConfigError(`file not found: ${relative(b.dir, source.path)}`, { location: source.location });
    }
  }
  const timeout = r.timeout ?? defaults.timeout;
  return {
    id: `${namespace}/${r.name}`,
    name: r.name,
    namespace,
    chart: await resolveChart(chartText, b.dir, b.repositories, b.files, b.loc(field("chart"))),
    version: r.version === undefined ? undefined : b.render(r.version, field("version"), b.context),
    labels,
    needs: [],
    values,
    secrets,
    set: r.set ?? {},
    installed: r.installed ?? true,
    condition: r.condition,
    createNamespace: r.createNamespace ?? defaults.createNamespace ?? DEFAULT_SETTINGS.createNamespace,
    atomic: r.atomic ?? defaults.atomic ?? DEFAULT_SETTINGS.atomic,
    wait: r.wait ?? defaults.wait ?? DEFAULT_SETTINGS.wait,
    timeout: timeout === undefined ? DEFAULT_SETTINGS.timeout : parseDuration(timeout),
    tests: r.tests ?? defaults.tests ?? DEFAULT_SETTINGS.tests,
    historyMax: r.historyMax ?? defaults.historyMax ?? DEFAULT_SETTINGS.historyMax,
    location: { ...b.loc(path), field: `releases[${String(path[1])}] (${r.name})` },
    ...(await releaseRenderSpec(r, path, { name: r.name, namespace, labels, chart: chartText }, b)),
  };
}

function valuesSource(
  entry: string | Record<string, unknown>,
  path: FieldPath,
  dir: string,
  render: BuildContext["render"],
  context: object,
  loc: (path: FieldPath) => SourceLocation,
): ValuesSource {
  if (typeof entry !== "string") return { kind: "inline", data: entry, location: loc(path) };
  const rendered = resolve(dir, render(entry, path, context));
  return { kind: "file", path: rendered, template: rendered.endsWith(".hbs"), location: loc(path) };
}

function secretsFile(
  entry: string,
  path: FieldPath,
  dir: string,
  render: BuildContext["render"],
  context: object,
  loc: (path: FieldPath) => SourceLocation,
): SecretsFile {
  return { path: resolve(dir, render(entry, path, context)), location: loc(path) };
}

async function readLayer(
  layer: ValuesSource,
  dir: string,
  files: ProjectFiles,
  templates: Templates,
  context: { values: Record<string, unknown>; [key: string]: unknown },
): Promise<Record<string, unknown>> {
  if (layer.kind === "inline") return mergeValues(context.values, layer.data);
  if (!(await files.exists(layer.path))) {
    throw new ConfigError(`values file not found: ${relative(dir, layer.path)}`, {
      location: layer.location,
    });
  }
  const text = await files.read(layer.path);
  const data = readValuesFile(
    layer.template ? templates.renderFile(text, layer.path, context) : text,
    layer.path,
  );
  return mergeValues(context.values, data);
}

async function resolveChart(
  text: string,
  dir: string,
  repositories: readonly Repository[],
  files: ProjectFiles,
  location: SourceLocation,
): Promise<ChartRef> {
  if (text.startsWith("oci://")) return { kind: "oci", url: text, display: text };
  const explicitPath = text.startsWith("./") || text.startsWith("../") || isAbsolute(text);
  const [repoName, ...rest] = text.split("/");
  const repository = explicitPath ? undefined : repositories.find((r) => r.name === repoName);
  if (repository && rest.length === 1) {
    return repository.oci
      ? { kind: "oci", url: `${repository.url.replace(/\/$/, "")}/${rest[0]}`, display: text }
      : { kind: "repo", repository: repository.name, name: rest[0]!, display: text };
  }
  const path = resolve(dir, text);
  if (await files.exists(resolve(path, "Chart.yaml"))) return { kind: "local", path, display: text };
  const manifests = explicitPath ? await manifestChart(path, text, files) : undefined;
  if (manifests) return manifests;
  if (!explicitPath && rest.length === 1) {
    throw new ConfigError(`chart "${text}": repository "${repoName}" is not declared`, {
      location,
      hint: `add it under repositories:${didYouMean(
        repoName!,
        repositories.map((r) => r.name),
      )}, or write a local chart as ./${text}`,
    });
  }
  throw new ConfigError(`chart "${text}": no Chart.yaml in ${path}`, { location });
}

function conditionHolds(
  condition: string,
  values: Record<string, unknown>,
  location: SourceLocation,
): boolean {
  let current: unknown = values;
  for (const part of condition.split(".")) {
    if (current === null || typeof current !== "object" || !(part in current)) {
      throw new ConfigError(`condition "${condition}" is not a path in the environment values`, {
        location,
        hint: `define ${condition}: true|false in the environment's values`,
      });
    }
    current = (current as Record<string, unknown>)[part];
  }
  if (typeof current !== "boolean") {
    throw new ConfigError(`condition "${condition}" must be true or false, got ${JSON.stringify(current)}`, {
      location,
    });
  }
  return current;
}

/** `files` with `exists` answered once per path: hundreds of releases share a chart and values files. */
function rememberExists(files: ProjectFiles): ProjectFiles {
  const known = new Map<string, Promise<boolean>>();
  return {
    read: (path) => files.read(path),
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
