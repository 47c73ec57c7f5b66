// The file format follows the extension, as in `sops`: .yaml/.yml, .json,
// .env; anything else is read as YAML.
import type { SopsBranch } from "../tree.js";
import { emitDotenv, parseDotenv } from "./dotenv.js";
import { emitJson } from "./json.js";
import { emitYaml, type ParsedDocument, parseYamlLike } from "./yaml.js";

export type SopsFormat = "yaml" | "json" | "dotenv";
export type { ParsedDocument };

/** By suffix, as sops does (so `.env` itself is dotenv). */
export function formatForPath(path: string): SopsFormat {
  if (path.endsWith(".json")) return "json";
  if (path.endsWith(".env")) return "dotenv";
  return "yaml";
}

export function parseDocument(text: string, file: string, format: SopsFormat): ParsedDocument {
  if (format === "dotenv") return parseDotenv(text, file);
  return parseYamlLike(text, file, format);
}

export function emitDocument(
  branch: SopsBranch,
  file: string,
  format: SopsFormat,
  metadata?: Record<string, unknown>,
): string {
  if (format === "json") return emitJson(branch, file, metadata);
  if (format === "dotenv") return emitDotenv(branch, file, metadata);
  return emitYaml(branch, metadata);
}
