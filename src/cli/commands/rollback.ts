// `releases rollback`: undo the last recorded run of the environment (or the
// one --run names), or roll one release back to an earlier revision.
import type { Command } from "commander";
import { ClusterStateError, UsageError } from "../../errors.js";
import { historyArgs, releaseTarget } from "../../helm/args.js";
import type { HelmClient } from "../../helm/client.js";
import { type RunRecordStore, runRecordStore } from "../../kube/run-records.js";
import { liveRelease } from "../../plan/deploy-plan.js";
import {
  buildReleaseRollbackPlan,
  buildRunRollbackPlan,
  type RollbackPlan,
} from "../../plan/rollback-plan.js";
import { changedReleases, newestFirst, type RunRecord } from "../../plan/run-record.js";
import { formatTable } from "../../report/table.js";
import type { ProjectClusters } from "../clusters.js";
import type { CommandContext } from "../context.js";
import { lockNamespaceOf } from "../deploy.js";
import { findRelease } from "../find-release.js";
import { positiveInt } from "../options.js";
import { type RollbackRun, runRollback } from "../rollback-run.js";
import { addRunOptions, type RunOptions } from "../run-options.js";
import { recordedSettings } from "../run-recording.js";
import { openWorkspace, type Workspace } from "../workspace.js";

interface RollbackOptions extends RunOptions {
  run?: string;
  revision?: number;
  force: boolean;
  dryRun: boolean;
}

export function registerRollback(program: Command, ctx: CommandContext): void {
  addRunOptions(
    program
      .command("rollback")
      .argument("[release]", "roll back only this release (name, or namespace/name)")
      .description(
        "undo the last run of the environment: every release it changed goes back to its revision before",
      )
      .option("--run <id>", "undo this recorded run instead of the last one (`releases history` lists them)")
      .option(
        "--revision <n>",
        "with <release>: the revision to go back to (default: the previous one)",
        positiveInt("--revision"),
      )
      .option("--force", "roll back releases that moved on since the run too", false)
      .option("--dry-run", "print the rollback plan; change nothing", false)
      .addHelpText(
        "after",
        `
Every deploying run (sync, apply, destroy, rotate) is recorded in the cluster,
in the lock namespace, so any machine can undo it. The rollback goes through
the run's graph in reverse (dependents first): each release the run upgraded
returns to the revision it had before (helm rollback, waiting, with its timeout,
then its tests; a failure returns it to where it was), each release it installed
is uninstalled. A release that moved on since the run (its revision is not the
one the run left) is refused unless --force. A release the run uninstalled
cannot be restored (helm keeps no history of it): sync installs it again.
The last run is the newest one that changed something; a rollback is a run
too, so rolling back twice restores what the first rollback undid.

Examples:
  releases rollback -e staging --dry-run
  releases rollback -e staging
  releases rollback -e staging --run 20261201-224400-3f9a
  releases rollback app1-back -e production --revision 4`,
      ),
    { recover: false },
  ).action(async (ref: string | undefined, options: RollbackOptions) => {
    checkUsage(ctx, ref, options);
    const workspace = await openWorkspace(ctx);
    const environment = workspace.project.environment;
    const clusters = ctx.session.clustersOf(workspace.project);
    const [home, helm] = await Promise.all([clusters.homeCluster(), ctx.session.helm(options.helmBinary)]);
    const run: Omit<RollbackRun, "claim" | "plan"> = {
      clusters,
      helm,
      lockNamespace: (cluster) => lockNamespaceOf(options, workspace, cluster),
      environment: environment.name,
      options,
    };
    const planner = ref
      ? releasePlanner(workspace, clusters, helm, ref, options)
      : await runPlanner(workspace, clusters, runRecordStore(home, run.lockNamespace(home)), options);
    if (options.dryRun) {
      printRollbackPlan(ctx, (await planner.plan()).plan);
      return;
    }
    await runRollback(ctx, { ...run, ...planner });
  });
}

function checkUsage(ctx: CommandContext, ref: string | undefined, options: RollbackOptions): void {
  if (ref && options.run) throw new UsageError("pass either <release> or --run, not both");
  if (!ref && options.revision !== undefined)
    throw new UsageError("--revision goes with a release: rollback <release> --revision N");
  const globals = ctx.globals();
  if (
    globals.selector.length > 0 ||
    globals.includeNeeds ||
    globals.includeTransitiveNeeds ||
    globals.skipNeeds
  )
    throw new UsageError("rollback undoes a whole run: it takes no selector or needs flags", {
      hint: "to roll back one release: releases rollback <release> [--revision N]",
    });
}

type Planner = Pick<RollbackRun, "claim" | "plan">;

/** Undo a recorded run: the last one that changed something, or --run. */
async function runPlanner(
  workspace: Workspace,
  clusters: ProjectClusters,
  store: RunRecordStore,
  options: RollbackOptions,
): Promise<Planner> {
  const environment = workspace.project.environment.name;
  const pick = async (): Promise<RunRecord> => {
    const records = newestFirst(await store.list(environment));
    if (options.run) {
      const found = records.find((r) => r.id === options.run);
      if (found) return found;
      throw new UsageError(`no recorded run ${options.run} in environment "${environment}"`, {
        hint: `\`releases history\` lists them (recent: ${
          records
            .slice(0, 3)
            .map((r) => r.id)
            .join(", ") || "none"
        })`,
      });
    }
    const last = records.find((r) => changedReleases(r).length > 0);
    if (last) return last;
    throw new ClusterStateError(
      `no recorded run changed anything in environment "${environment}" (records in ${store.namespace})`,
      { hint: "runs are recorded by sync, apply, destroy and rotate; `releases history` lists them" },
    );
  };
  const first = await pick();
  return {
    claim: changedReleases(first).map((r) => r.id),
    plan: async () => {
      // Read again under the lock: a run that was still going has completed its record since.
      const record = options.dryRun
        ? first
        : ((await store.list(environment)).find((r) => r.id === first.id) ?? first);
      const current = await clusters.read(record.releases.map((r) => r.id));
      const plan = buildRunRollbackPlan({ record, current, force: options.force });
      const steps = new Map(plan.steps.map((s) => [s.id, s]));
      return {
        plan,
        record: {
          command: `rollback --run ${record.id}`,
          undoes: record.id,
          edges: record.edges,
          releases: record.releases.map((r) => ({
            ...r,
            planned: plannedOf(steps.get(r.id)?.action),
            before: liveRelease(current.get(r.id))?.revision ?? null,
          })),
        },
      };
    },
  };
}

/** `rollback <release> [--revision N]`. */
function releasePlanner(
  workspace: Workspace,
  clusters: ProjectClusters,
  helm: HelmClient,
  ref: string,
  options: RollbackOptions,
): Planner {
  const release = findRelease(workspace.project.releases, ref);
  const target = releaseTarget(release);
  const settings = recordedSettings(release);
  return {
    claim: [release.id],
    plan: async () => {
      const current = (await clusters.read([release.id])).get(release.id);
      const history = current
        ? (JSON.parse((await helm.run(historyArgs(target))).stdout) as { revision: number; status: string }[])
        : [];
      const plan = buildReleaseRollbackPlan({
        environment: workspace.project.environment.name,
        release: { id: release.id, name: release.name, namespace: release.namespace, settings },
        current,
        history,
        revision: options.revision,
      });
      return {
        plan,
        record: {
          command: `rollback ${release.id}`,
          edges: [],
          releases: [
            {
              id: release.id,
              name: release.name,
              namespace: release.namespace,
              planned: plannedOf(plan.steps[0]?.action),
              before: liveRelease(current)?.revision ?? null,
              ...settings,
            },
          ],
        },
      };
    },
  };
}

function plannedOf(action: string | undefined): string {
  return action === "rollback" || action === "uninstall" ? action : "unchanged";
}

/** `--dry-run`: the plan, from one read of the cluster, with no lock taken and nothing changed. */
export function printRollbackPlan(ctx: CommandContext, plan: RollbackPlan): void {
  const out = ctx.io.stdout;
  if (ctx.globals().output === "json") {
    out.write(`${JSON.stringify({ dryRun: true, ...plan }, null, 2)}\n`);
    return;
  }
  const rev = (n: number | null) => (n === null ? "-" : String(n));
  const rows = plan.steps.map((s) => [
    String(s.stage),
    s.id,
    s.action,
    rev(s.current),
    s.action === "uninstall" ? "uninstalled" : rev(s.toRevision),
    s.reason,
  ]);
  out.write(`${formatTable(["STAGE", "RELEASE", "ACTION", "NOW", "TO", "WHY"], rows)}\n`);
  for (const r of plan.refusals)
    out.write(`would refuse: ${r.message}${r.forcible ? " (--force overrides)" : ""}\n`);
  for (const r of plan.forced) out.write(`forced: ${r.message}\n`);
  const acting = plan.steps.filter((s) => s.action !== "keep").length;
  const what = plan.undoes ? `undoes run ${plan.undoes}` : "rolls back one release";
  out.write(`\ndry run: ${what}, ${acting} release(s) to change; nothing was changed\n`);
}
