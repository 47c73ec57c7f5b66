// `releases template`'s manifests, one per installed release in order: plain
// local charts in one releases-render batch (helm's own library, one process),
// every other release with its own `helm template`, as before.
import { HelmError } from "../errors.js";
import { releaseTarget, templateArgs } from "../helm/args.js";
import { type BatchChoice, chooseRenderPath } from "../helm/batch-choice.js";
import { type BatchResult, openBatchRenderer } from "../helm/batch-render.js";
import { type HelmClient, RENDER_GOMAXPROCS } from "../helm/client.js";
import { withHelmChart } from "../render/helm-chart.js";
import { mapLimit } from "../util/map-limit.js";
import type { RenderedRelease } from "../values/render-releases.js";

export interface TemplateDeps {
  helm: HelmClient;
  env: Readonly<Record<string, string | undefined>>;
  concurrency: number;
  debug?: (line: string) => void;
}

/** Each release's `helm template` output, in the order given. */
export async function templateManifests(
  releases: readonly RenderedRelease[],
  { helm, env, concurrency, debug }: TemplateDeps,
): Promise<string[]> {
  const renderer = helm.major === 3 ? await openBatchRenderer(helm.binary, env, helm.version) : undefined;
  const unavailable = renderer && "unavailable" in renderer ? renderer.unavailable : undefined;
  const plans = releases.map((r) => {
    const { release } = r;
    const args = templateArgs(
      releaseTarget(release),
      { chart: release.chart, version: release.version },
      release.helm,
    );
    const choice: BatchChoice = chooseRenderPath(
      { chart: release.chart, generatedChart: r.manifests !== undefined, patched: !!release.patches, args },
      { major: helm.major, unavailable },
    );
    return { r, args, choice };
  });
  const batch = plans.filter((p) => p.choice.batch);
  const viaHelm = async (r: RenderedRelease) => {
    const { release } = r;
    try {
      const out = await withHelmChart(r, { major: helm.major }, (chart) =>
        helm.run(templateArgs(releaseTarget(release), chart.source, release.helm, chart.postRenderer), {
          stdin: r.valuesYaml,
          env: chart.env,
          goMaxProcs: RENDER_GOMAXPROCS,
        }),
      );
      return out.stdout;
    } catch (error) {
      throw error instanceof HelmError ? naming(release.id, error) : error;
    }
  };
  const results: BatchResult[] =
    renderer && "render" in renderer && batch.length > 0
      ? await renderer.render(
          batch.map((p) => ({ args: p.args, valuesYaml: p.r.valuesYaml })),
          concurrency,
        )
      : [];
  const batchResult = new Map(batch.map((p, i) => [p, results[i]!]));
  for (const p of plans) {
    const result = batchResult.get(p);
    const path = !p.choice.batch
      ? `helm template (${p.choice.reason})`
      : result && "refused" in result
        ? `helm template (${renderer && "binary" in renderer ? renderer.binary : ""} refused: ${result.refused})`
        : "batch (releases-render)";
    debug?.(`template ${p.r.release.id}: ${path}`);
  }
  const failed = plans.find((p) => {
    const result = batchResult.get(p);
    return result !== undefined && "error" in result;
  });
  if (failed) {
    const { error } = batchResult.get(failed) as { error: string };
    throw naming(failed.r.release.id, helm.failure(failed.args, 1, `Error: ${error}\n`));
  }
  return mapLimit(plans, concurrency, async (p) => {
    const result = batchResult.get(p);
    return result && "manifest" in result ? result.manifest : viaHelm(p.r);
  });
}

/** helm's error, prefixed with the release it rendered: helm's own text names the chart, not the release. */
function naming(id: string, error: HelmError): HelmError {
  return new HelmError(`${id}: ${error.message}`, error.args, error.helmExitCode, error.stderr);
}
