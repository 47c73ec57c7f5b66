import type { Command } from "commander";
import { withPulledCharts } from "../../charts/pulled-charts.js";
import { ReleaseFailedError } from "../../errors.js";
import { lintArgs } from "../../helm/args.js";
import { RENDER_GOMAXPROCS } from "../../helm/client.js";
import { withHelmChart } from "../../render/helm-chart.js";
import { mapLimit } from "../../util/map-limit.js";
import type { CommandContext } from "../context.js";
import { debugLine } from "../drift.js";
import { addHelmOption, addRenderConcurrency } from "../run-options.js";
import { templateManifests } from "../template-output.js";
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
    const { rendered, helm } = await prepareRendered(ctx, options.helmBinary, {
      addRepositories: true,
    });
    const installed = rendered.filter((r) => r.release.installed);
    const manifests = await templateManifests(installed, {
      helm,
      env: ctx.io.env,
      concurrency: options.concurrency,
      debug: debugLine(ctx),
    });
    const outputs = installed.map((r, i) => `# release: ${r.release.id}\n${manifests[i]}`);
    // Printed through the CLI's redacting stdout: Secret data shows as <redacted>.
    ctx.io.stdout.write(outputs.join("---\n"));
  });

  addRenderConcurrency(
    addHelmOption(
      program
        .command("lint")
        .description(
          "helm lint --strict each selected release's chart (repository and OCI charts as pulled) with its rendered values",
        )
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
    const { rendered, helm } = await prepareRendered(ctx, options.helmBinary, { addRepositories: true });
    const installed = rendered.filter((x) => x.release.installed);
    const results = await withPulledCharts(helm, (pull) =>
      mapLimit(installed, options.concurrency, (r) =>
        withHelmChart(r, { major: helm.major }, async (chart) => {
          // A repository or OCI chart is linted as pulled, at the version the run deploys.
          const kind = chart.source.chart.kind;
          const source =
            kind === "repo" || kind === "oci"
              ? {
                  chart: {
                    kind: "local" as const,
                    path: await pull(chart.source),
                    display: r.release.chart.display,
                  },
                }
              : chart.source;
          return helm.run(
            lintArgs({ name: r.release.name, namespace: r.release.namespace }, source, r.release.helm),
            {
              stdin: r.valuesYaml,
              allowFailure: true,
              goMaxProcs: RENDER_GOMAXPROCS,
            },
          );
        }),
      ),
    );
    let failed = 0;
    for (const [i, r] of installed.entries()) {
      const { release } = r;
      const out = results[i]!;
      const ok = out.code === 0;
      if (!ok) failed++;
      ctx.io.stdout.write(`${release.id}: ${ok ? "ok" : "FAILED"}\n`);
      if (!ok || globals.debug) ctx.io.stdout.write(`${out.stdout}${out.stderr}`.replace(/^/gm, "  "));
    }
    if (failed > 0) throw new ReleaseFailedError(`${failed} release(s) failed lint`);
  });
}
