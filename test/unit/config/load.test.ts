import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS, loadProject } from "../../../src/config/load.js";
import { ConfigError } from "../../../src/errors.js";
import { createTemplates } from "../../../src/values/templates.js";
import { failure, memoryFiles } from "./memory-files.js";

const templates = createTemplates({ env: {} });

const charts = { "/p/charts/web/Chart.yaml": "name: web\n", "/p/charts/db/Chart.yaml": "name: db\n" };

function load(releasesYaml: string, extra: Record<string, string> = {}, environment?: string, env = {}) {
  return loadProject({
    file: "/p/releases.yaml",
    environment,
    env,
    templates,
    files: memoryFiles({ "/p/releases.yaml": releasesYaml, ...charts, ...extra }),
  });
}

describe("loading releases.yaml", () => {
  it("applies built-in defaults, then the file's defaults, then the release's own settings", async () => {
    const project = await load(
      [
        "defaults: { namespace: apps, wait: false, timeout: 90s }",
        "releases:",
        "  - { name: plain, chart: ./charts/web }",
        "  - { name: own, chart: ./charts/web, namespace: db, wait: true, timeout: 1h30m, tests: true, historyMax: 3 }",
      ].join("\n"),
    );
    const [plain, own] = project.releases;
    expect(plain).toMatchObject({
      id: "apps/plain",
      namespace: "apps",
      createNamespace: DEFAULT_SETTINGS.createNamespace,
      atomic: true,
      wait: false,
      timeout: 90,
      tests: false,
      historyMax: 10,
      installed: true,
    });
    expect(own).toMatchObject({ id: "db/own", wait: true, timeout: 5400, tests: true, historyMax: 3 });
  });

  it.each([
    { chart: "./charts/web", ref: { kind: "local", path: "/p/charts/web", display: "./charts/web" } },
    { chart: "charts/web", ref: { kind: "local", path: "/p/charts/web", display: "charts/web" } },
    {
      chart: "bitnami/redis",
      ref: { kind: "repo", repository: "bitnami", name: "redis", display: "bitnami/redis" },
    },
    {
      chart: "ghcr/app",
      ref: {
        kind: "oci",
        url: "oci://ghcr.io/acme/charts/app",
        display: "ghcr/app",
        repository: expect.objectContaining({ name: "ghcr", oci: true }),
      },
    },
    {
      chart: "oci://ghcr.io/acme/charts/app",
      ref: {
        kind: "oci",
        url: "oci://ghcr.io/acme/charts/app",
        display: "oci://ghcr.io/acme/charts/app",
        repository: expect.objectContaining({ name: "ghcr" }),
      },
    },
    {
      chart: "oci://registry.example.com/charts/app",
      ref: {
        kind: "oci",
        url: "oci://registry.example.com/charts/app",
        display: "oci://registry.example.com/charts/app",
      },
    },
  ])("resolves the chart $chart", async ({ chart, ref }) => {
    const project = await load(
      [
        "repositories:",
        "  - { name: bitnami, url: https://charts.bitnami.com/bitnami }",
        "  - { name: ghcr, url: oci://ghcr.io/acme/charts/ }",
        "releases:",
        `  - { name: x, chart: "${chart}" }`,
      ].join("\n"),
    );
    expect(project.releases[0]!.chart).toEqual(ref);
  });

  it("rejects a chart from an undeclared repository, suggesting the closest", async () => {
    const error = await failure(
      load(
        [
          "repositories: [{ name: bitnami, url: https://charts.bitnami.com/bitnami }]",
          "releases:",
          "  - name: x",
          "    chart: bitnam/redis",
        ].join("\n"),
      ),
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.describe()).toBe(
      '/p/releases.yaml:4:12 releases[0].chart: chart "bitnam/redis": repository "bitnam" is not declared\n' +
        '  hint: add it under repositories: (did you mean "bitnami"?), or write a local chart as ./bitnam/redis',
    );
  });

  it("layers environment values in order, rendering .hbs files with the values so far", async () => {
    const project = await load(
      [
        "environments:",
        "  prod:",
        "    values:",
        "      - env/common.yaml",
        "      - env/prod.yaml.hbs",
        "      - { replicas: 3 }",
        "releases:",
        "  - { name: web, chart: ./charts/web, namespace: '{{values.team}}-{{environment.name}}' }",
      ].join("\n"),
      {
        "/p/env/common.yaml": "team: shop\nreplicas: 1\ndb: { host: db, port: 5432 }\n",
        "/p/env/prod.yaml.hbs": "host: '{{values.team}}.example.com'\ndb: { host: prod-db }\n",
      },
      "prod",
    );
    expect(project.environmentValues).toEqual({
      team: "shop",
      replicas: 3,
      db: { host: "prod-db", port: 5432 },
      host: "shop.example.com",
    });
    expect(project.releases[0]!.id).toBe("shop-prod/web");
  });

  it.each([
    { why: "-e wins over RELEASES_ENV", environment: "b", env: { RELEASES_ENV: "a" }, chosen: "b" },
    { why: "RELEASES_ENV is the fallback", environment: undefined, env: { RELEASES_ENV: "a" }, chosen: "a" },
    { why: "an environment named default needs no -e", environment: undefined, env: {}, chosen: "default" },
  ])("chooses the environment: $why", async ({ environment, env, chosen }) => {
    const project = await load(
      "environments: { a: {}, b: {}, default: {} }\nreleases: []\n",
      {},
      environment,
      env,
    );
    expect(project.environment.name).toBe(chosen);
    expect(project.environmentNames).toEqual(["a", "b", "default"]);
  });

  it("switches releases off by condition and drops needs on them", async () => {
    const project = await load(
      [
        "environments: { default: { values: [{ cache: { enabled: false } }] } }",
        "releases:",
        "  - { name: cache, chart: ./charts/db, condition: cache.enabled }",
        "  - { name: web, chart: ./charts/web, needs: [cache] }",
      ].join("\n"),
    );
    expect(project.releases.map((r) => r.id)).toEqual(["default/web"]);
    expect(project.releases[0]!.needs).toEqual([]);
  });

  it.each([
    {
      why: "a condition that is not a path in the values",
      condition: "cache.enabeld",
      message: 'condition "cache.enabeld" is not a path in the environment values',
    },
    {
      why: "a condition that is not a boolean",
      condition: "cache",
      message: 'condition "cache" must be true or false, got {"enabled":false}',
    },
  ])("rejects $why at the condition's line", async ({ condition, message }) => {
    const error = await failure(
      load(
        [
          "environments: { default: { values: [{ cache: { enabled: false } }] } }",
          "releases:",
          "  - name: cache",
          "    chart: ./charts/db",
          `    condition: ${condition}`,
        ].join("\n"),
      ),
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toBe(message);
    expect(error.location).toMatchObject({ line: 5, column: 16, field: "releases[0].condition" });
  });

  it("resolves needs to release ids and keeps their order", async () => {
    const project = await load(
      [
        "releases:",
        "  - { name: db, namespace: data, chart: ./charts/db }",
        "  - { name: cache, namespace: data, chart: ./charts/db }",
        "  - { name: web, chart: ./charts/web, needs: [cache, data/db] }",
      ].join("\n"),
    );
    expect(project.releases[2]!.needs).toEqual(["data/cache", "data/db"]);
  });
});

describe("schema problems", () => {
  it.each([
    {
      why: "a missing required field, at its parent",
      yaml: "releases:\n  - name: web\n",
      described: '/p/releases.yaml:2:5 releases[0] (web): missing required field "chart"',
    },
    {
      why: "a value not matching its pattern",
      yaml: "releases:\n  - name: Web_1\n    chart: ./charts/web\n",
      described:
        '/p/releases.yaml:2:11 releases[0].name: invalid value string "Web_1": a helm release name (lower-case letters, digits, -)',
    },
    {
      why: "a bad duration",
      yaml: "releases:\n  - name: web\n    chart: ./charts/web\n    timeout: 5 minutes\n",
      described:
        '/p/releases.yaml:4:14 releases[0].timeout: invalid value string "5 minutes": a duration like 90s, 5m or 1h30m',
    },
    {
      why: "a file that is not a map",
      yaml: "- just a list\n",
      described: "/p/releases.yaml:1:1: expected a map with a `releases:` list",
    },
    {
      why: "every problem at once, each at its own line",
      yaml: "releases:\n  - name: web\n    chart: ./charts/web\n    wait: yes please\n    tests: 1\n",
      described:
        "2 problems\n" +
        '/p/releases.yaml:4:11 releases[0].wait: expected boolean, got string "yes please"\n' +
        "/p/releases.yaml:5:12 releases[0].tests: expected boolean, got number 1",
    },
  ])("reports $why", async ({ yaml, described }) => {
    const error = await failure(load(yaml));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.describe()).toBe(described);
  });
});
