// Retries: a release whose first two attempts fail (its pods never become
// Ready, so helm --wait times out and rolls back) succeeds on its third with
// `retries: 2`; one that keeps failing spends its retries and stops its
// dependents. Deterministic through the `troubled` chart: a pre-install/
// pre-upgrade hook ConfigMap per attempt survives helm's rollback, and the
// chart's `lookup` counts them, so attempt N renders never-ready pods while
// N <= failAttempts.
import path from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { fixtureCharts } from "../../toolchain/tools.js";
import {
  HELM_BINARIES,
  helmHistory,
  kubectl,
  Project,
  type ReleaseSpec,
  reportOf,
  unique,
  waitFor,
} from "./support.js";

const troubled = path.join(fixtureCharts, "troubled");

async function attemptConfigMaps(ns: string, release: string): Promise<string[]> {
  const out = await kubectl([
    "-n",
    ns,
    "get",
    "configmaps",
    "-l",
    `releases.test/attempt-of=${release}`,
    "-o",
    "name",
  ]);
  return out.split("\n").filter(Boolean).sort();
}

describe.each(HELM_BINARIES)("retries with %s", (helm) => {
  it("a release that fails twice then succeeds with retries: 2; each failed attempt rolled back first", async () => {
    const ns = `retry-${unique()}`;
    const flaky: ReleaseSpec = {
      name: "flaky",
      namespace: ns,
      chart: troubled,
      timeout: "5s",
      retries: { count: 2, backoff: "1s" },
      values: [{ failAttempts: 2 }],
    };
    const after: ReleaseSpec = {
      name: "after",
      namespace: ns,
      chart: troubled,
      needs: ["flaky"],
      timeout: "30s",
    };
    const project = new Project(helm, [flaky, after]);
    onTestFinished(() => project.cleanUp());

    const result = await project.releases(["sync"]);

    expect(result.code, result.stderr).toBe(0);
    const report = reportOf(result, `${ns}/flaky`);
    expect(report).toMatchObject({ action: "install", outcome: "succeeded", revision: 1 });
    expect(report.attempts.map((a) => [a.attempt, a.outcome, a.rolledBack])).toEqual([
      [1, "failed", true],
      [2, "failed", true],
      [3, "succeeded", false],
    ]);
    // Each failed attempt says why: the Deployment's pod never became ready.
    for (const failed of report.attempts.slice(0, 2)) {
      expect(failed.error).toMatch(/uninstalled due to (atomic|rollback-on-failure)/);
      expect(failed.diagnosis?.objects[0]).toMatchObject({ kind: "Deployment", name: "flaky" });
      expect(failed.diagnosis?.objects[0]?.summary).toMatch(/^0\/1 ready/);
    }
    // The log shows the attempts as they happen; the backoff doubles (1s, then 2s).
    expect(result.stderr).toMatch(
      /flaky: attempt 1\/3 failed, rolled back \(uninstalled\); retrying in 1\.0s/,
    );
    expect(result.stderr).toMatch(
      /flaky: attempt 2\/3 failed, rolled back \(uninstalled\); retrying in 2\.0s/,
    );
    expect(result.stderr).toMatch(/flaky: installing \(attempt 3\/3\)/);
    // A failed first install is uninstalled before the next attempt: the third starts a fresh history.
    const history = await helmHistory(helm, "flaky", ns);
    expect(history.map((h) => [h.revision, h.status])).toEqual([[1, "deployed"]]);
    expect(await attemptConfigMaps(ns, "flaky")).toEqual([
      "configmap/flaky-attempt-1",
      "configmap/flaky-attempt-2",
      "configmap/flaky-attempt-3",
    ]);
    expect(reportOf(result, `${ns}/after`)).toMatchObject({ outcome: "succeeded", revision: 1 });
    expect(reportOf(result, `${ns}/after`).startedAt! >= report.endedAt!).toBe(true);
  });

  it("a release that exhausts its retries fails, is left uninstalled, and stops its dependents", async () => {
    const ns = `exhaust-${unique()}`;
    const doomed: ReleaseSpec = {
      name: "doomed",
      namespace: ns,
      chart: troubled,
      timeout: "4s",
      retries: { count: 1, backoff: "1s" },
      values: [{ failAttempts: 99 }],
    };
    const dependent: ReleaseSpec = { name: "dependent", namespace: ns, chart: troubled, needs: ["doomed"] };
    const project = new Project(helm, [doomed, dependent]);
    onTestFinished(() => project.cleanUp());

    const result = await project.releases(["sync"]);

    expect(result.code, result.stderr).toBe(1);
    const report = reportOf(result, `${ns}/doomed`);
    expect(report).toMatchObject({ action: "install", outcome: "failed", rolledBack: true, revision: null });
    expect(report.attempts.map((a) => [a.attempt, a.outcome])).toEqual([
      [1, "failed"],
      [2, "failed"],
    ]);
    expect(report.diagnosis?.objects[0]).toMatchObject({ kind: "Deployment", name: "doomed" });
    expect(reportOf(result, `${ns}/dependent`)).toMatchObject({ outcome: "skipped", revision: null });
    expect(await helmHistory(helm, "doomed", ns)).toEqual([]);
    expect(await helmHistory(helm, "dependent", ns)).toEqual([]);
    expect(await attemptConfigMaps(ns, "doomed")).toHaveLength(2);
  });
});

describe("retries and Ctrl-C", () => {
  it("Ctrl-C during the backoff stops retrying at once: the release fails, exit 130", async () => {
    const ns = `retry-int-${unique()}`;
    const slow: ReleaseSpec = {
      name: "slow",
      namespace: ns,
      chart: troubled,
      timeout: "4s",
      retries: { count: 5, backoff: "2m" },
      values: [{ failAttempts: 99 }],
    };
    const project = new Project("helm", [slow]);
    onTestFinished(() => project.cleanUp());

    const running = project.start(["sync"], { processGroup: true });
    await waitFor(
      "the first retry's backoff",
      async () =>
        /attempt 1\/6 failed, rolled back \(uninstalled\); retrying in 2m00s/.test(running.stderr())
          ? true
          : undefined,
      60_000,
    );
    const interruptedAt = Date.now();
    process.kill(-running.child.pid!, "SIGINT");
    const result = await running.done;

    expect(result.code, result.stderr).toBe(130);
    expect(Date.now() - interruptedAt).toBeLessThan(15_000);
    const report = reportOf(result, `${ns}/slow`);
    expect(report.outcome).toBe("failed");
    expect(report.error).toMatch(/\(not retried: the run is stopping\)$/);
    expect(report.attempts.map((a) => [a.attempt, a.outcome, a.rolledBack])).toEqual([[1, "failed", true]]);
    expect(await attemptConfigMaps(ns, "slow")).toHaveLength(1);
    expect(await helmHistory("helm", "slow", ns)).toEqual([]);
  });
});
