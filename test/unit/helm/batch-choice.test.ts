// Which releases `releases template` hands to releases-render, and why the others keep helm template.
import { describe, expect, it } from "vitest";
import { templateArgs } from "../../../src/helm/args.js";
import { type BatchCandidate, chooseRenderPath, refusedFlag } from "../../../src/helm/batch-choice.js";
import type { ChartRef, HelmOptions } from "../../../src/model/project.js";

const target = { name: "web", namespace: "apps" };
const local: ChartRef = { kind: "local", path: "/p/charts/web", display: "./charts/web" };
const candidate = (over: Partial<BatchCandidate> = {}, helm?: HelmOptions): BatchCandidate => ({
  chart: local,
  generatedChart: false,
  patched: false,
  args: templateArgs(target, { chart: over.chart ?? local }, helm),
  ...over,
});
const helm3 = { major: 3 as const };

describe("chooseRenderPath", () => {
  it("takes a plain local chart with helm 3 and a matching releases-render", () => {
    expect(chooseRenderPath(candidate(), helm3)).toEqual({ batch: true });
  });

  it("takes the rendering options releases passes to helm template", () => {
    const options: HelmOptions = {
      skipCRDs: true,
      skipSchemaValidation: true,
      disableOpenAPIValidation: true,
      devel: true,
      kubeVersion: "1.30.0",
      apiVersions: ["monitoring.coreos.com/v1", "example.com/v1"],
      args: { template: ["--include-crds", "--skip-tests", "--no-hooks", "--is-upgrade=true"] },
    };
    expect(chooseRenderPath(candidate({}, options), helm3)).toEqual({ batch: true });
  });

  it.each([
    [
      "repository chart",
      { chart: { kind: "repo", repository: "r", name: "n", display: "r/n" } },
      "a repo chart",
    ],
    ["OCI chart", { chart: { kind: "oci", url: "oci://r/n", display: "oci://r/n" } }, "a oci chart"],
    ["manifests directory", { generatedChart: true }, "a generated chart"],
    ["patched release", { patched: true }, "patches (a post-renderer)"],
  ] as [string, Partial<BatchCandidate>, string][])("keeps helm template for a %s", (_, over, reason) => {
    expect(chooseRenderPath(candidate(over), helm3)).toEqual({ batch: false, reason });
  });

  it("keeps helm template for helm 4 and when releases-render is unavailable", () => {
    expect(chooseRenderPath(candidate(), { major: 4 })).toEqual({ batch: false, reason: "helm 4" });
    const unavailable = "releases-render links helm v3.21.4, helm is v3.20.0";
    expect(chooseRenderPath(candidate(), { major: 3, unavailable })).toEqual({
      batch: false,
      reason: unavailable,
    });
  });

  it("keeps helm template for extra template args releases-render does not take", () => {
    const verify = candidate({}, { verify: true });
    expect(chooseRenderPath(verify, helm3)).toEqual({ batch: false, reason: "the flag --verify" });
    const showOnly = candidate({}, { args: { template: ["--show-only", "templates/a.yaml"] } });
    expect(chooseRenderPath(showOnly, helm3)).toEqual({ batch: false, reason: "the flag --show-only" });
  });
});

describe("refusedFlag", () => {
  it.each([
    [["template", "web", "/c", "--values", "-"], undefined],
    [["template", "web", "/c", "--values=-", "--namespace=apps", "--api-versions", "a/v1"], undefined],
    [["template", "web", "/c"], "no --values -"],
    [["template", "web", "/c", "--values", "-", "--values", "-"], "--values -"],
    [["template", "web", "/c", "--values", "/tmp/v.yaml"], "--values /tmp/v.yaml"],
    [["template", "web", "/c", "--values", "-", "--kube-version"], "--kube-version"],
    [["template", "web", "/c", "--values", "-", "--include-crds=yes"], "--include-crds=yes"],
    [["template", "web", "/c", "--values", "-", "--set", "a=1"], "--set"],
    [["upgrade", "web", "/c"], "upgrade"],
  ])("%j → %s", (args, refused) => {
    expect(refusedFlag(args)).toBe(refused);
  });
});
