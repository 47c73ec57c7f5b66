// A helmfile state (environments, repositories, helmDefaults, templates,
// releases, helmfiles) as the parts of a releases.yaml.
import type { Finding } from "../finding.js";
import { addHelmArgs, HELM_ARGS_KEYS, type HelmArgs } from "./helm-args.js";
import { asList, isPlainObject, type StateFile } from "./load.js";
import { convertRelease, type OutputPaths, type ReleaseContext } from "./release.js";
import { filesOptional, HELM_OPTION_KEYS, helmOption, type KeyContext, literal } from "./release-keys.js";
import type { StateBlock } from "./skeleton.js";
import { resolveString } from "./strings.js";

export interface ConvertedState {
  environments: Record<string, Record<string, unknown>>;
  repositories: Record<string, unknown>[];
  /**
   * helmDefaults.kubeContext: the kube context for environments that name none; null when it was
   * a template (left): then no environment is given another file's context instead.
   */
  kubeContext?: string | null;
  /** Environments whose own kubeContext was a template (left): none is filled in for them. */
  contextLeft: Set<string>;
  defaults?: Record<string, unknown>;
  templates?: Record<string, unknown>;
  releases: Record<string, unknown>[];
  /** Top-level `values:`: under every environment's own values. */
  stateValues: unknown[];
  /** `helmfiles:` entries: paths relative to this state file. */
  helmfiles: Array<{ path: string; line?: number }>;
  /** Environment flags made from `if eq .Environment.Name …` blocks: flag → environments where it holds. */
  flags: Map<string, (environment: string) => boolean>;
}

export function emptyState(): ConvertedState {
  return {
    environments: {},
    repositories: [],
    releases: [],
    helmfiles: [],
    flags: new Map(),
    stateValues: [],
    contextLeft: new Set(),
  };
}

const DEFAULT_KEYS = new Set(["wait", "atomic", "timeout", "createNamespace", "historyMax"]);

export async function convertState(
  state: StateFile,
  paths: OutputPaths,
  findings: Finding[],
  features: Set<string>,
): Promise<ConvertedState> {
  const data = state.data;
  const ctx: ReleaseContext = { state, paths, findings, features };
  const keyLine = (key: string) => state.lines.key(data, key);
  const left = (key: string, why: string, suggestion?: string, line = keyLine(key)) =>
    findings.push({ file: state.display, line, construct: key, severity: "left", why, suggestion });
  const out = emptyState();

  for (const [key, value] of Object.entries(data)) {
    switch (key) {
      case "environments":
        if (isPlainObject(value)) out.environments = await environments(value, ctx, out.contextLeft);
        break;
      case "repositories":
        out.repositories = asList(value)
          .filter(isPlainObject)
          .map((r) => repository(r, ctx));
        break;
      case "helmDefaults":
        if (isPlainObject(value)) {
          const converted = helmDefaults(value, ctx);
          out.kubeContext = converted.kubeContext;
          if (converted.defaults) out.defaults = { ...out.defaults, ...converted.defaults };
        }
        break;
      case "values":
        out.stateValues = await valuesList(value, ctx, keyLine(key), "values");
        break;
      case "templates":
        break; // converted below, only the ones a release inherits
      case "releases":
        for (const spec of asList(value).filter(isPlainObject)) {
          out.releases.push(await convertRelease(spec, ctx, "release"));
        }
        break;
      case "helmfiles":
        for (const entry of asList(value)) {
          const path = typeof entry === "string" ? entry : isPlainObject(entry) ? entry.path : undefined;
          const line = state.lines.of(entry) ?? keyLine(key);
          if (typeof path !== "string") continue;
          if (path.startsWith("git::") || path.includes("://")) {
            left(
              key,
              `a remote helmfile (${path}) cannot be imported`,
              "fetch it into the repository and import it from there",
              line,
            );
            continue;
          }
          if (isPlainObject(entry)) {
            for (const extra of ["selectors", "selectorsInherited", "values"]) {
              if (extra in entry)
                left(
                  `helmfiles: ${path} ${extra}`,
                  `include: has no ${extra}; the file's releases all join the project`,
                  "select with -l when you run releases",
                  line,
                );
            }
          }
          out.helmfiles.push({ path: resolveString(path, state, line).text, line });
        }
        break;
      case "apiVersions":
      case "kubeVersion": {
        // helmfile's state-wide kubeVersion/apiVersions: releases' defaults.
        const v = helmOption(key, value, keyContext(state, findings, paths, keyLine(key), key));
        if (v !== undefined) out.defaults = { ...out.defaults, [key]: v };
        break;
      }
      case "missingFileHandler":
        left(
          key,
          "the top-level missingFileHandler governs helmfiles: paths; releases has no such switch",
          "a release's or an environment's missingFileHandler does convert (to {path, optional: true})",
        );
        break;
      default:
        left(
          key,
          `releases has no top-level "${key}"`,
          key === "hooks"
            ? "releases runs hooks per release: move them to the releases (or a template they inherit)"
            : undefined,
        );
    }
  }

  const templates = isPlainObject(data.templates) ? data.templates : {};
  const inherited = new Set(
    out.releases.flatMap((r) =>
      asList(r.inherit).map((i) => (typeof i === "string" ? i : isPlainObject(i) ? String(i.template) : "")),
    ),
  );
  for (const [name, spec] of Object.entries(templates)) {
    if (!inherited.has(name) || !isPlainObject(spec)) continue;
    out.templates ??= {};
    out.templates[name] = await convertRelease(spec, ctx, "template");
  }
  const anchored = Object.keys(templates).filter((n) => !inherited.has(n));
  if (anchored.length) {
    findings.push({
      file: state.display,
      line: keyLine("templates"),
      construct: `templates: ${anchored.join(", ")}`,
      severity: "note",
      why: "no release inherits these; releases that use them through YAML anchors (<<: *name) got their fields merged in",
    });
  }
  applyBlocks(state, asList(data.releases).filter(isPlainObject), out, findings);
  return out;
}

/** The environments; `contextLeft` gets those whose kubeContext was a template (left). */
async function environments(value: Record<string, unknown>, ctx: ReleaseContext, contextLeft: Set<string>) {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [name, spec] of Object.entries(value)) {
    const env: Record<string, unknown> = {};
    const line = (key: string) => ctx.state.lines.key(spec, key) ?? ctx.state.lines.of(spec);
    const fields = isPlainObject(spec) ? spec : {};
    const handler = "missingFileHandler";
    const optional =
      handler in fields &&
      filesOptional(
        fields[handler],
        keyContext(ctx.state, ctx.findings, ctx.paths, line(handler), `environments.${name}.${handler}`),
      ) === true;
    for (const [key, v] of Object.entries(fields)) {
      if (key === "values" || key === "secrets") {
        env[key] = await valuesList(v, ctx, line(key), key, optional);
      } else if (key === "kubeContext") {
        const at = keyContext(
          ctx.state,
          ctx.findings,
          ctx.paths,
          line(key),
          `environments.${name}.kubeContext`,
        );
        const context = literal(v, at);
        if (context !== undefined) env.kubeContext = context;
        else contextLeft.add(name);
      } else if (key === handler) {
        if (optional && ("values" in fields || "secrets" in fields))
          ctx.findings.push({
            file: ctx.state.display,
            line: line(key),
            construct: `environments.${name}.${key}`,
            severity: "note",
            why: `${String(v)}: the environment's values and secrets files became {path, optional: true}`,
          });
      } else {
        ctx.findings.push({
          file: ctx.state.display,
          line: line(key),
          construct: `environments.${name}.${key}`,
          severity: "left",
          why: `environments have no "${key}" in releases`,
        });
      }
    }
    out[name] = env;
  }
  return out;
}

async function valuesList(
  value: unknown,
  ctx: ReleaseContext,
  line: number | undefined,
  kind: "values" | "secrets",
  optional = false,
): Promise<unknown[]> {
  const list: unknown[] = [];
  for (const entry of asList(value)) {
    if (typeof entry === "string") {
      const r = resolveString(entry, ctx.state, line);
      ctx.findings.push(...r.findings);
      const path = await ctx.paths.valuesFile(r.text, line, kind);
      list.push(optional ? { path, optional: true } : path);
    } else list.push(entry);
  }
  return list;
}

function repository(r: Record<string, unknown>, ctx: ReleaseContext): Record<string, unknown> {
  const out: Record<string, unknown> = { name: r.name };
  let url = String(r.url ?? "");
  if (r.oci === true && !url.startsWith("oci://")) url = `oci://${url}`;
  out.url = url;
  const line = ctx.state.lines.of(r);
  for (const [key, value] of Object.entries(r)) {
    if (key === "name" || key === "url" || key === "oci") continue;
    if (key === "username" || key === "password") {
      const r2 = resolveString(String(value), ctx.state, line);
      const env = r2.whole?.k === "call" && r2.whole.helper === "env" ? r2.whole.args[0] : undefined;
      if (env?.k === "lit") {
        out[`${key}Env`] = JSON.parse(env.text) as string;
        continue;
      }
    }
    ctx.findings.push({
      file: ctx.state.display,
      line: ctx.state.lines.key(r, key) ?? line,
      construct: `repositories: ${String(r.name)} ${key}`,
      severity: "left",
      why:
        key === "username" || key === "password"
          ? "credentials must come from environment variables in releases"
          : `repositories have no "${key}" in releases`,
      suggestion: key === "username" || key === "password" ? `${key}Env: NAME_OF_THE_VARIABLE` : undefined,
    });
  }
  return out;
}

function keyContext(
  state: StateFile,
  findings: Finding[],
  paths: OutputPaths,
  line: number | undefined,
  construct: string,
): KeyContext {
  return { state, findings, line, construct, rewrite: (path) => paths.rewrite(path) };
}

/** helmDefaults keys with a releases `defaults` equivalent of the same spelling. */
function helmDefaults(value: Record<string, unknown>, ctx: ReleaseContext): Partial<ConvertedState> {
  const defaults: Record<string, unknown> = {};
  let kubeContext: string | null | undefined;
  const args: HelmArgs = {};
  for (const key of HELM_ARGS_KEYS) {
    if (!(key in value)) continue;
    const line = ctx.state.lines.key(value, key);
    addHelmArgs(
      key,
      value[key],
      args,
      keyContext(ctx.state, ctx.findings, ctx.paths, line, `helmDefaults.${key}`),
    );
  }
  for (const [key, v] of Object.entries(value)) {
    if ((HELM_ARGS_KEYS as readonly string[]).includes(key)) continue;
    const line = ctx.state.lines.key(value, key);
    const construct = `helmDefaults.${key}`;
    if (DEFAULT_KEYS.has(key) && typeof v !== "string") defaults[key] = v;
    else if (key === "kubeContext" && typeof v === "string")
      kubeContext = (literal(v, keyContext(ctx.state, ctx.findings, ctx.paths, line, construct)) ?? null) as
        | string
        | null;
    else if (HELM_OPTION_KEYS.includes(key)) {
      const converted = helmOption(key, v, keyContext(ctx.state, ctx.findings, ctx.paths, line, construct));
      if (converted !== undefined) defaults[key] = converted;
    } else
      ctx.findings.push({
        file: ctx.state.display,
        line,
        construct,
        severity: "left",
        why: `defaults have no "${key}" in releases`,
      });
  }
  if (Object.keys(args).length > 0) defaults.args = args;
  return { defaults: Object.keys(defaults).length ? defaults : undefined, kubeContext };
}

/** `{{ if … }}` around releases in the state file: a condition on each release inside. */
function applyBlocks(
  state: StateFile,
  specs: Record<string, unknown>[],
  out: ConvertedState,
  findings: Finding[],
): void {
  for (const block of state.blocks) {
    const inside = specs
      .map((spec, i) => ({ i, line: state.lines.of(spec) }))
      .filter(({ line }) => line !== undefined && line > block.startLine && line < block.endLine);
    const finding = (severity: Finding["severity"], why: string, suggestion?: string) =>
      findings.push({
        file: state.display,
        line: block.startLine,
        construct: block.source,
        severity,
        why,
        suggestion,
      });
    if (inside.length === 0) {
      finding(
        "left",
        "an if around YAML other than whole releases; its first branch was kept as if the condition held",
        "express the difference with values per environment",
      );
      continue;
    }
    const condition = conditionFor(block, out);
    if (!condition) {
      finding(
        "left",
        block.condition.kind === "none" ? block.condition.why : "",
        "set condition: on the releases (a boolean in the environment values)",
      );
      continue;
    }
    for (const { i } of inside) {
      const release = out.releases[i]!;
      if (release.condition !== undefined && release.condition !== condition) {
        finding(
          "left",
          `release ${String(release.name)} already has condition: ${String(release.condition)}; releases takes one condition`,
        );
        continue;
      }
      release.condition = condition;
    }
    finding(
      "note",
      `became condition: ${condition} on ${inside.length} release(s) (a boolean that must be set in every environment's values)`,
    );
  }
}

function conditionFor(block: StateBlock, out: ConvertedState): string | undefined {
  if (block.condition.kind === "values") return block.condition.path;
  if (block.condition.kind === "environment") {
    const flag = `imported.${block.condition.slug || "condition"}`;
    out.flags.set(flag, block.condition.holds);
    return flag;
  }
  return undefined;
}
