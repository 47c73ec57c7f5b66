import { describe, expect, it } from "vitest";
import { loadProject } from "../../../src/config/load.js";
import { ConfigError, TemplateError } from "../../../src/errors.js";
import { createTemplates } from "../../../src/values/templates.js";
import { failure, memoryFiles } from "./memory-files.js";

const templates = createTemplates({ env: {} });

function load(lines: string[]) {
  return loadProject({
    file: "/p/releases.yaml",
    templates,
    files: memoryFiles({
      "/p/releases.yaml": [
        "environments: { default: { values: [{ tag: '1.4.0', domain: example.com, replicas: 3 }] } }",
        ...lines,
      ].join("\n"),
      "/p/charts/web/Chart.yaml": "name: web\n",
    }),
  });
}

describe("inline values and set values are templates, like every other string field", () => {
  it("renders every string of an inline map and of set; keys, numbers and booleans are kept", async () => {
    const project = await load([
      "releases:",
      "  - name: web",
      "    chart: ./charts/web",
      "    values:",
      "      - image: { tag: '{{values.tag}}' }",
      "        host: '{{release.name}}.{{values.domain}}'",
      "        '{{key}}': stays",
      "        list: ['{{environment.name}}', 2, true]",
      "    set:",
      "      image.tag: 'v{{values.tag}}'",
      "      replicas: 2",
    ]);
    const [web] = project.releases;
    expect(web!.values[0]).toMatchObject({
      kind: "inline",
      data: {
        image: { tag: "1.4.0" },
        host: "web.example.com",
        "{{key}}": "stays",
        list: ["default", 2, true],
      },
    });
    expect(web!.set).toEqual({ "image.tag": "v1.4.0", replicas: 2 });
  });

  it("a rendered value stays a string, even when it looks like YAML", async () => {
    const project = await load([
      "releases:",
      "  - { name: web, chart: ./charts/web, values: [{ replicas: '{{values.replicas}}' }] }",
    ]);
    expect(project.releases[0]!.values[0]).toMatchObject({ data: { replicas: "3" } });
  });

  it("rejects an unquoted {{ }} (YAML reads it as a map) at its line and column", async () => {
    const error = await failure(
      load([
        "releases:",
        "  - name: web",
        "    chart: ./charts/web",
        "    values:",
        "      - tag: {{values.tag}}",
      ]),
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.describe()).toBe(
      "/p/releases.yaml:6:14: a map or list used as a map key: an unquoted {{ }} template?\n" +
        '  hint: quote a value that starts with {{, e.g. tag: "{{values.tag}}"',
    );
  });

  it("reports an unknown variable in an inline value at its own line", async () => {
    const error = await failure(
      load([
        "releases:",
        "  - name: web",
        "    chart: ./charts/web",
        "    values:",
        "      - a: '{{values.nope}}'",
      ]),
    );
    expect(error).toBeInstanceOf(TemplateError);
    expect(error.location).toMatchObject({ line: 6, column: 13, field: "releases[0].values[0].a" });
  });

  it("reports Go-template syntax in set with its handlebars spelling at the column of {{", async () => {
    const error = await failure(
      load([
        "releases:",
        "  - name: web",
        "    chart: ./charts/web",
        '    set: { image.tag: "{{ .Values.tag }}" }',
      ]),
    );
    expect(error.describe()).toMatch(
      /^\/p\/releases.yaml:5:24 releases\[0\]\.set\.image\.tag: Go template syntax \{\{ \.Values\.tag \}\}: templates here are handlebars, write \{\{values\.tag\}\}/,
    );
  });
});

describe("set paths are checked when the file is loaded", () => {
  it("reports a malformed path at its key", async () => {
    const error = await failure(
      load(["releases:", "  - name: web", "    chart: ./charts/web", "    set:", "      list[x]: 1"]),
    );
    expect(error.describe()).toBe(
      '/p/releases.yaml:6:7 releases[0].set.list[x]: set: bad list index in "list[x]"',
    );
  });
});
