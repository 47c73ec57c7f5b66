import type { Command } from "commander";
import { ExitCode, ExitStatus } from "../../errors.js";
import { dryRunArgs } from "../../helm/args.js";
import { readDeployedReleases } from "../../kube/cluster.js";
import type { ResourceDiff } from "../../plan/manifest-diff.js";
import { withHelmChart } from "../../render/helm-chart.js";
import type { CommandContext } from "../program.js";
import { addHelmOption, prepareRun } from "../run-setup.js";
import { nothingSelected } from "../workspace.js";

interface DiffOptions {
  helmBinary?: string;
  detailedExitcode: boolean;
  context: number;
}

export function registerDiff(program: Command, ctx: CommandContext): void {
  addHelmOption(
    program
      .command("diff")
      .description(
        "show, as a unified diff, what sync would change in the deployed manifests (Secret data redacted)",
      )
      .option("--detailed-exitcode", "exit 2 when there are changes, 0 when there are none", false)
      .addHelpText(
        "after",
        `
Examples:
  releases diff -e production
  releases diff -e staging -l app=app1 --detailed-exitcode`,
      ),
  ).action(async (options: DiffOptions) => {
    const globals = ctx.globals();
    const {
      workspace,
      rendered,
      helm,
      cluster: connect,
    } = await prepareRun(globals, ctx.io, ctx.redactor, options);
    if (nothingSelected(workspace, globals, ctx.io)) return;
    const cluster = await connect();
    const deployed = await readDeployedReleases(cluster, {
      ids: new Set(workspace.selection.ids),
      decode: true,
    });
    const kubeContext = workspace.project.environment.kubeContext;
    // The diff library loads only for this command.
    const { diffManifests } = await import("../../plan/manifest-diff.js");
    const results = await Promise.all(
      rendered.map(async (r): Promise<{ id: string; diffs: ResourceDiff[] }> => {
        const { release } = r;
        const live = deployed.get(release.id);
        const current = live && live.status !== "uninstalled" ? (live.manifest ?? "") : "";
        let desired = "";
        if (release.installed) {
          const out = await withHelmChart(r, { major: helm.major }, (chart) =>
            helm.run(
              dryRunArgs(
                { name: release.name, namespace: release.namespace, kubeContext },
                chart.source,
                chart.postRenderer,
              ),
              { stdin: r.valuesYaml, env: chart.env },
            ),
          );
          desired = (JSON.parse(out.stdout) as { manifest?: string }).manifest ?? "";
        }
        return { id: release.id, diffs: diffManifests(current, desired, release.namespace, release.id) };
      }),
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
  });
}
