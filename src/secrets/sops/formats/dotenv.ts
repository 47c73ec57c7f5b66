// dotenv files as SOPS reads and writes them: one KEY=value per line, `#`
// comment lines, `\n` escapes for newlines, and the metadata flattened into
// `sops_…` keys (`sops_age__list_0__map_enc=…`).
import { SecretError } from "../../../errors.js";
import { scalarText } from "../cipher.js";
import type { SopsBranch, SopsComment, SopsItem } from "../tree.js";
import type { ParsedDocument } from "./yaml.js";

const PREFIX = "sops_";
const MAP = "__map_";
const LIST = "__list_";

export function parseDotenv(text: string, file: string): ParsedDocument {
  const items: (SopsItem | SopsComment)[] = [];
  const flatMetadata: Record<string, string> = {};
  text.split("\n").forEach((line, i) => {
    if (line.length === 0) return;
    if (line.startsWith("#")) {
      items.push({ kind: "comment", text: line.slice(1) });
      return;
    }
    const eq = line.indexOf("=");
    if (eq < 0) throw new SecretError("invalid dotenv line: no `=`", { location: { file, line: i + 1 } });
    const key = line.slice(0, eq);
    const value = line.slice(eq + 1).replaceAll("\\n", "\n");
    if (key.startsWith(PREFIX)) flatMetadata[key.slice(PREFIX.length)] = value;
    else items.push({ kind: "item", key, value: { kind: "scalar", type: "str", value } });
  });
  const hasMetadata = Object.keys(flatMetadata).length > 0;
  return { branch: { kind: "branch", items }, metadata: hasMetadata ? unflatten(flatMetadata) : undefined };
}

type Token = { map: string } | { list: number };

function tokenize(path: string): Token[] {
  const tokens: Token[] = [];
  const re = /__map_|__list_/g;
  let last = 0;
  let kind: "map" | "list" = "map";
  let m = re.exec(path);
  while (m) {
    const part = path.slice(last, m.index);
    tokens.push(kind === "map" ? { map: part } : { list: Number(part) });
    kind = m[0] === MAP ? "map" : "list";
    last = m.index + m[0].length;
    m = re.exec(path);
  }
  const part = path.slice(last);
  tokens.push(kind === "map" ? { map: part } : { list: Number(part) });
  return tokens;
}

function unflatten(flat: Record<string, string>): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [path, value] of Object.entries(flat)) {
    const tokens = tokenize(path);
    let node: Record<string, unknown> | unknown[] = root;
    tokens.forEach((token, i) => {
      const key = "map" in token ? token.map : token.list;
      const next = tokens[i + 1];
      const container = node as Record<string | number, unknown>;
      if (!next) {
        container[key] = value;
        return;
      }
      container[key] ??= "list" in next ? [] : {};
      node = container[key] as Record<string, unknown>;
    });
  }
  return root;
}

function flatten(value: unknown, prefix: string, out: Record<string, string>): void {
  if (value === null || value === undefined) return;
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      flatten(v, `${prefix}${LIST}${i}`, out);
    });
  } else if (typeof value === "object") {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}${MAP}${k}` : k, out);
  } else {
    out[prefix] = String(value);
  }
}

export function emitDotenv(branch: SopsBranch, file: string, metadata?: Record<string, unknown>): string {
  const lines: string[] = [];
  for (const item of branch.items) {
    if (item.kind === "comment") {
      lines.push(`#${item.text}`);
      continue;
    }
    if (item.value !== null && item.value.kind !== "scalar") {
      throw new SecretError("dotenv files cannot hold nested values", {
        location: { file, field: item.key },
      });
    }
    const text = item.value === null ? "" : scalarText(item.value);
    lines.push(`${item.key}=${text.replaceAll("\n", "\\n")}`);
  }
  if (metadata) {
    const flat: Record<string, string> = {};
    flatten(metadata, "", flat);
    for (const key of Object.keys(flat).sort())
      lines.push(`${PREFIX}${key}=${flat[key]!.replaceAll("\n", "\\n")}`);
  }
  return lines.map((l) => `${l}\n`).join("");
}
