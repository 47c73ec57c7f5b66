// The drift check as commands run it: for the releases the plan's scope names,
// their stored manifests (read with the plan's one pass over helm's storage)
// against the live objects, each release's in its own cluster.
import { type DriftReport, readDrift } from "../drift/read-drift.js";
import type { ReleaseDrift } from "../drift/release-drift.js";
import type { DeployedRelease } from "../kube/release-record.js";
import type { DeployPlan, DesiredRelease } from "../plan/deploy-plan.js";
import { type DriftScope, driftScope } from "../plan/drift-scope.js";
import type { RenderedRelease } from "../values/render-releases.js";
import type { ProjectClusters } from "./clusters.js";
import type { CommandContext } from "./context.js";

/** The plan's view of the run's releases. */
export function desiredReleases(rendered: readonly RenderedRelease[]): DesiredRelease[] {
  return rendered.map((r) => ({
    id: r.release.id,
    name: r.release.name,
    namespace: r.release.namespace,
    installed: r.release.installed,
    fingerprint: r.fingerprint,
    secretsDigest: r.secretsDigest,
    ...(r.release.driftDetection ? { driftMode: r.release.driftDetection.mode } : {}),
  }));
}

/** Drift of the releases of `scope` in `plan`; `deployed` must hold their decoded manifests. */
export async function checkDrift(
  clusters: ProjectClusters,
  plan: DeployPlan,
  rendered: readonly RenderedRelease[],
  deployed: ReadonlyMap<string, DeployedRelease>,
  scope: DriftScope,
  debug?: (line: string) => void,
): Promise<Map<string, DriftReport>> {
  const releases = new Map(rendered.map((r) => [r.release.id, r.release]));
  const subjects = driftScope(plan, desiredReleases(rendered), scope).map((id) => ({
    id,
    namespace: releases.get(id)!.namespace,
    manifest: deployed.get(id)?.manifest ?? "",
    ignore: releases.get(id)!.driftDetection?.ignore ?? [],
  }));
  const started = performance.now();
  const groups = clusters.groups(subjects.map((s) => s.id));
  const parts = await Promise.all(
    groups.map(async (group) =>
      readDrift(
        await clusters.of(group.ids[0]!),
        subjects.filter((s) => group.ids.includes(s.id)),
      ),
    ),
  );
  const reports = new Map(parts.flatMap((part) => [...part]));
  const objects = [...reports.values()].reduce((n, r) => n + r.checked, 0);
  debug?.(
    `drift check: ${subjects.length} releases, ${objects} objects in ${((performance.now() - started) / 1000).toFixed(2)} s`,
  );
  return reports;
}

/** Writes `[debug] <line>` on stderr with --debug; undefined otherwise. */
export function debugLine(ctx: CommandContext): ((line: string) => void) | undefined {
  return ctx.globals().debug ? (line) => ctx.io.stderr.write(`[debug] ${line}\n`) : undefined;
}

export function driftOf(
  reports: ReadonlyMap<string, DriftReport> | undefined,
): ReadonlyMap<string, ReleaseDrift> | undefined {
  return reports && new Map([...reports].map(([id, report]) => [id, report.drift]));
}

/** `--debug`: what the command asked of the API servers of `ids`. */
export async function debugRequests(
  ctx: CommandContext,
  clusters: ProjectClusters,
  ids: readonly string[],
): Promise<void> {
  if (!ctx.globals().debug) return;
  const c = { discovery: 0, list: 0, dryRunApply: 0 };
  for (const group of clusters.groups(ids)) {
    const counts = await (await clusters.of(group.ids[0]!)).requestCounts();
    c.discovery += counts.discovery;
    c.list += counts.list;
    c.dryRunApply += counts.dryRunApply;
  }
  const total = c.discovery + c.list + c.dryRunApply;
  ctx.io.stderr.write(
    `[debug] Kubernetes API: ${total} requests (${c.discovery} discovery, ${c.list} list, ${c.dryRunApply} dry-run apply)\n`,
  );
}
