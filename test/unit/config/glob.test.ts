import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { localFiles } from "../../../src/config/files.js";
import { globBase, globToRegExp, isGlob } from "../../../src/config/glob.js";

describe("include globs", () => {
  it.each([
    { pattern: "teams/*.yaml", path: "teams/shop.yaml", matches: true },
    { pattern: "teams/*.yaml", path: "teams/a/shop.yaml", matches: false },
    { pattern: "teams/**/*.yaml", path: "teams/shop.yaml", matches: true },
    { pattern: "teams/**/*.yaml", path: "teams/a/b/shop.yaml", matches: true },
    { pattern: "teams/?.yaml", path: "teams/a.yaml", matches: true },
    { pattern: "teams/?.yaml", path: "teams/ab.yaml", matches: false },
    { pattern: "{apps,data}/releases.yaml", path: "data/releases.yaml", matches: true },
    { pattern: "{apps,data}/releases.yaml", path: "web/releases.yaml", matches: false },
    { pattern: "team-[ab].yaml", path: "team-b.yaml", matches: true },
    { pattern: "team-[!ab].yaml", path: "team-a.yaml", matches: false },
    { pattern: "a.b/*.yaml", path: "aXb/x.yaml", matches: false },
  ])("$pattern ~ $path: $matches", ({ pattern, path, matches }) => {
    expect(globToRegExp(pattern).test(path)).toBe(matches);
  });

  it("tells globs from paths and finds the directory to walk", () => {
    expect(isGlob("teams/*.yaml")).toBe(true);
    expect(isGlob("platform/releases.yaml")).toBe(false);
    expect(globBase("teams/**/x/*.yaml")).toBe("teams");
    expect(globBase("*.yaml")).toBe("");
  });

  const dir = mkdtempSync(join(tmpdir(), "glob-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("walks the local filesystem, sorted, skipping node_modules and .git", async () => {
    for (const file of [
      "teams/b.yaml",
      "teams/a.yaml",
      "teams/deep/c.yaml",
      "node_modules/x/d.yaml",
      "teams/e.txt",
    ]) {
      mkdirSync(join(dir, file, ".."), { recursive: true });
      writeFileSync(join(dir, file), "releases: []\n");
    }
    expect(await localFiles.glob("teams/*.yaml", dir)).toEqual([
      join(dir, "teams/a.yaml"),
      join(dir, "teams/b.yaml"),
    ]);
    expect(await localFiles.glob("**/*.yaml", dir)).toEqual([
      join(dir, "teams/a.yaml"),
      join(dir, "teams/b.yaml"),
      join(dir, "teams/deep/c.yaml"),
    ]);
    expect(await localFiles.glob("missing/*.yaml", dir)).toEqual([]);
  });
});
