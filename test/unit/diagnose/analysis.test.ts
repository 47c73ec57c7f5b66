import { describe, expect, it } from "vitest";
import { diagnose, eventsAbout } from "../../../src/diagnose/analysis.js";
import { formatDiagnosis } from "../../../src/diagnose/format.js";
import type { KubeEvent, KubeObject, NamespaceSnapshot } from "../../../src/diagnose/objects.js";

const release = { name: "web", namespace: "shop" };
const owned = { "meta.helm.sh/release-name": "web", "meta.helm.sh/release-namespace": "shop" };

function deployment(status: Record<string, unknown>, extra: Partial<KubeObject> = {}): KubeObject {
  return {
    metadata: { name: "web", uid: "d1", annotations: owned },
    spec: { replicas: 2 },
    status,
    ...extra,
  };
}
const replicaSet: KubeObject = {
  metadata: {
    name: "web-abc",
    uid: "rs1",
    annotations: owned,
    ownerReferences: [{ kind: "Deployment", uid: "d1" }],
  },
};
function pod(name: string, status: Record<string, unknown>): KubeObject {
  return {
    metadata: { name, uid: `p-${name}`, ownerReferences: [{ kind: "ReplicaSet", uid: "rs1" }] },
    spec: { containers: [{ name: "app" }] },
    status,
  };
}
function event(
  kind: string,
  name: string,
  reason: string,
  message: string,
  at: string,
  extra: Partial<KubeEvent> = {},
): KubeEvent {
  return {
    involvedObject: { kind, name },
    type: "Warning",
    reason,
    message,
    lastTimestamp: at,
    count: 1,
    ...extra,
  };
}
function snapshot(objects: NamespaceSnapshot["objects"], events: KubeEvent[] = []): NamespaceSnapshot {
  return { objects, events, unreadable: [] };
}

describe("why a release is not ready, from plain objects", () => {
  it("a Deployment whose pods crash-loop: its conditions, the pod's container state with the last run, and events", () => {
    const crashing = pod("web-abc-1", {
      phase: "Running",
      conditions: [
        { type: "PodScheduled", status: "True" },
        {
          type: "Ready",
          status: "False",
          reason: "ContainersNotReady",
          message: "containers with unready status: [app]",
        },
      ],
      containerStatuses: [
        {
          name: "app",
          ready: false,
          restartCount: 4,
          state: {
            waiting: { reason: "CrashLoopBackOff", message: "back-off 1m20s restarting failed container" },
          },
          lastState: { terminated: { reason: "Error", exitCode: 2 } },
        },
      ],
    });
    const d = diagnose(
      snapshot(
        {
          Deployment: [
            deployment({
              readyReplicas: 0,
              updatedReplicas: 2,
              availableReplicas: 0,
              conditions: [
                {
                  type: "Available",
                  status: "False",
                  reason: "MinimumReplicasUnavailable",
                  message: "Deployment does not have minimum availability.",
                },
                { type: "Progressing", status: "True", reason: "ReplicaSetUpdated" },
              ],
            }),
          ],
          ReplicaSet: [replicaSet],
          Pod: [crashing],
        },
        [
          event(
            "Pod",
            "web-abc-1",
            "BackOff",
            "Back-off restarting failed container app",
            "2026-12-01T10:00:05Z",
            { count: 7 },
          ),
          event(
            "ReplicaSet",
            "web-abc",
            "SuccessfulCreate",
            "Created pod: web-abc-1",
            "2026-12-01T10:00:00Z",
            { type: "Normal" },
          ),
        ],
      ),
      release,
      "",
      "while-waiting",
    );
    expect(d.checked).toBe(1);
    expect(d.objects).toHaveLength(1);
    const [web] = d.objects;
    expect(web).toMatchObject({ kind: "Deployment", name: "web", summary: "0/2 ready, 2 unavailable" });
    expect(web!.conditions).toEqual([
      {
        type: "Available",
        status: "False",
        reason: "MinimumReplicasUnavailable",
        message: "Deployment does not have minimum availability.",
      },
    ]);
    expect(web!.pods[0]!.containers[0]).toMatchObject({
      name: "app",
      state: "waiting",
      reason: "CrashLoopBackOff",
      restarts: 4,
      lastTerminated: { reason: "Error", exitCode: 2 },
    });
    expect(web!.pods[0]!.events).toEqual([expect.objectContaining({ reason: "BackOff", count: 7 })]);
    expect(web!.events.map((e) => e.reason)).toEqual(["SuccessfulCreate"]);
    const text = formatDiagnosis(d);
    expect(text).toContain("Deployment web: 0/2 ready, 2 unavailable");
    expect(text).toContain(
      "container app: waiting CrashLoopBackOff: back-off 1m20s restarting failed container; 4 restarts; last run ended Error, exit code 2",
    );
    expect(text).toContain("event Warning BackOff (x7): Back-off restarting failed container app");
    expect(text).toContain("seen while helm waited");
  });

  it("an unschedulable pod says the scheduler's reason; an image pull failure says the image", () => {
    const pending = pod("web-abc-1", {
      phase: "Pending",
      conditions: [
        {
          type: "PodScheduled",
          status: "False",
          reason: "Unschedulable",
          message: "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector.",
        },
      ],
    });
    const pulling = pod("web-abc-2", {
      phase: "Pending",
      conditions: [{ type: "PodScheduled", status: "True" }],
      containerStatuses: [
        {
          name: "app",
          ready: false,
          restartCount: 0,
          state: {
            waiting: {
              reason: "ImagePullBackOff",
              message: 'Back-off pulling image "registry.invalid/web:2"',
            },
          },
        },
      ],
    });
    const d = diagnose(
      snapshot({
        Deployment: [deployment({ readyReplicas: 0, updatedReplicas: 2 })],
        ReplicaSet: [replicaSet],
        Pod: [pending, pulling],
      }),
      release,
      "",
      "while-waiting",
    );
    const pods = d.objects[0]!.pods;
    // A pod with a waiting container comes before a merely pending one.
    expect(pods.map((p) => p.name)).toEqual(["web-abc-2", "web-abc-1"]);
    expect(pods[1]!.conditions).toEqual([
      expect.objectContaining({ type: "PodScheduled", status: "False", reason: "Unschedulable" }),
    ]);
    expect(pods[1]!.containers).toEqual([{ name: "app", state: "unknown", restarts: 0, ready: false }]);
    expect(formatDiagnosis(d)).toContain(
      'container app: waiting ImagePullBackOff: Back-off pulling image "registry.invalid/web:2"',
    );
  });

  it("ready objects and other releases' objects are left out", () => {
    const ready = deployment({ readyReplicas: 2, updatedReplicas: 2, availableReplicas: 2 });
    const other: KubeObject = {
      metadata: { name: "api", uid: "d2", annotations: { "meta.helm.sh/release-name": "api" } },
      spec: { replicas: 1 },
      status: {},
    };
    const d = diagnose(snapshot({ Deployment: [ready, other] }), release, "", "after-failure");
    expect(d).toMatchObject({ objects: [], checked: 1 });
    expect(formatDiagnosis(d)).toBe(
      "why: all 1 objects of the release looked ready (seen after the failure)",
    );
  });

  it("a failed test pod named in helm's output is described, with its termination message", () => {
    const testPod: KubeObject = {
      metadata: { name: "web-test", uid: "t1", annotations: { "helm.sh/hook": "test" } },
      spec: { containers: [{ name: "check" }] },
      status: {
        phase: "Failed",
        containerStatuses: [
          {
            name: "check",
            ready: false,
            restartCount: 0,
            state: { terminated: { reason: "Error", exitCode: 1, message: "expected 200, got 503" } },
          },
        ],
      },
    };
    const unrelated: KubeObject = { ...testPod, metadata: { name: "web-test-2", uid: "t2" } };
    const d = diagnose(
      snapshot({ Pod: [testPod, unrelated] }),
      release,
      "Error: 1 error occurred:\n\t* pod web-test failed",
      "after-failure",
    );
    expect(d.objects.map((o) => `${o.kind} ${o.name}: ${o.summary}`)).toEqual(["Pod web-test: Failed"]);
    expect(d.objects[0]!.pods[0]!.containers[0]).toMatchObject({
      state: "terminated",
      exitCode: 1,
      message: "expected 200, got 503",
    });
  });

  it("a failed hook Job and an unbound claim", () => {
    const job: KubeObject = {
      metadata: { name: "web-migrate", uid: "j1" },
      status: {
        failed: 1,
        conditions: [
          {
            type: "Failed",
            status: "True",
            reason: "BackoffLimitExceeded",
            message: "Job has reached the specified backoff limit",
          },
        ],
      },
    };
    const claim: KubeObject = {
      metadata: { name: "data", uid: "c1", annotations: owned },
      status: { phase: "Pending" },
    };
    const d = diagnose(
      snapshot({ Job: [job], PersistentVolumeClaim: [claim] }),
      release,
      "pre-upgrade hooks failed: job web-migrate failed: BackoffLimitExceeded",
      "after-failure",
    );
    expect(d.objects.map((o) => o.summary)).toEqual([
      "failed: BackoffLimitExceeded: Job has reached the specified backoff limit",
      "Pending: not bound",
    ]);
  });

  it("events of an earlier object with the same name are not this one's; repeats fold, the newest last", () => {
    const events: KubeEvent[] = [
      event("Deployment", "web", "ScalingReplicaSet", "old", "2026-12-01T09:00:00Z", {
        involvedObject: { kind: "Deployment", name: "web", uid: "old" },
      }),
      event("Deployment", "web", "A", "first", "2026-12-01T10:00:00Z", {
        involvedObject: { kind: "Deployment", name: "web", uid: "d1" },
      }),
      event("Deployment", "web", "B", "again", "2026-12-01T10:00:01Z", {
        involvedObject: { kind: "Deployment", name: "web", uid: "d1" },
      }),
      event("Deployment", "web", "A", "first", "2026-12-01T10:00:02Z", {
        involvedObject: { kind: "Deployment", name: "web", uid: "d1" },
        count: 2,
      }),
    ];
    expect(
      eventsAbout(events, [{ kind: "Deployment", name: "web", uid: "d1" }]).map((e) => [e.reason, e.count]),
    ).toEqual([
      ["B", 1],
      ["A", 3],
    ]);
  });

  it("what could not be read is said", () => {
    const d = diagnose(
      { objects: {}, events: [], unreadable: [{ kind: "Event", reason: "forbidden" }] },
      release,
      "",
      "after-failure",
    );
    expect(d.notes).toEqual(["could not read Event in shop: forbidden"]);
    expect(formatDiagnosis(d)).toContain("(could not read Event in shop: forbidden)");
  });
});
