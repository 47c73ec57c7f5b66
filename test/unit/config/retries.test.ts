import { describe, expect, it } from "vitest";
import { ConfigProblems } from "../../../src/config/problems.js";
import { backoffSeconds } from "../../../src/config/retries.js";
import { failure, loadLines } from "./memory-files.js";

const load = loadLines;

describe("retries on releases and defaults", () => {
  it("a count (backoff 5s), {count, backoff}, from defaults, or none; 0 is none", async () => {
    const project = await load([
      "defaults: { retries: 1 }",
      "releases:",
      "  - { name: a, chart: ./charts/web, retries: 2 }",
      "  - { name: b, chart: ./charts/web, retries: { count: 3, backoff: 1m } }",
      "  - { name: c, chart: ./charts/web }",
      "  - { name: d, chart: ./charts/web, retries: 0 }",
    ]);
    expect(project.releases.map((r) => r.retries)).toEqual([
      { count: 2, backoffSeconds: 5 },
      { count: 3, backoffSeconds: 60 },
      { count: 1, backoffSeconds: 5 },
      undefined,
    ]);
  });

  it("retries need atomic: the error points at the release's atomic line", async () => {
    const error = await failure(
      load(["releases:", "  - name: a", "    chart: ./charts/web", "    retries: 2", "    atomic: false"]),
    );
    expect(error.message).toContain("a: retries need atomic: true");
    expect(error.location).toMatchObject({ file: "/p/releases.yaml", line: 5, field: "releases[0].atomic" });
  });

  it.each([
    ["a negative count", "retries: -1"],
    ["more than 10", "retries: 11"],
    ["a string", "retries: twice"],
    ["an unknown key", "retries: { count: 2, delay: 5s }"],
    ["a bad backoff", "retries: { count: 2, backoff: soon }"],
  ])("refuses %s at its line", async (_, line) => {
    const error = await failure(load(["releases:", "  - name: a", "    chart: ./charts/web", `    ${line}`]));
    const problem = error instanceof ConfigProblems ? error.problems[0]! : error;
    expect(problem.location).toMatchObject({ line: 4 });
    expect(problem.location?.field).toMatch(/^releases\[0\]\.retries/);
  });

  it("the backoff doubles for each retry, at most five minutes", () => {
    const policy = { count: 10, backoffSeconds: 5 };
    expect([1, 2, 3, 4, 7, 8].map((n) => backoffSeconds(policy, n))).toEqual([5, 10, 20, 40, 300, 300]);
  });
});
