import {
  readPlan
} from "./chunk-U4TBGQHR.js";
import {
  debugRequests,
  describeDrift
} from "./chunk-RILUZRHU.js";
import "./chunk-NFGW6MRI.js";
import {
  addHelmOption
} from "./chunk-AA6YABJK.js";
import {
  formatTable
} from "./chunk-O7C643CG.js";
import "./chunk-IGDKEUG5.js";
import {
  nothingSelected,
  openWorkspace,
  renderSelected
} from "./chunk-QSMOCHMN.js";
import "./chunk-RWJVQS3L.js";
import "./chunk-TJWVONZY.js";
import "./chunk-RBSEO7UU.js";
import "./chunk-3DJX7KBG.js";
import "./chunk-44P4TXDY.js";
import "./chunk-WVLY2SAW.js";
import "./chunk-PP4OAP52.js";
import "./chunk-GH6ZRYFL.js";
import "./chunk-CFB6N6L3.js";
import "./chunk-VQSVI6AM.js";
import "./chunk-7Q7BMIIO.js";
import "./chunk-EOAQSOO2.js";
import "./chunk-UHBPNIYZ.js";
import "./chunk-EZPMLSU3.js";
import "./chunk-WZBXSRHM.js";
import "./chunk-BFLBSBCJ.js";
import "./chunk-DE4Q4URJ.js";
import "./chunk-XLEZOOEL.js";
import "./chunk-4VNS5WPM.js";

// dist/cli/commands/status.js
function registerStatus(program, ctx) {
  addHelmOption(program.command("status")).description("per release: revision, helm status, whether it is in sync with the desired state, drift, last deploy").option("--ignore-drift", "do not compare the live objects with the deployed manifests", false).addHelpText("after", `
IN SYNC compares the fingerprint stored on the deployed revision with the one
the current files give (chart, merged values, helm settings, secrets digest).
DRIFT compares the live objects with the manifest helm deployed (a server-side
dry-run apply where they differ): "in sync", or "drifted:" and the objects
deleted or the fields changed by hand (ignored fields: see driftDetection).
SECRETS says "stale" when a secret the release consumes changed since.

Examples:
  releases status -e production
  releases status -e staging -l tier=apps -o json`).action(async (options) => {
    const globals = ctx.globals();
    const workspace = await openWorkspace(ctx);
    if (nothingSelected(workspace, ctx))
      return;
    const rendered = await renderSelected(workspace, ctx);
    const clusters = ctx.session.clustersOf(workspace.project);
    const { plan, deployed } = await readPlan(ctx, clusters, workspace, rendered, "apply", {
      decode: true,
      drift: options.ignoreDrift ? void 0 : "deployed"
    });
    const rows = plan.releases.map((p) => {
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
        lastDeployed: p.revision === null ? null : live?.lastDeployed ?? null,
        chart: p.revision !== null && live?.chart ? `${live.chart.name}-${live.chart.version}` : null
      };
    });
    await debugRequests(ctx, clusters, workspace.selection.ids);
    if (globals.output === "json") {
      ctx.io.stdout.write(`${JSON.stringify(rows, null, 2)}
`);
      return;
    }
    ctx.io.stdout.write(`${formatTable(["RELEASE", "REVISION", "STATUS", "IN SYNC", "DRIFT", "SECRETS", "CHART", "LAST DEPLOYED"], rows.map((r) => [
      r.id,
      r.revision === null ? "-" : String(r.revision),
      r.status,
      r.inSync ? "yes" : "no",
      r.drift ? describeDrift(r.drift) : "-",
      r.revision === null ? "-" : r.secretsStale ? "stale" : "current",
      r.chart ?? "-",
      r.lastDeployed ?? "-"
    ]))}
`);
  });
}
export {
  registerStatus
};
