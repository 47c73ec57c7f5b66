// Which cluster each release id belongs to, how helm is pointed at it, and the
// order clusters are locked in: the pure part of cli/clusters.ts (connecting
// and reading are covered end to end in test/e2e/deploy/clusters.test.ts).
import { describe, expect, it } from "vitest";
import { ProjectClusters } from "../../../src/cli/clusters.js";
import type { Release } from "../../../src/model/project.js";

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
