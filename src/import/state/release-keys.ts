// helmfile release keys releases spells the same way: helm options, hooks,
// patches and transformers, and missingFileHandler. What maps exactly is
// converted (strings through the same template conversion as every other
// field); the rest is a finding.
import { parse } from "yaml";
import { FLAG_OPTIONS } from "../../config/helm-options.js";
import { hookEvents } from "../../config/schema.js";
import { TRANSFORMER_KINDS } from "../../render/spec.js";
import type { Finding } from "../finding.js";
import { isPlainObject, type StateFile } from "./load.js";
import { holdsTemplate, originalText, resolveString } from "./strings.js";

/** Every helm option converted here: releases' own (the same key and meaning in helmfile). */
export const HELM_OPTION_KEYS: readonly string[] = FLAG_OPTIONS;
const NOT_BOOLEAN = new Set(["serverSide", "description", "kubeVersion", "apiVersions"]);
/** The boolean ones among them. */
export const FLAG_KEYS = FLAG_OPTIONS.filter((key) => !NOT_BOOLEAN.has(key));
export const RENDER_KEYS = ["hooks", "jsonPatches", "strategicMergePatches", "transformers"] as const;

/** Where a key sits and how to report on it. */
export interface KeyContext {
  state: StateFile;
  findings: Finding[];
  line: number | undefined;
  /** The key as the report names it, e.g. `force` or `helmDefaults.force`. */
  construct: string;
  /** A file path written in the state file as the output file must write it. */
  rewrite(path: string): string;
}

const HOOK_EVENTS = new Set<string>(hookEvents);
const TARGET_KEYS = new Set(["group", "version", "kind", "name", "namespace"]);

export function left(
  ctx: KeyContext,
  why: string,
  suggestion?: string,
  construct = ctx.construct,
): undefined {
  ctx.findings.push({
    file: ctx.state.display,
    line: ctx.line,
    construct,
    severity: "left",
    why,
    suggestion,
  });
  return undefined;
}

/** A string of the state file as releases writes it (Go templates → handlebars). */
function text(value: string, ctx: KeyContext): { text: string; templated: boolean } {
  const r = resolveString(value, ctx.state, ctx.state.lines.of(value) ?? ctx.line);
  ctx.findings.push(...r.findings);
  return r;
}

/** Every string (any depth) converted; the rest kept as written. */
function tree(value: unknown, ctx: KeyContext): unknown {
  if (typeof value === "string") return holdsTemplate(value) ? text(value, ctx).text : value;
  if (Array.isArray(value)) return value.map((v) => tree(v, ctx));
  if (isPlainObject(value))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, tree(v, ctx)]));
  return value;
}

/** A value releases reads literally (not a template): undefined, with a finding, when it is templated. */
export function literal(value: unknown, ctx: KeyContext): unknown {
  if (!holdsTemplate(value)) return value;
  const shown = typeof value === "string" ? originalText(value, ctx.state) : "a template";
  return left(
    ctx,
    `${ctx.construct} is not a template in releases (${shown})`,
    "write the value out (values that differ per environment belong in the environment values)",
  );
}

/** One helm option: its releases value, or undefined with a finding. */
export function helmOption(key: string, value: unknown, ctx: KeyContext): unknown {
  const v = literal(value, ctx);
  if (v === undefined) return undefined;
  const bool = v === "true" ? true : v === "false" ? false : v;
  if ((FLAG_KEYS as readonly string[]).includes(key)) {
    if (typeof bool === "boolean") return bool;
    return left(ctx, `${key} must be true or false, not ${JSON.stringify(v)}`);
  }
  switch (key) {
    case "serverSide":
      if (typeof bool === "boolean" || bool === "auto") return bool;
      return left(ctx, `serverSide is true, false or auto in releases, not ${JSON.stringify(v)}`);
    case "description":
    case "kubeVersion":
      if (typeof v === "string" || typeof v === "number") return String(v);
      return left(ctx, `${key} must be a string`);
    case "apiVersions":
      if (Array.isArray(v) && v.every((a) => typeof a === "string" && a !== "")) return v;
      return left(ctx, "apiVersions must be a list of API versions (group/version or group/version/Kind)");
  }
  return left(ctx, `${key} is not a helm option releases has`);
}

/** helmfile's hooks: the same fields and events; kubectlApply and `.Event`/`.HelmfileCommand` are left. */
export function hooks(value: unknown, ctx: KeyContext): unknown[] | undefined {
  if (!Array.isArray(value)) return left(ctx, "hooks must be a list");
  const out: unknown[] = [];
  for (const [i, hook] of value.entries()) {
    const at = { ...ctx, line: ctx.state.lines.of(hook) ?? ctx.line, construct: `${ctx.construct}[${i}]` };
    if (!isPlainObject(hook)) {
      left(at, "a hook is a map of name, events, command, args, showlogs");
      continue;
    }
    const converted = convertHook(hook, at);
    if (converted) out.push(converted);
  }
  return out;
}

function convertHook(hook: Record<string, unknown>, ctx: KeyContext): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  const named = typeof hook.name === "string" ? `hook ${hook.name}` : ctx.construct;
  const at = { ...ctx, construct: named };
  for (const [key, value] of Object.entries(hook)) {
    const keyCtx = { ...at, line: ctx.state.lines.key(hook, key) ?? ctx.line };
    switch (key) {
      case "name":
      case "command": {
        if (key === "command" && isPlainObject(hook.kubectlApply)) break; // helmfile ignores it then
        const v = literal(String(value), { ...keyCtx, construct: `${named} ${key}` });
        if (v !== undefined) out[key] = v;
        break;
      }
      case "events": {
        const events = (Array.isArray(value) ? value : [value]).map(String);
        const unknown = events.filter((e) => !HOOK_EVENTS.has(e));
        if (unknown.length)
          left(
            keyCtx,
            `releases has no hook event ${unknown.join(", ")} (it has ${[...HOOK_EVENTS].join(", ")})`,
            "run the command before or after releases instead",
            `${named} events: ${unknown.join(", ")}`,
          );
        out.events = events.filter((e) => HOOK_EVENTS.has(e));
        break;
      }
      case "args":
        out.args = (Array.isArray(value) ? value : [value]).map((arg) => hookArg(String(arg), keyCtx, named));
        break;
      case "showlogs":
        if (typeof value === "boolean") out.showlogs = value;
        else left(keyCtx, "showlogs must be true or false", undefined, `${named} showlogs`);
        break;
      case "kubectlApply": {
        // helmfile runs kubectl apply -f <filename> or -k <kustomize> (and ignores command then).
        const apply = kubectlApply(value);
        if (!apply) {
          left(
            keyCtx,
            "kubectlApply takes one of filename or kustomize",
            "command: kubectl with args: [apply, -f, <file>]",
            `${named} kubectlApply`,
          );
          return undefined;
        }
        out.command = "kubectl";
        out.args = apply.map((arg) => text(arg, keyCtx).text);
        break;
      }
      default:
        left(keyCtx, `hooks have no "${key}" in releases`, undefined, `${named} ${key}`);
    }
  }
  const relative = [out.command, ...((out.args as unknown[] | undefined) ?? [])].filter(
    (a) => typeof a === "string" && /^\.\.?\//.test(a),
  );
  if (relative.length)
    ctx.findings.push({
      file: ctx.state.display,
      line: ctx.line,
      construct: `${named}: ${relative.join(" ")}`,
      severity: "note",
      why: "helmfile ran hooks in the state file's directory; releases runs them in the directory of the root releases.yaml: check these relative paths",
    });
  if (!Array.isArray(out.events) || out.events.length === 0 || typeof out.command !== "string") {
    left(at, "the hook has no event releases runs, or no command it can run; dropped");
    return undefined;
  }
  return out;
}

function kubectlApply(value: unknown): string[] | undefined {
  if (!isPlainObject(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  if (typeof value.filename === "string") return ["apply", "-f", value.filename];
  if (typeof value.kustomize === "string") return ["apply", "-k", value.kustomize];
  return undefined;
}

function hookArg(arg: string, ctx: KeyContext, named: string): string {
  const written = originalText(arg, ctx.state);
  if (/\.(Event|HelmfileCommand)\b/.test(written)) {
    left(
      ctx,
      "hook args see environment, values and release in releases, not helmfile's .Event or .HelmfileCommand",
      "read $RELEASES_EVENT (and $RELEASES_EVENT_ERROR after a failure) in the command instead",
      `${named} args: ${written}`,
    );
  }
  return text(arg, ctx).text;
}

/** A patch or transformer file: a path releases reads (not a .gotmpl template). */
function patchFile(path: string, ctx: KeyContext): string | undefined {
  if (path.endsWith(".gotmpl"))
    return left(
      ctx,
      `${path} is a Go template; releases reads patch files as YAML`,
      "render it into a plain YAML file, or write the patch inline (inline patches are templates)",
      `${ctx.construct}: ${path}`,
    );
  return ctx.rewrite(text(path, ctx).text);
}

/** helmfile's jsonPatches: `{target, patch}` or `{target, path}`, targets by group/version/kind/name/namespace. */
export function jsonPatches(value: unknown, ctx: KeyContext): unknown[] | undefined {
  if (!Array.isArray(value)) return left(ctx, "jsonPatches must be a list");
  const out: unknown[] = [];
  for (const [i, entry] of value.entries()) {
    const at = { ...ctx, line: ctx.state.lines.of(entry) ?? ctx.line, construct: `${ctx.construct}[${i}]` };
    if (!isPlainObject(entry) || !isPlainObject(entry.target)) {
      left(at, "a JSON patch without a target: map", "add target: {kind: …, name: …}");
      continue;
    }
    const extra = Object.keys(entry.target).filter((k) => !TARGET_KEYS.has(k));
    const extraKeys = Object.keys(entry).filter((k) => !["target", "patch", "path"].includes(k));
    if (extra.length || extraKeys.length) {
      left(
        at,
        `releases patch targets are group, version, kind, name and namespace (not ${[...extra, ...extraKeys].join(", ")})`,
        "target the resources by kind and name (name is an anchored regular expression)",
      );
      continue;
    }
    const target = tree(entry.target, at);
    if (typeof entry.path === "string") {
      const path = patchFile(entry.path, at);
      if (path !== undefined) out.push({ target, path });
      continue;
    }
    const patch = typeof entry.patch === "string" ? parseYaml(entry.patch) : entry.patch;
    if (!Array.isArray(patch) || !patch.every(isPlainObject)) {
      left(at, "a JSON patch whose patch: is not a list of RFC 6902 operations");
      continue;
    }
    out.push({ target, patch: tree(patch, at) });
  }
  return out;
}

function parseYaml(text: string): unknown {
  try {
    return parse(text);
  } catch {
    return undefined;
  }
}

/** strategicMergePatches and transformers: inline documents (strings converted) or files. */
export function kustomizeObjects(
  key: "strategicMergePatches" | "transformers",
  value: unknown,
  ctx: KeyContext,
): unknown[] | undefined {
  if (!Array.isArray(value)) return left(ctx, `${key} must be a list`);
  const out: unknown[] = [];
  for (const [i, entry] of value.entries()) {
    const at = { ...ctx, line: ctx.state.lines.of(entry) ?? ctx.line, construct: `${ctx.construct}[${i}]` };
    if (typeof entry === "string") {
      const path = patchFile(entry, at);
      if (path !== undefined) out.push(path);
    } else if (!isPlainObject(entry)) {
      left(at, `a ${key} entry is an inline document or a file path`);
    } else if (key === "transformers" && !TRANSFORMER_KINDS.has(String(entry.kind))) {
      left(
        at,
        `releases runs the builtin LabelTransformer and AnnotationsTransformer, not ${String(entry.kind)}`,
        "express it as jsonPatches or strategicMergePatches",
        `${at.construct}: ${String(entry.kind)}`,
      );
    } else out.push(tree(entry, at));
  }
  return out;
}

/**
 * helmfile's missingFileHandler: Error (its default) fails on a missing values or secrets file;
 * Warn, Info and Debug skip it, as releases' `{path, optional: true}` does. Undefined: not valid.
 */
export function filesOptional(value: unknown, ctx: KeyContext): boolean | undefined {
  if (value === "Error") return false;
  if (value === "Warn" || value === "Info" || value === "Debug") return true;
  left(ctx, `missingFileHandler is Error, Warn, Info or Debug in helmfile, not ${JSON.stringify(value)}`);
  return undefined;
}
