import { describe, expect, it } from "vitest";
import type { Diagnosis } from "../../../src/diagnose/diagnosis.js";
import { stateText } from "../../../src/report/live-view.js";
import { createPlainLog } from "../../../src/report/plain-log.js";
import { RunProgress } from "../../../src/report/progress.js";
import { formatSummary, summarize, summaryJson } from "../../../src/report/summary.js";
import type { RunEvent } from "../../../src/run/events.js";
import { captureStream, fakeClock, T0 } from "./scenario.js";

const why: Diagnosis = {
  objects: [
    {
      kind: "Deployment",
      name: "x",
      summary: "0/1 ready",
      conditions: [],
      pods: [],
      morePods: 0,
      events: [],
    },
  ],
  checked: 1,
  observed: "while-waiting",
  notes: [],
};
const timeout =
  "release x failed, and has been uninstalled due to atomic being set: context deadline exceeded";
const retriedThenOk: RunEvent[] = [
  { type: "queued", id: "a/x" },
  { type: "started", id: "a/x", action: "install", at: T0 },
  {
    type: "retrying",
    id: "a/x",
    attempt: 1,
    maxAttempts: 3,
    error: timeout,
    undo: { uninstalled: true },
    diagnosis: why,
    delayMs: 5_000,
    at: T0 + 10_000,
  },
  { type: "attempt", id: "a/x", attempt: 2, maxAttempts: 3, at: T0 + 15_000 },
  { type: "succeeded", id: "a/x", action: "install", revision: 1, at: T0 + 20_000 },
];

describe("retries in the live view, the log and the report", () => {
  it("the live view counts down the backoff, then shows the attempt", () => {
    const progress = new RunProgress();
    for (const e of retriedThenOk.slice(0, 3)) progress.apply(e);
    const [x] = progress.releases();
    expect(stateText(x!, T0 + 12_000)).toBe(`attempt 1/3 failed, retrying in 3s: ${timeout}`);
    progress.apply(retriedThenOk[3]!);
    expect(stateText(x!, T0 + 17_000)).toBe("installing 17s (attempt 2/3)");
    progress.apply(retriedThenOk[4]!);
    expect(stateText(x!, T0 + 20_000)).toBe("installed (revision 1) in 20.0s (attempt 2/3)");
  });

  it("the log says each failed attempt, why, and the next attempt", () => {
    const stream = captureStream();
    const log = createPlainLog(stream, { now: fakeClock().now });
    for (const e of retriedThenOk) log.listener(e);
    expect(stream.text.split("\n")).toEqual([
      "[0.0s] a/x: installing",
      `[10.0s] a/x: attempt 1/3 failed, rolled back (uninstalled); retrying in 5.0s: ${timeout}`,
      "    why: 1 of 1 objects not ready (seen while helm waited, before its rollback)",
      "      Deployment x: 0/1 ready",
      "[15.0s] a/x: installing (attempt 2/3)",
      "[20.0s] a/x: installed (revision 1) in 20.0s (attempt 2/3)",
      "",
    ]);
  });

  it("the summary notes the failed attempts; the JSON report lists every attempt", () => {
    const progress = new RunProgress();
    for (const e of retriedThenOk) progress.apply(e);
    const summary = summarize(progress.releases(), 20_000);
    expect(formatSummary(summary)).toContain("after 1 failed attempt");
    expect(summaryJson(summary).releases[0]!.attempts).toEqual([
      {
        attempt: 1,
        outcome: "failed",
        error: timeout,
        rolledBack: true,
        rolledBackToRevision: null,
        diagnosis: why,
      },
      {
        attempt: 2,
        outcome: "succeeded",
        error: null,
        rolledBack: false,
        rolledBackToRevision: null,
        diagnosis: null,
      },
    ]);
  });

  it("a release that spent its retries: failed after N attempts, with the last diagnosis under the table", () => {
    const progress = new RunProgress();
    const events: RunEvent[] = [
      ...retriedThenOk.slice(0, 4),
      { type: "rolledBack", id: "a/x", uninstalled: true, at: T0 + 25_000 },
      { type: "failed", id: "a/x", action: "install", error: timeout, diagnosis: why, at: T0 + 25_000 },
    ];
    for (const e of events) progress.apply(e);
    const [x] = progress.releases();
    expect(stateText(x!, T0 + 25_000)).toBe(`failed after 2 attempts, rolled back (uninstalled): ${timeout}`);
    const text = formatSummary(summarize(progress.releases(), 25_000));
    expect(text).toContain("install failed (2 attempts), rolled back (uninstalled)");
    expect(text).toContain("a/x: install failed:\n  release x failed");
    expect(text).toContain("  why: 1 of 1 objects not ready");
  });

  it("a retry dropped during its backoff (Ctrl-C) is no extra attempt", () => {
    const progress = new RunProgress();
    const stopped = `${timeout} (not retried: the run is stopping)`;
    for (const e of [
      ...retriedThenOk.slice(0, 3),
      { type: "rolledBack", id: "a/x", uninstalled: true, at: T0 + 11_000 },
      { type: "failed", id: "a/x", action: "install", error: stopped, at: T0 + 11_000 },
    ] as RunEvent[])
      progress.apply(e);
    const [report] = summaryJson(summarize(progress.releases(), 11_000)).releases;
    expect(report!.attempts).toEqual([
      {
        attempt: 1,
        outcome: "failed",
        error: stopped,
        rolledBack: true,
        rolledBackToRevision: null,
        diagnosis: why,
      },
    ]);
    expect(stateText(progress.releases()[0]!, T0 + 11_000)).toBe(
      `failed, rolled back (uninstalled): ${stopped}`,
    );
  });
});
