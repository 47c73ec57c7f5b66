import { describe, expect, it } from "vitest";
import { cli } from "../cli/run-cli.js";

describe("a project of several files, through the CLI", () => {
  it("list shows every release with the file it is written in; needs cross files", async () => {
    const result = await cli("includes", ["list", "-o", "json"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const rows = JSON.parse(result.stdout) as {
      name: string;
      namespace: string;
      file: string;
      needs: string[];
    }[];
    expect(rows.map((r) => [r.namespace, r.name, r.file, r.needs])).toEqual([
      ["apps", "edge", "releases.yaml", ["apps/shop-api"]],
      ["platform", "database", "platform/releases.yaml", []],
      ["apps", "blog", "teams/blog.yaml", []],
      ["apps", "shop-api", "teams/shop.yaml", ["platform/database"]],
    ]);
  });

  it("selectors and graph see the releases of every file", async () => {
    const listed = await cli("includes", ["list", "-l", "tier=apps"]);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/blog .*teams\/blog\.yaml/);
    expect(listed.stdout).toMatch(/shop-api .*teams\/shop\.yaml/);
    expect(listed.stdout).not.toMatch(/^(database|edge) /m);
    const graph = await cli("includes", ["graph", "-l", "name=edge", "--include-transitive-needs"]);
    expect(graph.code, graph.stderr).toBe(0);
    expect(graph.stdout).toMatch(/database[\s\S]*shop-api[\s\S]*edge/);
  });

  it("with -o json, several problems come as a list, each with its own file and line", async () => {
    const result = await cli("includes-broken", ["-o", "json", "list"]);
    expect(result.code).toBe(2);
    const report = JSON.parse(result.stdout) as {
      error: { message: string; problems: { message: string; location: { file: string; line: number } }[] };
    };
    expect(report.error.message).toBe("2 problems");
    expect(report.error.problems.map((p) => [p.location.file, p.location.line, p.message])).toEqual([
      ["teams/shop.yaml", 3, 'unknown key "namspace" (did you mean "namespace"?)'],
      ["releases.yaml", 6, 'unknown template "ap" (did you mean "app"?)'],
    ]);
  });
});
