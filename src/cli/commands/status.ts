import type { Command } from "commander";
import { FINGERPRINT_LABEL, SECRETS_LABEL } from "../../helm/args.js";
import { connectCluster, readDeployedReleases, startKubeWorker } from "../../kube/cluster.js";
import type { DeployedRelease } from "../../kube/release-record.js";
import { formatTable } from "../../report/table.js";
import type { RenderedRelease } from "../../values/render-releases.js";
import type { CommandContext } from "../program.js";
import { addHelmOption, renderSelected } from "../run-setup.js";
import { nothingSelected, openWorkspace } from "../workspace.js";

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
  lastDeployed: string | null;
  chart: string | null;
}

export function releaseStatus(
  desired: RenderedRelease,
  deployed: DeployedRelease | undefined,
): ReleaseStatus {
  const { release } = desired;
  const live = deployed && deployed.status !== "uninstalled" ? deployed : undefined;
  const inSync = release.installed
    ? live?.status === "deployed" && live.labels[FINGERPRINT_LABEL] === desired.fingerprint
    : live === undefined;
  return {
    id: release.id,
    name: release.name,
    namespace: release.namespace,
    revision: live?.revision ?? null,
    status: live?.status ?? (release.installed ? "not installed" : "absent"),
    inSync,
    secretsStale:
      release.installed && live !== undefined && (live.labels[SECRETS_LABEL] ?? "") !== desired.secretsDigest,
    lastDeployed: live?.lastDeployed ?? null,
    chart: live?.chart ? `${live.chart.name}-${live.chart.version}` : null,
  };
}

export function registerStatus(program: Command, ctx: CommandContext): void {
  // --helm-binary is accepted (and unused: status reads the cluster directly) so
  // every command that works on a cluster takes the same flags.
  addHelmOption(program.command("status"))
    .description(
      "per release: revision, helm status, whether it is in sync with the desired state, last deploy",
    )
    .addHelpText(
      "after",
      `
IN SYNC compares the fingerprint stored on the deployed revision with the one
the current files give (chart, merged values, helm settings, secrets digest).
SECRETS says "stale" when a secret the release consumes changed since.

Examples:
  releases status -e production
  releases status -e staging -l tier=apps -o json`,
    )
    .action(async () => {
      const globals = ctx.globals();
      const kube = ctx.io.kube ?? startKubeWorker(); // its import overlaps with loading and rendering
      const workspace = await openWorkspace(globals, ctx.io);
      if (nothingSelected(workspace, globals, ctx.io)) return;
      const rendered = await renderSelected(workspace, ctx.io, ctx.redactor);
      const cluster = await connectCluster(workspace.project.environment.kubeContext, kube);
      const deployed = await readDeployedReleases(cluster, {
        ids: new Set(workspace.selection.ids),
        decode: true,
      });
      const rows = rendered.map((r) => releaseStatus(r, deployed.get(r.release.id)));
      if (globals.output === "json") {
        ctx.io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
        return;
      }
      ctx.io.stdout.write(
        `${formatTable(
          ["RELEASE", "REVISION", "STATUS", "IN SYNC", "SECRETS", "CHART", "LAST DEPLOYED"],
          rows.map((r) => [
            r.id,
            r.revision === null ? "-" : String(r.revision),
            r.status,
            r.inSync ? "yes" : "no",
            r.revision === null ? "-" : r.secretsStale ? "stale" : "current",
            r.chart ?? "-",
            r.lastDeployed ?? "-",
          ]),
        )}\n`,
      );
    });
}
