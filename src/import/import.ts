// `releases import`: a helmfile project (helmfile.yaml, helmfile.yaml.gotmpl or
// helmfile.d/) as a plan — the files to write and a report. Reading goes
// through the reader it is given; it writes nothing (the command does).
import { basename, dirname, isAbsolute, join, relative, resolve } from "node:path";
import { stringify } from "yaml";
import { type Finding, sortedFindings } from "./finding.js";
import { type HoistedState, hoist } from "./hoist.js";
import { loadState, type SourceReader } from "./state/load.js";
import { type ConvertedState, convertState, emptyState } from "./state/project.js";
import type { OutputPaths } from "./state/release.js";
import { convertValuesText, hasValsRefs } from "./values-file.js";

export interface ImportRequest {
  /** Absolute: a state file, or a directory holding helmfile.yaml(.gotmpl) or helmfile.d/. */
  source: string;
  /** Absolute: where releases.yaml and the converted files go; default the helmfile's directory. */
  outDir?: string;
}

export interface ImportPlan {
  /** Absolute paths and contents, in writing order; releases.yaml first. */
  files: Array<{ path: string; text: string }>;
  findings: Finding[];
  /** releases features the written files use that are being added now (include:, templates:/inherit:). */
  features: string[];
  /** The state files read, as shown in the report. */
  states: string[];
}

export class ImportSourceError extends Error {}

const STATE_FILE = /\.(ya?ml)(\.gotmpl)?$|\.gotmpl$/;

export async function planImport(request: ImportRequest, reader: SourceReader): Promise<ImportPlan> {
  const entry = await findEntry(request.source, reader);
  const rootDir = dirname(entry.path);
  const outDir = request.outDir ?? rootDir;
  const display = (file: string) => relative(rootDir, file) || basename(file);
  const findings: Finding[] = [];
  const features = new Set<string>();
  const files: ImportPlan["files"] = [];
  const written = new Set<string>();
  const write = (path: string, text: string) => {
    if (written.has(path)) return;
    written.add(path);
    files.push({ path, text });
  };
  const outOf = (source: string) => {
    const rel = relative(rootDir, source);
    return rel.startsWith("..") ? join(outDir, "imported", basename(source)) : join(outDir, rel);
  };

  const rootOut = join(outDir, "releases.yaml");
  const convertedFiles = new Set<string>();
  const pending: Array<{ file: string; out: string }> = [];
  const states: string[] = [];
  let root: ConvertedState | undefined;
  const rootIncludes: string[] = [];
  const subs: HoistedState[] = [];

  if (entry.kind === "dir") {
    for (const name of (await reader.list(entry.path)) ?? []) {
      if (STATE_FILE.test(name))
        pending.push({ file: join(entry.path, name), out: join(outDir, "releases.d", outName(name)) });
    }
    pending.sort((a, b) => a.file.localeCompare(b.file));
    rootIncludes.push(...pending.map((p) => relative(outDir, p.out)));
    if (pending.length) features.add("include:");
  } else {
    pending.push({ file: entry.path, out: rootOut });
  }

  const outputs: Array<{ out: string; state: ConvertedState; includes: string[] }> = [];
  const done = new Set<string>();
  while (pending.length) {
    const { file, out } = pending.shift()!;
    if (done.has(file)) continue;
    done.add(file);
    const state = await loadState(file, display, reader);
    if (!state) {
      findings.push({ file: display(file), construct: "helmfiles", severity: "left", why: "file not found" });
      continue;
    }
    states.push(state.display);
    findings.push(...state.findings);
    const paths = outputPaths(
      dirname(file),
      dirname(out),
      { converted: convertedFiles, outOf, reader, findings, write, display },
      state.display,
    );
    const converted = await convertState(state, paths, findings, features);
    const includes: string[] = [];
    for (const sub of converted.helmfiles) {
      for (const subFile of await expandGlob(resolve(dirname(file), sub.path), reader)) {
        const subOut = outOf(join(dirname(subFile), outName(basename(subFile))));
        includes.push(relative(dirname(out), subOut));
        pending.push({ file: subFile, out: subOut });
      }
      features.add("include:");
    }
    if (out === rootOut) root = converted;
    else subs.push({ state: converted, outDir: dirname(out) });
    outputs.push({
      out,
      state: converted,
      includes: out === rootOut ? [...rootIncludes, ...includes] : includes,
    });
  }
  if (!root) {
    root = emptyState();
    outputs.unshift({ out: rootOut, state: root, includes: rootIncludes });
  }
  hoist(root, dirname(rootOut), subs, findings);

  for (const { out, state, includes } of outputs) {
    const isRoot = out === rootOut;
    const doc: Record<string, unknown> = {};
    if (isRoot && Object.keys(state.environments).length) doc.environments = state.environments;
    if (isRoot && state.repositories.length) doc.repositories = state.repositories;
    if (includes.length) doc.include = includes;
    if (state.defaults) doc.defaults = state.defaults;
    if (state.templates) doc.templates = state.templates;
    if (state.releases.length || isRoot) doc.releases = state.releases;
    const header = `# yaml-language-server: $schema=https://releases.dev/schema/releases.schema.json\n# Imported from helmfile by \`releases import\`; read its report before the first deploy.\n`;
    files.unshift({ path: out, text: header + stringify(doc, { lineWidth: 0 }) });
  }
  // releases.yaml first, then included files, then values files
  files.sort((a, b) => rank(a.path, rootOut) - rank(b.path, rootOut));
  return { files, findings: sortedFindings(findings), features: [...features], states };
}

function rank(path: string, rootOut: string): number {
  if (path === rootOut) return 0;
  return path.endsWith(".hbs") ? 2 : 1;
}

async function findEntry(
  source: string,
  reader: SourceReader,
): Promise<{ kind: "file" | "dir"; path: string }> {
  const names = await reader.list(source);
  if (names === undefined) {
    if ((await reader.read(source)) === undefined)
      throw new ImportSourceError(`${source}: no such file or directory`);
    return { kind: "file", path: source };
  }
  for (const candidate of ["helmfile.yaml", "helmfile.yaml.gotmpl"]) {
    if (names.includes(candidate)) return { kind: "file", path: join(source, candidate) };
  }
  if (names.includes("helmfile.d")) return { kind: "dir", path: join(source, "helmfile.d") };
  if (names.some((n) => STATE_FILE.test(n)) && basename(source) === "helmfile.d")
    return { kind: "dir", path: source };
  throw new ImportSourceError(`${source}: no helmfile.yaml, helmfile.yaml.gotmpl or helmfile.d/ here`);
}

/** helmfile.yaml(.gotmpl) → releases.yaml; apps.yaml.gotmpl → apps.yaml (releases files are never templates). */
function outName(name: string): string {
  if (/^helmfile\.ya?ml(\.gotmpl)?$/.test(name)) return "releases.yaml";
  return name.replace(/\.gotmpl$/, "").replace(/\.yml$/, ".yaml");
}

async function expandGlob(pattern: string, reader: SourceReader): Promise<string[]> {
  if (!pattern.includes("*")) return [pattern];
  const parts = pattern.split("/");
  let found = [parts[0] === "" ? "/" : parts[0]!];
  for (const part of parts.slice(1)) {
    const next: string[] = [];
    for (const dir of found) {
      if (!part.includes("*")) {
        next.push(join(dir, part));
        continue;
      }
      const re = new RegExp(`^${part.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[^/]*")}$`);
      for (const name of ((await reader.list(dir)) ?? []).sort())
        if (re.test(name)) next.push(join(dir, name));
    }
    found = next;
  }
  const existing: string[] = [];
  for (const f of found) if ((await reader.read(f)) !== undefined) existing.push(f);
  return existing;
}

interface PathSetup {
  /** Values files already converted (several releases and templated paths name the same file). */
  converted: Set<string>;
  outOf: (source: string) => string;
  reader: SourceReader;
  findings: Finding[];
  write: (path: string, text: string) => void;
  display: (file: string) => string;
}

function outputPaths(srcDir: string, outFileDir: string, setup: PathSetup, stateFile: string): OutputPaths {
  const { outOf, reader, findings, write, display } = setup;
  const asWritten = (absolute: string) => relative(outFileDir, absolute);
  const rewrite = (path: string) => {
    if (isAbsolute(path) || srcDir === outFileDir) return path;
    if (path.startsWith("{{")) return path;
    return asWritten(resolve(srcDir, path));
  };
  const convertFile = async (source: string, template: boolean, line: number | undefined) => {
    const target = outOf(template ? source.replace(/\.gotmpl$/, ".hbs") : `${source}.hbs`);
    if (setup.converted.has(source)) return target;
    setup.converted.add(source);
    const text = await reader.read(source);
    if (text === undefined) {
      findings.push({
        file: display(source),
        line,
        construct: display(source),
        severity: "left",
        why: "the values file does not exist",
      });
      return target;
    }
    const converted = convertValuesText(text, display(source), template);
    findings.push(...converted.findings);
    write(target, converted.text);
    return target;
  };
  return {
    rewrite,
    generated(name, text) {
      const target = join(outFileDir, "imported", name);
      write(target, text);
      return asWritten(target);
    },
    async valuesFile(path, line, kind) {
      const template = path.endsWith(".gotmpl");
      if (kind === "secrets") return rewrite(path);
      if (path.includes("{{")) {
        if (!template) return rewrite(path);
        // A templated path: convert every file it names in some environment.
        for (const source of await templatedSources(path, srcDir, reader))
          await convertFile(source, true, line);
        findings.push({
          file: stateFile,
          line,
          construct: path,
          severity: "note",
          why: "a templated values path; every matching .gotmpl file found was converted to .hbs beside it",
        });
        const hbs = path.replace(/\.gotmpl$/, ".hbs");
        return srcDir === outFileDir || hbs.startsWith("{{")
          ? hbs
          : `${dirname(rewrite(hbs.replace(/\{\{[^}]*\}\}/g, "x")))}/${basename(hbs)}`;
      }
      const source = resolve(srcDir, path);
      if (!template) {
        const text = await reader.read(source);
        if (text === undefined || !hasValsRefs(text)) return rewrite(path);
      }
      return asWritten(await convertFile(source, template, line));
    },
  };
}

/** The files a handlebars path like values/{{environment.name}}.yaml.gotmpl names: every match in its directory. */
async function templatedSources(path: string, srcDir: string, reader: SourceReader): Promise<string[]> {
  const pattern = resolve(srcDir, path.replace(/\{\{[^}]*\}\}/g, "*"));
  return expandGlob(pattern, reader);
}

/** Environments and repositories belong to releases.yaml: included files' ones move there. */
