// `releases test`: helm test for the selected releases of an already deployed
// stack. The paced chart's test pod passes on the kwok cluster, or fails when
// its values say `test.simulate: fail` (test/kwok/README.md).
import { describe, it } from "vitest";
import { HELM_BINARIES, kubectl, Project, reportOf, unique } from "../deploy/support.js";

/** The phase of a pod, or undefined when there is none. */
async function podPhase(namespace: string, pod: string): Promise<string | undefined> {
  const out = await kubectl(["-n", namespace, "get", "pod", pod, "--ignore-not-found", "-o", "json"]);
  if (out.trim() === "") return undefined;
  return (JSON.parse(out) as { status: { phase: string } }).status.phase;
}

describe.concurrent.each(HELM_BINARIES)("test with %s", (helm) => {
  it("runs helm test for the selected releases only: exit 0 when they pass, 1 when one fails", async ({
    expect,
    onTestFinished,
  }) => {
    const ns = `test-${unique()}`;
    const project = new Project(helm, [
      { name: "good", namespace: ns, labels: { outcome: "pass" } },
      { name: "bad", namespace: ns, labels: { outcome: "fail" }, values: [{ test: { simulate: "fail" } }] },
    ]);
    onTestFinished(() => project.cleanUp());
    // `tests` is off for these releases, so sync runs no test.
    const sync = await project.releases(["sync"]);
    expect(sync.code, sync.stderr).toBe(0);
    expect(await podPhase(ns, "good-test")).toBeUndefined();
    expect(await podPhase(ns, "bad-test")).toBeUndefined();

    const passing = await project.releases(["test", "-l", "outcome=pass"]);

    expect(passing.code, passing.stderr).toBe(0);
    expect(passing.report!.releases.map((r) => [r.id, r.action, r.outcome])).toEqual([
      [`${ns}/good`, "test", "succeeded"],
    ]);
    expect(await podPhase(ns, "good-test")).toBe("Succeeded");
    expect(await podPhase(ns, "bad-test")).toBeUndefined(); // not selected, not tested

    const all = await project.releases(["test"]);

    expect(all.code, all.stderr).toBe(1);
    expect(reportOf(all, `${ns}/good`)).toMatchObject({ action: "test", outcome: "succeeded" });
    const bad = reportOf(all, `${ns}/bad`);
    expect(bad).toMatchObject({ action: "test", outcome: "failed" });
    expect(bad.error).toContain("bad-test");
    expect(await podPhase(ns, "bad-test")).toBe("Failed");

    // Testing deploys nothing.
    const history = await kubectl(["-n", ns, "get", "secrets", "-l", "owner=helm", "-o", "name"]);
    expect(history.trim().split("\n").sort()).toEqual([
      "secret/sh.helm.release.v1.bad.v1",
      "secret/sh.helm.release.v1.good.v1",
    ]);
  });
});
