// `crds: createReplace`: helm installs a chart's crds/ only on the first
// install and never changes them after. With createReplace, every install and
// upgrade first creates the chart's CRDs or replaces them with the chart's
// (so a new CRD version arrives with the chart that needs it), then runs helm
// with --skip-crds. `crds: skip` leaves them out altogether.
import { ReleaseFailedError } from "../errors.js";
import { type ChartSource, chartArgs, clusterArgs, type Target } from "../helm/args.js";
import type { HelmClient } from "../helm/client.js";
import type { Cluster } from "../kube/cluster.js";
import type { Release } from "../model/project.js";
import { yaml } from "../util/lazy-yaml.js";

/** `helm show crds`: the CRDs in a chart's crds/ directory. */
export function showCrdsArgs(source: ChartSource, target: Target): string[] {
  return ["show", "crds", ...chartArgs(source), ...clusterArgs(target)];
}

/** The chart's CRD documents, from `helm show crds` output. */
export function crdDocuments(text: string): { metadata: { name: string } }[] {
  const docs = yaml().parseAllDocuments(text);
  return (Array.isArray(docs) ? docs : [])
    .map((d) => d.toJS() as { kind?: string; metadata?: { name?: string } } | null)
    .filter((d): d is { kind: string; metadata: { name: string } } =>
      Boolean(d && d.kind === "CustomResourceDefinition" && d.metadata?.name),
    );
}

/** Before helm runs: the extra helm flags for the release's `crds` mode, CRDs replaced first if asked. */
export async function prepareCrds(
  release: Release,
  source: ChartSource,
  target: Target,
  helm: HelmClient,
  clusterOf: (() => Promise<Cluster>) | undefined,
  signal?: AbortSignal,
): Promise<string[]> {
  if (release.crds === "skip") return ["--skip-crds"];
  if (release.crds !== "createReplace" || source.chart.kind === "manifests") return [];
  const cluster = await clusterOf?.();
  if (!cluster?.createOrReplaceCrd) throw new Error("crds: createReplace needs the cluster");
  const crds = crdDocuments((await helm.run(showCrdsArgs(source, target), { signal })).stdout);
  for (const crd of crds) {
    try {
      await cluster.createOrReplaceCrd(crd);
    } catch (error) {
      throw new ReleaseFailedError(
        `replacing CustomResourceDefinition ${crd.metadata.name} failed: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
  }
  return ["--skip-crds"];
}
