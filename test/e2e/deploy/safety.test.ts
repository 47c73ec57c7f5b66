// The safety promises of a deploying run: a release stuck pending is found
// before anything changes (and recovered on request), one run per environment
// holds the lock, and Ctrl-C never leaves a release pending.
import { spawn } from "node:child_process";
import { describe, expect, it, onTestFinished } from "vitest";
import { tool } from "../../toolchain/tools.js";
import {
  HELM_BINARIES,
  helmHistory,
  helmValues,
  kubeconfig,
  latestRevision,
  Project,
  pacedChart,
  type ReleaseSpec,
  reportOf,
  sleep,
  storageRecords,
  unique,
  waitFor,
} from "./support.js";

const PENDING = ["pending-install", "pending-upgrade", "pending-rollback"];

/** Waits until the release's storage shows `revision` in `status` (helm is mid-flight). */
function waitForStatus(namespace: string, release: string, revision: number, status: string): Promise<true> {
  return waitFor(`${namespace}/${release} revision ${revision} ${status}`, async () => {
    const records = await storageRecords([namespace]);
    const found = records.some(
      (r) => r.release === `${namespace}/${release}` && r.revision === revision && r.status === status,
    );
    return found ? true : undefined;
  });
}

describe.each(HELM_BINARIES)("safety with %s", (helm) => {
  it("a release left pending by a killed helm stops sync (exit 4) until --recover=rollback", async () => {
    const ns = `pending-${unique()}`;
    const p = (message: string): ReleaseSpec => ({ name: "p", namespace: ns, values: [{ message }] });
    const project = new Project(helm, [p("v1")]);
    onTestFinished(() => project.cleanUp());
    const first = await project.releases(["sync"]);
    expect(first.code, first.stderr).toBe(0);

    // A helm upgrade killed outright (no chance to mark it failed) while it waits for pods that never get Ready.
    const wait = helm === "helm" ? "--wait" : "--wait=watcher";
    const stuck = spawn(
      tool(helm),
      ["upgrade", "p", pacedChart, "-n", ns, "--set", "simulate=never-ready", wait, "--timeout", "120s"],
      { env: { ...process.env, KUBECONFIG: kubeconfig() }, stdio: "ignore" },
    );
    const exited = new Promise((resolve) => stuck.on("exit", resolve));
    await waitForStatus(ns, "p", 2, "pending-upgrade");
    stuck.kill("SIGKILL");
    await exited;
    await sleep(500);
    expect((await storageRecords([ns])).map((r) => [r.revision, r.status])).toEqual([
      [1, "deployed"],
      [2, "pending-upgrade"],
    ]);

    project.setReleases([p("v2")]);
    const refused = await project.releases(["sync"]);

    expect(refused.code, refused.stderr).toBe(4);
    expect(refused.stderr).toContain(`${ns}/p (pending-upgrade, revision 2)`);
    expect(refused.stderr).toContain("--recover=rollback");
    expect(refused.report).toBeUndefined();
    expect(refused.failure).toMatchObject({ ok: false, exitCode: 4, error: { kind: "ClusterStateError" } });
    expect(await latestRevision(helm, "p", ns)).toBe(2); // nothing was changed

    const recovered = await project.releases(["sync", "--recover=rollback"]);

    expect(recovered.code, recovered.stderr).toBe(0);
    expect(reportOf(recovered, `${ns}/p`)).toMatchObject({
      action: "upgrade",
      outcome: "succeeded",
      revision: 4,
    });
    const history = await helmHistory(helm, "p", ns);
    expect(history.map((h) => h.revision)).toEqual([1, 2, 3, 4]);
    expect(history[2]!.description).toMatch(/rollback to 1/i);
    expect(history[3]!.status).toBe("deployed");
    expect(await helmValues(helm, "p", ns, 4)).toEqual({ message: "v2" });
    // helm's rollback leaves the killed revision's record as it was (pending-upgrade); what
    // counts, for helm and for `releases`, is the latest revision, and that is deployed.
    const records = await storageRecords([ns]);
    expect(records.at(-1)).toMatchObject({ release: `${ns}/p`, revision: 4, status: "deployed" });
    const again = await project.releases(["sync"]);
    expect(again.code, again.stderr).toBe(0);
    expect(reportOf(again, `${ns}/p`)).toMatchObject({ outcome: "succeeded", revision: 5 });
  });

  it("--recover=rollback goes back past a failed revision to the last good one", async () => {
    const ns = `pending-past-${unique()}`;
    const p = (values: Record<string, unknown>): ReleaseSpec => ({
      name: "p",
      namespace: ns,
      atomic: false,
      timeout: values.simulate === "never-ready" ? "6s" : "60s",
      values: [values],
    });
    const project = new Project(helm, [p({ message: "v1" })]);
    onTestFinished(() => project.cleanUp());
    expect((await project.releases(["sync"])).code).toBe(0);
    project.setReleases([p({ message: "v2", simulate: "never-ready" })]);
    expect((await project.releases(["sync"])).code).toBe(1); // not atomic: revision 2 stays failed

    const wait = helm === "helm" ? "--wait" : "--wait=watcher";
    const stuck = spawn(
      tool(helm),
      ["upgrade", "p", pacedChart, "-n", ns, "--set", "simulate=never-ready", wait, "--timeout", "120s"],
      { env: { ...process.env, KUBECONFIG: kubeconfig() }, stdio: "ignore" },
    );
    const exited = new Promise((resolve) => stuck.on("exit", resolve));
    await waitForStatus(ns, "p", 3, "pending-upgrade");
    stuck.kill("SIGKILL");
    await exited;

    project.setReleases([p({ message: "v4" })]);
    const started = Date.now();
    const recovered = await project.releases(["sync", "--recover=rollback", "--debug"]);

    expect(recovered.code, recovered.stderr).toBe(0);
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(recovered.helmCalls.find((args) => args[0] === "rollback")?.slice(0, 3)).toEqual([
      "rollback",
      "p",
      "1",
    ]);
    const history = await helmHistory(helm, "p", ns);
    expect(history.map((h) => h.revision)).toEqual([1, 2, 3, 4, 5]);
    expect(history[3]!.description).toMatch(/rollback to 1/i);
    expect(history[4]!.status).toBe("deployed");
    expect(await helmValues(helm, "p", ns, 5)).toEqual({ message: "v4" });
  });

  it("Ctrl-C twice stops the run with exit 130 and leaves no release pending", async () => {
    const ns = `interrupt-${unique()}`;
    const s = (values: Record<string, unknown>): ReleaseSpec => ({
      name: "s",
      namespace: ns,
      timeout: "20s",
      values: [values],
    });
    const r: ReleaseSpec = { name: "r", namespace: ns, needs: ["s"], values: [{ message: "r1" }] };
    const project = new Project(helm, [s({ message: "s1" }), r]);
    onTestFinished(() => project.cleanUp());
    const first = await project.releases(["sync"]);
    expect(first.code, first.stderr).toBe(0);

    // s upgrades and n installs for the first time, both stuck on pods that never get Ready.
    const n: ReleaseSpec = {
      name: "n",
      namespace: ns,
      timeout: "20s",
      values: [{ simulate: "never-ready" }],
    };
    project.setReleases([
      s({ message: "s2", simulate: "never-ready" }),
      { ...r, values: [{ message: "r2" }] },
      n,
    ]);
    const running = project.start(["sync"]);
    await waitForStatus(ns, "s", 2, "pending-upgrade");
    await waitForStatus(ns, "n", 1, "pending-install");
    running.child.kill("SIGINT");
    await sleep(1000);
    running.child.kill("SIGINT");
    const result = await running.done;

    expect(result.code, result.stderr).toBe(130);
    expect(result.wallMs).toBeLessThan(20_000); // stopped, not timed out
    expect((await storageRecords([ns])).filter((rec) => PENDING.includes(rec.status))).toEqual([]);
    const history = await helmHistory(helm, "s", ns);
    expect(history.at(-1)!.status).toBe("deployed");
    expect(await helmValues(helm, "s", ns, history.at(-1)!.revision)).toEqual({ message: "s1" });
    expect(reportOf(result, `${ns}/s`).outcome).toBe("failed");
    expect(reportOf(result, `${ns}/r`).outcome).toBe("skipped");
    expect(await latestRevision(helm, "r", ns)).toBe(1);
    // The interrupted first install is gone (helm's atomic cleanup), not left half-installed.
    expect(reportOf(result, `${ns}/n`)).toMatchObject({ outcome: "failed", rolledBack: true });
    expect(await helmHistory(helm, "n", ns)).toEqual([]);
  });

  it("one Ctrl-C from a terminal lets the running release finish and starts nothing new (exit 130)", async () => {
    const ns = `ctrl-c-${unique()}`;
    const project = new Project(helm, [
      { name: "w", namespace: ns, values: [{ readyAfter: "5s" }] },
      { name: "z", namespace: ns, needs: ["w"] },
    ]);
    onTestFinished(() => project.cleanUp());

    const running = project.start(["sync"], { processGroup: true });
    await waitForStatus(ns, "w", 1, "pending-install");
    // A terminal delivers Ctrl-C to the whole foreground process group: the CLI and its helm processes.
    process.kill(-running.child.pid!, "SIGINT");
    const result = await running.done;

    expect(result.code, result.stderr).toBe(130);
    expect(reportOf(result, `${ns}/w`)).toMatchObject({
      action: "install",
      outcome: "succeeded",
      revision: 1,
    });
    expect(reportOf(result, `${ns}/z`)).toMatchObject({
      outcome: "skipped",
      reason: "interrupted: not started",
    });
    expect((await helmHistory(helm, "w", ns)).map((h) => h.status)).toEqual(["deployed"]);
    expect(await helmHistory(helm, "z", ns)).toEqual([]);
  });
});

describe.each(HELM_BINARIES)("SIGTERM with %s", (helm) => {
  it("stops the running helm processes at once instead of waiting out their timeouts; nothing left pending", async () => {
    const ns = `sigterm-${unique()}`;
    const w = (values: Record<string, unknown>): ReleaseSpec => ({
      name: "w",
      namespace: ns,
      timeout: "120s",
      values: [values],
    });
    const project = new Project(helm, [w({ message: "w1" })]);
    onTestFinished(() => project.cleanUp());
    expect((await project.releases(["sync"])).code).toBe(0);

    project.setReleases([w({ message: "w2", simulate: "never-ready" })]);
    const running = project.start(["sync"]);
    await waitForStatus(ns, "w", 2, "pending-upgrade");
    const terminatedAt = Date.now();
    running.child.kill("SIGTERM");
    const result = await running.done;

    // Bounded by the 10 s grace period plus a rollback, far from the 120 s helm timeout.
    expect(Date.now() - terminatedAt).toBeLessThan(30_000);
    expect(result.code, result.stderr).toBe(130);
    expect(result.stderr).toMatch(/terminated: stopping running helm processes/);
    expect((await storageRecords([ns])).filter((r) => PENDING.includes(r.status))).toEqual([]);
    const history = await helmHistory(helm, "w", ns);
    expect(history.at(-1)!.status).toBe("deployed");
    expect(await helmValues(helm, "w", ns, history.at(-1)!.revision)).toEqual({ message: "w1" });
  });
});
