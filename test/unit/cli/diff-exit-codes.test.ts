import { describe, expect, it } from "vitest";
import { cli } from "./run-cli.js";

// `diff --detailed-exitcode` keeps 2 for "there are changes" (helm-diff, terraform), so CI can tell
// changes from errors: invalid input exits 5 there, whatever kind it is; other errors keep their codes.
describe("diff --detailed-exitcode never exits 2 for an error", { timeout: 30_000 }, () => {
  it.each([
    { what: "an invalid project", project: "unknown-key", argv: ["diff", "--detailed-exitcode"] },
    { what: "a cycle in the needs", project: "cycle", argv: ["diff", "--detailed-exitcode"] },
    { what: "a malformed selector", project: "values", argv: ["diff", "--detailed-exitcode", "-l", "=x"] },
    { what: "an unknown flag", project: "values", argv: ["diff", "--detailed-exitcode", "--no-such-flag"] },
  ])("$what exits 5", async ({ project, argv }) => {
    const result = await cli(project, argv);
    expect(result.code).toBe(5);
    expect(result.stderr).not.toBe("");
  });

  it("without the flag the same input exits 2", async () => {
    expect((await cli("unknown-key", ["diff"])).code).toBe(2);
  });
});
