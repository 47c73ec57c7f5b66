// The zod path of validation (validate.ts): run only when the fast check
// (schema-check.ts) rejects a file, or its answer is wanted for certain. Every
// zod issue becomes a ConfigError that names file, line, column and field, says
// what was expected and, for unknown keys, suggests the closest known one.
import type { z } from "zod";
import { ConfigError } from "../errors.js";
import { didYouMean } from "../util/suggest.js";
import {
  defaultsSchema,
  environmentSchema,
  includedFileSchema,
  projectSchema,
  type RawProject,
  releaseSchema,
  repositorySchema,
  templateSchema,
} from "./schema.js";
import type { FieldPath, YamlSource } from "./yaml-source.js";

/** zod's result for the file: its data, or every problem as a ConfigError. */
export function zodValidate(
  source: YamlSource,
  root: boolean,
): { data: RawProject } | { problems: ConfigError[] } {
  const result = (root ? projectSchema : includedFileSchema).safeParse(source.data);
  if (result.success) return { data: result.data };
  return { problems: result.error.issues.flatMap((issue) => toConfigErrors(issue, source, root)) };
}

const ROOT_ONLY = ["environments", "repositories"];

function knownKeys(path: FieldPath, root: boolean): string[] {
  const shapeKeys = (schema: { shape: Record<string, unknown> }) => Object.keys(schema.shape);
  if (path.length === 0) return shapeKeys(root ? projectSchema : includedFileSchema);
  if (path[0] === "defaults" && path.length === 1) return shapeKeys(defaultsSchema);
  if (path[0] === "releases" && path.length === 2) return shapeKeys(releaseSchema);
  if (path[0] === "templates" && path.length === 2) return shapeKeys(templateSchema);
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

function toConfigErrors(issue: z.core.$ZodIssue, source: YamlSource, root: boolean): ConfigError[] {
  const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
  if (issue.code === "invalid_union") {
    // Report the branch the value was meant for: the one whose type matched (its problems lie deeper).
    const meant = issue.errors.filter(
      (branch) => !branch.some((i) => i.code === "invalid_type" && i.path.length === 0),
    );
    if (meant.length === 1) {
      return meant[0]!.flatMap((i) => toConfigErrors({ ...i, path: [...path, ...i.path] }, source, root));
    }
  }
  if (issue.code === "unrecognized_keys") {
    const known = knownKeys(path, root);
    return issue.keys.map((key) => {
      const location = source.locate([...path, key], { key: true });
      if (path.length === 0 && !root && ROOT_ONLY.includes(key)) {
        return new ConfigError(`"${key}" belongs in the root project file, not in an included one`, {
          location,
          hint: "environments and repositories are declared once, in the file passed with -f",
        });
      }
      return new ConfigError(`unknown key "${key}"${didYouMean(key, known)}`, {
        location,
        hint: known.length > 0 ? `known keys here: ${known.join(", ")}` : undefined,
      });
    });
  }
  const actual = valueAt(source.data, path);
  const location = source.locate(path);
  if (actual === undefined && issue.code === "invalid_type") {
    return [
      new ConfigError(`missing required field "${String(path[path.length - 1])}"`, {
        location: source.locate(path.slice(0, -1)),
      }),
    ];
  }
  if (issue.code === "invalid_type") {
    return [new ConfigError(`expected ${issue.expected}, got ${describeValue(actual)}`, { location })];
  }
  if (issue.code === "invalid_value" && typeof actual === "string") {
    const options = issue.values.map(String);
    return [
      new ConfigError(`invalid value "${actual}"${didYouMean(actual, options)}`, {
        location,
        hint: `one of: ${options.join(", ")}`,
      }),
    ];
  }
  const message = issue.message.replace(/^Invalid (input|string): /, "");
  return [new ConfigError(`invalid value ${describeValue(actual)}: ${message}`, { location })];
}
