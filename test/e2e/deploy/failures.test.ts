// A release that fails — its pods never become Ready within its timeout, or its
// tests fail — is rolled back to the revision it had (or uninstalled when it was
// a first install), and the releases that need it are skipped, untouched.
import { describe, expect, it, onTestFinished } from "vitest";
import {
  HELM_BINARIES,
  helmHistory,
  helmManifest,
  helmValues,
  latestRevision,
  Project,
  type ReleaseSpec,
  reportOf,
  storageRecords,
  unique,
} from "./support.js";

describe.each(HELM_BINARIES)("failures with %s", (helm) => {
  it("a timeout rolls the release back to its previous revision and skips what needs it", async () => {
    const ns = `timeout-${unique()}`;
    // The first install may take its time on a busy machine; the upgrade gets 12 s to time out in.
    const x = (values: Record<string, unknown>, timeout = "12s"): ReleaseSpec => ({
      name: "x",
      namespace: ns,
      timeout,
      values: [values],
    });
    const y: ReleaseSpec = { name: "y", namespace: ns, needs: ["x"], values: [{ message: "y1" }] };
    const project = new Project(helm, [x({ message: "first" }, "120s"), y]);
    onTestFinished(() => project.cleanUp());
    const first = await project.releases(["sync"]);
    expect(first.code, first.stderr).toBe(0);

    // Pods that never become Ready, and a change to y too: y must still not be touched.
    project.setReleases([
      x({ message: "second", simulate: "never-ready" }),
      { ...y, values: [{ message: "y2" }] },
    ]);
    const result = await project.releases(["sync"]);

    expect(result.code, result.stderr).toBe(1);
    expect(result.wallMs).toBeGreaterThanOrEqual(12_000);
    expect(reportOf(result, `${ns}/x`)).toMatchObject({
      action: "upgrade",
      outcome: "failed",
      rolledBack: true,
      rolledBackToRevision: 1,
    });
    expect(reportOf(result, `${ns}/x`).error).toMatch(/timed out|deadline|timeout|context/i);
    expect(reportOf(result, `${ns}/y`)).toMatchObject({ outcome: "skipped", revision: null });
    expect(reportOf(result, `${ns}/y`).reason).toContain(`${ns}/x`);

    const history = await helmHistory(helm, "x", ns);
    expect(history.map((h) => [h.revision, h.status])).toEqual([
      [1, "superseded"],
      [2, "failed"],
      [3, "deployed"],
    ]);
    expect(history[2]!.description).toMatch(/rollback to 1/i);
    expect(await helmValues(helm, "x", ns, 3)).toEqual(await helmValues(helm, "x", ns, 1));
    expect(await helmManifest(helm, "x", ns, 3)).toEqual(await helmManifest(helm, "x", ns, 1));
    expect(await latestRevision(helm, "y", ns)).toBe(1);
    expect(await helmValues(helm, "y", ns, 1)).toEqual({ message: "y1" });
    // The rollback carries revision 1's fingerprint, so a later `apply` retries x instead of
    // taking the failed desired state for deployed.
    const records = (await storageRecords([ns])).filter((r) => r.release === `${ns}/x`);
    expect(records[2]!.fingerprint).toBeDefined();
    expect(records[2]!.fingerprint).toBe(records[0]!.fingerprint);
    expect(records[1]!.fingerprint).not.toBe(records[0]!.fingerprint);
  });

  it("failed tests roll an upgrade back to the previous revision", async () => {
    const ns = `tests-${unique()}`;
    const t = (values: Record<string, unknown>): ReleaseSpec => ({
      name: "t",
      namespace: ns,
      tests: true,
      timeout: "30s",
      values: [values],
    });
    const project = new Project(helm, [t({ message: "good" })]);
    onTestFinished(() => project.cleanUp());
    const first = await project.releases(["sync"]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.log.some((e) => e.id === `${ns}/t` && e.text === "testing")).toBe(true);

    project.setReleases([t({ message: "bad", test: { simulate: "fail" } })]);
    const result = await project.releases(["sync"]);

    expect(result.code, result.stderr).toBe(1);
    expect(reportOf(result, `${ns}/t`)).toMatchObject({
      action: "upgrade",
      outcome: "failed",
      rolledBack: true,
      rolledBackToRevision: 1,
    });
    expect(reportOf(result, `${ns}/t`).error).toMatch(/tests failed/);
    const history = await helmHistory(helm, "t", ns);
    expect(history.map((h) => h.revision)).toEqual([1, 2, 3]);
    expect(history[2]).toMatchObject({ status: "deployed" });
    expect(history[2]!.description).toMatch(/rollback to 1/i);
    expect(await helmValues(helm, "t", ns, 3)).toEqual(await helmValues(helm, "t", ns, 1));
  });

  it("failed tests after a failed non-atomic upgrade roll back to the last good revision, not uninstall", async () => {
    const ns = `tests-after-fail-${unique()}`;
    const q = (values: Record<string, unknown>, tests = false): ReleaseSpec => ({
      name: "q",
      namespace: ns,
      atomic: false,
      tests,
      // Short while it is meant to time out; the rollout away from a stuck ReplicaSet takes a while.
      timeout: values.simulate === "never-ready" ? "8s" : "45s",
      values: [values],
    });
    const project = new Project(helm, [q({ message: "good" })]);
    onTestFinished(() => project.cleanUp());
    const first = await project.releases(["sync"]);
    expect(first.code, first.stderr).toBe(0);
    // Not atomic: the timed-out upgrade stays as helm left it, `failed`.
    project.setReleases([q({ message: "stuck", simulate: "never-ready" })]);
    const failed = await project.releases(["sync"]);
    expect(failed.code, failed.stderr).toBe(1);
    expect(reportOf(failed, `${ns}/q`)).toMatchObject({ outcome: "failed", rolledBack: false });
    expect((await helmHistory(helm, "q", ns)).map((h) => h.status)).toEqual(["deployed", "failed"]);

    // The pod annotation is set to a harmless value on purpose: helm 3 patches from the last
    // *deployed* manifest, so merely dropping never-ready would leave it on the live Deployment.
    project.setReleases([q({ message: "tested", simulate: "ok", test: { simulate: "fail" } }, true)]);
    const result = await project.releases(["sync"]);

    expect(result.code, result.stderr).toBe(1);
    expect(reportOf(result, `${ns}/q`)).toMatchObject({
      outcome: "failed",
      rolledBack: true,
      rolledBackToRevision: 1,
    });
    const history = await helmHistory(helm, "q", ns);
    expect(history.map((h) => h.revision)).toEqual([1, 2, 3, 4]);
    expect(history[3]).toMatchObject({ status: "deployed" });
    expect(history[3]!.description).toMatch(/rollback to 1/i);
    expect(await helmValues(helm, "q", ns, 4)).toEqual({ message: "good" });
  });

  it("failed tests on a first install uninstall the release", async () => {
    const ns = `tests-new-${unique()}`;
    const project = new Project(helm, [
      { name: "u", namespace: ns, tests: true, timeout: "30s", values: [{ test: { simulate: "fail" } }] },
      { name: "v", namespace: ns, needs: ["u"] },
    ]);
    onTestFinished(() => project.cleanUp());

    const result = await project.releases(["sync"]);

    expect(result.code, result.stderr).toBe(1);
    expect(reportOf(result, `${ns}/u`)).toMatchObject({
      action: "install",
      outcome: "failed",
      rolledBack: true,
      rolledBackToRevision: null,
    });
    expect(reportOf(result, `${ns}/v`).outcome).toBe("skipped");
    expect(await helmHistory(helm, "u", ns)).toEqual([]);
    expect(await storageRecords([ns])).toEqual([]);
  });
});
