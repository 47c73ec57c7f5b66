// A release's drift detection: its mode (its own, else its file's defaults',
// else enabled) and its ignore rules (the defaults' first, then its own). The
// schema checks the spelling; here, that each target's name and namespace are
// regular expressions, naming the file and line where one is not.
import { ConfigError, type SourceLocation } from "../errors.js";
import type { DriftDetection, DriftIgnoreRule } from "../model/project.js";
import type { RawDefaults, RawRelease } from "./schema.js";
import type { FieldPath } from "./yaml-source.js";

type RawDrift = NonNullable<RawRelease["driftDetection"]>;

/** undefined when neither the release nor its defaults say anything (enabled, no rules). */
export function driftDetection(
  r: RawRelease,
  defaults: RawDefaults,
  locate: (field: FieldPath) => SourceLocation,
): DriftDetection | undefined {
  const own = r.driftDetection;
  const inherited = defaults.driftDetection;
  if (!own && !inherited) return undefined;
  return {
    mode: own?.mode ?? inherited?.mode ?? "enabled",
    ignore: [
      ...ignoreRules(inherited, "defaults.driftDetection", () => undefined),
      ...ignoreRules(own, "driftDetection", (field) => locate(["driftDetection", ...field])),
    ],
  };
}

/** The rules as written, named after where they are; with `locate`, their regular expressions are checked. */
export function ignoreRules(
  raw: RawDrift | undefined,
  prefix: string,
  locate: (field: FieldPath) => SourceLocation | undefined,
): DriftIgnoreRule[] {
  return (raw?.ignore ?? []).map((entry, i) => {
    for (const key of ["name", "namespace"] as const) {
      const pattern = entry.target?.[key];
      const location = locate(["ignore", i, "target", key]);
      if (pattern === undefined || location === undefined) continue;
      try {
        new RegExp(`^(?:${pattern})$`);
      } catch (error) {
        throw new ConfigError(
          `${prefix}.ignore[${i}].target.${key}: not a regular expression: ${(error as Error).message}`,
          {
            location,
            hint: "an anchored regular expression, or a plain name",
          },
        );
      }
    }
    return {
      ...(entry.target ? { target: entry.target } : {}),
      paths: entry.paths,
      rule: `${prefix}.ignore[${i}]`,
    };
  });
}
