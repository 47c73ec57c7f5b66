import type { Command } from "commander";
import { ReleaseFailedError } from "../../errors.js";
import { lintArgs, templateArgs } from "../../helm/args.js";
import { withHelmChart } from "../../render/helm-chart.js";
import { mapLimit } from "../../util/map-limit.js";
import type { CommandContext } from "../context.js";
import { addHelmOption, addRenderConcurrency } from "../run-options.js";
import { prepareRendered } from "../workspace.js";

interface RenderOptions {
  helmBinary?: string;
  concurrency: number;
}

export function registerTemplate(program: Command, ctx: CommandContext): void {
  addRenderConcurrency(
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
    ),
  ).action(async (options: RenderOptions) => {
    const { workspace, rendered, helm } = await prepareRendered(ctx, options.helmBinary);
    const outputs = await mapLimit(
      rendered.filter((r) => r.release.installed),
      options.concurrency,
      async (r) => {
        const { release } = r;
        const target = {
          name: release.name,
          namespace: release.namespace,
          kubeContext: workspace.project.environment.kubeContext,
        };
        const out = await withHelmChart(r, { major: helm.major }, (chart) =>
          helm.run(templateArgs(target, chart.source, release.helm, chart.postRenderer), {
            stdin: r.valuesYaml,
            env: chart.env,
          }),
        );
        return `# release: ${release.id}\n${out.stdout}`;
      },
    );
    // Printed through the CLI's redacting stdout: Secret data shows as <redacted>.
    ctx.io.stdout.write(outputs.join("---\n"));
  });

  addRenderConcurrency(
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
    ),
  ).action(async (options: RenderOptions) => {
    const globals = ctx.globals();
    const { rendered, helm } = await prepareRendered(ctx, options.helmBinary);
    const installed = rendered.filter((x) => x.release.installed);
    const results = await mapLimit(installed, options.concurrency, (r) =>
      r.release.chart.kind === "local" || r.release.chart.kind === "manifests"
        ? withHelmChart(r, { major: helm.major }, (chart) =>
            helm.run(
              lintArgs(
                { name: r.release.name, namespace: r.release.namespace },
                chart.source,
                r.release.helm,
              ),
              { stdin: r.valuesYaml, allowFailure: true },
            ),
          )
        : Promise.resolve(undefined),
    );
    let failed = 0;
    for (const [i, r] of installed.entries()) {
      const { release } = r;
      const out = results[i];
      if (!out) {
        ctx.io.stderr.write(`${release.id}: skipped (${release.chart.display} is not a local chart)\n`);
        continue;
      }
      const ok = out.code === 0;
      if (!ok) failed++;
      ctx.io.stdout.write(`${release.id}: ${ok ? "ok" : "FAILED"}\n`);
      if (!ok || globals.debug) ctx.io.stdout.write(`${out.stdout}${out.stderr}`.replace(/^/gm, "  "));
    }
    if (failed > 0) throw new ReleaseFailedError(`${failed} release(s) failed lint`);
  });
}
