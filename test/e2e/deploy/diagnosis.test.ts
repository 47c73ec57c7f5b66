// Why it failed: a release stuck not-ready reports, in the JSON report and the
// text output, its objects that were not ready, their conditions, its pods'
// states and events — gathered while helm waited, before its rollback removed
// them. A failed `helm test` describes the test pod (kwok pods have no logs:
// the report says the API's reason instead of a log tail).
import path from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { fixtureCharts } from "../../toolchain/tools.js";
import { HELM_BINARIES, Project, type ReleaseSpec, reportOf, unique } from "./support.js";

const troubled = path.join(fixtureCharts, "troubled");

describe.each(HELM_BINARIES)("why a release failed, with %s", (helm) => {
  it("an unschedulable release: the scheduler's reason, the pod's conditions and events, before the rollback", async () => {
    const ns = `why-${unique()}`;
    const stuck: ReleaseSpec = {
      name: "stuck",
      namespace: ns,
      chart: troubled,
      timeout: "6s",
      values: [{ nodeSelector: { "releases.test/none": "true" }, replicaCount: 2 }],
    };
    const project = new Project(helm, [stuck]);
    onTestFinished(() => project.cleanUp());

    const json = await project.releases(["sync"]);

    expect(json.code, json.stderr).toBe(1);
    const report = reportOf(json, `${ns}/stuck`);
    expect(report).toMatchObject({ outcome: "failed", rolledBack: true });
    const diagnosis = report.diagnosis!;
    expect(diagnosis.observed).toBe("while-waiting");
    const [deployment] = diagnosis.objects;
    expect(deployment).toMatchObject({
      kind: "Deployment",
      name: "stuck",
      summary: "0/2 ready, 2 unavailable",
    });
    expect(deployment!.conditions).toContainEqual(
      expect.objectContaining({ type: "Available", status: "False" }),
    );
    expect(deployment!.pods).toHaveLength(2);
    for (const pod of deployment!.pods) {
      expect(pod.phase).toBe("Pending");
      expect(pod.conditions).toContainEqual(
        expect.objectContaining({
          type: "PodScheduled",
          status: "False",
          reason: "Unschedulable",
          message: expect.stringMatching(/0\/3 nodes are available: .*node affinity\/selector/),
        }),
      );
      expect(pod.events).toContainEqual(
        expect.objectContaining({ type: "Warning", reason: "FailedScheduling" }),
      );
    }
    expect(deployment!.events).toContainEqual(expect.objectContaining({ reason: "ScalingReplicaSet" }));
    // The same diagnosis in the text a person reads: under the error, in the log and in the summary.
    expect(json.stderr).toMatch(
      /why: 1 of 1 objects not ready \(seen while helm waited, before its rollback\)/,
    );

    const text = await project.releases(["sync"], { output: "text" });
    expect(text.code).toBe(1);
    expect(text.stdout).toContain(`${ns}/stuck: install failed:`);
    expect(text.stdout).toMatch(/Deployment stuck: 0\/2 ready, 2 unavailable/);
    expect(text.stdout).toMatch(/PodScheduled=False Unschedulable: 0\/3 nodes are available/);
    expect(text.stdout).toMatch(/event Warning FailedScheduling/);
  });

  it("failed tests: the test pod's state, termination message and events; no log from kwok, said why", async () => {
    const ns = `whytest-${unique()}`;
    const tested: ReleaseSpec = {
      name: "tested",
      namespace: ns,
      chart: troubled,
      tests: true,
      timeout: "30s",
      values: [{ test: { enabled: true, simulate: "fail" } }],
    };
    const project = new Project(helm, [tested]);
    onTestFinished(() => project.cleanUp());

    const result = await project.releases(["sync"]);

    expect(result.code, result.stderr).toBe(1);
    const report = reportOf(result, `${ns}/tested`);
    expect(report.error).toMatch(/^tests failed/);
    const testPod = report.diagnosis!.objects.find((o) => o.kind === "Pod" && o.name === "tested-test");
    expect(testPod).toMatchObject({ summary: "Failed" });
    const [pod] = testPod!.pods;
    expect(pod!.containers).toEqual([
      expect.objectContaining({
        name: "check",
        state: "terminated",
        reason: "Error",
        exitCode: 1,
        message: "simulated failure (releases.test/simulate: fail)",
      }),
    ]);
    expect(pod!.log).toEqual({ unavailable: expect.stringMatching(/no logs found for container "check"/) });
  });
});
