// What drift means for one release, as plain data: which of the objects helm
// deployed no longer look the way its stored manifest makes them — deleted by
// hand, or with fields changed — which differences were ignored and why, and
// what could not be checked. The plan, `status` and `diff --live` read this.

export interface ObjectDrift {
  /** `Kind/name`, or `Kind/namespace/name` outside the release's namespace. */
  resource: string;
  /** `deleted`: not in the cluster (or its kind is no longer served). */
  change: "deleted" | "changed";
  /** JSON pointers of the fields that differ (empty when deleted). */
  fields: string[];
}

export interface IgnoredDrift {
  resource: string;
  /** The field that differs, as a JSON pointer. */
  field: string;
  /** The rule that ignores it: `driftDetection.ignore[0]`, `scaled by HorizontalPodAutoscaler web`, … */
  rule: string;
}

export interface ReleaseDrift {
  /** `unknown`: something could not be read or compared (see problems) and nothing was found drifted. */
  state: "in-sync" | "drifted" | "unknown";
  objects: ObjectDrift[];
  ignored: IgnoredDrift[];
  problems: string[];
}

export function releaseDrift(
  objects: readonly ObjectDrift[],
  ignored: readonly IgnoredDrift[],
  problems: readonly string[],
): ReleaseDrift {
  const state = objects.length > 0 ? "drifted" : problems.length > 0 ? "unknown" : "in-sync";
  return { state, objects: [...objects], ignored: [...ignored], problems: [...problems] };
}

/** `Deployment/web /spec/replicas, ConfigMap/web-config deleted`: a line for a table or a plan's reason. */
export function describeObjects(objects: readonly ObjectDrift[]): string {
  return objects
    .map((o) => (o.change === "deleted" ? `${o.resource} deleted` : `${o.resource} ${o.fields.join(" ")}`))
    .join(", ");
}

/** The drift column of `status`: in sync, drifted (what), or unknown (why). */
export function describeDrift(drift: ReleaseDrift): string {
  if (drift.state === "drifted") return `drifted: ${describeObjects(drift.objects)}`;
  if (drift.state === "unknown") return `unknown: ${drift.problems.join("; ")}`;
  return drift.ignored.length > 0 ? `in sync (${drift.ignored.length} ignored)` : "in sync";
}
