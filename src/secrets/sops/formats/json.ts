// JSON text from the SOPS tree. Parsing goes through the YAML reader (JSON is
// YAML 1.2), which keeps key order and tells integers (`int`) from floats.
import { SecretError } from "../../../errors.js";
import { formatFloat } from "../cipher.js";
import type { SopsBranch, SopsValue } from "../tree.js";

function jsonValue(v: SopsValue | Record<string, unknown> | unknown, indent: string, file: string): string {
  if (v === null || v === undefined) return "null";
  if (typeof v === "object" && "kind" in (v as object)) {
    const node = v as Exclude<SopsValue, null>;
    switch (node.kind) {
      case "scalar":
        if (node.type === "float") {
          if (!Number.isFinite(node.value))
            throw new SecretError("JSON cannot hold NaN or infinity", { location: { file } });
          return Math.abs(node.value) < 1e21 ? formatFloat(node.value) : JSON.stringify(node.value);
        }
        if (node.type === "int") return node.value.toString();
        return JSON.stringify(node.value);
      case "branch":
        return jsonObject(
          node.items.flatMap((i) => (i.kind === "item" ? [[i.key, i.value] as const] : [])),
          indent,
          file,
        );
      case "list": {
        const items = node.items.filter((i) => i === null || i.kind !== "comment") as SopsValue[];
        if (items.length === 0) return "[]";
        const inner = `${indent}    `;
        return `[\n${items.map((i) => inner + jsonValue(i, inner, file)).join(",\n")}\n${indent}]`;
      }
    }
  }
  if (Array.isArray(v)) {
    if (v.length === 0) return "[]";
    const inner = `${indent}    `;
    return `[\n${v.map((i) => inner + jsonValue(i, inner, file)).join(",\n")}\n${indent}]`;
  }
  if (typeof v === "object") return jsonObject(Object.entries(v as object), indent, file);
  return JSON.stringify(v);
}

function jsonObject(entries: readonly (readonly [string, unknown])[], indent: string, file: string): string {
  if (entries.length === 0) return "{}";
  const inner = `${indent}    `;
  const body = entries
    .map(([k, v]) => `${inner}${JSON.stringify(k)}: ${jsonValue(v, inner, file)}`)
    .join(",\n");
  return `{\n${body}\n${indent}}`;
}

export function emitJson(branch: SopsBranch, file: string, metadata?: Record<string, unknown>): string {
  const entries: (readonly [string, unknown])[] = branch.items.flatMap((i) =>
    i.kind === "item" ? [[i.key, i.value] as const] : [],
  );
  if (metadata) entries.push(["sops", metadata]);
  return `${jsonObject(entries, "", file)}\n`;
}
