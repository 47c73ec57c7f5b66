import { describe, expect, it } from "vitest";
import { loadProject } from "../../../src/config/load.js";
import { ConfigProblems, MAX_PROBLEMS } from "../../../src/config/problems.js";
import { createTemplates } from "../../../src/values/templates.js";
import { failure, memoryFiles } from "./memory-files.js";

const templates = createTemplates({ env: {} });
const chart = { "/p/charts/web/Chart.yaml": "name: web\n" };

function load(files: Record<string, string>, environment?: string) {
  return loadProject({
    file: "/p/releases.yaml",
    environment,
    templates,
    files: memoryFiles({ ...chart, ...files }),
  });
}

const release = (name: string, extra = "") => `  - { name: ${name}, chart: ../charts/web${extra} }`;

describe("include: several files, one graph", () => {
  it("reads included paths and globs (sorted) after the file's own releases; needs cross files", async () => {
    const project = await load({
      "/p/releases.yaml": [
        "include: [teams/*.yaml, platform/releases.yaml]",
        "releases:",
        "  - { name: edge, chart: ./charts/web, needs: [shop-api] }",
      ].join("\n"),
      "/p/teams/shop.yaml": ["releases:", release("shop-api", ", needs: [db]")].join("\n"),
      "/p/teams/blog.yaml": ["releases:", release("blog")].join("\n"),
      "/p/teams/notes.txt": "not yaml: [",
      "/p/platform/releases.yaml": ["releases:", release("db")].join("\n"),
    });
    expect(project.files).toEqual([
      "/p/releases.yaml",
      "/p/teams/blog.yaml",
      "/p/teams/shop.yaml",
      "/p/platform/releases.yaml",
    ]);
    expect(project.releases.map((r) => [r.name, r.location.file, r.needs])).toEqual([
      ["edge", "/p/releases.yaml", ["default/shop-api"]],
      ["blog", "/p/teams/blog.yaml", []],
      ["shop-api", "/p/teams/shop.yaml", ["default/db"]],
      ["db", "/p/platform/releases.yaml", []],
    ]);
    // Paths in an included file are relative to that file.
    expect(project.releases[1]!.chart).toMatchObject({ kind: "local", path: "/p/charts/web" });
  });

  it("follows includes of included files, relative to each file", async () => {
    const project = await load({
      "/p/releases.yaml": "include: [a/one.yaml]\n",
      "/p/a/one.yaml": "include: [b/two.yaml]\nreleases: [{ name: one, chart: ../charts/web }]\n",
      "/p/a/b/two.yaml": "releases: [{ name: two, chart: ../../charts/web }]\n",
    });
    expect(project.releases.map((r) => r.name)).toEqual(["one", "two"]);
  });

  it("gives each file's releases its own defaults, over those of the files including it", async () => {
    const project = await load({
      "/p/releases.yaml": [
        "defaults: { namespace: apps, timeout: 60s }",
        "include: [data.yaml]",
        "releases:",
        "  - { name: web, chart: ./charts/web }",
      ].join("\n"),
      "/p/data.yaml": [
        "defaults: { namespace: data, wait: false }",
        "releases:",
        "  - { name: db, chart: ./charts/web }",
      ].join("\n"),
    });
    expect(project.releases.map((r) => [r.id, r.timeout, r.wait])).toEqual([
      ["apps/web", 60, true],
      ["data/db", 60, false],
    ]);
  });

  it("skips a glob's match of the file that holds it", async () => {
    const project = await load({
      "/p/releases.yaml": "include: ['*.yaml']\nreleases: [{ name: root, chart: ./charts/web }]\n",
      "/p/more.yaml": "releases: [{ name: more, chart: ./charts/web }]\n",
    });
    expect(project.releases.map((r) => r.name)).toEqual(["root", "more"]);
  });

  it.each([
    {
      why: "a missing included file",
      files: { "/p/releases.yaml": "include: [teams/shop.yaml]\n" },
      described: "/p/releases.yaml:1:11 include[0]: included file not found: teams/shop.yaml",
    },
    {
      why: "a glob that matches nothing",
      files: { "/p/releases.yaml": "include:\n  - teams/*.yaml\n" },
      described:
        '/p/releases.yaml:2:5 include[0]: include "teams/*.yaml" matches no file\n' +
        "  hint: globs are relative to the file that includes them",
    },
    {
      why: "an include cycle",
      files: { "/p/releases.yaml": "include: [a.yaml]\n", "/p/a.yaml": "include: [releases.yaml]\n" },
      described: "/p/a.yaml:1:11 include[0]: include cycle: releases.yaml -> a.yaml -> releases.yaml",
    },
    {
      why: "environments in an included file",
      files: { "/p/releases.yaml": "include: [a.yaml]\n", "/p/a.yaml": "environments: { prod: {} }\n" },
      described:
        '/p/a.yaml:1:1 environments: "environments" belongs in the root project file, not in an included one\n' +
        "  hint: environments and repositories are declared once, in the file passed with -f",
    },
    {
      why: "an unknown need in an included file, at its line there",
      files: {
        "/p/releases.yaml": "include: [a.yaml]\nreleases: [{ name: web, chart: ./charts/web }]\n",
        "/p/a.yaml": "releases:\n  - name: api\n    chart: ./charts/web\n    needs: [wbe]\n",
      },
      described: '/p/a.yaml:4:13 releases[0].needs[0]: unknown need "wbe" (did you mean "web"?)',
    },
    {
      why: "the same release in two files, naming both",
      files: {
        "/p/releases.yaml": "include: [a.yaml]\nreleases: [{ name: web, chart: ./charts/web }]\n",
        "/p/a.yaml": "releases:\n  - { name: web, chart: ./charts/web }\n",
      },
      described:
        '/p/a.yaml:2:5 releases[0] (web): duplicate release "default/web"\n' +
        "  hint: releases[0] (web) has the same namespace and name (line 2); give one a different name or namespace",
    },
  ])("reports $why with its file and line", async ({ files, described }) => {
    const error = await failure(load(files as Record<string, string>));
    expect(error.describe()).toBe(described);
    expect(error.exitCode).toBe(2);
  });
});

describe("every problem of a run at once", () => {
  it("reports the problems of every file together, each with its file, line and field", async () => {
    const error = await failure(
      load({
        "/p/releases.yaml": [
          "include: [team.yaml]",
          "releases:",
          "  - name: web",
          "    chart: ./charts/web",
          "    namspace: apps",
          "    wiat: true",
        ].join("\n"),
        "/p/team.yaml": ["releases:", "  - name: api", "    chart: ./charts/web", "    tests: maybe"].join(
          "\n",
        ),
      }),
    );
    expect(error).toBeInstanceOf(ConfigProblems);
    expect(
      error
        .describe()
        .split("\n")
        .filter((l) => !l.startsWith("  hint")),
    ).toEqual([
      "3 problems",
      '/p/releases.yaml:5:5 releases[0].namspace: unknown key "namspace" (did you mean "namespace"?)',
      '/p/releases.yaml:6:5 releases[0].wiat: unknown key "wiat" (did you mean "wait"?)',
      '/p/team.yaml:4:12 releases[0].tests: expected boolean, got string "maybe"',
    ]);
  });

  it("reports problems found while building releases together: templates, files, needs", async () => {
    const error = await failure(
      load({
        "/p/releases.yaml": [
          "releases:",
          "  - { name: a, chart: ./charts/web, namespace: '{{values.nope}}' }",
          "  - { name: b, chart: ./charts/web, values: [missing.yaml] }",
          "  - { name: c, chart: ./charts/nochart }",
        ].join("\n"),
      }),
    );
    expect((error as ConfigProblems).problems.map((p) => [p.location?.line, p.message])).toEqual([
      [2, 'unknown variable "values.nope"'],
      [3, "file not found: missing.yaml"],
      [4, 'chart "./charts/nochart": no Chart.yaml in /p/charts/nochart'],
    ]);
  });

  it(`stops listing after ${MAX_PROBLEMS} problems and says how many there are`, async () => {
    const keys = Array.from({ length: 25 }, (_, i) => `    bad${i}: 1`);
    const error = await failure(
      load({
        "/p/releases.yaml": ["releases:", "  - name: web", "    chart: ./charts/web", ...keys].join("\n"),
      }),
    );
    expect(error.message).toBe(`25 problems (the first ${MAX_PROBLEMS} shown)`);
    expect((error as ConfigProblems).problems).toHaveLength(MAX_PROBLEMS);
  });
});

describe("problems of the environment", () => {
  it("stop the run before releases are rendered with broken values, together with schema problems", async () => {
    const error = await failure(
      load({
        "/p/releases.yaml": [
          "include: [team.yaml]",
          "environments: { default: { values: [env/missing.yaml] } }",
          "releases:",
          "  - { name: web, chart: ./charts/web, namespace: '{{values.team}}' }",
        ].join("\n"),
        "/p/team.yaml": "releases:\n  - { name: api, chart: ./charts/web, wiat: true }\n",
      }),
    );
    expect(
      error
        .describe()
        .split("\n")
        .filter((l) => !l.startsWith("  hint")),
    ).toEqual([
      "2 problems",
      '/p/team.yaml:2:39 releases[0].wiat: unknown key "wiat" (did you mean "wait"?)',
      "/p/releases.yaml:2:37 environments.default.values[0]: file not found: env/missing.yaml",
    ]);
  });
});
