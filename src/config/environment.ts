// The environment of a run: which one (-e, RELEASES_ENV, `default`), its
// values files layered in order (a .hbs file rendered with the values so far),
// then the run's --state-values-file and --state-values-set over them.
import { relative } from "node:path";
import { ConfigError, type SourceLocation, UsageError } from "../errors.js";
import type { Environment, ValuesSource } from "../model/project.js";
import { didYouMean } from "../util/suggest.js";
import { mergeValues, setPath } from "../values/merge.js";
import { clusterKeys } from "./cluster-ref.js";
import type { ProjectFiles } from "./files.js";
import type { ProblemList } from "./problems.js";
import { type RenderAt, secretsFile, valuesSource } from "./release.js";
import type { RawEnvironment } from "./schema.js";
import { readValuesFile } from "./values-file.js";
import type { FieldPath, YamlSource } from "./yaml-source.js";

/** Renders a template file with a context; implemented by values/. */
export type RenderFile = (text: string, file: string, context: object) => string;

/** Values given on the command line for the environment (Helmfile's --state-values-*). */
export interface StateValues {
  /** Absolute paths of YAML files, layered in order over the environment's values. */
  files: readonly string[];
  /** `path=value` assignments already parsed, applied last. */
  set: readonly { path: string; value: unknown }[];
}

/** `environments` is where the environments are declared (the file's start when there are none). */
export function chooseEnvironment(
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

export interface EnvironmentInputs {
  name: string;
  raw: RawEnvironment;
  source: YamlSource;
  dir: string;
  files: ProjectFiles;
  render: RenderAt;
  renderFile: RenderFile;
  state: StateValues;
  problems: ProblemList;
}

/** The environment and its merged plain values; problems go to `problems`. */
export async function loadEnvironment(
  e: EnvironmentInputs,
): Promise<{ environment: Environment; values: Record<string, unknown> }> {
  const path: FieldPath = ["environments", e.name];
  const at = (field: FieldPath, content = true) => e.source.locate([...path, ...field], { content });
  const bare = { environment: { name: e.name, values: {} }, values: {} };
  const b = { render: e.render, files: e.files, context: bare };
  const environment: Environment = { name: e.name, values: [], secrets: [] };
  await e.problems.attempt(async () => {
    const render = (text: string, field: FieldPath) => e.render(text, at(field), bare);
    Object.assign(environment, await clusterKeys(e.raw, [], at, render, e.files));
  });
  let values: Record<string, unknown> = {};
  const problemsBefore = e.problems.size;
  for (const [i, entry] of (e.raw.values ?? []).entries()) {
    // Each layer is rendered with the values of the layers before it: after a broken
    // layer, the later ones would only report what it failed to define.
    if (e.problems.size > problemsBefore) break;
    const context = { environment: { name: e.name, values }, values };
    await e.problems.attempt(async () => {
      const layer = await valuesSource(entry, ["values", i], b, at, context);
      if (!layer) return;
      environment.values.push(layer);
      values = mergeValues(values, await readLayer(layer, e, context));
    });
  }
  for (const [i, entry] of (e.raw.secrets ?? []).entries()) {
    await e.problems.attempt(async () => {
      const file = await secretsFile(entry, ["secrets", i], b, at);
      if (file) environment.secrets.push(file);
    });
  }
  for (const file of e.state.files) {
    await e.problems.attempt(async () => {
      if (!(await e.files.exists(file))) {
        throw new UsageError(`--state-values-file: file not found: ${file}`);
      }
      values = mergeValues(values, readValuesFile(await e.files.read(file), file));
    });
  }
  for (const { path: setAt, value } of e.state.set) values = setPath(values, setAt, value);
  return { environment, values };
}

async function readLayer(
  layer: ValuesSource,
  e: EnvironmentInputs,
  context: object,
): Promise<Record<string, unknown>> {
  if (layer.kind === "inline") return layer.data;
  if (!(await e.files.exists(layer.path))) {
    throw new ConfigError(`values file not found: ${relative(e.dir, layer.path)}`, {
      location: layer.location,
    });
  }
  const text = await e.files.read(layer.path);
  return readValuesFile(layer.template ? e.renderFile(text, layer.path, context) : text, layer.path);
}
