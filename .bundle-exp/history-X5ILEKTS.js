import {
  RECORDS_KEPT,
  changedReleases,
  lockNamespaceOf,
  newestFirst,
  runRecordStore
} from "./chunk-U4TBGQHR.js";
import "./chunk-RILUZRHU.js";
import "./chunk-NFGW6MRI.js";
import {
  formatTable
} from "./chunk-O7C643CG.js";
import "./chunk-IGDKEUG5.js";
import {
  openWorkspace
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
import {
  UsageError
} from "./chunk-XLEZOOEL.js";
import "./chunk-4VNS5WPM.js";

// dist/cli/commands/history.js
function registerHistory(program, ctx) {
  program.command("history").description("list the recorded runs of the environment, newest first (what rollback can undo)").option("--lock-namespace <namespace>", "where the records live (default: defaults.lockNamespace)").addHelpText("after", `
Each deploying run (sync, apply, destroy, rotate, rollback) that changes
something is recorded as a ConfigMap in the lock namespace: its id, command,
who ran it, when, how it ended and per release the revision before and after.
The newest ${RECORDS_KEPT} per environment are kept.

Examples:
  releases history -e production
  releases history -e production -o json`).action(async (options) => {
    if (ctx.globals().selector.length > 0)
      throw new UsageError("history lists whole runs: it takes no selector", {
        hint: "`releases history -o json` gives each run's releases"
      });
    const workspace = await openWorkspace(ctx);
    const environment = workspace.project.environment;
    const cluster = await ctx.session.clustersOf(workspace.project).homeCluster();
    const namespace = lockNamespaceOf(options, workspace, cluster);
    const runs = newestFirst(await runRecordStore(cluster, namespace).list(environment.name));
    const out = ctx.io.stdout;
    if (ctx.globals().output === "json") {
      out.write(`${JSON.stringify({ environment: environment.name, namespace, runs }, null, 2)}
`);
      return;
    }
    if (runs.length === 0) {
      out.write(`no recorded runs in environment "${environment.name}" (namespace ${namespace})
`);
      return;
    }
    const rows = runs.map((r) => [r.id, r.startedAt, r.who, r.command, r.outcome, changesText(r)]);
    out.write(`${formatTable(["RUN", "STARTED", "WHO", "COMMAND", "OUTCOME", "CHANGES"], rows)}
`);
  });
}
function changesText(record) {
  const rev = (n) => n === null ? "-" : String(n);
  const changed = changedReleases(record);
  if (changed.length === 0)
    return "none";
  return changed.map((r) => `${r.id} ${rev(r.before)}\u2192${record.outcome === "started" ? "?" : rev(r.after)}`).join(", ");
}
export {
  changesText,
  registerHistory
};
