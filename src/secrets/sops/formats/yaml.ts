// YAML and JSON files to and from the SOPS tree. Both go through the `yaml`
// package's document model, which keeps key order and (for YAML) comments;
// comments are placed in the branch SOPS would place them in, because that
// branch's path is the comment's additional data.
import {
  Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  type Node,
  Pair,
  parseAllDocuments,
  Scalar,
  visit,
  YAMLMap,
  YAMLSeq,
} from "yaml";
import { SecretError } from "../../../errors.js";
import type { SopsBranch, SopsComment, SopsItem, SopsList, SopsScalar, SopsValue } from "../tree.js";

export interface ParsedDocument {
  branch: SopsBranch;
  /** The `sops` top-level value, or undefined for a plaintext file. */
  metadata: unknown;
}

type Mode = "yaml" | "json";

const TIMESTAMPS = new Set(["lastmodified", "created_at"]);

function comments(text: string | null | undefined): SopsComment[] {
  if (!text) return [];
  return text
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => ({ kind: "comment", text: line }));
}

function fail(file: string, message: string, line?: number): never {
  throw new SecretError(message, { location: { file, line } });
}

/**
 * A multi-document YAML file is one branch per document, as sops reads it; we
 * keep them as one branch (the MAC and every value's path are the same as
 * sops's walk over the documents in order) and remember where each document
 * ends in `documents`, so it is written back as the same documents.
 */
export function parseYamlLike(text: string, file: string, mode: Mode): ParsedDocument {
  const docs = parseAllDocuments(text, { intAsBigInt: true, uniqueKeys: mode === "yaml" });
  if (!Array.isArray(docs) || docs.length === 0)
    return { branch: { kind: "branch", items: [] }, metadata: undefined };
  if (docs.length === 1 || mode === "json") return parseOne(docs[0]!, text, file, mode);
  const parsed = docs.map((doc) => parseOne(doc, text, file, mode));
  return {
    branch: {
      kind: "branch",
      items: parsed.flatMap((p) => p.branch.items),
      documents: parsed.map((p) => p.branch.items.length),
    },
    metadata: parsed.find((p) => p.metadata !== undefined)?.metadata,
  };
}

function parseOne(doc: Document.Parsed, text: string, file: string, mode: Mode): ParsedDocument {
  const error = doc.errors[0];
  if (error)
    fail(file, `invalid ${mode === "json" ? "JSON" : "YAML"}: ${error.code}`, error.linePos?.[0]?.line);
  const position = (node: { range?: [number, number, number] | null } | null | undefined) => {
    if (!node?.range) return undefined;
    return text.slice(0, node.range[0]).split("\n").length;
  };

  const scalar = (node: Scalar): SopsScalar | null => {
    const v = node.value;
    if (v === null || v === undefined) return null;
    if (typeof v === "string") return { kind: "scalar", type: "str", value: v };
    if (typeof v === "boolean") return { kind: "scalar", type: "bool", value: v };
    if (typeof v === "bigint") return { kind: "scalar", type: "int", value: v };
    if (typeof v === "number") return { kind: "scalar", type: "float", value: v };
    return fail(file, `unsupported YAML value (tag ${node.tag ?? "unknown"})`, position(node));
  };

  // Aliases are expanded here, so bound the values made to the file's size ("billion laughs").
  const budget = Math.max(text.length, 100_000);
  let made = 0;
  const value = (node: unknown, depth: number): SopsValue => {
    if (depth > 200) fail(file, "document nested too deeply (alias loop?)");
    if (++made > budget) fail(file, `expands to more than ${budget} values through aliases`);
    if (isAlias(node)) return value(node.resolve(doc), depth + 1);
    if (isScalar(node)) return scalar(node);
    if (isMap(node)) return mapping(node, depth, true);
    if (isSeq(node)) return sequence(node, depth);
    if (node === null || node === undefined) return null;
    return fail(file, "unsupported YAML node");
  };

  const sequence = (node: YAMLSeq, depth: number): SopsList => {
    const items: (SopsValue | SopsComment)[] = [...comments(node.commentBefore)];
    for (const item of node.items) {
      const n = item as Node;
      items.push(...comments(n?.commentBefore));
      if (isScalar(n)) items.push(...comments(n.comment));
      items.push(value(n, depth + 1));
      if (!isScalar(n)) items.push(...comments(n?.comment));
    }
    const list: SopsList = { kind: "list", items };
    sinkTrailing(list, comments(node.comment));
    return list;
  };

  const mapping = (node: YAMLMap, depth: number, own: boolean): SopsBranch => {
    const items: (SopsItem | SopsComment)[] = own ? comments(node.commentBefore) : [];
    for (const pair of node.items) {
      const key = pair.key as Node | null;
      if (!isScalar(key) || typeof key.value !== "string") {
        fail(file, "only string keys are supported", position(key as Scalar));
      }
      items.push(...comments(key.commentBefore), ...comments(key.comment));
      const v = pair.value as Node | null;
      const simple = v === null || isScalar(v) || isAlias(v);
      if (simple && v) items.push(...comments(v.commentBefore), ...comments(v.comment));
      items.push({ kind: "item", key: key.value, value: value(v, depth + 1) });
    }
    const branch: SopsBranch = { kind: "branch", items };
    if (own && depth > 0) sinkTrailing(branch, comments(node.comment));
    else if (own) items.push(...comments(node.comment));
    return branch;
  };

  const root = doc.contents;
  let branch: SopsBranch;
  if (root === null || (isScalar(root) && root.value === null)) branch = { kind: "branch", items: [] };
  else if (isMap(root)) branch = mapping(root, 0, true);
  else fail(file, mode === "json" ? "the top level must be an object" : "the top level must be a mapping");
  if (mode === "yaml") {
    branch.items.unshift(...comments(doc.commentBefore));
    branch.items.push(...comments(doc.comment));
  }
  let metadata: unknown;
  const index = branch.items.findIndex((i) => i.kind === "item" && i.key === "sops");
  if (index >= 0) {
    const pair = (root as YAMLMap).items.find((p) => isScalar(p.key) && p.key.value === "sops");
    metadata = pair ? toJs(pair.value, doc) : undefined;
    branch.items.splice(index, 1);
  }
  return { branch, metadata };
}

/**
 * Go's YAML parser hangs a comment that ends a nested block on the deepest
 * last node before it, so SOPS encrypts it under that node's path. Put it there.
 */
function sinkTrailing(container: SopsBranch | SopsList, extra: SopsComment[]): void {
  if (extra.length === 0) return;
  const last = container.items[container.items.length - 1];
  const lastValue =
    container.kind === "branch"
      ? last?.kind === "item"
        ? last.value
        : undefined
      : last !== undefined && (last === null || last.kind !== "comment")
        ? (last as SopsValue)
        : undefined;
  if (lastValue && (lastValue.kind === "branch" || lastValue.kind === "list") && lastValue.items.length > 0) {
    sinkTrailing(lastValue, extra);
    return;
  }
  (container.items as (SopsItem | SopsComment)[]).push(...extra);
}

function toJs(node: unknown, doc: Document.Parsed): unknown {
  if (node && typeof (node as Node).toJSON === "function") {
    return (node as Node).toJSON(null, { doc, keep: false, mapAsMap: false } as never);
  }
  return node;
}

/** YAML text for a tree, with `metadata` appended under `sops` when given. */
export function emitYaml(branch: SopsBranch, metadata?: Record<string, unknown>): string {
  if (!branch.documents || branch.documents.length < 2) return emitOne(branch, metadata);
  // Each document as its own; sops writes its metadata into every one.
  const texts: string[] = [];
  let start = 0;
  for (const size of branch.documents) {
    texts.push(emitOne({ kind: "branch", items: branch.items.slice(start, start + size) }, metadata));
    start += size;
  }
  return texts.join("---\n");
}

function emitOne(branch: SopsBranch, metadata?: Record<string, unknown>): string {
  const doc = new Document();
  const root = yamlMap(branch, doc);
  if (metadata) {
    const node = doc.createNode(metadata) as YAMLMap;
    // Unquoted, Go's YAML decoder would read lastmodified and the keys' created_at as
    // timestamps, not the strings sops expects.
    visit(node, {
      Pair(_, pair) {
        if (isScalar(pair.key) && TIMESTAMPS.has(String(pair.key.value)) && isScalar(pair.value)) {
          pair.value.type = Scalar.QUOTE_DOUBLE;
        }
      },
    });
    const key = new Scalar("sops");
    // Trailing top-level comments go before `sops:`, where sops writes (and reads) them.
    if (root.comment) key.commentBefore = root.comment;
    root.comment = null as unknown as string;
    root.items.push(new Pair(key, node));
  }
  doc.contents = root;
  if (root.comment) {
    doc.comment = root.comment;
    root.comment = null as unknown as string;
  }
  return doc.toString({ indent: 4, lineWidth: 0, minContentWidth: 0 });
}

function yamlScalar(s: SopsScalar | null): Scalar {
  if (s === null) return new Scalar(null);
  const node = new Scalar(s.value);
  if (s.type === "float" && Number.isInteger(s.value)) node.minFractionDigits = 1;
  return node;
}

function joinComments(lines: string[]): string | undefined {
  return lines.length > 0 ? lines.join("\n") : undefined;
}

function yamlNode(v: SopsValue, doc: Document): Node {
  if (v === null || v.kind === "scalar") return yamlScalar(v);
  return v.kind === "branch" ? yamlMap(v, doc) : yamlSeq(v, doc);
}

function yamlMap(branch: SopsBranch, doc: Document): YAMLMap {
  const map = new YAMLMap();
  let pending: string[] = [];
  for (const item of branch.items) {
    if (item.kind === "comment") {
      pending.push(item.text);
      continue;
    }
    const key = new Scalar(item.key);
    const before = joinComments(pending);
    if (before !== undefined) key.commentBefore = before;
    pending = [];
    map.items.push(new Pair(key, yamlNode(item.value, doc)));
  }
  const after = joinComments(pending);
  if (after !== undefined) map.comment = after;
  return map;
}

function yamlSeq(list: SopsList, doc: Document): YAMLSeq {
  const seq = new YAMLSeq();
  let pending: string[] = [];
  for (const item of list.items) {
    if (item !== null && item.kind === "comment") {
      pending.push(item.text);
      continue;
    }
    const node = yamlNode(item, doc);
    const before = joinComments(pending);
    if (before !== undefined) node.commentBefore = before;
    pending = [];
    seq.items.push(node);
  }
  const after = joinComments(pending);
  if (after !== undefined) seq.comment = after;
  return seq;
}
