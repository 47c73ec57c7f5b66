// What a run touches: a selector limits it to the selected releases, apply
// leaves releases already as wanted alone (no helm process at all), and needs
// outside the selection must already be deployed unless brought in.
import { describe, expect, it, onTestFinished } from "vitest";
import {
  HELM_BINARIES,
  helmHistory,
  helmList,
  helmValues,
  latestRevision,
  Project,
  type ReleaseSpec,
  reportOf,
  unique,
} from "./support.js";

describe.each(HELM_BINARIES)("selection with %s", (helm) => {
  it("sync -l app=app1 upgrades app1's releases and no other", async () => {
    const backend = `sel-back-${unique()}`;
    const frontend = `sel-front-${unique()}`;
    const releases: ReleaseSpec[] = [
      { name: "app1-back", namespace: backend, labels: { app: "app1", tier: "back" } },
      {
        name: "app1-front",
        namespace: frontend,
        labels: { app: "app1", tier: "front" },
        needs: [`${backend}/app1-back`],
      },
      { name: "app2-back", namespace: backend, labels: { app: "app2", tier: "back" } },
      {
        name: "app2-front",
        namespace: frontend,
        labels: { app: "app2", tier: "front" },
        needs: [`${backend}/app2-back`],
      },
    ];
    const project = new Project(helm, releases);
    onTestFinished(() => project.cleanUp());
    const first = await project.releases(["sync"]);
    expect(first.code, first.stderr).toBe(0);
    const revisions = async () =>
      Object.fromEntries(
        await Promise.all(
          releases.map(async (r) => [r.name, await latestRevision(helm, r.name, r.namespace)]),
        ),
      );
    expect(await revisions()).toEqual({ "app1-back": 1, "app1-front": 1, "app2-back": 1, "app2-front": 1 });

    const result = await project.releases(["sync", "-l", "app=app1"]);

    expect(result.code, result.stderr).toBe(0);
    expect(result.report!.releases.map((r) => r.id).sort()).toEqual([
      `${backend}/app1-back`,
      `${frontend}/app1-front`,
    ]);
    expect(reportOf(result, `${backend}/app1-back`)).toMatchObject({ action: "upgrade", revision: 2 });
    expect(await revisions()).toEqual({ "app1-back": 2, "app1-front": 2, "app2-back": 1, "app2-front": 1 });
  });

  it("apply runs no helm upgrade when nothing changed, then upgrades exactly the changed release", async () => {
    const ns = `apply-${unique()}`;
    const releases: ReleaseSpec[] = [
      { name: "one", namespace: ns, values: [{ message: "one" }] },
      { name: "two", namespace: ns, needs: ["one"], values: [{ message: "two" }] },
      { name: "three", namespace: ns, values: [{ message: "three" }] },
    ];
    const project = new Project(helm, releases);
    onTestFinished(() => project.cleanUp());
    const first = await project.releases(["sync"]);
    expect(first.code, first.stderr).toBe(0);

    const unchanged = await project.releases(["apply", "--debug"]);

    expect(unchanged.code, unchanged.stderr).toBe(0);
    expect(unchanged.report!.releases.map((r) => [r.name, r.outcome, r.revision])).toEqual([
      ["one", "unchanged", 1],
      ["two", "unchanged", 1],
      ["three", "unchanged", 1],
    ]);
    expect(unchanged.helmCalls.filter((args) => args[0] === "upgrade")).toEqual([]);
    expect(unchanged.helmCalls).toEqual([]);
    for (const r of releases) expect(await latestRevision(helm, r.name, ns)).toBe(1);

    project.setReleases(
      releases.map((r) => (r.name === "two" ? { ...r, values: [{ message: "two, changed" }] } : r)),
    );
    const changed = await project.releases(["apply", "--debug"]);

    expect(changed.code, changed.stderr).toBe(0);
    const upgrades = changed.helmCalls.filter((args) => args[0] === "upgrade");
    expect(upgrades.map((args) => args.slice(0, 3))).toEqual([["upgrade", "--install", "two"]]);
    expect(changed.report!.releases.map((r) => [r.name, r.action, r.outcome, r.revision])).toEqual([
      ["one", "unchanged", "unchanged", 1],
      ["two", "upgrade", "succeeded", 2],
      ["three", "unchanged", "unchanged", 1],
    ]);
    expect(await latestRevision(helm, "one", ns)).toBe(1);
    expect(await latestRevision(helm, "two", ns)).toBe(2);
    expect(await latestRevision(helm, "three", ns)).toBe(1);
    expect(await helmValues(helm, "two", ns, 2)).toEqual({ message: "two, changed" });
  });

  it("a need outside the selection that is not deployed stops the run; --include-needs deploys both", async () => {
    const ns = `needs-${unique()}`;
    const project = new Project(helm, [
      { name: "base", namespace: ns, labels: { app: "base" } },
      { name: "top", namespace: ns, labels: { app: "top" }, needs: ["base"] },
    ]);
    onTestFinished(() => project.cleanUp());

    const refused = await project.releases(["sync", "-l", "app=top"]);

    expect(refused.code, refused.stderr).toBe(4);
    expect(refused.stderr).toContain(`${ns}/base (not installed)`);
    expect(refused.stderr).toContain("--include-needs");
    expect(await helmList(helm, [ns])).toEqual([]);

    const result = await project.releases(["sync", "-l", "app=top", "--include-needs"]);

    expect(result.code, result.stderr).toBe(0);
    expect(reportOf(result, `${ns}/base`)).toMatchObject({
      action: "install",
      outcome: "succeeded",
      revision: 1,
    });
    expect(reportOf(result, `${ns}/top`)).toMatchObject({
      action: "install",
      outcome: "succeeded",
      revision: 1,
    });
    expect((await helmHistory(helm, "top", ns)).map((h) => h.status)).toEqual(["deployed"]);
    expect((await helmList(helm, [ns])).sort()).toEqual([`${ns}/base`, `${ns}/top`]);

    // Now that base is deployed, the selection alone is enough.
    const again = await project.releases(["sync", "-l", "app=top"]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.report!.releases.map((r) => r.id)).toEqual([`${ns}/top`]);
    expect(await latestRevision(helm, "base", ns)).toBe(1);
  });
});
