import { type Command, Option } from "commander";
import { UsageError } from "../../errors.js";
import type { DeployPlan } from "../../plan/deploy-plan.js";
import { countActions, type PlanMode } from "../../plan/deploy-plan.js";
import { formatTable } from "../../report/table.js";
import type { CommandContext } from "../context.js";
import { deploy, readPlan } from "../deploy.js";
import { debugRequests } from "../drift.js";
import { type ReviewOptions, reviewPlan, reviewShowsValues, wantsQuestion } from "../review.js";
import { addRunOptions, type RunOptions } from "../run-options.js";
import { nothingSelected, prepareRendered } from "../workspace.js";

interface SyncOptions extends RunOptions, ReviewOptions {
  force?: boolean;
  dryRun?: boolean;
  updateLock?: boolean;
}

/** -i / --yes: ask once for the whole plan, or never (see review.ts). */
function addReviewOptions(command: Command): Command {
  return command
    .addOption(
      new Option(
        "-i, --interactive",
        "show the plan and ask once before changing anything (default: $RELEASES_INTERACTIVE)",
      ).conflicts(["yes", "dryRun"]),
    )
    .option("-y, --yes", "do not ask (CI): go ahead with the plan", false);
}

const UPDATE_LOCK = "move releases.lock to the newest chart versions allowed first (releases deps --update)";

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
    .option("--update-lock", UPDATE_LOCK, false);
  addReviewOptions(program.commands.at(-1)!).action((options: SyncOptions) =>
    syncOrApply(ctx, options, "sync"),
  );

  addRunOptions(
    program
      .command("apply")
      .description(
        "like sync, but leave releases whose desired state is already deployed alone (no helm call)",
      )
      .option("--force", "upgrade every selected release, changed or not", false)
      .option("--ignore-drift", "leave releases whose live objects drifted alone (no drift check)", false)
      .addHelpText(
        "after",
        `
A release is unchanged when its fingerprint — chart (content or version),
merged values, helm settings and a digest of the secrets it consumes — equals
the one stored on its deployed revision, and its live objects have not drifted
from what helm deployed (changed or deleted by hand; see driftDetection).

Examples:
  releases apply -e production
  releases apply -e staging -l app=app2
  releases apply -e production --force`,
      ),
  )
    .option("--dry-run", "print what would be done to each release, in order; change nothing", false)
    .option("--update-lock", UPDATE_LOCK, false);
  addReviewOptions(program.commands.at(-1)!).action((options: SyncOptions) =>
    syncOrApply(ctx, options, options.force ? "sync" : "apply"),
  );
}

async function syncOrApply(ctx: CommandContext, options: SyncOptions, mode: PlanMode): Promise<void> {
  if (options.dryRun && options.updateLock) {
    throw new UsageError(
      "--update-lock writes releases.lock: run `releases deps --update` before a --dry-run",
    );
  }
  const ask = !options.dryRun && wantsQuestion(ctx, options);
  const { workspace, rendered } = await prepareRendered(ctx, options.helmBinary, {
    updateLock: options.updateLock,
    connect: true,
  });
  if (nothingSelected(workspace, ctx)) return;
  if (options.dryRun) {
    const clusters = ctx.session.clustersOf(workspace.project);
    const drift = mode === "apply" && !options.ignoreDrift ? "unchanged" : undefined;
    const { plan } = await readPlan(ctx, clusters, workspace, rendered, mode, {
      recover: options.recover,
      drift,
    });
    printPlan(ctx, plan);
    await debugRequests(ctx, clusters, workspace.selection.ids);
    return;
  }
  await deploy(ctx, {
    workspace,
    rendered,
    mode,
    command: options.force ? "apply --force" : mode,
    options,
    review: (plan, deployed) => reviewPlan(ctx, plan, rendered, deployed, ask),
    readValues: reviewShowsValues(ctx, ask),
  });
}

/** `--dry-run`: the plan, read from the cluster in one pass, with no lock taken and nothing changed. */
export function printPlan(ctx: CommandContext, plan: DeployPlan): void {
  const out = ctx.io.stdout;
  if (ctx.globals().output === "json") {
    out.write(`${JSON.stringify({ dryRun: true, ...plan }, null, 2)}\n`);
    return;
  }
  const rows = [...plan.releases]
    .sort((a, b) => a.stage - b.stage)
    .map((p) => [
      String(p.stage),
      p.id,
      p.action,
      p.revision === null ? "-" : String(p.revision),
      p.stuck && !p.recover ? `stuck ${p.stuck}: needs --recover` : p.reason,
    ]);
  out.write(`${formatTable(["STAGE", "RELEASE", "ACTION", "REVISION", "WHY"], rows)}\n`);
  for (const need of plan.needsOutside) {
    out.write(`needs, outside the selection: ${need.id} (${need.status})\n`);
  }
  for (const blocker of plan.blockers) out.write(`would stop: ${blocker.message}\n`);
  out.write(`\ndry run: ${countActions(plan)}; nothing was changed\n`);
}
