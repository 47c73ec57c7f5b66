// One release of a project file, its templates applied, turned into a Release:
// string fields rendered (inline values and `set` values too), defaults
// applied, files checked, the chart resolved. Errors name the file and line
// where the offending field is written (the release, or the template it came from).
import { dirname, isAbsolute, relative, resolve } from "node:path";
import { ConfigError, type SourceLocation } from "../errors.js";
import type {
  ChartRef,
  ClusterRef,
  Release,
  Repository,
  SecretsFile,
  ValuesSource,
} from "../model/project.js";
import { manifestChart } from "../render/manifests.js";
import { releaseRenderSpec } from "../render/spec.js";
import { didYouMean } from "../util/suggest.js";
import { parseSetPath } from "../values/set-path.js";
import { clusterKeys, overlayCluster } from "./cluster-ref.js";
import { driftDetection } from "./drift-detection.js";
import { parseDuration } from "./duration.js";
import type { ProjectFiles } from "./files.js";
import { helmOptions } from "./helm-options.js";
import type { InheritedRelease } from "./inherit.js";
import { retryPolicy } from "./retries.js";
import type { RawDefaults, RawSecretsEntry, RawValuesEntry } from "./schema.js";
import type { FieldPath } from "./yaml-source.js";

export const DEFAULT_SETTINGS = {
  namespace: "default",
  createNamespace: true,
  atomic: true,
  wait: true,
  timeout: 300,
  tests: false,
  historyMax: 10,
};

/** Renders `text` written at `location` with `context`. */
export type RenderAt = (text: string, location: SourceLocation, context: object) => string;

/** Paths resolve against the directory of the file each is written in (a release's, or a template's). */
export interface ReleaseInputs {
  render: RenderAt;
  /** `environment` and `values`: the environment's merged values. */
  context: { environment: object; values: Record<string, unknown> };
  files: ProjectFiles;
  repositories: readonly Repository[];
  defaults: RawDefaults;
  /** `--set` of the run: over every release's own `set`. */
  runSet: Readonly<Record<string, unknown>>;
  /** The environment's cluster, under the file's defaults and the release's own keys. */
  cluster: ClusterRef;
}

export async function buildRelease(
  inherited: InheritedRelease,
  location: SourceLocation,
  b: ReleaseInputs,
): Promise<Release> {
  const r = inherited.raw;
  const at: Locate = (field, content = true) => inherited.locate(field, { content });
  const text = (value: string, field: FieldPath, context: object = b.context) =>
    value.includes("{{") ? b.render(value, at(field), context) : value;
  const defaults = b.defaults;
  const namespace = text(r.namespace ?? defaults.namespace ?? DEFAULT_SETTINGS.namespace, ["namespace"]);
  if (r.chart === undefined) {
    throw new ConfigError(`missing required field "chart"`, {
      location,
      hint: r.inherit ? "give the release a chart, or inherit a template that has one" : undefined,
    });
  }
  const chartText = text(r.chart, ["chart"]);
  const labels: Record<string, string> = {};
  for (const [key, value] of Object.entries(r.labels ?? {})) labels[key] = text(value, ["labels", key]);
  const chartAt = at(["chart"]);
  const chart = await resolveChart(chartText, dirname(chartAt.file), b.repositories, b.files, chartAt);
  // Inline values and `set` see the release too: its name, namespace, labels and chart.
  const releaseContext = {
    ...b.context,
    release: { name: r.name, namespace, labels, chart: chart.display },
  };
  const values: ValuesSource[] = [];
  for (const [i, entry] of (r.values ?? []).entries()) {
    const source = await valuesSource(entry, ["values", i], b, at, releaseContext);
    if (source) values.push(source);
  }
  const secrets: SecretsFile[] = [];
  for (const [i, entry] of (r.secrets ?? []).entries()) {
    const file = await secretsFile(entry, ["secrets", i], b, at);
    if (file) secrets.push(file);
  }
  const set: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(r.set ?? {})) {
    try {
      parseSetPath(key);
    } catch (error) {
      throw new ConfigError((error as Error).message, {
        location: inherited.locate(["set", key], { key: true }),
      });
    }
    set[key] = renderLeaves(value, ["set", key], at, b.render, releaseContext);
  }
  const timeout = r.timeout ?? defaults.timeout;
  const atomic = r.atomic ?? defaults.atomic ?? DEFAULT_SETTINGS.atomic;
  const retries = retryPolicy(r, defaults, atomic, (field) => inherited.locate(field), location);
  const drift = driftDetection(r, defaults, (field) => inherited.locate(field));
  const renderText = (value: string, field: FieldPath) => text(value, field);
  // The file's defaults: its kubeconfig is already resolved and checked (project-files.ts).
  const fromDefaults = {
    kubeconfig: defaults.kubeconfig,
    kubeContext: defaults.kubeContext === undefined ? undefined : text(defaults.kubeContext, ["kubeContext"]),
  };
  const cluster = overlayCluster(
    overlayCluster(b.cluster, fromDefaults),
    await clusterKeys({ kubeContext: r.kubeContext, kubeconfig: r.kubeconfig }, [], at, renderText, b.files),
  );
  return {
    id: `${namespace}/${r.name}`,
    name: r.name,
    namespace,
    chart,
    version: r.version === undefined ? undefined : text(r.version, ["version"]),
    labels,
    needs: [],
    values,
    secrets,
    set: { ...set, ...b.runSet },
    installed: r.installed ?? true,
    condition: r.condition,
    createNamespace: r.createNamespace ?? defaults.createNamespace ?? DEFAULT_SETTINGS.createNamespace,
    atomic,
    wait: r.wait ?? defaults.wait ?? DEFAULT_SETTINGS.wait,
    timeout: timeout === undefined ? DEFAULT_SETTINGS.timeout : parseDuration(timeout),
    tests: r.tests ?? defaults.tests ?? DEFAULT_SETTINGS.tests,
    historyMax: r.historyMax ?? defaults.historyMax ?? DEFAULT_SETTINGS.historyMax,
    helm: helmOptions(r, defaults, (field) => inherited.locate(field)),
    ...cluster,
    location,
    ...(retries ? { retries } : {}),
    ...(drift ? { driftDetection: drift } : {}),
    // Patches, transformers, hooks, crds: fields relative to the release (or the template they came from).
    ...(await releaseRenderSpec(
      r,
      [],
      { name: r.name, namespace, labels, chart: chartText },
      {
        dir: dirname(location.file),
        dirOf: (field) => dirname(at(field, false).file),
        render: (value, field, context) => b.render(value, at(field), context),
        context: b.context,
        loc: (field) => at(field, false),
        files: b.files,
      },
    )),
  };
}

/** Where a field is written; with `content` (the default), where a quoted string's text starts. */
export type Locate = (field: FieldPath, content?: boolean) => SourceLocation;

/**
 * A values entry: a file (checked to exist unless optional; a missing optional
 * file is dropped) or an inline map whose string leaves are templates.
 */
export async function valuesSource(
  entry: RawValuesEntry,
  field: FieldPath,
  b: Pick<ReleaseInputs, "render" | "files">,
  at: Locate,
  context: object,
): Promise<ValuesSource | undefined> {
  if (typeof entry === "string" || isOptionalFile(entry)) {
    const file = await fileEntry(entry, field, b, at, context);
    if (!file) return undefined;
    return { kind: "file", path: file.path, template: file.path.endsWith(".hbs"), location: file.location };
  }
  const data = renderLeaves(entry, field, at, b.render, context) as Record<string, unknown>;
  return { kind: "inline", data, location: at(field, false) };
}

export async function secretsFile(
  entry: RawSecretsEntry,
  field: FieldPath,
  b: Pick<ReleaseInputs, "render" | "files" | "context">,
  at: Locate,
): Promise<SecretsFile | undefined> {
  return fileEntry(entry, field, b, at, b.context);
}

function isOptionalFile(entry: object): entry is { path: string; optional: boolean } {
  const keys = Object.keys(entry);
  return keys.length === 2 && "path" in entry && "optional" in entry && typeof entry.optional === "boolean";
}

async function fileEntry(
  entry: string | { path: string; optional: boolean },
  field: FieldPath,
  b: Pick<ReleaseInputs, "render" | "files">,
  at: Locate,
  context: object,
): Promise<SecretsFile | undefined> {
  const written = typeof entry === "string" ? entry : entry.path;
  const pathField = typeof entry === "string" ? field : [...field, "path"];
  const location = at(field, false);
  const dir = dirname(location.file);
  const path = resolve(dir, written.includes("{{") ? b.render(written, at(pathField), context) : written);
  if (await b.files.exists(path)) return { path, location };
  if (typeof entry !== "string" && entry.optional) return undefined;
  throw new ConfigError(`file not found: ${relative(dir, path)}`, {
    location,
    hint: "write {path: ..., optional: true} for a file that may be missing",
  });
}

/** Every string in `value` rendered as a template at its own position; keys and other scalars kept. */
export function renderLeaves(
  value: unknown,
  field: FieldPath,
  at: Locate,
  render: RenderAt,
  context: object,
): unknown {
  if (typeof value === "string") return value.includes("{{") ? render(value, at(field), context) : value;
  if (Array.isArray(value)) return value.map((v, i) => renderLeaves(v, [...field, i], at, render, context));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, renderLeaves(v, [...field, k], at, render, context)]),
    );
  }
  return value;
}

export async function resolveChart(
  text: string,
  dir: string,
  repositories: readonly Repository[],
  files: ProjectFiles,
  location: SourceLocation,
): Promise<ChartRef> {
  if (text.startsWith("oci://")) {
    const repository = repositories.find((r) => r.oci && text.startsWith(`${r.url.replace(/\/$/, "")}/`));
    return { kind: "oci", url: text, display: text, ...(repository ? { repository } : {}) };
  }
  const explicitPath = text.startsWith("./") || text.startsWith("../") || isAbsolute(text);
  const [repoName, ...rest] = text.split("/");
  const repository = explicitPath ? undefined : repositories.find((r) => r.name === repoName);
  if (repository && rest.length === 1) {
    return repository.oci
      ? { kind: "oci", url: `${repository.url.replace(/\/$/, "")}/${rest[0]}`, display: text, repository }
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

export function conditionHolds(
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
