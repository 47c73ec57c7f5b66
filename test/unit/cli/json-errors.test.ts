import { describe, expect, it } from "vitest";
import { cli } from "./run-cli.js";

describe("with -o json, a run that fails before its report still prints one JSON document", () => {
  it("carries the error's kind, message, location and hint, and the exit code", async () => {
    const result = await cli("cycle", ["-o", "json", "list"]);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toEqual({
      ok: false,
      exitCode: 2,
      error: {
        kind: "GraphError",
        message: "dependency cycle: default/a -> default/b -> default/c -> default/a",
        location: { file: "releases.yaml", line: 4, column: 13, field: "releases[0].needs[0]" },
        hint: "remove one of these needs",
      },
    });
    expect(result.stderr).toContain("dependency cycle");
  });

  it("prints nothing extra in text mode", async () => {
    const result = await cli("cycle", ["list"]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
  });
});
