// Reads one helmfile state file: its `---` documents (each rendered by
// skeleton.ts when the file ends in .gotmpl, as helmfile v1 renders only those),
// parsed and merged in order, `bases:` merged underneath, with the line of
// every entry and key kept for the report.
import { dirname, resolve } from "node:path";
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from "yaml";
import type { Finding } from "../finding.js";
import type { Converted } from "../gotmpl/expression.js";
import { type Placeholder, type StateBlock, stateSkeleton } from "./skeleton.js";

export interface SourceReader {
  /** The file's text, or undefined when it does not exist. */
  read(path: string): Promise<string | undefined>;
  /** Names in a directory, or undefined when it is not one. */
  list(dir: string): Promise<string[] | undefined>;
}

export interface Lines {
  of(value: unknown): number | undefined;
  key(value: unknown, key: string): number | undefined;
}

export interface StateFile {
  /** Absolute path. */
  file: string;
  /** As shown in the report (relative to the imported project). */
  display: string;
  data: Record<string, unknown>;
  lines: Lines;
  placeholders: Map<string, Placeholder>;
  blocks: StateBlock[];
  vars: Map<string, Converted>;
  findings: Finding[];
}

export async function loadState(
  file: string,
  display: (file: string) => string,
  reader: SourceReader,
  seen: readonly string[] = [],
): Promise<StateFile | undefined> {
  const text = await reader.read(file);
  if (text === undefined) return undefined;
  const shown = display(file);
  const state: StateFile = {
    file,
    display: shown,
    data: {},
    placeholders: new Map(),
    blocks: [],
    vars: new Map(),
    findings: [],
    lines: createLines(),
  };
  const templated = file.endsWith(".gotmpl");
  const counter = { n: 0 };
  for (const part of splitDocuments(text)) {
    let yamlText = part.text;
    if (templated) {
      const skeleton = stateSkeleton(part.text, shown, part.firstLine, counter);
      yamlText = skeleton.yaml;
      for (const [id, p] of skeleton.placeholders) state.placeholders.set(id, p);
      state.blocks.push(...skeleton.blocks);
      for (const [k, v] of skeleton.vars) state.vars.set(k, v);
      state.findings.push(...skeleton.findings);
    }
    const data = parsePart(yamlText, part.firstLine, shown, state);
    if (!data) continue;
    for (const base of asList(data.bases)) {
      if (typeof base !== "string") continue;
      const path = resolve(dirname(file), base);
      if (seen.includes(path)) continue;
      const loaded = await loadState(path, display, reader, [...seen, file]);
      if (!loaded) {
        state.findings.push({
          file: shown,
          line: state.lines.key(data, "bases"),
          construct: `bases: ${base}`,
          severity: "left",
          why: "the base file was not found",
        });
        continue;
      }
      mergeInto(state, loaded.data);
      state.findings.push(...loaded.findings);
      for (const [id, p] of loaded.placeholders) state.placeholders.set(id, p);
      state.blocks.push(...loaded.blocks);
      copyLines(state.lines, loaded.lines);
    }
    delete data.bases;
    mergeInto(state, data);
  }
  return state;
}

interface Part {
  text: string;
  firstLine: number;
}

export function splitDocuments(text: string): Part[] {
  const parts: Part[] = [];
  let current: string[] = [];
  let firstLine = 1;
  text.split("\n").forEach((line, i) => {
    if (/^---\s*(#.*)?$/.test(line)) {
      parts.push({ text: current.join("\n"), firstLine });
      current = [];
      firstLine = i + 2;
    } else current.push(line);
  });
  parts.push({ text: current.join("\n"), firstLine });
  return parts.filter((p) => p.text.trim() !== "");
}

function parsePart(
  text: string,
  firstLine: number,
  shown: string,
  state: StateFile,
): Record<string, unknown> | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, merge: true, prettyErrors: false });
  const lineAt = (offset: number) => lineCounter.linePos(offset).line + firstLine - 1;
  const [error] = doc.errors;
  if (error) {
    state.findings.push({
      file: shown,
      line: lineAt(error.pos[0]),
      construct: "YAML",
      severity: "left",
      why: `this document is not YAML after its templates were set aside: ${error.message.split("\n")[0]}`,
      suggestion: "templates that write YAML structure must be written out by hand",
    });
    return undefined;
  }
  const data = doc.toJS({ maxAliasCount: 1000 }) as unknown;
  if (data === null || data === undefined) return undefined;
  if (typeof data !== "object" || Array.isArray(data)) {
    state.findings.push({
      file: shown,
      line: firstLine,
      construct: "YAML",
      severity: "left",
      why: "a state document must be a map",
    });
    return undefined;
  }
  annotate(doc.contents, data, state.lines as LineTable, lineAt);
  return data as Record<string, unknown>;
}

interface LineTable extends Lines {
  objects: WeakMap<object, number>;
  keys: WeakMap<object, Map<string, number>>;
}

function createLines(): LineTable {
  const objects = new WeakMap<object, number>();
  const keys = new WeakMap<object, Map<string, number>>();
  return {
    objects,
    keys,
    of: (value) => (value && typeof value === "object" ? objects.get(value) : undefined),
    key: (value, key) => (value && typeof value === "object" ? keys.get(value)?.get(key) : undefined),
  };
}

function copyLines(into: Lines, from: Lines): void {
  // WeakMaps cannot be walked; the base's objects keep their own table, so ask it too.
  const a = into as LineTable;
  const b = from as LineTable;
  const of = a.of;
  const key = a.key;
  a.of = (v) => of(v) ?? b.of(v);
  a.key = (v, k) => key(v, k) ?? b.key(v, k);
}

function annotate(node: unknown, value: unknown, table: LineTable, lineAt: (offset: number) => number): void {
  if (!value || typeof value !== "object") return;
  const range = (node as YamlNode | undefined)?.range;
  if (range && !table.objects.has(value)) table.objects.set(value, lineAt(range[0]));
  if (isMap(node)) {
    const keyLines = table.keys.get(value) ?? new Map<string, number>();
    table.keys.set(value, keyLines);
    for (const pair of node.items) {
      if (!isScalar(pair.key) || pair.key.value === "<<") continue;
      const k = String(pair.key.value);
      if (pair.key.range) keyLines.set(k, lineAt(pair.key.range[0]));
      annotate(pair.value, (value as Record<string, unknown>)[k], table, lineAt);
    }
  } else if (isSeq(node) && Array.isArray(value)) {
    node.items.forEach((item, i) => {
      annotate(item, value[i], table, lineAt);
    });
  }
}

/** helmfile merges documents and bases key by key; a later list replaces an earlier one. */
function mergeInto(state: StateFile, data: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(data)) {
    const current = state.data[key];
    if (isPlainObject(current) && isPlainObject(value)) {
      const merged = { ...current, ...value };
      const table = state.lines as LineTable;
      table.objects.set(merged, state.lines.of(value) ?? state.lines.of(current) ?? 0);
      table.keys.set(merged, new Map([...(table.keys.get(current) ?? []), ...(table.keys.get(value) ?? [])]));
      state.data[key] = merged;
    } else {
      state.data[key] = value;
    }
    const line = state.lines.key(data, key);
    if (line !== undefined) {
      const table = (state.lines as LineTable).keys;
      const own = table.get(state.data) ?? new Map<string, number>();
      own.set(key, line);
      table.set(state.data, own);
    }
  }
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

export function asList(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}
