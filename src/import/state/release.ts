// One helmfile release (or `templates:` entry) as a releases.yaml release:
// only keys releases supports; every other key is a finding.
import { stringify } from "yaml";
import type { Finding } from "../finding.js";
import { renderHb } from "../gotmpl/expression.js";
import { escapeBraces, hasValsRefs, replaceValsRefs } from "../values-file.js";
import { asList, isPlainObject, type StateFile } from "./load.js";
import {
  filesOptional,
  HELM_OPTION_KEYS,
  helmOption,
  hooks,
  jsonPatches,
  type KeyContext,
  kustomizeObjects,
  RENDER_KEYS,
} from "./release-keys.js";
import { placeholderPattern } from "./skeleton.js";
import { holdsTemplate, originalText, resolveString } from "./strings.js";

/** Where files go: implemented by the import, which knows the source and output layout. */
export interface OutputPaths {
  /** A path written in this state file (possibly with handlebars) as the output file must write it. */
  rewrite(path: string): string;
  /** A values or secrets file: converted when it is a .gotmpl; returns its path as the output file writes it. */
  valuesFile(path: string, line: number | undefined, kind: "values" | "secrets"): Promise<string>;
  /** A generated .hbs values file beside the output file; returns the path to write. */
  generated(name: string, text: string): string;
}

export interface ReleaseContext {
  state: StateFile;
  paths: OutputPaths;
  findings: Finding[];
  features: Set<string>;
}

const SAME_SCALARS = ["wait", "atomic", "createNamespace", "historyMax", "timeout"] as const;
/** What `inherit: [{except: [...]}]` may name: the fields a release converts to. */
export const INHERITABLE = new Set<string>([
  "namespace",
  "chart",
  "version",
  "labels",
  "needs",
  "kubeContext",
  "values",
  "secrets",
  "set",
  "installed",
  "condition",
  ...SAME_SCALARS,
  ...HELM_OPTION_KEYS,
  ...RENDER_KEYS,
]);

export async function convertRelease(
  spec: Record<string, unknown>,
  ctx: ReleaseContext,
  kind: "release" | "template",
): Promise<Record<string, unknown>> {
  const { state, findings } = ctx;
  const line = (key?: string) => (key ? state.lines.key(spec, key) : undefined) ?? state.lines.of(spec);
  const left = (key: string, why: string, suggestion?: string, construct = key) =>
    findings.push({ file: state.display, line: line(key), construct, severity: "left", why, suggestion });
  const note = (key: string, why: string, construct = key) =>
    findings.push({ file: state.display, line: line(key), construct, severity: "note", why });
  const str = (key: string, value: unknown) => {
    const r = resolveString(String(value), state, line(key));
    findings.push(...r.findings);
    return r;
  };

  const at = (key: string): KeyContext => ({
    state,
    findings,
    line: line(key),
    construct: key,
    rewrite: (path) => ctx.paths.rewrite(path),
  });
  const set = (key: string, value: unknown) => {
    if (value !== undefined) out[key] = value;
  };
  // helmfile's missingFileHandler decides for every values and secrets file of the release.
  const optional =
    "missingFileHandler" in spec ? filesOptional(spec.missingFileHandler, at("missingFileHandler")) : false;

  const out: Record<string, unknown> = {};
  const generatedValues: Record<string, unknown> = {};
  const name = typeof spec.name === "string" ? spec.name : undefined;
  for (const [key, value] of Object.entries(spec)) {
    switch (key) {
      case "name": {
        const r = str(key, value);
        if (r.templated) left(key, "release names are not templates in releases", "write the name out");
        out.name = r.text;
        break;
      }
      case "namespace":
      case "version":
      case "kubeContext":
        out[key] = str(key, value).text;
        break;
      case "chart": {
        const text = str(key, value).text;
        out.chart = isLocalChart(text, state) ? asLocalPath(ctx.paths.rewrite(text)) : text;
        break;
      }
      case "labels":
        if (isPlainObject(value)) {
          out.labels = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, str(key, v).text]));
        }
        break;
      case "needs":
        out.needs = asList(value).map((n) => {
          const r = str(key, n);
          const name = r.text.split("/").at(-1)!;
          if (r.templated && !name.includes("{{")) {
            note(
              key,
              `needs "${originalText(String(n), state)}" became "${name}": releases needs are not templates (a name alone is enough when it is unique)`,
            );
            return name;
          }
          return String(n); // name, namespace/name or kubeContext/namespace/name: the same spellings
        });
        break;
      case "values":
      case "secrets":
        out[key] = await filesList(key, value, ctx, line(key), generatedValues, name, optional === true);
        break;
      case "set":
      case "setString":
        {
          const set = {
            ...((out.set as object | undefined) ?? {}),
            ...convertSet(key, value, ctx, line(key), generatedValues),
          };
          if (Object.keys(set).length) out.set = set;
        }
        break;
      case "installed":
      case "condition":
      case "wait":
      case "atomic":
      case "createNamespace":
      case "historyMax":
      case "timeout":
        scalar(key, value, out, ctx, line(key));
        break;
      case "inherit":
        out.inherit = asList(value).map((entry) => {
          if (typeof entry === "string" || !isPlainObject(entry)) return entry;
          const except = asList(entry.except).filter((f) => {
            if (INHERITABLE.has(String(f))) return true;
            note(key, `except: ${f} is not a field releases has; dropped`);
            return false;
          });
          return except.length ? { template: entry.template, except } : { template: entry.template };
        });
        ctx.features.add("templates: and inherit:");
        break;
      case "missingFileHandler":
        if (optional && ("values" in spec || "secrets" in spec))
          note(key, `${String(value)}: the release's values and secrets files became {path, optional: true}`);
        break;
      case "hooks":
        set(key, hooks(value, at(key)));
        break;
      case "jsonPatches":
        set(key, jsonPatches(value, at(key)));
        break;
      case "strategicMergePatches":
      case "transformers":
        set(key, kustomizeObjects(key, value, at(key)));
        break;
      default:
        if (HELM_OPTION_KEYS.includes(key)) set(key, helmOption(key, value, at(key)));
        else
          left(
            key,
            `a ${kind} has no "${key}" key in releases`,
            "drop it, or find the releases way in the README's reference",
          );
    }
  }
  if (Object.keys(generatedValues).length > 0) {
    const file = ctx.paths.generated(
      `${name ?? "template"}-values.yaml.hbs`,
      valuesText(generatedValues, ctx),
    );
    out.values = [...((out.values as unknown[] | undefined) ?? []), file];
  }
  return out;
}

/** A local chart keeps a ./ so it never reads as repo/chart. */
function asLocalPath(path: string): string {
  return path.startsWith("/") || path.startsWith("./") || path.startsWith("../") ? path : `./${path}`;
}

function isLocalChart(chart: string, state: StateFile): boolean {
  if (chart.startsWith("./") || chart.startsWith("../") || chart.startsWith("/")) return true;
  if (chart.startsWith("oci://") || chart.includes("{{")) return false;
  const repos = asList(state.data.repositories).map((r) => (isPlainObject(r) ? r.name : undefined));
  const [first, ...rest] = chart.split("/");
  return !(rest.length === 1 && repos.includes(first));
}

async function filesList(
  key: "values" | "secrets",
  value: unknown,
  ctx: ReleaseContext,
  line: number | undefined,
  generated: Record<string, unknown>,
  releaseName: string | undefined,
  optional: boolean,
): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const entry of asList(value)) {
    if (typeof entry === "string") {
      const text = resolveString(entry, ctx.state, ctx.state.lines.of(entry) ?? line);
      ctx.findings.push(...text.findings);
      const path = await ctx.paths.valuesFile(text.text, line, key);
      out.push(optional ? { path, optional: true } : path);
    } else if (isPlainObject(entry) && key === "values") {
      if (holdsTemplate(entry) || hasValsRefs(JSON.stringify(entry))) Object.assign(generated, entry);
      else out.push(entry);
    } else {
      ctx.findings.push({
        file: ctx.state.display,
        line,
        construct: key,
        severity: "left",
        why: `a ${key} entry releases cannot read`,
        suggestion: releaseName ? `list a file for ${releaseName}` : undefined,
      });
    }
  }
  return out;
}

function convertSet(
  key: string,
  value: unknown,
  ctx: ReleaseContext,
  line: number | undefined,
  generated: Record<string, unknown>,
): Record<string, unknown> {
  const set: Record<string, unknown> = {};
  for (const entry of asList(value)) {
    if (!isPlainObject(entry) || typeof entry.name !== "string") continue;
    const v = "values" in entry ? entry.values : entry.value;
    if ("file" in entry) {
      ctx.findings.push({
        file: ctx.state.display,
        line,
        construct: `${key}: ${entry.name} file: ${String(entry.file)}`,
        severity: "left",
        why: "--set-file has no equivalent in releases",
        suggestion: "put the file's content into a values file",
      });
    } else if (holdsTemplate(v)) {
      // set values are not templates in releases: a generated .hbs values file carries them.
      if (/[\\[\]]/.test(entry.name)) {
        ctx.findings.push({
          file: ctx.state.display,
          line,
          construct: `${key}: ${entry.name}`,
          severity: "left",
          why: "a templated set with an escaped or indexed path",
        });
        continue;
      }
      setPath(generated, entry.name.split("."), v);
      ctx.findings.push({
        file: ctx.state.display,
        line,
        construct: `${key}: ${entry.name}`,
        severity: "note",
        why: "a templated set value moved into the release's generated .hbs values file (last values layer; secrets still win over it)",
      });
    } else {
      set[entry.name] = key === "setString" && v !== null && typeof v !== "object" ? String(v) : v;
    }
  }
  return set;
}

function setPath(into: Record<string, unknown>, path: string[], value: unknown): void {
  let current = into;
  for (const part of path.slice(0, -1)) {
    if (!isPlainObject(current[part])) current[part] = {};
    current = current[part] as Record<string, unknown>;
  }
  current[path.at(-1)!] = value;
}

function scalar(
  key: string,
  value: unknown,
  out: Record<string, unknown>,
  ctx: ReleaseContext,
  line: number | undefined,
): void {
  if (typeof value !== "string" || !holdsTemplate(value) || key === "condition") {
    out[key] = value;
    return;
  }
  const r = resolveString(value, ctx.state, line);
  ctx.findings.push(...r.findings);
  const whole = r.whole;
  if (key === "installed" && whole?.k === "path" && whole.anchor === "root" && whole.segs[0] === "values") {
    out.condition = whole.segs.slice(1).join(".");
    ctx.findings.push({
      file: ctx.state.display,
      line,
      construct: `installed: ${originalText(value, ctx.state)}`,
      severity: "note",
      why: `became condition: ${out.condition as string} (it must be true or false in every environment's values)`,
    });
    return;
  }
  ctx.findings.push({
    file: ctx.state.display,
    line,
    construct: `${key}: ${originalText(value, ctx.state)}`,
    severity: "left",
    why: `${key} is not a template in releases`,
    suggestion:
      key === "installed"
        ? "use condition: <path to a boolean in the environment values>"
        : "write the value out (per environment: a release per environment is not needed; use values)",
  });
}

/** YAML text of inline values whose strings hold state-template placeholders, as a .hbs template. */
function valuesText(values: Record<string, unknown>, ctx: ReleaseContext): string {
  const text = escapeBraces(stringify(values, { lineWidth: 0 }));
  const resolved = text.replace(placeholderPattern(), (id) => {
    const p = ctx.state.placeholders.get(id);
    if (!p) return id;
    const r = resolveString(id, ctx.state, p.line);
    ctx.findings.push(...r.findings);
    if (!r.whole) return r.text;
    return p.quoted ? `{{quote ${renderHb(r.whole, 0)}}}` : r.text;
  });
  return replaceValsRefs(resolved, ctx.state.display, ctx.findings);
}
