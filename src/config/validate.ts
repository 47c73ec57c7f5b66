// Checks a parsed project file against the schema. A valid file takes the fast
// check (schema-check.ts: the schema as data, no zod loaded); a file it
// rejects goes through zod (schema-problems.ts), whose issues become
// ConfigErrors naming file, line, column and field.
import { ConfigError } from "../errors.js";
import type { ProblemList } from "./problems.js";
import type { RawProject } from "./schema.js";
import { checkSpec, INVALID } from "./schema-check.js";
import type { SchemaSpec } from "./schema-spec.js";
import specJson from "./schema-spec.json" with { type: "json" };
import type { YamlSource } from "./yaml-source.js";

const spec = specJson as unknown as SchemaSpec;

/**
 * The file's content if it matches the schema; otherwise every problem goes to
 * `problems` and the result is undefined. Included files hold no environments or repositories.
 */
export async function validateProjectFile(
  source: YamlSource,
  root: boolean,
  problems: ProblemList,
): Promise<RawProject | undefined> {
  if (source.data === null || typeof source.data !== "object" || Array.isArray(source.data)) {
    problems.add(
      new ConfigError(
        source.data === null || source.data === undefined
          ? "the file is empty: expected a map with a `releases:` list"
          : "expected a map with a `releases:` list",
        { location: source.locate([]) },
      ),
    );
    return undefined;
  }
  const checked = checkSpec(root ? spec.project : spec.includedFile, source.data);
  if (checked !== INVALID) return checked as RawProject;
  const { zodValidate } = await import("./schema-problems.js");
  const result = zodValidate(source, root);
  if ("data" in result) return result.data;
  for (const problem of result.problems) problems.add(problem);
  return undefined;
}
