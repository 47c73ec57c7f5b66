import type { Command } from "commander";
import { ReleaseFailedError } from "../../errors.js";
import { lintArgs, templateArgs } from "../../helm/args.js";
import { withHelmChart } from "../../render/helm-chart.js";
import type { CommandContext } from "../program.js";
import { addHelmOption, prepareRun } from "../run-setup.js";

export function registerTemplate(program: Command, ctx: CommandContext): void {
  addHelmOption(
    program
      .command("template")
      .description(
        "render the selected releases' manifests with helm template (no cluster needed; secrets redacted)",
      )
      .addHelpText(
        "after",
        `
Examples:
  releases template -e production -l app=app1
  releases template -e development > rendered.yaml`,
      ),
  ).action(async (options: { helmBinary?: string }) => {
    const globals = ctx.globals();
    const { workspace, rendered, helm } = await prepareRun(globals, ctx.io, ctx.redactor, options);
    const outputs = await Promise.all(
      rendered
        .filter((r) => r.release.installed)
        .map(async (r) => {
          const { release } = r;
          const target = {
            name: release.name,
            namespace: release.namespace,
            kubeContext: workspace.project.environment.kubeContext,
          };
          const out = await withHelmChart(r, { major: helm.major }, (chart) =>
            helm.run(templateArgs(target, chart.source, undefined, chart.postRenderer), {
              stdin: r.valuesYaml,
              env: chart.env,
            }),
          );
          return `# release: ${release.id}\n${out.stdout}`;
        }),
    );
    // Printed through the CLI's redacting stdout: Secret data shows as <redacted>.
    ctx.io.stdout.write(outputs.join("---\n"));
  });

  addHelmOption(
    program
      .command("lint")
      .description("helm lint --strict each selected local chart with the release's rendered values")
      .addHelpText(
        "after",
        `
Examples:
  releases lint -e production
  releases lint -e staging -l tier=core`,
      ),
  ).action(async (options: { helmBinary?: string }) => {
    const globals = ctx.globals();
    const { rendered, helm } = await prepareRun(globals, ctx.io, ctx.redactor, options);
    let failed = 0;
    for (const r of rendered.filter((x) => x.release.installed)) {
      const { release } = r;
      if (release.chart.kind !== "local" && release.chart.kind !== "manifests") {
        ctx.io.stderr.write(`${release.id}: skipped (${release.chart.display} is not a local chart)\n`);
        continue;
      }
      const out = await withHelmChart(r, { major: helm.major }, (chart) =>
        helm.run(lintArgs({ name: release.name, namespace: release.namespace }, chart.source), {
          stdin: r.valuesYaml,
          allowFailure: true,
        }),
      );
      const ok = out.code === 0;
      if (!ok) failed++;
      ctx.io.stdout.write(`${release.id}: ${ok ? "ok" : "FAILED"}\n`);
      if (!ok || globals.debug) ctx.io.stdout.write(`${out.stdout}${out.stderr}`.replace(/^/gm, "  "));
    }
    if (failed > 0) throw new ReleaseFailedError(`${failed} release(s) failed lint`);
  });
}
