// Which cluster each release id belongs to, how helm is pointed at it, and the
// order clusters are locked in: the pure part of cli/clusters.ts (connecting
// and reading are covered end to end in test/e2e/deploy/clusters.test.ts).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { ProjectClusters } from "../../../src/cli/clusters.js";
import type { Release } from "../../../src/model/project.js";
import { cliIn } from "./run-cli.js";

const release = (id: string, cluster: Pick<Release, "kubeContext" | "kubeconfig">) => {
  const parts = id.split("/");
  return { id, namespace: parts.at(-2)!, name: parts.at(-1)!, ...cluster } as Release;
};

const project = {
  environment: { name: "production", values: [], secrets: [], kubeContext: "core" },
  releases: [
    release("data/db", { kubeContext: "core" }),
    release("core/ops/probe", { kubeContext: "core" }),
    release("apps/ops/probe", { kubeContext: "apps", kubeconfig: "/p/apps.kubeconfig" }),
    release("web/api", { kubeContext: "apps", kubeconfig: "/p/apps.kubeconfig" }),
  ],
};
const clusters = new ProjectClusters(project, () => Promise.reject(new Error("not connected in unit tests")));

describe("the clusters of a project", () => {
  it("groups ids per cluster, in the same order whatever order they come in", () => {
    const groups = clusters.groups(["web/api", "data/db", "apps/ops/probe", "core/ops/probe"]);
    expect(groups).toEqual([
      { ref: { kubeContext: "core", kubeconfig: undefined }, ids: ["data/db", "core/ops/probe"] },
      {
        ref: { kubeContext: "apps", kubeconfig: "/p/apps.kubeconfig" },
        ids: ["web/api", "apps/ops/probe"],
      },
    ]);
    expect(clusters.groups(["core/ops/probe", "apps/ops/probe"]).map((g) => g.ref.kubeContext)).toEqual([
      "core",
      "apps",
    ]);
  });

  it("points helm at a release's own cluster, with the namespace and name helm stores it under", () => {
    expect(clusters.targetOf("apps/ops/probe")).toEqual({
      name: "probe",
      namespace: "ops",
      kubeContext: "apps",
      kubeconfig: "/p/apps.kubeconfig",
    });
    expect(clusters.targetOf("data/db")).toEqual({ name: "db", namespace: "data", kubeContext: "core" });
  });

  it("finds a release the project no longer has by its id, else in the environment's cluster", () => {
    expect(clusters.targetOf("old/gone")).toEqual({ name: "gone", namespace: "old", kubeContext: "core" });
    expect(clusters.targetOf("edge/old/gone")).toEqual({
      name: "gone",
      namespace: "old",
      kubeContext: "edge",
    });
    expect(clusters.home).toEqual({ kubeContext: "core", kubeconfig: undefined });
  });
});

describe("list in a project across clusters", () => {
  it("shows each release's kube context, and the id that tells the two probes apart", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "releases-clusters-"));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    mkdirSync(path.join(dir, "charts/web"), { recursive: true });
    writeFileSync(path.join(dir, "charts/web/Chart.yaml"), "apiVersion: v2\nname: web\nversion: 1.0.0\n");
    writeFileSync(
      path.join(dir, "releases.yaml"),
      [
        "releases:",
        "  - { name: db, namespace: data, chart: ./charts/web }",
        "  - { name: probe, namespace: ops, chart: ./charts/web, kubeContext: core }",
        "  - { name: probe, namespace: ops, chart: ./charts/web, kubeContext: apps, needs: [core/ops/probe] }",
      ].join("\n"),
    );
    const text = await cliIn(dir, ["list"]);
    expect(text.code, text.stderr).toBe(0);
    const rows = text.stdout
      .trim()
      .split("\n")
      .map((line) => line.split(/\s+/).slice(0, 3));
    expect(rows).toEqual([
      ["NAME", "NAMESPACE", "KUBECONTEXT"],
      ["db", "data", "./charts/web"],
      ["probe", "ops", "core"],
      ["probe", "ops", "apps"],
    ]);
    const json = await cliIn(dir, ["list", "-o", "json"]);
    expect(
      (JSON.parse(json.stdout) as { kubeContext?: string; needs: string[] }[]).map((r) => [
        r.kubeContext,
        r.needs,
      ]),
    ).toEqual([
      [undefined, []],
      ["core", []],
      ["apps", ["core/ops/probe"]],
    ]);
  });
});
