import { describe, expect, it } from "vitest";
import { failure, loadLines } from "./memory-files.js";

const load = loadLines;

describe("helm options on defaults and releases", () => {
  it("takes each option from the release, else from defaults; a release with none has none", async () => {
    const project = await load([
      "defaults: { skipCRDs: true, description: from-defaults, args: { template: [--include-crds] } }",
      "releases:",
      "  - { name: a, chart: ./charts/web, description: own, force: true, args: { sync: [--dependency-update] } }",
      "  - { name: b, chart: ./charts/web }",
    ]);
    expect(project.releases[0]!.helm).toEqual({
      skipCRDs: true,
      description: "own",
      force: true,
      args: { sync: ["--dependency-update"], template: ["--include-crds"] },
    });
    expect(project.releases[1]!.helm).toEqual({
      skipCRDs: true,
      description: "from-defaults",
      args: { template: ["--include-crds"] },
    });
    const bare = await load(["releases:", "  - { name: c, chart: ./charts/web }"]);
    expect(bare.releases[0]!.helm).toBeUndefined();
  });

  it.each([
    { arg: "--values=x.yaml", why: "values are rendered and piped on stdin by releases: use values:" },
    { arg: "-f", why: "values are rendered and piped on stdin by releases: use values:" },
    { arg: "--set-string", why: "use set: (or --set on the releases command line)" },
    { arg: "--atomic=false", why: "use atomic: true|false" },
    { arg: "--rollback-on-failure", why: "use atomic: true|false" },
    { arg: "--wait", why: "use wait: true|false" },
    { arg: "--reuse-values", why: "use reuseValues: / resetValues:" },
  ])("refuses $arg in args, at its line", async ({ arg, why }) => {
    const error = await failure(
      load(["releases:", "  - name: a", "    chart: ./charts/web", `    args: { sync: ['${arg}'] }`]),
    );
    expect(error.message).toBe(`args.sync: ${arg.split("=")[0]} is not allowed: ${why}`);
    expect(error.location).toMatchObject({ line: 4, field: "releases[0].args.sync[0]" });
  });

  it("checks args of defaults once, where they are written", async () => {
    const error = await failure(
      load([
        "defaults:",
        "  args: { diff: [--timeout=1s] }",
        "releases:",
        "  - { name: a, chart: ./charts/web }",
        "  - { name: b, chart: ./charts/web }",
      ]),
    );
    expect(error.describe()).toBe(
      "/p/releases.yaml:2:18 defaults.args.diff[0]: args.diff: --timeout is not allowed: use timeout:",
    );
  });

  it("refuses reuseValues with resetValues", async () => {
    const error = await failure(
      load(["releases:", "  - { name: a, chart: ./charts/web, reuseValues: true, resetValues: true }"]),
    );
    expect(error.message).toBe("reuseValues and resetValues exclude each other");
  });
});
