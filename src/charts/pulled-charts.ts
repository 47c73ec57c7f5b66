// Repository and OCI charts unpacked on disk, for the commands that need a
// chart directory (`lint`): each chart version pulled once per run into one
// temporary directory, which the caller removes.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ChartSource, pullArgs } from "../helm/args.js";
import type { HelmClient } from "../helm/client.js";

/** The directory a chart unpacks to: its name (the last part of an OCI reference). */
export function chartName(source: ChartSource): string {
  const { chart } = source;
  if (chart.kind === "repo") return chart.name;
  if (chart.kind === "oci") return chart.url.replace(/\/+$/, "").split("/").at(-1)!;
  throw new Error(`not a repository or OCI chart: ${chart.display}`);
}

/** Runs `work` with a function that pulls a chart (once per chart and version) and returns its directory. */
export async function withPulledCharts<T>(
  helm: HelmClient,
  work: (pull: (source: ChartSource) => Promise<string>) => Promise<T>,
): Promise<T> {
  let root: Promise<string> | undefined;
  const pulled = new Map<string, Promise<string>>();
  const pull = (source: ChartSource) => {
    const key = `${source.chart.display}@${source.version ?? ""}`;
    let dir = pulled.get(key);
    if (!dir) {
      dir = (async () => {
        root ??= mkdtemp(join(tmpdir(), "releases-pull-"));
        const into = join(await root, String(pulled.size));
        await helm.run(pullArgs(source, into, { untar: true }));
        return join(into, chartName(source));
      })();
      pulled.set(key, dir);
    }
    return dir;
  };
  try {
    return await work(pull);
  } finally {
    if (root) await rm(await root, { recursive: true, force: true });
  }
}
