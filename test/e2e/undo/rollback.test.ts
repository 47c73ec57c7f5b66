// Undo on a real cluster: every deploying run is recorded in the lock
// namespace; `rollback` restores exactly the revisions a run replaced and
// uninstalls what it installed, dependents first; `history` lists the runs;
// `--run` undoes an older one; one release goes back to a chosen revision; a
// release that moved on since the run is refused, naming its revisions.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunRecord } from "../../../src/plan/run-record.js";
import {
  type CliResult,
  HELM_BINARIES,
  helmHistory,
  helmList,
  helmValues,
  kubectl,
  Project,
  type ReleaseSpec,
  releasesCli,
  reportOf,
  unique,
} from "../deploy/support.js";

interface History {
  environment: string;
  namespace: string;
  runs: RunRecord[];
}

/** `releases history` (it calls no helm, so no --helm-binary). */
const history = (project: Project, output: "json" | "text") =>
  releasesCli(["history", "-e", project.environment, "-o", output], project.dir);

const historyOf = async (project: Project): Promise<History> => {
  const result = await history(project, "json");
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as History;
};

const ok = (result: CliResult) => expect(result.code, `${result.stderr}\n${result.stdout}`).toBe(0);

describe.each(HELM_BINARIES)("undo with %s", (helm) => {
  const ns = `undo-${unique()}`;
  const id = (name: string) => `${ns}/${name}`;
  const env = { RELEASES_IDENTITY: "e2e-bot" };
  const stack = (message: string, withExtra: boolean): ReleaseSpec[] => [
    { name: "base", namespace: ns, values: [{ message: `base ${message}` }] },
    { name: "mid", namespace: ns, needs: ["base"], tests: true, values: [{ message: `mid ${message}` }] },
    { name: "top", namespace: ns, needs: ["mid"], values: [{ message: `top ${message}` }] },
    ...(withExtra ? [{ name: "extra", namespace: ns, needs: ["top"] }] : []),
  ];
  let project: Project;
  // The run to undo (three upgrades and one install) and the one before it (the first install).
  let run1: RunRecord;
  let run2: RunRecord;

  beforeAll(async () => {
    project = new Project(helm, stack("one", false));
    ok(await project.releases(["sync"], { env }));
    project.setReleases(stack("two", true));
    const deployed = await project.releases(["sync"], { env });
    ok(deployed);
    for (const name of ["base", "mid", "top"])
      expect(reportOf(deployed, id(name))).toMatchObject({ revision: 2 });
    expect(reportOf(deployed, id("extra"))).toMatchObject({ action: "install", revision: 1 });
  });

  afterAll(async () => {
    await project.cleanUp();
    await kubectl(["delete", "configmap", "-A", "-l", `releases.dev/environment=${project.environment}`]);
  });

  it("history lists each run, newest first: who, command, outcome, per release before and after, no values", async () => {
    const before = await historyOf(project);
    expect(before.runs.map((r) => [r.command, r.outcome, r.who])).toEqual([
      ["sync", "succeeded", "e2e-bot"],
      ["sync", "succeeded", "e2e-bot"],
    ]);
    [run2, run1] = before.runs as [RunRecord, RunRecord];
    expect(run2.releases.map((r) => [r.id, r.before, r.after, r.change])).toEqual([
      [id("base"), 1, 2, "upgraded"],
      [id("mid"), 1, 2, "upgraded"],
      [id("top"), 1, 2, "upgraded"],
      [id("extra"), null, 1, "installed"],
    ]);
    expect(JSON.stringify(before.runs)).not.toContain("base two");
    const text = await history(project, "text");
    expect(text.stdout).toContain(run2.id);
    expect(text.stdout).toMatch(new RegExp(`${id("extra")} -→1`));
  });

  it("rollback --dry-run prints the plan, dependents first, and changes nothing", async () => {
    const dry = await project.releases(["rollback", "--dry-run"], { output: "text" });
    ok(dry);
    expect(dry.stdout).toMatch(new RegExp(`1\\s+${id("extra")}\\s+uninstall`));
    expect(dry.stdout).toMatch(new RegExp(`4\\s+${id("base")}\\s+rollback\\s+2\\s+1`));
    expect(dry.stdout).toContain(`undoes run ${run2.id}`);
    expect(await helmHistory(helm, "base", ns)).toHaveLength(2);
  });

  it("rollback restores exactly the previous revisions and uninstalls the new release, in reverse order", async () => {
    const undone = await project.releases(["rollback", "--debug"], { env });
    ok(undone);
    const step = (name: string) => reportOf(undone, id(name));
    expect(step("extra")).toMatchObject({ action: "uninstall", outcome: "succeeded" });
    for (const name of ["top", "mid", "base"]) {
      expect(step(name)).toMatchObject({ action: "rollback", outcome: "succeeded", revision: 3 });
    }
    const at = (name: string, edge: "startedAt" | "endedAt") => Date.parse(step(name)[edge]!);
    expect(at("top", "startedAt")).toBeGreaterThanOrEqual(at("extra", "endedAt"));
    expect(at("mid", "startedAt")).toBeGreaterThanOrEqual(at("top", "endedAt"));
    expect(at("base", "startedAt")).toBeGreaterThanOrEqual(at("mid", "endedAt"));
    for (const name of ["base", "mid", "top"]) {
      const revisions = await helmHistory(helm, name, ns);
      expect(revisions.map((h) => h.revision)).toEqual([1, 2, 3]);
      expect(await helmValues(helm, name, ns, 3)).toEqual({ message: `${name} one` });
    }
    expect(await helmList(helm, [ns])).not.toContain(id("extra"));
    // helm rollback to the revisions before, waited for; mid's tests ran after its rollback.
    const rollbacks = undone.helmCalls.filter((c) => c[0] === "rollback");
    expect(rollbacks.map((c) => c.slice(1, 3))).toEqual([
      ["top", "1"],
      ["mid", "1"],
      ["base", "1"],
    ]);
    expect(rollbacks[0]).toContain(helm === "helm4" ? "--wait=watcher" : "--wait");
    expect(undone.helmCalls.some((c) => c[0] === "test" && c[1] === "mid")).toBe(true);

    // The rollback is a run too.
    const [latest] = (await historyOf(project)).runs;
    expect(latest).toMatchObject({ command: `rollback --run ${run2.id}`, undoes: run2.id, who: "e2e-bot" });
    expect(latest!.releases.find((r) => r.id === id("extra"))).toMatchObject({
      before: 1,
      after: null,
      change: "uninstalled",
    });
  });

  it("refuses a run whose releases moved on, naming the release and its revisions; nothing changes", async () => {
    const refused = await project.releases(["rollback", "--run", run1.id], { output: "text" });
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain(
      `${id("base")} moved on since run ${run1.id}: it is at revision 3, the run left revision 1`,
    );
    expect(refused.stderr).toContain("--force");
    expect(await helmHistory(helm, "base", ns)).toHaveLength(3);
  });

  it("rollback --run undoes an older run and leaves a newer one on another release alone", async () => {
    project.setReleases(stack("three", false));
    ok(await project.releases(["sync", "-l", "name=top"]));
    const topRun = (await historyOf(project)).runs[0]!;
    ok(await project.releases(["sync", "-l", "name=base"]));
    expect((await helmHistory(helm, "base", ns)).at(-1)?.revision).toBe(4);
    const older = await project.releases(["rollback", "--run", topRun.id]);
    ok(older);
    expect(older.report?.releases.map((r) => [r.id, r.action])).toEqual([[id("top"), "rollback"]]);
    expect(await helmValues(helm, "top", ns, 5)).toEqual({ message: "top one" });
    expect((await helmHistory(helm, "base", ns)).at(-1)?.revision).toBe(4);
  });

  it("rollback <release> --revision N takes one release to that revision, and refuses one helm does not hold", async () => {
    const single = await project.releases(["rollback", "mid", "--revision", "2"]);
    ok(single);
    expect(reportOf(single, id("mid"))).toMatchObject({ action: "rollback", revision: 4 });
    expect(await helmValues(helm, "mid", ns, 4)).toEqual({ message: "mid two" });
    expect((await historyOf(project)).runs[0]).toMatchObject({
      command: `rollback ${id("mid")}`,
      undoes: null,
    });
    const missing = await project.releases(["rollback", "mid", "--revision", "9"], { output: "text" });
    expect(missing.code).toBe(4);
    expect(missing.stderr).toContain(`${id("mid")} has no revision 9 (helm keeps revisions 1-4)`);
  });
});
