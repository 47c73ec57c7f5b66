import { describe, expect, it } from "vitest";
import {
  buildChartDependencies,
  DEPENDENCIES_MARKER,
  dependencyDigest,
  planDependencyBuilds,
} from "../../../src/charts/dependencies.js";
import { ConfigError } from "../../../src/errors.js";
import type { Release, Repository } from "../../../src/model/project.js";
import { memoryFiles, releaseFixture } from "../config/memory-files.js";

const release = (name: string, path: string): Release =>
  releaseFixture(
    name,
    { kind: "local", path, display: path },
    { location: { file: "/p/releases.yaml", line: 3 } },
  );

const repo = (name: string, url: string): Repository => ({
  name,
  url,
  oci: url.startsWith("oci://"),
  location: { file: "/p/releases.yaml" },
});

const UMBRELLA = [
  "name: umbrella",
  "dependencies:",
  "  - { name: sub, version: 1.0.0, repository: https://charts.example.com/stable/ }",
  "  - { name: local, version: 1.0.0, repository: file://../local }",
  "  - { name: byname, version: 1.0.0, repository: '@other' }",
].join("\n");

describe("chart dependencies", () => {
  const files = {
    "/p/charts/umbrella/Chart.yaml": UMBRELLA,
    "/p/charts/plain/Chart.yaml": "name: plain\n",
  };
  const repositories = [
    repo("stable", "https://charts.example.com/stable"),
    repo("other", "https://o.example.com"),
  ];

  it("plans one build per chart with dependencies, however many releases use it, with the repositories it needs", async () => {
    const builds = await planDependencyBuilds(
      [
        release("a", "/p/charts/umbrella"),
        release("b", "/p/charts/umbrella"),
        release("c", "/p/charts/plain"),
      ],
      repositories,
      memoryFiles(files),
    );
    expect(builds).toEqual([{ chart: "/p/charts/umbrella", repositories }]);
  });

  it("skips a chart whose Chart.yaml and Chart.lock are what its dependencies were last built for", async () => {
    const memory = memoryFiles(files);
    const digest = await dependencyDigest("/p/charts/umbrella", memory);
    const built = memoryFiles({
      ...files,
      [`/p/charts/umbrella/charts/${DEPENDENCIES_MARKER}`]: `${digest}\n`,
    });
    expect(await planDependencyBuilds([release("a", "/p/charts/umbrella")], repositories, built)).toEqual([]);
    const changed = memoryFiles({
      ...files,
      "/p/charts/umbrella/Chart.lock": "dependencies: []\n",
      [`/p/charts/umbrella/charts/${DEPENDENCIES_MARKER}`]: `${digest}\n`,
    });
    expect(
      await planDependencyBuilds([release("a", "/p/charts/umbrella")], repositories, changed),
    ).toHaveLength(1);
  });

  it("refuses a dependency from a repository that is not declared, naming the release's line", async () => {
    const error = await planDependencyBuilds(
      [release("a", "/p/charts/umbrella")],
      [repo("other", "https://o.example.com")],
      memoryFiles(files),
    ).catch((e: unknown) => e as ConfigError);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toBe(
      'chart /p/charts/umbrella: dependency "sub" comes from https://charts.example.com/stable/, which is not under repositories:',
    );
    expect((error as ConfigError).location).toMatchObject({ line: 3 });
  });

  it("adds the repositories once, builds each chart, then records the digest taken after the build", async () => {
    const calls: string[] = [];
    const store: Record<string, string> = { ...files };
    const memory = memoryFiles(store);
    await buildChartDependencies(
      [{ chart: "/p/charts/umbrella", repositories }],
      {
        addRepositories: async (repos) => {
          calls.push(`add ${repos.map((r) => r.name).join(",")}`);
        },
        buildDependencies: async (chart) => {
          calls.push(`build ${chart}`);
          store["/p/charts/umbrella/Chart.lock"] = "generated: true\n";
        },
        writeFile: async (path, text) => {
          store[path] = text;
        },
      },
      memory,
    );
    expect(calls).toEqual(["add stable,other", "build /p/charts/umbrella"]);
    expect(store[`/p/charts/umbrella/charts/${DEPENDENCIES_MARKER}`]).toBe(
      `${await dependencyDigest("/p/charts/umbrella", memory)}\n`,
    );
  });
});
