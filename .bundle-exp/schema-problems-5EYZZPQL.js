import {
  defaultsSchema,
  environmentSchema,
  includedFileSchema,
  projectSchema,
  releaseSchema,
  repositorySchema,
  templateSchema
} from "./chunk-P7YCSQGL.js";
import {
  didYouMean
} from "./chunk-3DJX7KBG.js";
import "./chunk-T6BXHNBH.js";
import {
  ConfigError
} from "./chunk-XLEZOOEL.js";
import "./chunk-4VNS5WPM.js";

// dist/config/schema-problems.js
function zodValidate(source, root) {
  const result = (root ? projectSchema : includedFileSchema).safeParse(source.data);
  if (result.success)
    return { data: result.data };
  return { problems: result.error.issues.flatMap((issue) => toConfigErrors(issue, source, root)) };
}
var ROOT_ONLY = ["environments", "repositories"];
function knownKeys(path, root) {
  const shapeKeys = (schema) => Object.keys(schema.shape);
  if (path.length === 0)
    return shapeKeys(root ? projectSchema : includedFileSchema);
  if (path[0] === "defaults" && path.length === 1)
    return shapeKeys(defaultsSchema);
  if (path[0] === "releases" && path.length === 2)
    return shapeKeys(releaseSchema);
  if (path[0] === "templates" && path.length === 2)
    return shapeKeys(templateSchema);
  if (path[0] === "repositories" && path.length === 2)
    return shapeKeys(repositorySchema);
  if (path[0] === "environments" && path.length === 2)
    return shapeKeys(environmentSchema);
  return [];
}
function describeValue(value) {
  if (value === void 0)
    return "nothing";
  if (value === null)
    return "null";
  if (Array.isArray(value))
    return "a list";
  if (typeof value === "object")
    return "a map";
  return `${typeof value} ${JSON.stringify(value)}`;
}
function valueAt(data, path) {
  let current = data;
  for (const part of path) {
    if (current === null || typeof current !== "object")
      return void 0;
    current = current[part];
  }
  return current;
}
function toConfigErrors(issue, source, root) {
  const path = issue.path.filter((p) => typeof p !== "symbol");
  if (issue.code === "invalid_union") {
    const meant = issue.errors.filter((branch) => !branch.some((i) => i.code === "invalid_type" && i.path.length === 0));
    if (meant.length === 1) {
      return meant[0].flatMap((i) => toConfigErrors({ ...i, path: [...path, ...i.path] }, source, root));
    }
  }
  if (issue.code === "unrecognized_keys") {
    const known = knownKeys(path, root);
    return issue.keys.map((key) => {
      const location2 = source.locate([...path, key], { key: true });
      if (path.length === 0 && !root && ROOT_ONLY.includes(key)) {
        return new ConfigError(`"${key}" belongs in the root project file, not in an included one`, {
          location: location2,
          hint: "environments and repositories are declared once, in the file passed with -f"
        });
      }
      return new ConfigError(`unknown key "${key}"${didYouMean(key, known)}`, {
        location: location2,
        hint: known.length > 0 ? `known keys here: ${known.join(", ")}` : void 0
      });
    });
  }
  const actual = valueAt(source.data, path);
  const location = source.locate(path);
  if (actual === void 0 && issue.code === "invalid_type") {
    return [
      new ConfigError(`missing required field "${String(path[path.length - 1])}"`, {
        location: source.locate(path.slice(0, -1))
      })
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
        hint: `one of: ${options.join(", ")}`
      })
    ];
  }
  const message = issue.message.replace(/^Invalid (input|string): /, "");
  return [new ConfigError(`invalid value ${describeValue(actual)}: ${message}`, { location })];
}
export {
  zodValidate
};
