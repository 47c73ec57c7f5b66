// `releases history`: the recorded runs of an environment, newest first — what
// `rollback` can undo.
import type { Command } from "commander";
import { UsageError } from "../../errors.js";
import { runRecordStore } from "../../kube/run-records.js";
import { changedReleases, newestFirst, RECORDS_KEPT, type RunRecord } from "../../plan/run-record.js";
import { formatTable } from "../../report/table.js";
import type { CommandContext } from "../context.js";
import { lockNamespaceOf } from "../deploy.js";
import { openWorkspace } from "../workspace.js";

export function registerHistory(program: Command, ctx: CommandContext): void {
  program
    .command("history")
    .description("list the recorded runs of the environment, newest first (what rollback can undo)")
    .option("--lock-namespace <namespace>", "where the records live (default: defaults.lockNamespace)")
    .addHelpText(
      "after",
      `
Each deploying run (sync, apply, destroy, rotate, rollback) that changes
something is recorded as a ConfigMap in the lock namespace: its id, command,
who ran it, when, how it ended and per release the revision before and after.
The newest ${RECORDS_KEPT} per environment are kept.

Examples:
  releases history -e production
  releases history -e production -o json`,
    )
    .action(async (options: { lockNamespace?: string }) => {
      if (ctx.globals().selector.length > 0)
        throw new UsageError("history lists whole runs: it takes no selector", {
          hint: "`releases history -o json` gives each run's releases",
        });
      const workspace = await openWorkspace(ctx);
      const environment = workspace.project.environment;
      const cluster = await ctx.session.clustersOf(workspace.project).homeCluster();
      const namespace = lockNamespaceOf(options, workspace, cluster);
      const runs = newestFirst(await runRecordStore(cluster, namespace).list(environment.name));
      const out = ctx.io.stdout;
      if (ctx.globals().output === "json") {
        out.write(`${JSON.stringify({ environment: environment.name, namespace, runs }, null, 2)}\n`);
        return;
      }
      if (runs.length === 0) {
        out.write(`no recorded runs in environment "${environment.name}" (namespace ${namespace})\n`);
        return;
      }
      const rows = runs.map((r) => [r.id, r.startedAt, r.who, r.command, r.outcome, changesText(r)]);
      out.write(`${formatTable(["RUN", "STARTED", "WHO", "COMMAND", "OUTCOME", "CHANGES"], rows)}\n`);
    });
}

/** e.g. `apps/a 2→3, apps/d -→1`; a run that did not complete shows `?` for after. */
export function changesText(record: RunRecord): string {
  const rev = (n: number | null) => (n === null ? "-" : String(n));
  const changed = changedReleases(record);
  if (changed.length === 0) return "none";
  return changed
    .map((r) => `${r.id} ${rev(r.before)}→${record.outcome === "started" ? "?" : rev(r.after)}`)
    .join(", ");
}
