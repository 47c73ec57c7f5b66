import type { Command } from "commander";
import { ExitCode, ExitStatus } from "../../errors.js";
import { dryRunArgs, releaseTarget } from "../../helm/args.js";
import type { ResourceDiff } from "../../plan/manifest-diff.js";
import { withHelmChart } from "../../render/helm-chart.js";
import { mapLimit } from "../../util/map-limit.js";
import type { CommandContext } from "../context.js";
import { readPlan } from "../deploy.js";
import { addHelmOption, addRenderConcurrency } from "../run-options.js";
import { nothingSelected, prepareRendered } from "../workspace.js";
import { diffLive } from "./diff-live.js";

interface DiffOptions {
  helmBinary?: string;
  detailedExitcode: boolean;
  concurrency: number;
  live: boolean;
}

export function registerDiff(program: Command, ctx: CommandContext): void {
  addRenderConcurrency(
    addHelmOption(
      program
        .command("diff")
        .description(
          "show, as a unified diff, what sync would change in the deployed manifests (Secret data redacted)",
        )
        .option(
          "--detailed-exitcode",
          "exit 2 when there are changes, 0 when there are none; invalid input then exits 5",
          false,
        )
        .option(
          "--live",
          "show instead what changed in the cluster since the deploy: live objects against the deployed manifests",
          false,
        )
        .addHelpText(
          "after",
          `
--live compares each deployed release's live objects with what its stored
manifest makes of them (a server-side dry-run apply where they differ): objects
deleted and fields changed by hand, live (-) against deployed (+); apply
redeploys such releases. Ignored fields (see driftDetection) are not shown.

Examples:
  releases diff -e production
  releases diff -e staging -l app=app1 --detailed-exitcode
  releases diff -e production --live`,
        ),
    ),
  ).action((options: DiffOptions) => (options.live ? diffLive(ctx, options) : diff(ctx, options)));
}

async function diff(ctx: CommandContext, options: DiffOptions): Promise<void> {
  const globals = ctx.globals();
  const { workspace, rendered, helm } = await prepareRendered(ctx, options.helmBinary, {
    addRepositories: true,
    connect: true,
  });
  if (nothingSelected(workspace, ctx)) return;
  const clusters = ctx.session.clustersOf(workspace.project);
  // The same plan sync would make: which releases change, against what is live.
  const { plan, deployed } = await readPlan(ctx, clusters, workspace, rendered, "sync", { decode: true });
  const planned = new Map(plan.releases.map((p) => [p.id, p]));
  // The diff library loads only for this command.
  const { diffManifests } = await import("../../plan/manifest-diff.js");
  const results = await mapLimit(
    rendered,
    options.concurrency,
    async (r): Promise<{ id: string; diffs: ResourceDiff[] }> => {
      const { release } = r;
      const action = planned.get(release.id)?.action;
      const current =
        action === "install" || action === "none" ? "" : (deployed.get(release.id)?.manifest ?? "");
      let desired = "";
      if (release.installed) {
        const out = await withHelmChart(r, { major: helm.major }, (chart) =>
          helm.run(dryRunArgs(releaseTarget(release), chart.source, release.helm, chart.postRenderer), {
            stdin: r.valuesYaml,
            env: chart.env,
          }),
        );
        desired = (JSON.parse(out.stdout) as { manifest?: string }).manifest ?? "";
      }
      return { id: release.id, diffs: diffManifests(current, desired, release.namespace, release.id) };
    },
  );
  const changed = results.filter((r) => r.diffs.length > 0);
  if (globals.output === "json") {
    const json = results.map((r) => ({
      release: r.id,
      changes: r.diffs.map((d) => ({
        resource: d.resource,
        change: d.change,
        patch: ctx.redactor.redact(d.patch),
      })),
    }));
    ctx.io.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  } else {
    for (const { id, diffs } of changed) {
      ctx.io.stdout.write(`${id}: ${diffs.length} resource(s) change\n`);
      for (const d of diffs) ctx.io.stdout.write(ctx.redactor.redact(d.patch));
    }
    ctx.io.stderr.write(
      changed.length === 0
        ? "no changes\n"
        : `${changed.length} of ${results.length} release(s) would change\n`,
    );
  }
  if (options.detailedExitcode && changed.length > 0) throw new ExitStatus(ExitCode.invalidInput);
}
