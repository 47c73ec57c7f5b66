import { describe, expect, it } from "vitest";
import { loadProject } from "../../../src/config/load.js";
import { createTemplates } from "../../../src/values/templates.js";
import { failure, memoryFiles } from "./memory-files.js";

const templates = createTemplates({ env: {} });

function load(files: Record<string, string>) {
  return loadProject({
    file: "/p/releases.yaml",
    templates,
    files: memoryFiles({
      "/p/charts/web/Chart.yaml": "name: web\n",
      "/p/charts/db/Chart.yaml": "name: db\n",
      "/p/v/a.yaml": "",
      "/p/v/b.yaml": "",
      "/p/v/c.yaml": "",
      ...files,
    }),
  });
}

const TEMPLATES = [
  "templates:",
  "  base:",
  "    chart: ./charts/web",
  "    namespace: apps",
  "    labels: { tier: apps, team: core }",
  "    values: [v/a.yaml]",
  "    set: { image.tag: base, replicas: 1 }",
  "    timeout: 60s",
  "  slow:",
  "    timeout: 10m",
  "    labels: { speed: slow }",
  "    values: [v/b.yaml]",
];

describe("templates and inherit", () => {
  it("takes a template written alike in two files of one directory as one (helmfile.d files sharing a base)", async () => {
    const base = "templates:\n  base: { chart: ./charts/web, namespace: apps, values: [v/a.yaml] }\n";
    const project = await load({
      "/p/releases.yaml": "include: [releases.d/a.yaml, releases.d/b.yaml]\nreleases: []\n",
      "/p/releases.d/a.yaml": `${base}releases:\n  - { name: one, inherit: [base] }\n`,
      "/p/releases.d/b.yaml": `${base}releases:\n  - { name: two, inherit: [base] }\n`,
      "/p/releases.d/charts/web/Chart.yaml": "name: web\n",
      "/p/releases.d/v/a.yaml": "",
    });
    expect(project.releases.map((r) => [r.id, r.chart.kind === "local" && r.chart.path])).toEqual([
      ["apps/one", "/p/releases.d/charts/web"],
      ["apps/two", "/p/releases.d/charts/web"],
    ]);
  });

  it("applies templates in order, then the release's own keys: maps merge, lists are replaced", async () => {
    const project = await load({
      "/p/releases.yaml": [
        ...TEMPLATES,
        "releases:",
        "  - name: web",
        "    inherit: [base, slow]",
        "    labels: { team: shop }",
        "    set: { image.tag: own }",
      ].join("\n"),
    });
    const [web] = project.releases;
    expect(web).toMatchObject({
      id: "apps/web",
      chart: { kind: "local", path: "/p/charts/web" },
      labels: { tier: "apps", team: "shop", speed: "slow" },
      set: { "image.tag": "own", replicas: 1 },
      timeout: 600,
    });
    expect(web!.values.map((v) => (v.kind === "file" ? v.path : v))).toEqual(["/p/v/b.yaml"]);
  });

  it("leaves out the fields named in except, and the release's own values replace the template's", async () => {
    const project = await load({
      "/p/releases.yaml": [
        ...TEMPLATES,
        "releases:",
        "  - name: web",
        "    inherit: [{ template: base, except: [labels, timeout] }]",
        "    values: [v/c.yaml]",
      ].join("\n"),
    });
    const [web] = project.releases;
    expect(web!.labels).toEqual({});
    expect(web!.timeout).toBe(300);
    expect(web!.values.map((v) => (v.kind === "file" ? v.path : v))).toEqual(["/p/v/c.yaml"]);
  });

  it("shares templates across included files; paths resolve against the file they are written in", async () => {
    const project = await load({
      "/p/releases.yaml": [...TEMPLATES, "include: [teams/shop.yaml]"].join("\n"),
      "/p/teams/shop.yaml": "releases:\n  - { name: shop, inherit: [base], values: [own.yaml] }\n",
      "/p/teams/own.yaml": "",
    });
    const [shop] = project.releases;
    expect(shop!.chart).toMatchObject({ path: "/p/charts/web" });
    expect(shop!.values.map((v) => (v.kind === "file" ? v.path : v))).toEqual(["/p/teams/own.yaml"]);
    expect(shop!.location.file).toBe("/p/teams/shop.yaml");
  });

  it.each([
    {
      why: "an unknown template, with the closest name",
      yaml: [...TEMPLATES, "releases:", "  - name: web", "    inherit: [bsae]"],
      described:
        '/p/releases.yaml:15:15 releases[0].inherit[0]: unknown template "bsae" (did you mean "base"?)\n' +
        "  hint: templates: base, slow",
    },
    {
      why: "a release without a chart, here or inherited",
      yaml: [...TEMPLATES, "releases:", "  - name: web", "    inherit: [slow]"],
      described:
        '/p/releases.yaml:14:5 releases[0] (web): missing required field "chart"\n' +
        "  hint: give the release a chart, or inherit a template that has one",
    },
    {
      why: "a bad template in a template's field, at the template's line",
      yaml: [
        "templates:",
        "  t:",
        "    chart: ./charts/web",
        "    namespace: '{{values.team}}'",
        "releases:",
        "  - { name: web, inherit: [t] }",
      ],
      described:
        '/p/releases.yaml:4:17 templates.t.namespace: unknown variable "values.team"\n' +
        "  hint: check the spelling, or use (default <fallback> <value>) for optional values",
    },
    {
      why: "an unknown field in except",
      yaml: [...TEMPLATES, "releases:", "  - { name: web, inherit: [{ template: base, except: [lables] }] }"],
      described: expect.stringMatching(
        /^\/p\/releases.yaml:14:55 releases\[0\]\.inherit\[0\]\.except\[0\]: invalid value "lables" \(did you mean "labels"\?\)\n {2}hint: one of: namespace, chart, version, labels,/,
      ),
    },
    {
      why: "the same template written alike in files of different directories (its paths resolve apart)",
      yaml: ["templates:", "  base: { chart: ./charts/web }", "include: [sub/more.yaml]", "releases: []"],
      extra: { "/p/sub/more.yaml": "templates:\n  base: { chart: ./charts/web }\n" },
      described:
        '/p/sub/more.yaml:2:3 templates.base: template "base" is defined twice\n  hint: first defined at /p/releases.yaml:2',
    },
    {
      why: "a template defined twice across files",
      yaml: [...TEMPLATES, "include: [more.yaml]", "releases: []"],
      extra: { "/p/more.yaml": "templates:\n  base: { chart: ./charts/db }\n" },
      described:
        '/p/more.yaml:2:3 templates.base: template "base" is defined twice\n  hint: first defined at /p/releases.yaml:2',
    },
  ] as { why: string; yaml: string[]; described: unknown; extra?: Record<string, string> }[])(
    "reports $why",
    async ({ yaml, described, extra }) => {
      const error = await failure(load({ "/p/releases.yaml": yaml.join("\n"), ...extra }));
      expect(error.describe()).toEqual(described);
    },
  );
});
