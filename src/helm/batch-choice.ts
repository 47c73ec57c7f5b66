// Which releases `releases template` renders in one releases-render process
// (tools/render) and which keep their own `helm template`: pure, from the
// release's chart and the argument list helm would get.
import type { ChartRef } from "../model/project.js";
import type { HelmMajor } from "./args.js";

/** Flags of `helm template` that releases-render takes (the rest it refuses; keep in step with tools/render/main.go). */
const BOOL_FLAGS = new Set([
  "--include-crds",
  "--skip-crds",
  "--skip-tests",
  "--no-hooks",
  "--is-upgrade",
  "--skip-schema-validation",
  "--disable-openapi-validation",
  "--devel",
]);
const VALUE_FLAGS = new Set(["--namespace", "-n", "--kube-version", "--api-versions", "-a"]);

export interface BatchCandidate {
  chart: ChartRef;
  /** A manifests directory or kustomization (rendered into a generated chart). */
  generatedChart: boolean;
  /** Patches: a post-renderer runs after helm. */
  patched: boolean;
  /** What `helm template` would get: ["template", NAME, CHART, ...flags]. */
  args: readonly string[];
}

export type BatchChoice = { batch: true } | { batch: false; reason: string };

/** The batch renderer, when there is one whose helm library is the chosen helm's version. */
export interface BatchAvailability {
  major: HelmMajor;
  /** Why there is no batch renderer (disabled, not found, another version); undefined: there is one. */
  unavailable?: string;
}

export function chooseRenderPath(c: BatchCandidate, available: BatchAvailability): BatchChoice {
  if (available.major !== 3) return { batch: false, reason: `helm ${available.major}` };
  if (available.unavailable) return { batch: false, reason: available.unavailable };
  if (c.chart.kind !== "local") return { batch: false, reason: `a ${c.chart.kind} chart` };
  if (c.generatedChart) return { batch: false, reason: "a generated chart" };
  if (c.patched) return { batch: false, reason: "patches (a post-renderer)" };
  const refused = refusedFlag(c.args);
  if (refused) return { batch: false, reason: `the flag ${refused}` };
  return { batch: true };
}

/** The first argument releases-render would refuse, or undefined. */
export function refusedFlag(args: readonly string[]): string | undefined {
  if (args[0] !== "template" || args.length < 3) return args[0] ?? "(none)";
  let stdinValues = 0;
  for (let i = 3; i < args.length; i++) {
    const arg = args[i]!;
    const eq = arg.indexOf("=");
    const flag = eq < 0 ? arg : arg.slice(0, eq);
    if (BOOL_FLAGS.has(flag)) {
      if (eq >= 0 && !["true", "false"].includes(arg.slice(eq + 1))) return arg;
      continue;
    }
    const isValues = flag === "--values" || flag === "-f";
    if (!VALUE_FLAGS.has(flag) && !isValues) return flag;
    const value = eq >= 0 ? arg.slice(eq + 1) : args[++i];
    if (value === undefined) return flag;
    if (isValues && (value !== "-" || ++stdinValues > 1)) return `${flag} ${value}`;
  }
  return stdinValues === 1 ? undefined : "no --values -";
}
