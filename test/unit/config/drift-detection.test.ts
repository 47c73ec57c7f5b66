import { describe, expect, it } from "vitest";
import { failure, loadLines } from "./memory-files.js";

const load = loadLines;

describe("driftDetection on defaults, templates and releases", () => {
  it("takes the mode from the release, else defaults; the defaults' rules come before the release's", async () => {
    const project = await load([
      "defaults:",
      "  driftDetection: { mode: warn, ignore: [{ paths: [/metadata/labels/team] }] }",
      "templates:",
      "  scaled: { driftDetection: { ignore: [{ target: { kind: Deployment, name: web-.* }, paths: [/spec/replicas] }] } }",
      "releases:",
      "  - { name: a, chart: ./charts/web, inherit: [scaled] }",
      "  - { name: b, chart: ./charts/web, driftDetection: { mode: disabled } }",
    ]);
    expect(project.releases[0]!.driftDetection).toEqual({
      mode: "warn",
      ignore: [
        { paths: ["/metadata/labels/team"], rule: "defaults.driftDetection.ignore[0]" },
        {
          target: { kind: "Deployment", name: "web-.*" },
          paths: ["/spec/replicas"],
          rule: "driftDetection.ignore[0]",
        },
      ],
    });
    expect(project.releases[1]!.driftDetection).toEqual({
      mode: "disabled",
      ignore: [{ paths: ["/metadata/labels/team"], rule: "defaults.driftDetection.ignore[0]" }],
    });
  });

  it("leaves a release that says nothing without drift settings (enabled, no rules of its own)", async () => {
    const project = await load(["releases:", "  - { name: a, chart: ./charts/web }"]);
    expect(project.releases[0]!.driftDetection).toBeUndefined();
  });

  it.each([
    {
      what: "a path that is not a JSON pointer",
      yaml: "    driftDetection: { ignore: [{ paths: [spec.replicas] }] }",
      field: "releases[0].driftDetection.ignore[0].paths[0]",
      message: /JSON pointer/,
    },
    {
      what: "an unknown mode",
      yaml: "    driftDetection: { mode: correct }",
      field: "releases[0].driftDetection.mode",
      message: /enabled.*warn.*disabled/,
    },
    {
      what: "a target key Flux has and releases does not",
      yaml: "    driftDetection: { ignore: [{ paths: [/spec], target: { labelSelector: a=b } }] }",
      field: "releases[0].driftDetection.ignore[0].target.labelSelector",
      message: /labelSelector/,
    },
    {
      what: "a name that is not a regular expression",
      yaml: "    driftDetection: { ignore: [{ paths: [/spec], target: { name: 'web-(' } }] }",
      field: "releases[0].driftDetection.ignore[0].target.name",
      message: /not a regular expression/,
    },
  ])("refuses $what, naming the file, line and field", async ({ yaml, field, message }) => {
    const error = await failure(load(["releases:", "  - name: a", "    chart: ./charts/web", yaml]));
    expect(error.location).toMatchObject({ file: "/p/releases.yaml", line: 4, field });
    expect(`${error.message} ${error.hint ?? ""}`).toMatch(message);
  });

  it("checks the defaults' rules where they are written", async () => {
    const error = await failure(
      load([
        "defaults:",
        "  driftDetection: { ignore: [{ paths: [/spec], target: { namespace: '[' } }] }",
        "releases:",
        "  - { name: a, chart: ./charts/web }",
      ]),
    );
    expect(error.location).toMatchObject({
      line: 2,
      field: "defaults.driftDetection.ignore[0].target.namespace",
    });
  });
});
