// Charts from a chart repository: `repositories:` is added and updated by the
// run itself (only those the selection uses), the chart is fetched at the
// pinned version, and a new version is an upgrade that apply notices.
// The repository is real: `helm package` + `helm repo index`, served over HTTP
// from this process.
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { type ChartRepository, serveChartRepository } from "../../toolchain/chart-repository.js";
import { HELM_BINARIES, Project, pacedChart, reportOf, unique } from "./support.js";

let repo: ChartRepository;
let url: string;

beforeAll(async () => {
  repo = await serveChartRepository();
  for (const version of ["0.1.0", "0.2.0"]) await repo.publish(pacedChart, version);
  url = repo.url;
});

afterAll(() => repo?.close());

describe.each(HELM_BINARIES)("repository charts with %s", (helm) => {
  it("sync adds the repository and installs the pinned version; a new version is what apply upgrades", async () => {
    const namespace = `repo-${unique()}`;
    const repository = `local-${unique()}`;
    const project = new Project(helm, [{ name: "web", namespace }]);
    onTestFinished(() => project.cleanUp());
    const write = (version: string) =>
      project.writeFile("releases.yaml", {
        environments: { [project.environment]: null },
        repositories: [{ name: repository, url }],
        defaults: { createNamespace: true, atomic: true, wait: true, timeout: "60s" },
        releases: [{ name: "web", namespace, chart: `${repository}/paced`, version }],
      });

    write("0.1.0");
    const first = await project.releases(["--debug", "sync"]);
    expect(first.code, first.stderr).toBe(0);
    expect(reportOf(first, `${namespace}/web`)).toMatchObject({ action: "install", outcome: "succeeded" });
    expect(first.helmCalls.filter((args) => args[0] === "repo").map((args) => args.slice(0, 2))).toEqual([
      ["repo", "add"],
      ["repo", "update"],
    ]);
    const status = async () => {
      const result = await project.releases(["status"]);
      expect(result.code, result.stderr).toBe(0);
      return JSON.parse(result.stdout) as { id: string; chart: string; inSync: boolean }[];
    };
    expect(await status()).toMatchObject([{ id: `${namespace}/web`, chart: "paced-0.1.0", inSync: true }]);

    const unchanged = await project.releases(["apply"]);
    expect(reportOf(unchanged, `${namespace}/web`)).toMatchObject({ outcome: "unchanged" });

    write("0.2.0");
    expect(await status()).toMatchObject([{ chart: "paced-0.1.0", inSync: false }]);
    const upgraded = await project.releases(["apply"]);
    expect(upgraded.code, upgraded.stderr).toBe(0);
    expect(reportOf(upgraded, `${namespace}/web`)).toMatchObject({ action: "upgrade", revision: 2 });
    expect(await status()).toMatchObject([{ chart: "paced-0.2.0", inSync: true }]);
  });
});
