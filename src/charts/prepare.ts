// The run's step that builds local charts' dependencies before anything is
// rendered: planned from the selected releases, done with the run's helm.
import { writeFile } from "node:fs/promises";
import { localFiles } from "../config/files.js";
import { dependencyBuildArgs } from "../helm/args.js";
import type { HelmClient } from "../helm/client.js";
import type { Release, Repository } from "../model/project.js";
import { buildChartDependencies, planDependencyBuilds } from "./dependencies.js";
import { addRepositories } from "./repositories.js";

/** Builds what the selected releases' local charts need; `helm` is only awaited when there is work. */
export async function prepareChartDependencies(
  releases: readonly Release[],
  repositories: readonly Repository[],
  helm: () => Promise<HelmClient>,
  env: Readonly<Record<string, string | undefined>>,
): Promise<void> {
  const builds = await planDependencyBuilds(releases, repositories, localFiles);
  if (builds.length === 0) return;
  const client = await helm();
  await buildChartDependencies(
    builds,
    {
      addRepositories: (repos) => addRepositories(repos, client, env),
      buildDependencies: async (chart) => {
        await client.run(dependencyBuildArgs(chart));
      },
      writeFile: (path, text) => writeFile(path, text),
    },
    localFiles,
  );
}
