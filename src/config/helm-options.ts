// The helm options of a release (its own, else its file's defaults), and the
// check of `args`: extra flags may not take over what releases controls —
// values (they arrive on stdin, rendered and layered here), rollback on
// failure, waiting, the timeout, the namespace and context, the release's labels.
import { ConfigError, type SourceLocation } from "../errors.js";
import type { HelmCommandKind, HelmOptions } from "../model/project.js";
import type { RawDefaults, RawRelease } from "./schema.js";
import type { FieldPath } from "./yaml-source.js";

/** Every helm option a release (or defaults) can set, by its key. */
export const FLAG_OPTIONS = [
  "waitForJobs",
  "skipCRDs",
  "force",
  "cleanupOnFail",
  "disableOpenAPIValidation",
  "skipSchemaValidation",
  "takeOwnership",
  "serverSide",
  "description",
  "devel",
  "verify",
  "reuseValues",
  "resetValues",
  "kubeVersion",
  "apiVersions",
] as const;

/** Flags of helm that `args` may not carry, with what releases does instead. */
const CONTROLLED: [RegExp, string][] = [
  [/^(-f|--values)$/, "values are rendered and piped on stdin by releases: use values:"],
  [/^--set(-string|-file|-json|-literal)?$/, "use set: (or --set on the releases command line)"],
  [/^--(atomic|rollback-on-failure)$/, "use atomic: true|false"],
  [/^--wait$/, "use wait: true|false"],
  [/^--timeout$/, "use timeout:"],
  [/^(-n|--namespace)$/, "use namespace:"],
  [/^--(kube-context|kubeconfig)$/, "use the environment's kubeContext (or KUBECONFIG)"],
  [/^--create-namespace$/, "use createNamespace:"],
  [/^--history-max$/, "use historyMax:"],
  [/^(-l|--labels)$/, "releases stores its fingerprint in the release's labels"],
  [/^--(reuse-values|reset-values|reset-then-reuse-values)$/, "use reuseValues: / resetValues:"],
  [/^--(install|dry-run|output|version|post-renderer|no-hooks)$|^-o$/, "releases sets it itself"],
];

/** The options a release ends up with; undefined when it and its defaults set none. */
export function helmOptions(
  r: RawRelease,
  defaults: RawDefaults,
  locate: (field: FieldPath) => SourceLocation,
): HelmOptions | undefined {
  const options: HelmOptions = {};
  for (const key of FLAG_OPTIONS) {
    const value = r[key] ?? defaults[key];
    if (value !== undefined) (options as Record<string, unknown>)[key] = value;
  }
  const args: Partial<Record<HelmCommandKind, string[]>> = {};
  for (const kind of ["sync", "template", "diff", "lint"] as const) {
    const own = r.args?.[kind];
    const list = own ?? defaults.args?.[kind];
    if (list === undefined) continue;
    // Arguments from defaults are checked once, where the defaults are written (load.ts).
    for (const [i, arg] of (own ?? []).entries()) checkHelmArg(arg, locate(["args", kind, i]), kind);
    args[kind] = list;
  }
  if (Object.keys(args).length > 0) options.args = args;
  if (options.reuseValues && options.resetValues) {
    throw new ConfigError("reuseValues and resetValues exclude each other", {
      location: locate(["reuseValues"]),
      hint: "releases passes --reset-values by default; reuseValues: true replaces it with --reuse-values",
    });
  }
  return Object.keys(options).length > 0 ? options : undefined;
}

export function checkHelmArg(arg: string, location: SourceLocation, kind: HelmCommandKind): void {
  const controlled = controlledFlag(arg);
  if (controlled) {
    throw new ConfigError(`args.${kind}: ${controlled.flag} is not allowed: ${controlled.instead}`, {
      location,
    });
  }
}

/** The flag of `arg` when releases controls it (args may not carry it), with what to write instead. */
export function controlledFlag(arg: string): { flag: string; instead: string } | undefined {
  const flag = arg.split("=")[0]!;
  const found = CONTROLLED.find(([pattern]) => pattern.test(flag));
  return found && { flag, instead: found[1] };
}
