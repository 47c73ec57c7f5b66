import { describe, expect, it } from "vitest";
import { createPlainLog } from "../../../src/report/plain-log.js";
import { captureStream, fakeClock, SKIP_REASON, T0, TEST_ERROR, wholeRun } from "./scenario.js";

describe("plain log (no terminal)", () => {
  it("writes one stamped line per state change and nothing for queueing", () => {
    const stream = captureStream();
    const log = createPlainLog(stream, { now: fakeClock().now });
    for (const event of wholeRun) log.listener(event);
    log.finish();

    expect(stream.text.split("\n")).toEqual([
      "[0.5s] core/devops: upgrading",
      "[0.7s] core/metrics: unchanged (revision 2)",
      "[8.6s] core/devops: upgraded (revision 4) in 8.1s",
      "[9.0s] backend/app1-back: upgrading",
      "[9.0s] backend/app2-back: installing",
      "[12.3s] backend/app2-back: installed (revision 1) in 3.3s",
      "[15.0s] backend/app1-back: testing",
      "[20.0s] backend/app1-back: rolled back to revision 3",
      `[20.1s] backend/app1-back: failed: ${TEST_ERROR}`,
      `[20.1s] frontend/app1-front: skipped: ${SKIP_REASON}`,
      "",
    ]);
  });

  it.each([
    {
      why: "a failed first install that helm removed",
      event: { type: "rolledBack", id: "a/x", uninstalled: true, at: T0 + 2_000 } as const,
      line: "[2.0s] a/x: rolled back (uninstalled)",
    },
    {
      why: "a release that must be absent and already is",
      event: { type: "succeeded", id: "a/x", action: "none", at: T0 + 2_000 } as const,
      line: "[2.0s] a/x: not installed",
    },
    {
      why: "a run interrupted before a release started",
      event: { type: "skipped", id: "a/x", reason: "interrupted: not started", at: T0 + 65_000 } as const,
      line: "[1m05s] a/x: skipped: interrupted: not started",
    },
  ])("describes $why", ({ event, line }) => {
    const stream = captureStream();
    createPlainLog(stream, { now: fakeClock().now }).listener(event);
    expect(stream.text).toBe(`${line}\n`);
  });

  it("indents the continuation lines of a multi-line error under its entry", () => {
    const stream = captureStream();
    const log = createPlainLog(stream, { now: fakeClock().now });
    log.listener({ type: "started", id: "a/x", action: "install", at: T0 });
    log.listener({
      type: "failed",
      id: "a/x",
      action: "install",
      error: "helm upgrade failed (exit 1)\nError: timed out waiting for the condition\n",
      at: T0 + 300_000,
    });
    expect(stream.text.split("\n").slice(1)).toEqual([
      "[5m00s] a/x: failed: helm upgrade failed (exit 1)",
      "    Error: timed out waiting for the condition",
      "",
    ]);
  });
});
