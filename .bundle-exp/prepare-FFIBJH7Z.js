import {
  addRepositories
} from "./chunk-WVLY2SAW.js";
import {
  dependencyBuildArgs
} from "./chunk-UHBPNIYZ.js";
import "./chunk-EZPMLSU3.js";
import {
  CORE_SCHEMA,
  load
} from "./chunk-BFLBSBCJ.js";
import {
  localFiles
} from "./chunk-DE4Q4URJ.js";
import {
  ConfigError
} from "./chunk-XLEZOOEL.js";
import "./chunk-4VNS5WPM.js";

// dist/charts/prepare.js
import { writeFile } from "node:fs/promises";

// dist/charts/dependencies.js
import { createHash } from "node:crypto";
import { join } from "node:path";
var DEPENDENCIES_MARKER = ".releases-dependencies";
async function dependencyDigest(chart, files) {
  const lockPath = join(chart, "Chart.lock");
  const lock = await files.exists(lockPath) ? await files.read(lockPath) : "";
  return createHash("sha256").update(await files.read(join(chart, "Chart.yaml"))).update("\0").update(lock).digest("hex");
}
async function planDependencyBuilds(releases, repositories, files) {
  const charts = /* @__PURE__ */ new Map();
  for (const r of releases)
    if (r.installed && r.chart.kind === "local")
      charts.set(r.chart.path, r);
  const builds = [];
  for (const [chart, release] of charts) {
    const chartYaml = join(chart, "Chart.yaml");
    const meta = load(await files.read(chartYaml), { schema: CORE_SCHEMA });
    const dependencies = meta?.dependencies ?? [];
    if (dependencies.length === 0)
      continue;
    const marker = join(chart, "charts", DEPENDENCIES_MARKER);
    const digest = await dependencyDigest(chart, files);
    if (await files.exists(marker) && (await files.read(marker)).trim() === digest)
      continue;
    const needed = /* @__PURE__ */ new Map();
    for (const dep of dependencies) {
      const url = dep.repository ?? "";
      if (url === "" || url.startsWith("file://") || url.startsWith("oci://"))
        continue;
      const byName = /^(?:@|alias:)(.+)$/.exec(url)?.[1];
      const repo = repositories.find((p) => byName ? p.name === byName : !p.oci && p.url.replace(/\/$/, "") === url.replace(/\/$/, ""));
      if (!repo) {
        throw new ConfigError(`chart ${release.chart.display}: dependency "${dep.name}" comes from ${url}, which is not under repositories:`, {
          location: release.location,
          hint: `declare it: repositories: [{ name: <name>, url: ${byName ? "<url>" : url} }]`
        });
      }
      needed.set(repo.name, repo);
    }
    builds.push({ chart, repositories: [...needed.values()] });
  }
  return builds;
}
async function buildChartDependencies(builds, tools, files) {
  const repositories = new Map(builds.flatMap((b) => b.repositories.map((r) => [r.name, r])));
  if (repositories.size > 0)
    await tools.addRepositories([...repositories.values()]);
  for (const { chart } of builds) {
    await tools.buildDependencies(chart);
    await tools.writeFile(join(chart, "charts", DEPENDENCIES_MARKER), `${await dependencyDigest(chart, files)}
`);
  }
}

// dist/charts/prepare.js
async function prepareChartDependencies(releases, repositories, helm, env) {
  const builds = await planDependencyBuilds(releases, repositories, localFiles);
  if (builds.length === 0)
    return;
  const client = await helm();
  await buildChartDependencies(builds, {
    addRepositories: (repos) => addRepositories(repos, client, env),
    buildDependencies: async (chart) => {
      await client.run(dependencyBuildArgs(chart));
    },
    writeFile: (path, text) => writeFile(path, text)
  }, localFiles);
}
export {
  prepareChartDependencies
};
