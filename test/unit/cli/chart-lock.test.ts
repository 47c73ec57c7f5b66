// A project with releases.lock: a release the lock does not cover, or a lock
// edited by hand, stops the command before any chart is fetched (exit 2).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { formatLock, makeLock } from "../../../src/charts/lock-file.js";
import { cliIn } from "./run-cli.js";

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function project(constraint: string): string {
  dir = mkdtempSync(join(tmpdir(), "releases-lock-cli-"));
  writeFileSync(
    join(dir, "releases.yaml"),
    [
      "repositories:",
      "  - { name: stable, url: https://charts.example.com/ }",
      "releases:",
      "  - name: web",
      "    chart: stable/web",
      `    version: "${constraint}"`,
    ].join("\n"),
  );
  const lock = makeLock(
    [
      {
        repository: "https://charts.example.com",
        chart: "web",
        constraint: "~1.2.0",
        version: "1.2.7",
        digest: `sha256:${"c".repeat(64)}`,
      },
    ],
    new Date(0),
  );
  writeFileSync(join(dir, "releases.lock"), formatLock(lock));
  return dir;
}

describe("a project with releases.lock", () => {
  it("refuses a release whose constraint the lock does not hold, at its line", async () => {
    const result = await cliIn(project("~1.3.0"), ["template"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'releases.yaml:4:5 releases[0] (web).version: default/web: chart stable/web version "~1.3.0" is not in releases.lock',
    );
    expect(result.stderr).toContain("hint: run `releases deps`");
  });

  it("refuses a lock edited by hand", async () => {
    const root = project("~1.2.0");
    writeFileSync(
      join(root, "releases.lock"),
      formatLock(
        makeLock(
          [
            {
              repository: "https://charts.example.com",
              chart: "web",
              constraint: "~1.2.0",
              version: "1.2.7",
              digest: "x",
            },
          ],
          new Date(0),
        ),
      ).replace("~1.2.0", "~1.3.0"),
    );
    const result = await cliIn(root, ["template"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /releases\.lock:\d+:\d+ digest: the chart lock's entries do not match its digest/,
    );
  });

  it("sync --dry-run --update-lock is refused: a dry run writes nothing", async () => {
    const result = await cliIn(project("~1.2.0"), ["sync", "--dry-run", "--update-lock"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--update-lock writes releases.lock");
  });
});
