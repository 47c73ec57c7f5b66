// Local charts with `dependencies:` in Chart.yaml get `helm dependency build`
// before they are rendered or installed: once per chart per run, and only
// when Chart.yaml or Chart.lock changed since the last build (a marker in
// `charts/` keeps the digest of both), so the packaged dependencies — and the
// chart's fingerprint — stay as they were otherwise. Dependencies from an
// http(s) repository need it declared under `repositories:` (matched by URL or
// by `@name`), so it can be added first; `file://` and `oci://` need nothing.
import { createHash } from "node:crypto";
import { join } from "node:path";
// js-yaml (YAML 1.2 core, as `yaml` reads it): already loaded by every command.
import { CORE_SCHEMA, load } from "js-yaml";
import { ConfigError } from "../errors.js";
import type { Release, Repository } from "../model/project.js";

/** Written to `<chart>/charts/` (helm ignores files there starting with `.`). */
export const DEPENDENCIES_MARKER = ".releases-dependencies";

export interface ChartFiles {
  read(path: string): Promise<string>;
  exists(path: string): Promise<boolean>;
}

export interface DependencyBuild {
  /** Absolute chart directory. */
  chart: string;
  /** Repositories its dependencies come from, to add before building. */
  repositories: Repository[];
}

/** Digest of Chart.yaml and Chart.lock: what decides whether the dependencies must be built again. */
export async function dependencyDigest(chart: string, files: ChartFiles): Promise<string> {
  const lockPath = join(chart, "Chart.lock");
  const lock = (await files.exists(lockPath)) ? await files.read(lockPath) : "";
  return createHash("sha256")
    .update(await files.read(join(chart, "Chart.yaml")))
    .update("\0")
    .update(lock)
    .digest("hex");
}

/** The local charts of `releases` whose dependencies must be built in this run, each once. */
export async function planDependencyBuilds(
  releases: readonly Release[],
  repositories: readonly Repository[],
  files: ChartFiles,
): Promise<DependencyBuild[]> {
  const charts = new Map<string, Release>();
  for (const r of releases) if (r.installed && r.chart.kind === "local") charts.set(r.chart.path, r);
  const builds: DependencyBuild[] = [];
  for (const [chart, release] of charts) {
    const chartYaml = join(chart, "Chart.yaml");
    const meta = load(await files.read(chartYaml), { schema: CORE_SCHEMA }) as {
      dependencies?: { name?: string; repository?: string }[];
    };
    const dependencies = meta?.dependencies ?? [];
    if (dependencies.length === 0) continue;
    const marker = join(chart, "charts", DEPENDENCIES_MARKER);
    const digest = await dependencyDigest(chart, files);
    if ((await files.exists(marker)) && (await files.read(marker)).trim() === digest) continue;
    const needed = new Map<string, Repository>();
    for (const dep of dependencies) {
      const url = dep.repository ?? "";
      if (url === "" || url.startsWith("file://") || url.startsWith("oci://")) continue;
      const byName = /^(?:@|alias:)(.+)$/.exec(url)?.[1];
      const repo = repositories.find((p) =>
        byName ? p.name === byName : !p.oci && p.url.replace(/\/$/, "") === url.replace(/\/$/, ""),
      );
      if (!repo) {
        throw new ConfigError(
          `chart ${release.chart.display}: dependency "${dep.name}" comes from ${url}, which is not under repositories:`,
          {
            location: release.location,
            hint: `declare it: repositories: [{ name: <name>, url: ${byName ? "<url>" : url} }]`,
          },
        );
      }
      needed.set(repo.name, repo);
    }
    builds.push({ chart, repositories: [...needed.values()] });
  }
  return builds;
}

export interface DependencyTools {
  /** `helm repo add` + `repo update` for these repositories (credentials handled by the caller). */
  addRepositories(repositories: readonly Repository[]): Promise<void>;
  /** `helm dependency build <chart>`. */
  buildDependencies(chart: string): Promise<void>;
  writeFile(path: string, text: string): Promise<void>;
}

/** Builds each planned chart's dependencies, then records the digest they were built for. */
export async function buildChartDependencies(
  builds: readonly DependencyBuild[],
  tools: DependencyTools,
  files: ChartFiles,
): Promise<void> {
  const repositories = new Map(builds.flatMap((b) => b.repositories.map((r) => [r.name, r] as const)));
  if (repositories.size > 0) await tools.addRepositories([...repositories.values()]);
  for (const { chart } of builds) {
    await tools.buildDependencies(chart);
    // Without a Chart.lock, `dependency build` writes one: the digest is taken after the build.
    await tools.writeFile(
      join(chart, "charts", DEPENDENCIES_MARKER),
      `${await dependencyDigest(chart, files)}\n`,
    );
  }
}
