import { ConfigError } from "../errors.js";
import { parseYaml } from "./yaml-source.js";

/** A values file's text → its map. Empty files are `{}`; anything but a map is an error. */
export function readValuesFile(text: string, file: string): Record<string, unknown> {
  const { data, locate } = parseYaml(text, file);
  if (data === null || data === undefined) return {};
  if (typeof data !== "object" || Array.isArray(data)) {
    throw new ConfigError("a values file must be a map of keys to values", { location: locate([]) });
  }
  return data as Record<string, unknown>;
}
