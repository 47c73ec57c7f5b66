// A project of several files deployed as one graph: releases from an included
// file (its own defaults, a template from the root file, a need across files),
// inline values and set templated, and values from the command line.
import { describe, expect, it, onTestFinished } from "vitest";
import {
  helmValues,
  latestRevision,
  loggedAt,
  Project,
  pacedChart,
  releasesCli,
  reportOf,
  unique,
} from "./support.js";

describe("a project of several files with helm", () => {
  const helm = "helm" as const;

  it("syncs the releases of every file as one graph, with templates, file defaults and command-line values", async () => {
    const edgeNs = `inc-edge-${unique()}`;
    const apiNs = `inc-api-${unique()}`;
    // The release specs only tell Project which namespaces to clean up; the files below are the project.
    const project = new Project(helm, [
      { name: "edge", namespace: edgeNs },
      { name: "api", namespace: apiNs },
    ]);
    onTestFinished(() => project.cleanUp());
    project.writeFile("releases.yaml", {
      environments: { [project.environment]: { values: [{ tag: "v1" }] } },
      include: ["teams/*.yaml"],
      defaults: { namespace: edgeNs, createNamespace: true, atomic: true, wait: true, timeout: "60s" },
      templates: {
        app: {
          chart: pacedChart,
          values: [{ message: "{{values.tag}}-{{release.name}}" }],
        },
      },
      releases: [{ name: "edge", inherit: ["app"], needs: [`${apiNs}/api`] }],
    });
    project.writeFile("teams/api.yaml", {
      defaults: { namespace: apiNs },
      releases: [
        {
          name: "api",
          inherit: [{ template: "app", except: ["values"] }],
          values: [{ message: "api-{{environment.name}}" }],
          set: { replicaCount: 2 },
        },
      ],
    });

    // list takes no --helm-binary (it calls no helm): run it as a user would.
    const listed = await releasesCli(["list", "-e", project.environment, "-o", "json"], project.dir);
    expect(listed.code, listed.stderr).toBe(0);
    expect(
      (JSON.parse(listed.stdout) as { name: string; file: string }[]).map((r) => [r.name, r.file]),
    ).toEqual([
      ["edge", "releases.yaml"],
      ["api", "teams/api.yaml"],
    ]);

    const result = await project.releases(["sync", "--state-values-set", "tag=v2", "--set", "readyAfter=1s"]);

    expect(result.code, result.stderr).toBe(0);
    expect(reportOf(result, `${apiNs}/api`)).toMatchObject({ action: "install", revision: 1 });
    expect(reportOf(result, `${edgeNs}/edge`)).toMatchObject({ action: "install", revision: 1 });
    // edge needs api, written in another file: it starts only after api is deployed.
    expect(loggedAt(result, `${edgeNs}/edge`, /^installing/)).toBeGreaterThanOrEqual(
      loggedAt(result, `${apiNs}/api`, /^installed/),
    );
    expect(await helmValues(helm, "edge", edgeNs, 1)).toEqual({ message: "v2-edge", readyAfter: "1s" });
    expect(await helmValues(helm, "api", apiNs, 1)).toEqual({
      message: `api-${project.environment}`,
      replicaCount: 2,
      readyAfter: "1s",
    });

    // A selector sees the releases of every file: only the included file's release is redeployed.
    const selected = await project.releases(["sync", "-l", "name=api", "--skip-needs"]);
    expect(selected.code, selected.stderr).toBe(0);
    expect(await latestRevision(helm, "api", apiNs)).toBe(2);
    expect(await latestRevision(helm, "edge", edgeNs)).toBe(1);
  });
});
