// Which cluster each release deploys to (kubeContext and kubeconfig on the
// environment, in defaults and on the release), and the ids and needs of a
// project whose releases span clusters.
import { describe, expect, it } from "vitest";
import { loadProject } from "../../../src/config/load.js";
import { ConfigProblems } from "../../../src/config/problems.js";
import { createTemplates } from "../../../src/values/templates.js";
import { failure, memoryFiles } from "./memory-files.js";

const files = {
  "/p/charts/web/Chart.yaml": "name: web\n",
  "/p/clusters/apps.kubeconfig": "apiVersion: v1\n",
  "/p/teams/edge.kubeconfig": "apiVersion: v1\n",
};

function load(lines: string[], extra: Record<string, string> = {}) {
  return loadProject({
    file: "/p/releases.yaml",
    environment: lines[0]?.startsWith("environments:") ? "production" : undefined,
    templates: createTemplates({ env: {} }),
    files: memoryFiles({ "/p/releases.yaml": lines.join("\n"), ...files, ...extra }),
  });
}

/** Every problem's message, from an error that may hold several. */
function messages(error: unknown): string[] {
  return error instanceof ConfigProblems
    ? error.problems.map((p) => `${p.location?.line}: ${p.message}`)
    : [`${(error as { location?: { line?: number } }).location?.line}: ${(error as Error).message}`];
}

describe("the cluster of a release", () => {
  it("is the release's own, else its file's defaults, else the environment's; each key on its own", async () => {
    const project = await load([
      "environments:",
      "  production: { kubeContext: prod-core, values: [{ appsCluster: prod-apps }] }",
      "defaults: { kubeconfig: clusters/apps.kubeconfig }",
      "releases:",
      "  - { name: plain, chart: ./charts/web }",
      "  - { name: own, chart: ./charts/web, kubeContext: '{{values.appsCluster}}' }",
    ]);
    const [plain, own] = project.releases;
    expect(plain).toMatchObject({ kubeContext: "prod-core", kubeconfig: "/p/clusters/apps.kubeconfig" });
    expect(own).toMatchObject({ kubeContext: "prod-apps", kubeconfig: "/p/clusters/apps.kubeconfig" });
    expect(project.environment).toMatchObject({ kubeContext: "prod-core" });
    // One namespace/name per cluster: the ids stay namespace/name.
    expect(project.releases.map((r) => r.id)).toEqual(["default/plain", "default/own"]);
  });

  it("resolves a kubeconfig against the file that writes it, also in an included file's defaults", async () => {
    const project = await load(["include: [teams/edge.yaml]"], {
      "/p/teams/edge.yaml": [
        "defaults: { kubeconfig: edge.kubeconfig, kubeContext: edge }",
        "releases: [{ name: gateway, chart: ../charts/web }]",
      ].join("\n"),
    });
    expect(project.releases[0]).toMatchObject({
      kubeconfig: "/p/teams/edge.kubeconfig",
      kubeContext: "edge",
    });
  });

  it("reports a kubeconfig that does not exist where it is written", async () => {
    const error = await failure(
      load([
        "environments:",
        "  production: { kubeconfig: nowhere.kubeconfig }",
        "releases: [{ name: web, chart: ./charts/web, kubeconfig: ./missing/config }]",
      ]),
    );
    expect(messages(error)).toEqual(["2: kubeconfig file not found: /p/nowhere.kubeconfig"]);
    const release = await failure(
      load(["releases:", "  - { name: web, chart: ./charts/web, kubeconfig: ./missing/config }"]),
    );
    expect(messages(release)).toEqual(["2: kubeconfig file not found: /p/missing/config"]);
  });
});

describe("releases of one namespace/name in two clusters", () => {
  const twoClusters = [
    "environments: { production: { kubeContext: core } }",
    "releases:",
    "  - { name: db, namespace: data, chart: ./charts/web }",
    "  - { name: probe, namespace: ops, chart: ./charts/web }",
    "  - { name: probe, namespace: ops, chart: ./charts/web, kubeContext: apps, needs: [core/ops/probe, db] }",
    "  - { name: api, namespace: web, chart: ./charts/web, kubeContext: apps, needs: [apps/ops/probe] }",
  ];

  it("get kubeContext/namespace/name ids; needs name them that way across clusters", async () => {
    const project = await load(twoClusters);
    expect(project.releases.map((r) => r.id)).toEqual([
      "data/db",
      "core/ops/probe",
      "apps/ops/probe",
      "web/api",
    ]);
    expect(project.graph.needsOf("apps/ops/probe")).toEqual(["core/ops/probe", "data/db"]);
    expect(project.graph.needsOf("web/api")).toEqual(["apps/ops/probe"]);
  });

  it("refuses a need that names both, and says how to write it", async () => {
    const error = await failure(
      load([
        ...twoClusters.slice(0, 5),
        "  - { name: api, namespace: web, chart: ./charts/web, needs: [ops/probe] }",
      ]),
    );
    expect(messages(error)).toEqual([
      '6: ambiguous need "ops/probe": it names core/ops/probe, apps/ops/probe',
    ]);
    expect((error as ConfigProblems).problems?.[0]?.hint ?? (error as { hint?: string }).hint).toContain(
      "kubeContext/namespace/name",
    );
  });

  it("suggests the qualified spelling of an unknown need", async () => {
    const error = await failure(
      load([
        ...twoClusters.slice(0, 5),
        "  - { name: api, namespace: web, chart: ./charts/web, needs: [app/ops/probe] }",
      ]),
    );
    expect(messages(error)[0]).toMatch(/unknown need "app\/ops\/probe".*apps\/ops\/probe/);
  });

  it("needs a kubeContext on each, so their ids can tell them apart", async () => {
    const error = await failure(
      load([
        "releases:",
        "  - { name: probe, namespace: ops, chart: ./charts/web }",
        "  - { name: probe, namespace: ops, chart: ./charts/web, kubeconfig: clusters/apps.kubeconfig }",
      ]),
    );
    expect(messages(error)).toEqual([
      '2: release "ops/probe" is deployed to more than one cluster; this one has no kubeContext',
      '3: release "ops/probe" is deployed to more than one cluster; this one has no kubeContext',
    ]);
  });

  it("are still duplicates when they are in the same cluster", async () => {
    const error = await failure(
      load([
        "releases:",
        "  - { name: probe, namespace: ops, chart: ./charts/web, kubeContext: apps }",
        "  - { name: probe, namespace: ops, chart: ./charts/web, kubeContext: apps }",
      ]),
    );
    expect(messages(error)).toEqual(['3: duplicate release "ops/probe"']);
  });
});
