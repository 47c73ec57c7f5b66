// `crds: createReplace`: a chart that brings a new version of its CRD deploys
// resources of that version; with helm's default the CRD never changes after
// the first install, so the same upgrade fails.
import { describe, expect, it, onTestFinished } from "vitest";
import { HELM_BINARIES, helmHistory, kubectl, Project, reportOf, unique } from "../deploy/support.js";
import { live } from "./support.js";

/** A chart with a Widget CRD (group `<group>`) in crds/ and one Widget of `version` in templates/. */
function writeWidgetChart(project: Project, group: string, versions: string[], storage: string): void {
  project.writeFile("widgets/Chart.yaml", { apiVersion: "v2", name: "widgets", version: "0.1.0" });
  project.writeFile("widgets/crds/widgets.yaml", {
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
    metadata: { name: `widgets.${group}` },
    spec: {
      group,
      scope: "Namespaced",
      names: { plural: "widgets", singular: "widget", kind: "Widget", listKind: "WidgetList" },
      versions: versions.map((name) => ({
        name,
        served: true,
        storage: name === storage,
        schema: {
          openAPIV3Schema: {
            type: "object",
            properties: { spec: { type: "object", "x-kubernetes-preserve-unknown-fields": true } },
          },
        },
      })),
    },
  });
  project.writeFile(
    "widgets/templates/widget.yaml",
    `apiVersion: ${group}/${storage}\nkind: Widget\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  size: 1\n`,
  );
}

describe.each(HELM_BINARIES)("CRDs with %s", (helm) => {
  it("createReplace brings a new CRD version with the chart; helm's default does not", async () => {
    const id = unique();
    const group = `${helm}-${id}.releases.test`;
    const ns = `crds-${id}`;
    const project = new Project(helm, [
      { name: "replaced", namespace: ns, chart: "./widgets", crds: "createReplace", wait: false },
    ]);
    onTestFinished(async () => {
      await project.cleanUp();
      await kubectl(["delete", "crd", `widgets.${group}`, "--ignore-not-found", "--wait=false"]);
    });
    writeWidgetChart(project, group, ["v1alpha1"], "v1alpha1");
    const first = await project.releases(["sync"]);
    expect(first.code, first.stderr).toBe(0);
    const served = async () =>
      (
        await live<{ spec: { versions: { name: string }[] } }>("default", "crd", `widgets.${group}`)
      ).spec.versions.map((v) => v.name);
    expect(await served()).toEqual(["v1alpha1"]);

    // The chart moves to v1: the CRD is replaced before helm installs a v1 Widget.
    writeWidgetChart(project, group, ["v1alpha1", "v1"], "v1");
    const second = await project.releases(["sync"]);
    expect(second.code, second.stderr).toBe(0);
    expect(reportOf(second, `${ns}/replaced`)).toMatchObject({ action: "upgrade", revision: 2 });
    expect(await served()).toEqual(["v1alpha1", "v1"]);
    const widget = await live<{ apiVersion: string }>(ns, `widgets.v1.${group}`, "replaced");
    expect(widget.apiVersion).toBe(`${group}/v1`);
    expect((await helmHistory(helm, "replaced", ns)).map((h) => h.status)).toEqual([
      "superseded",
      "deployed",
    ]);
  });

  it("with helm's default, the CRD stays at the first install's version and the upgrade fails", async () => {
    const id = unique();
    const group = `${helm}-${id}.releases.test`;
    const ns = `crds-default-${id}`;
    const project = new Project(helm, [{ name: "kept", namespace: ns, chart: "./widgets", wait: false }]);
    onTestFinished(async () => {
      await project.cleanUp();
      await kubectl(["delete", "crd", `widgets.${group}`, "--ignore-not-found", "--wait=false"]);
    });
    writeWidgetChart(project, group, ["v1alpha1"], "v1alpha1");
    expect((await project.releases(["sync"])).code).toBe(0);
    writeWidgetChart(project, group, ["v1alpha1", "v1"], "v1");
    const second = await project.releases(["sync"]);
    expect(second.code, second.stderr).toBe(1);
    expect(reportOf(second, `${ns}/kept`).error).toMatch(
      /no matches for kind "Widget" in version|resource mapping not found/,
    );
  });
});
