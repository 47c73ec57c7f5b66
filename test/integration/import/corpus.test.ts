// The import over helmfile's published test inputs (test/bench/import-vs-helmfile.mjs):
// the cases that render the same objects in both tools today must keep doing
// so — `helmfile template` of the original against `releases template` of the
// import, object by object. The ones that differ are explained in
// docs/migrating-from-helmfile.md and printed by the script; a case newly
// identical is worth adding here.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs benchmark module, without types
import { compareCorpus, identical } from "../../bench/import-vs-helmfile.mjs";
import { repoRoot } from "../../toolchain/tools.js";

const SAME = [
  "releases: test/e2e/import/stack",
  "helmfile: test-cases/chart-deps-condition",
  "helmfile: test-cases/chartify",
  "helmfile: test-cases/deps-kustomization-i-1402",
  "helmfile: test-cases/diff-args",
  "helmfile: test-cases/issue-2269",
  "helmfile: test-cases/issue-2271",
  "helmfile: test-cases/issue-2280",
  "helmfile: test-cases/issue-2291",
  "helmfile: test-cases/issue-2297-local-chart-transformers",
  "helmfile: test-cases/issue-2353-layer-array-replace",
  "helmfile: test-cases/issue-2409-sequential-kubecontext",
  "helmfile: test-cases/issue-2424-sequential-values-paths",
  "helmfile: test-cases/issue-2503-kustomize-fetch",
  "helmfile: test-cases/issue-2515",
  "helmfile: test-cases/issue-2544",
  "helmfile: test-cases/skip-diff-output",
  "helmfile: test-cases/unittest",
];

beforeAll(() => {
  // helmfile from the toolchain's optional component (cached in the shared store after the first build).
  execFileSync(path.join(repoRoot, "scripts", "toolchain"), ["helmfile"], {
    stdio: ["ignore", "ignore", "inherit"],
  });
}, 1_200_000);

describe("releases import beside helmfile, over helmfile's own test inputs", () => {
  it("renders the same objects as helmfile for every case that did", () => {
    const { results } = compareCorpus(SAME.map((name) => name.replace(/^\w+: /, ""))) as {
      results: { name: string; skipped?: string; failed?: string; detail?: string[] }[];
    };
    const byName = new Map(results.map((r) => [r.name, r]));
    for (const name of SAME) {
      const result = byName.get(name);
      expect(result, `${name} is in the corpus`).toBeDefined();
      expect(
        identical(result),
        `${name}: ${result!.skipped ?? result!.failed ?? result!.detail?.join("; ") ?? "objects only one tool renders"}`,
      ).toBe(true);
    }
  }, 600_000);
});
