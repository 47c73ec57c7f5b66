// Checks a parsed releases.yaml against the schema and turns the first problem
// into a ConfigError that names file, line, column and field, says what was
// expected and, for unknown keys, suggests the closest known one.
import type { z } from "zod";
import { ConfigError } from "../errors.js";
import { didYouMean } from "../util/suggest.js";
import {
  defaultsSchema,
  environmentSchema,
  projectSchema,
  type RawProject,
  releaseSchema,
  repositorySchema,
} from "./schema.js";
import type { FieldPath, YamlSource } from "./yaml-source.js";

export function validateProject(source: YamlSource): RawProject {
  if (source.data === null || typeof source.data !== "object" || Array.isArray(source.data)) {
    throw new ConfigError("expected a map with a `releases:` list", { location: source.locate([]) });
  }
  const result = projectSchema.safeParse(source.data);
  if (result.success) return result.data;
  const issues = result.error.issues;
  const first = toConfigError(issues[0]!, source);
  if (issues.length === 1) throw first;
  throw new ConfigError(`${first.message} (and ${issues.length - 1} more problem(s))`, {
    location: first.location,
    hint: first.hint,
  });
}

function knownKeys(path: FieldPath): string[] {
  const shapeKeys = (schema: { shape: Record<string, unknown> }) => Object.keys(schema.shape);
  if (path.length === 0) return shapeKeys(projectSchema);
  if (path[0] === "defaults" && path.length === 1) return shapeKeys(defaultsSchema);
  if (path[0] === "releases" && path.length === 2) return shapeKeys(releaseSchema);
  if (path[0] === "repositories" && path.length === 2) return shapeKeys(repositorySchema);
  if (path[0] === "environments" && path.length === 2) return shapeKeys(environmentSchema);
  return [];
}

function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a map";
  return `${typeof value} ${JSON.stringify(value)}`;
}

function valueAt(data: unknown, path: FieldPath): unknown {
  let current = data;
  for (const part of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string | number, unknown>)[part];
  }
  return current;
}

function toConfigError(issue: z.core.$ZodIssue, source: YamlSource): ConfigError {
  const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
  if (issue.code === "unrecognized_keys") {
    const key = issue.keys[0]!;
    const keyPath = [...path, key];
    const known = knownKeys(path);
    return new ConfigError(`unknown key "${key}"${didYouMean(key, known)}`, {
      location: source.locate(keyPath, { key: true }),
      hint: known.length > 0 ? `known keys here: ${known.join(", ")}` : undefined,
    });
  }
  const actual = valueAt(source.data, path);
  const location = source.locate(path);
  if (actual === undefined && issue.code === "invalid_type") {
    return new ConfigError(`missing required field "${String(path[path.length - 1])}"`, {
      location: source.locate(path.slice(0, -1)),
    });
  }
  if (issue.code === "invalid_type") {
    return new ConfigError(`expected ${issue.expected}, got ${describeValue(actual)}`, { location });
  }
  const message = issue.message.replace(/^Invalid (input|string): /, "");
  return new ConfigError(`invalid value ${describeValue(actual)}: ${message}`, { location });
}
