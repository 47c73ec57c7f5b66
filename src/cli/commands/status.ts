import type { Command } from "commander";
import { describeDrift, type ReleaseDrift } from "../../drift/release-drift.js";
import type { PlannedRelease } from "../../plan/deploy-plan.js";
import { formatTable } from "../../report/table.js";
import type { CommandContext } from "../context.js";
import { readPlan } from "../deploy.js";
import { debugRequests } from "../drift.js";
import { addHelmOption } from "../run-options.js";
import { nothingSelected, openWorkspace, renderSelected } from "../workspace.js";

export interface ReleaseStatus {
  id: string;
  name: string;
  namespace: string;
  revision: number | null;
  status: string;
  /** The deployed revision matches the desired state (chart, values, settings, secrets). */
  inSync: boolean;
  /** The secrets this release consumes changed since it was deployed. */
  secretsStale: boolean;
  /** The live objects against the deployed manifest; null when not checked (not deployed, disabled, --ignore-drift). */
  drift: ReleaseDrift | null;
  /** What `apply` would do to it. */
  action: PlannedRelease["action"];
  lastDeployed: string | null;
  chart: string | null;
}

export function registerStatus(program: Command, ctx: CommandContext): void {
  // --helm-binary is accepted (and unused: status reads the cluster directly) so
  // every command that works on a cluster takes the same flags.
  addHelmOption(program.command("status"))
    .description(
      "per release: revision, helm status, whether it is in sync with the desired state, drift, last deploy",
    )
    .option("--ignore-drift", "do not compare the live objects with the deployed manifests", false)
    .addHelpText(
      "after",
      `
IN SYNC compares the fingerprint stored on the deployed revision with the one
the current files give (chart, merged values, helm settings, secrets digest).
DRIFT compares the live objects with the manifest helm deployed (a server-side
dry-run apply where they differ): "in sync", or "drifted:" and the objects
deleted or the fields changed by hand (ignored fields: see driftDetection).
SECRETS says "stale" when a secret the release consumes changed since.

Examples:
  releases status -e production
  releases status -e staging -l tier=apps -o json`,
    )
    .action(async (options: { ignoreDrift: boolean }) => {
      const globals = ctx.globals();
      const workspace = await openWorkspace(ctx);
      if (nothingSelected(workspace, ctx)) return;
      const rendered = await renderSelected(workspace, ctx);
      const clusters = ctx.session.clustersOf(workspace.project);
      // The plan apply would make: in sync means apply would leave the release alone.
      const { plan, deployed } = await readPlan(ctx, clusters, workspace, rendered, "apply", {
        decode: true,
        drift: options.ignoreDrift ? undefined : "deployed",
      });
      const rows = plan.releases.map((p): ReleaseStatus => {
        const live = deployed.get(p.id);
        return {
          id: p.id,
          name: p.name,
          namespace: p.namespace,
          revision: p.revision,
          status: p.status === "not installed" && p.action === "none" ? "absent" : p.status,
          inSync: p.inSync,
          secretsStale: p.secretsStale,
          drift: p.drift,
          action: p.action,
          lastDeployed: p.revision === null ? null : (live?.lastDeployed ?? null),
          chart: p.revision !== null && live?.chart ? `${live.chart.name}-${live.chart.version}` : null,
        };
      });
      await debugRequests(ctx, clusters, workspace.selection.ids);
      if (globals.output === "json") {
        ctx.io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
        return;
      }
      ctx.io.stdout.write(
        `${formatTable(
          ["RELEASE", "REVISION", "STATUS", "IN SYNC", "DRIFT", "SECRETS", "CHART", "LAST DEPLOYED"],
          rows.map((r) => [
            r.id,
            r.revision === null ? "-" : String(r.revision),
            r.status,
            r.inSync ? "yes" : "no",
            r.drift ? describeDrift(r.drift) : "-",
            r.revision === null ? "-" : r.secretsStale ? "stale" : "current",
            r.chart ?? "-",
            r.lastDeployed ?? "-",
          ]),
        )}\n`,
      );
    });
}
