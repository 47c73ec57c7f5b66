// Per-release patches applied through helm's post-render step (helm 3: an
// executable, helm 4: a postrenderer/v1 plugin): helm records the patched
// manifests, `template` and `diff` show them, and a patch that targets nothing
// fails naming the patch and the release, with nothing deployed.
import { describe, expect, it, onTestFinished } from "vitest";
import { HELM_BINARIES, helmHistory, helmManifest, Project, reportOf, unique } from "../deploy/support.js";
import { addManifests, type LiveDeployment, live, writeOverlay } from "./support.js";

describe.each(HELM_BINARIES)("patches with %s", (helm) => {
  it("a JSON patch, a strategic merge patch and a label transformer are in the deployed manifests", async () => {
    const ns = `patch-${unique()}`;
    const project = new Project(helm, [
      {
        name: "backend",
        namespace: ns,
        chart: "./manifests/backend/overlays/{{environment.name}}",
        jsonPatches: [
          {
            target: { group: "apps", version: "v1", kind: "Deployment", name: "backend" },
            patch: [{ op: "remove", path: "/spec/template/spec/securityContext" }],
          },
        ],
        strategicMergePatches: [
          {
            apiVersion: "apps/v1",
            kind: "Deployment",
            metadata: { name: "backend" },
            spec: {
              template: {
                spec: {
                  containers: [{ name: "app", readinessProbe: { httpGet: { path: "/ready", port: 8080 } } }],
                },
              },
            },
          },
        ],
        transformers: [
          {
            apiVersion: "builtin",
            kind: "LabelTransformer",
            metadata: { name: "environment" },
            labels: { environment: "{{environment.name}}" },
            fieldSpecs: [{ path: "metadata/labels", create: true }],
          },
        ],
      },
      {
        name: "paced",
        namespace: ns,
        strategicMergePatches: [
          {
            apiVersion: "apps/v1",
            kind: "Deployment",
            metadata: { name: "paced" },
            spec: {
              template: { spec: { containers: [{ name: "app", env: [{ name: "PATCHED", value: "yes" }] }] } },
            },
          },
        ],
        jsonPatches: [
          {
            target: { kind: "ConfigMap", name: "paced-message" },
            patch: [{ op: "replace", path: "/data/message", value: "patched" }],
          },
        ],
      },
    ]);
    onTestFinished(() => project.cleanUp());
    addManifests(project);
    writeOverlay(project, {});

    const template = await project.releases(["template"]);
    expect(template.code, template.stderr).toBe(0);
    expect(template.stdout).toContain("path: /ready");
    expect(template.stdout).toContain("message: patched");

    const result = await project.releases(["sync"]);
    expect(result.code, result.stderr).toBe(0);
    const backend = await live<LiveDeployment>(ns, "deployment", "backend");
    expect(backend.spec.template.spec.securityContext ?? {}).toEqual({});
    expect(backend.spec.template.spec.containers[0]!.readinessProbe!.httpGet.path).toBe("/ready");
    expect(backend.metadata.labels).toMatchObject({ app: "backend", environment: project.environment });
    const paced = await live<LiveDeployment>(ns, "deployment", "paced");
    expect(paced.spec.template.spec.containers[0]!.env).toEqual([{ name: "PATCHED", value: "yes" }]);
    expect((await live<{ data: object }>(ns, "configmap", "paced-message")).data).toEqual({
      message: "patched",
    });
    // Helm recorded the patched manifests, so a diff against them is empty.
    const manifest = await helmManifest(helm, "paced", ns, 1);
    expect(manifest).toContain("PATCHED");
    const diff = await project.releases(["diff", "--detailed-exitcode"]);
    expect(diff.code, diff.stdout).toBe(0);
    expect((await helmManifest(helm, "backend", ns, 1)).includes("runAsNonRoot")).toBe(false);
  });

  it("a patch that targets nothing fails naming the patch and the release; nothing is deployed", async () => {
    const ns = `nothing-${unique()}`;
    const project = new Project(helm, [
      {
        name: "paced",
        namespace: ns,
        jsonPatches: [
          {
            target: { kind: "StatefulSet", name: "paced" },
            patch: [{ op: "remove", path: "/spec/template/spec/securityContext" }],
          },
        ],
      },
      {
        name: "plain",
        namespace: ns,
        chart: "./manifests/plain",
        strategicMergePatches: [
          { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "missing" }, data: { a: "b" } },
        ],
      },
    ]);
    onTestFinished(() => project.cleanUp());
    addManifests(project);

    // A manifests release is checked before anything is deployed: invalid input.
    const plain = await project.releases(["sync", "-l", "name=plain"]);
    expect(plain.code, plain.stderr).toBe(2);
    expect(plain.failure?.error.message).toContain(
      `release ${ns}/plain: strategicMergePatches[0] matches no resource (ConfigMap missing)`,
    );
    expect(await helmHistory(helm, "plain", ns)).toEqual([]);

    // A chart's patches meet its manifests in helm's post-render step, which fails before anything is installed.
    const chart = await project.releases(["sync", "-l", "name=paced"]);
    expect(chart.code, chart.stderr).toBe(1);
    expect(reportOf(chart, `${ns}/paced`).error).toContain(
      `release ${ns}/paced: jsonPatches[0] matches no resource (target kind=StatefulSet,name=paced)`,
    );
    expect(await helmHistory(helm, "paced", ns)).toEqual([]);
  });
});
