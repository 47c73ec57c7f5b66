import { describe, expect, it } from "vitest";
import { apiMessage, mergeSnapshots, watchTiming } from "../../../src/diagnose/watch.js";

describe("watching a release while helm waits", () => {
  it.each([
    [5, { intervalMs: 2000, finalMs: 4500 }],
    [60, { intervalMs: 12_000, finalMs: 58_500 }],
    [300, { intervalMs: 30_000, finalMs: 298_500 }],
  ])("timeout %is: readings every fifth (2 to 30 s), the last just before it ends", (timeout, want) => {
    expect(watchTiming(timeout)).toEqual(want);
  });

  it("objects as they were while helm waited win; only the later reading's new objects and events are added", () => {
    const before = {
      objects: { Pod: [{ metadata: { name: "web-1", uid: "p1" }, status: { phase: "Pending" } }] },
      events: [{ metadata: { uid: "e1" }, reason: "Scheduled" }],
      unreadable: [],
    };
    const after = {
      objects: {
        Pod: [
          { metadata: { name: "web-1", uid: "p1" }, status: { phase: "Running" } },
          { metadata: { name: "web-test", uid: "t1" }, status: { phase: "Failed" } },
        ],
      },
      events: [
        { metadata: { uid: "e1" }, reason: "Scheduled" },
        { metadata: { uid: "e2" }, reason: "Killing" },
      ],
      unreadable: [{ kind: "Job", reason: "forbidden" }],
    };
    const merged = mergeSnapshots(before, after);
    expect(merged.objects.Pod!.map((p) => [p.metadata?.name, p.status.phase])).toEqual([
      ["web-1", "Pending"],
      ["web-test", "Failed"],
    ]);
    expect(merged.events.map((e) => e.reason)).toEqual(["Scheduled", "Killing"]);
    expect(merged.unreadable).toEqual(after.unreadable);
  });

  it("the API server's own message: the first line of the error", () => {
    const error = new Error('no logs found for container "check" in pod "ns/t"');
    expect(apiMessage(error)).toBe('no logs found for container "check" in pod "ns/t"');
    expect(apiMessage(new Error("connect ECONNREFUSED\nmore"))).toBe("connect ECONNREFUSED");
  });
});
