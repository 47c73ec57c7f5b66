// `releases diff`: what a sync would change, as unified diffs of the deployed
// and desired manifests (helm renders the desired side), Secret data never in
// clear, exit 2 with --detailed-exitcode when something would change — and
// nothing deployed by looking.
import { describe, it } from "vitest";
import { HELM_BINARIES, latestRevision, Project, type ReleaseSpec, unique } from "../deploy/support.js";
import { settingsChart } from "./fixtures.js";

interface DiffJson {
  release: string;
  changes: { resource: string; change: "added" | "removed" | "changed"; patch: string }[];
}

describe.concurrent.each(HELM_BINARIES)("diff with %s", (helm) => {
  it("shows added resources before the first sync, nothing after it, then exactly a changed value", async ({
    expect,
    onTestFinished,
  }) => {
    const ns = `diff-${unique()}`;
    // Secret values long and odd enough that finding them anywhere in the output means a leak.
    const oldPassword = `old-pw-${unique()}-Xq7`;
    const newPassword = `new-pw-${unique()}-Zr9`;
    const app = (message: string, password: string): ReleaseSpec => ({
      name: "app",
      namespace: ns,
      chart: settingsChart,
      values: [{ message, password }],
    });
    const other: ReleaseSpec = {
      name: "other",
      namespace: ns,
      chart: settingsChart,
      values: [{ message: "other" }],
    };
    const project = new Project(helm, [app("hello", oldPassword), other]);
    onTestFinished(() => project.cleanUp());

    // Nothing deployed yet: every resource is added, and the flag turns that into exit 2.
    const before = await project.releases(["diff", "--detailed-exitcode"]);
    expect(before.code, before.stderr).toBe(2);
    const added = JSON.parse(before.stdout) as DiffJson[];
    expect(added.map((r) => [r.release, r.changes.map((c) => [c.resource, c.change])])).toEqual([
      [
        `${ns}/app`,
        [
          [`ConfigMap/${ns}/app-settings`, "added"],
          [`Secret/${ns}/app-credentials`, "added"],
        ],
      ],
      [
        `${ns}/other`,
        [
          [`ConfigMap/${ns}/other-settings`, "added"],
          [`Secret/${ns}/other-credentials`, "added"],
        ],
      ],
    ]);
    expect(await latestRevision(helm, "app", ns)).toBe(0); // diff deployed nothing

    const sync = await project.releases(["sync"]);
    expect(sync.code, sync.stderr).toBe(0);

    // In sync: exit 0 with the flag, no patch printed, every release listed with no change.
    const clean = await project.releases(["diff", "--detailed-exitcode"]);
    expect(clean.code, clean.stderr).toBe(0);
    expect(JSON.parse(clean.stdout)).toEqual([
      { release: `${ns}/app`, changes: [] },
      { release: `${ns}/other`, changes: [] },
    ]);
    const cleanText = await project.releases(["diff", "--detailed-exitcode"], { output: "text" });
    expect(cleanText.code, cleanText.stderr).toBe(0);
    expect(cleanText.stdout).toBe("");
    expect(cleanText.stderr).toContain("no changes");

    // One release's message and password change.
    project.setReleases([app("changed", newPassword), other]);

    const text = await project.releases(["diff"], { output: "text" });
    expect(text.code, text.stderr).toBe(0); // without the flag, changes are not an error
    expect(text.stdout).toContain(`${ns}/app: 2 resource(s) change`);
    expect(text.stdout).toContain(`--- ${ns}/app ConfigMap/${ns}/app-settings (deployed)`);
    expect(text.stdout).toContain(`+++ ${ns}/app ConfigMap/${ns}/app-settings (desired)`);
    expect(text.stdout).toMatch(/^-\s+message: hello$/m);
    expect(text.stdout).toMatch(/^\+\s+message: changed$/m);
    expect(text.stdout).toContain(`--- ${ns}/app Secret/${ns}/app-credentials (deployed)`);
    expect(text.stdout).toMatch(/^\+\s+password: <redacted \(changed\)>$/m);
    expect(text.stdout).not.toContain(`${ns}/other`);
    expect(text.stderr).toContain("1 of 2 release(s) would change");
    for (const secret of [oldPassword, newPassword]) {
      for (const form of [secret, Buffer.from(secret).toString("base64")]) {
        expect(text.stdout).not.toContain(form);
        expect(text.stderr).not.toContain(form);
      }
    }

    const detailed = await project.releases(["diff", "--detailed-exitcode"]);
    expect(detailed.code, detailed.stderr).toBe(2);
    const changes = JSON.parse(detailed.stdout) as DiffJson[];
    expect(changes.map((r) => [r.release, r.changes.map((c) => [c.resource, c.change])])).toEqual([
      [
        `${ns}/app`,
        [
          [`ConfigMap/${ns}/app-settings`, "changed"],
          [`Secret/${ns}/app-credentials`, "changed"],
        ],
      ],
      [`${ns}/other`, []],
    ]);
    expect(changes[0]!.changes[1]!.patch).toContain("<redacted (changed)>");
    for (const form of [oldPassword, newPassword, Buffer.from(newPassword).toString("base64")]) {
      expect(detailed.stdout).not.toContain(form);
    }

    // A selector narrows the diff to the selected releases.
    const selected = await project.releases(["diff", "--detailed-exitcode", "-l", "name=other"]);
    expect(selected.code, selected.stderr).toBe(0);
    expect(JSON.parse(selected.stdout)).toEqual([{ release: `${ns}/other`, changes: [] }]);

    // Looking changed nothing: the deployed revision is still the first.
    expect(await latestRevision(helm, "app", ns)).toBe(1);
  });
});
