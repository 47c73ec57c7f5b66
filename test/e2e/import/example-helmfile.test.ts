// The example stack written as a helmfile (test/fixtures/example-helmfile:
// its SOPS secrets and its Vault password as vals references, which helmfile
// resolves in values files), imported by `releases import`, rendered by both
// tools and compared object by object (test/bench/import-vs-helmfile.mjs).
// Secrets compare through releases' redaction: where releases prints
// `<redacted>`, helmfile's plaintext stands. The one known difference: helmfile
// (chartify) writes the release's namespace into the objects of a kustomize
// directory, releases leaves them without one, and helm installs those into the
// release's namespace — the same objects in the cluster.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs benchmark module, without types
import { compareCorpus } from "../../bench/import-vs-helmfile.mjs";
import { repoRoot } from "../../toolchain/tools.js";
import { admin, putKv2 } from "../vault/fixture.js";

interface Compared {
  name: string;
  skipped?: string;
  failed?: string;
  helmfile: number;
  same: number;
  hidden: number;
  differ: string[];
  onlyHelmfile: string[];
  onlyReleases: string[];
  left: number;
  report: string;
}

beforeAll(async () => {
  execFileSync(path.join(repoRoot, "scripts", "toolchain"), ["helmfile"], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  // app1's password, as scripts/demo seeds it, unless a test of the stack already did.
  const vault = admin();
  await vault.read("secret/data/app1/db").catch(async (error: { response?: { statusCode?: number } }) => {
    if (error.response?.statusCode !== 404) throw error;
    await putKv2(vault, "secret", "app1/db", { username: "app1", password: "example-helmfile-7c1e" });
  });
}, 1_200_000);

describe("the example stack as a helmfile, imported", () => {
  it("renders the objects helmfile renders, secrets included, but for the namespace of kustomized objects", () => {
    const { results } = compareCorpus(["the example stack as a helmfile"]) as { results: Compared[] };
    expect(results).toHaveLength(1);
    const [r] = results;
    expect(r!.skipped ?? r!.failed).toBeUndefined();
    expect(r!.helmfile).toBeGreaterThanOrEqual(50);
    expect(r!.differ).toEqual([]);
    const statusPage = ["Service", "Deployment"];
    expect(r!.onlyHelmfile.sort()).toEqual(
      statusPage.map((kind) => `${kind}/frontend/dev-status-page`).sort(),
    );
    expect(r!.onlyReleases.sort()).toEqual(statusPage.map((kind) => `${kind}/-/dev-status-page`).sort());
    expect(r!.same).toBe(r!.helmfile - 2);
    // the SOPS and Vault values reached both renders: releases hid them where helmfile printed them
    expect(r!.hidden).toBeGreaterThanOrEqual(3);
    // left: only the environment `if` inside postgresql's inline patch (its development branch kept)
    expect(r!.left).toBe(1);
    expect(r!.report).toContain('{{- if eq .Environment.Name "development" }}');
  }, 600_000);
});
