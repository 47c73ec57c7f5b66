import type { Command } from "commander";
import { InterruptedError, ReleaseFailedError } from "../../errors.js";
import { levels } from "../../graph/schedule.js";
import { connectCluster, readDeployedReleases } from "../../kube/cluster.js";
import { planReleases } from "../../plan/actions.js";
import { formatTable } from "../../report/table.js";
import { syncRun } from "../../run/deploy-run.js";
import type { RecoverMode } from "../../run/preflight.js";
import type { CommandContext } from "../program.js";
import { addRunOptions, hookDeps, type PreparedRun, prepareRun, reportedRun } from "../run-setup.js";
import { nothingSelected } from "../workspace.js";

export interface SyncOptions {
  helmBinary?: string;
  concurrency: number;
  failFast: boolean;
  lockTimeout: number;
  recover?: RecoverMode;
  force?: boolean;
  dryRun?: boolean;
}

export function registerSync(program: Command, ctx: CommandContext): void {
  addRunOptions(
    program
      .command("sync")
      .description(
        "install or upgrade every selected release, in dependency order, in parallel where the graph allows",
      )
      .addHelpText(
        "after",
        `
Each release is upgraded atomically (rolled back on failure) with its timeout,
its tests run when it sets tests: true, and releases that need a failed one are
skipped. Needs outside the selection must already be deployed.

Examples:
  releases sync -e production
  releases sync -e staging -l tier=core
  releases sync -e development -l app=app1 --include-needs
  releases sync -e production --concurrency 8 --fail-fast`,
      ),
  )
    .option("--dry-run", "print what would be done to each release, in order; change nothing", false)
    .action((options: SyncOptions) => deploy(ctx, options, false));

  addRunOptions(
    program
      .command("apply")
      .description(
        "like sync, but leave releases whose desired state is already deployed alone (no helm call)",
      )
      .option("--force", "upgrade every selected release, changed or not", false)
      .addHelpText(
        "after",
        `
A release is unchanged when its fingerprint — chart (content or version),
merged values, helm settings and a digest of the secrets it consumes — equals
the one stored on its deployed revision.

Examples:
  releases apply -e production
  releases apply -e staging -l app=app2
  releases apply -e production --force`,
      ),
  )
    .option("--dry-run", "print what would be done to each release, in order; change nothing", false)
    .action((options: SyncOptions) => deploy(ctx, options, !options.force));
}

async function deploy(ctx: CommandContext, options: SyncOptions, skipUnchanged: boolean): Promise<void> {
  const globals = ctx.globals();
  const prepared = await prepareRun(globals, ctx.io, ctx.redactor, options);
  if (nothingSelected(prepared.workspace, globals, ctx.io)) return;
  if (options.dryRun) return printPlan(ctx, prepared, skipUnchanged);
  const { summary, interrupted } = await runSync(ctx, prepared, options, skipUnchanged);
  if (interrupted) throw new InterruptedError("interrupted; no release was left pending");
  if (summary && !summary.ok)
    throw new ReleaseFailedError("some releases did not deploy", { hint: "see the summary above" });
}

/** Deploys `rendered` (a subset of the workspace's releases) with the run options of sync. */
export function runSync(
  ctx: CommandContext,
  {
    workspace,
    rendered,
    helm,
    cluster,
  }: Omit<PreparedRun, "cluster"> & Partial<Pick<PreparedRun, "cluster">>,
  options: SyncOptions,
  skipUnchanged: boolean,
) {
  const ids = new Set(rendered.map((r) => r.release.id));
  const externalNeeds = externalNeedsOf(workspace, ids);
  const environment = workspace.project.environment;
  return reportedRun(ctx.io, ctx.globals(), async (emit, interrupts) =>
    syncRun(
      rendered,
      workspace.graph.restrict(ids),
      ctx.globals().skipNeeds ? [] : externalNeeds,
      workspace.project.repositories,
      {
        helm,
        cluster: await (cluster?.() ?? connectCluster(environment.kubeContext, ctx.io.kube)),
        environment: environment.name,
        kubeContext: environment.kubeContext,
        concurrency: options.concurrency,
        failFast: options.failFast,
        recover: options.recover,
        lockTimeoutSeconds: options.lockTimeout,
        emit,
        interrupts,
        skipUnchanged,
        hooks: hookDeps(ctx.io, ctx.redactor, environment.name, interrupts.hard.signal),
      },
    ),
  );
}

/** `--dry-run`: the plan, read from the cluster in one pass, with no lock taken and nothing changed. */
async function printPlan(
  ctx: CommandContext,
  { workspace, rendered, cluster: connect }: PreparedRun,
  skipUnchanged: boolean,
) {
  const ids = rendered.map((r) => r.release.id);
  const external = ctx.globals().skipNeeds ? [] : externalNeedsOf(workspace, new Set(ids));
  const cluster = await connect();
  const deployed = await readDeployedReleases(cluster, { ids: new Set([...ids, ...external]) });
  const plan = planReleases(rendered, deployed, skipUnchanged);
  const stage = new Map(
    levels(workspace.graph.restrict(new Set(ids))).flatMap((ids, i) => ids.map((id) => [id, i + 1])),
  );
  const needs = external.map((id) => ({ id, status: deployed.get(id)?.status ?? "not installed" }));
  if (ctx.globals().output === "json") {
    const releases = plan.map((p) => ({ ...p, stage: stage.get(p.id) }));
    ctx.io.stdout.write(`${JSON.stringify({ dryRun: true, releases, externalNeeds: needs }, null, 2)}\n`);
    return;
  }
  const rows = [...plan]
    .sort((a, b) => stage.get(a.id)! - stage.get(b.id)!)
    .map((p) => [
      String(stage.get(p.id)),
      p.id,
      p.action,
      p.revision === null ? "-" : String(p.revision),
      p.pending ? `stuck ${p.pending}: needs --recover` : "",
    ]);
  ctx.io.stdout.write(`${formatTable(["STAGE", "RELEASE", "ACTION", "REVISION", "NOTE"], rows)}\n`);
  for (const need of needs) {
    ctx.io.stdout.write(`needs, outside the selection: ${need.id} (${need.status})\n`);
  }
  const counts = new Map<string, number>();
  for (const p of plan) counts.set(p.action, (counts.get(p.action) ?? 0) + 1);
  ctx.io.stdout.write(
    `\ndry run: ${[...counts].map(([action, n]) => `${n} ${action}`).join(", ")}; nothing was changed\n`,
  );
}

function externalNeedsOf(workspace: PreparedRun["workspace"], ids: ReadonlySet<string>): string[] {
  return [...new Set([...ids].flatMap((id) => workspace.graph.needsOf(id)).filter((need) => !ids.has(need)))];
}
