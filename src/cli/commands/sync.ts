import type { Command } from "commander";
import { InterruptedError, ReleaseFailedError } from "../../errors.js";
import { connectCluster } from "../../kube/cluster.js";
import { syncRun } from "../../run/deploy-run.js";
import type { RecoverMode } from "../../run/preflight.js";
import type { CommandContext } from "../program.js";
import { addRunOptions, type PreparedRun, prepareRun, reportedRun } from "../run-setup.js";
import { nothingSelected } from "../workspace.js";

export interface SyncOptions {
  helmBinary?: string;
  concurrency: number;
  failFast: boolean;
  lockTimeout: number;
  recover?: RecoverMode;
  force?: boolean;
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
  ).action((options: SyncOptions) => deploy(ctx, options, false));

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
  ).action((options: SyncOptions) => deploy(ctx, options, !options.force));
}

async function deploy(ctx: CommandContext, options: SyncOptions, skipUnchanged: boolean): Promise<void> {
  const globals = ctx.globals();
  const { workspace, rendered, helm } = await prepareRun(globals, ctx.io, ctx.redactor, options);
  if (nothingSelected(workspace, globals, ctx.io)) return;
  const { summary, interrupted } = await runSync(ctx, { workspace, rendered, helm }, options, skipUnchanged);
  if (interrupted) throw new InterruptedError("interrupted; no release was left pending");
  if (summary && !summary.ok)
    throw new ReleaseFailedError("some releases did not deploy", { hint: "see the summary above" });
}

/** Deploys `rendered` (a subset of the workspace's releases) with the run options of sync. */
export function runSync(
  ctx: CommandContext,
  { workspace, rendered, helm }: PreparedRun,
  options: SyncOptions,
  skipUnchanged: boolean,
) {
  const ids = new Set(rendered.map((r) => r.release.id));
  const externalNeeds = [
    ...new Set([...ids].flatMap((id) => workspace.graph.needsOf(id)).filter((need) => !ids.has(need))),
  ];
  const environment = workspace.project.environment;
  return reportedRun(ctx.io, ctx.globals(), async (emit, interrupts) =>
    syncRun(
      rendered,
      workspace.graph.restrict(ids),
      ctx.globals().skipNeeds ? [] : externalNeeds,
      workspace.project.repositories,
      {
        helm,
        cluster: await connectCluster(environment.kubeContext),
        environment: environment.name,
        kubeContext: environment.kubeContext,
        concurrency: options.concurrency,
        failFast: options.failFast,
        recover: options.recover,
        lockTimeoutSeconds: options.lockTimeout,
        emit,
        interrupts,
        skipUnchanged,
      },
    ),
  );
}
