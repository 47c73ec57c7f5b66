import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createLiveView } from "../../../src/report/live-view.js";
import {
  captureStream,
  colourCodes,
  fakeClock,
  queued,
  run,
  SKIP_REASON,
  T0,
  TEST_ERROR,
  wholeRun,
} from "./scenario.js";

// Each frame is: cursor up over the previous frame, then each line cleared and
// rewritten, then "clear below".
interface Frame {
  up: number;
  lines: string[];
}
const ESC = "\x1b";
const CLEAR = `\r${ESC}[2K`;
function frames(text: string): Frame[] {
  return text
    .split("\x1b[J")
    .slice(0, -1)
    .map((frame) => {
      const up = frame.startsWith(`${ESC}[`) ? frame.slice(2, frame.indexOf("A")) : "";
      const body = up ? frame.slice(up.length + 3) : frame;
      const lines = body
        .split("\n")
        .slice(0, -1)
        .map((l) => (l.startsWith(CLEAR) ? l.slice(CLEAR.length) : l));
      return { up: Number(up), lines };
    });
}
const lastFrame = (text: string) => frames(text).at(-1)!;

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("live view (terminal)", () => {
  it("redraws the block in place: each frame moves up over the one before", () => {
    const stream = captureStream({ columns: 120, rows: 40 });
    const view = createLiveView(stream, { now: fakeClock().now, color: false });
    for (const event of queued) view.listener(event);
    expect(frames(stream.text).map((f) => [f.up, f.lines.length])).toEqual([
      [0, 1],
      [1, 2],
      [2, 3],
      [3, 4],
      [4, 5],
    ]);
    view.finish();
  });

  it("ends on one line per release with what happened to it", () => {
    const stream = captureStream({ columns: 120, rows: 40 });
    const view = createLiveView(stream, { now: fakeClock().now, color: false });
    for (const event of wholeRun) view.listener(event);
    view.finish();
    expect(lastFrame(stream.text)).toEqual({
      up: 5,
      lines: [
        "core/devops          upgraded (revision 4) in 8.1s",
        "core/metrics         unchanged (revision 2)",
        `backend/app1-back    failed, rolled back to revision 3: ${TEST_ERROR}`,
        "backend/app2-back    installed (revision 1) in 3.3s",
        `frontend/app1-front  skipped: ${SKIP_REASON}`,
      ],
    });
  });

  it("ticks elapsed seconds on its timer while releases deploy and test", () => {
    const clock = fakeClock();
    const stream = captureStream({ columns: 120, rows: 40 });
    const view = createLiveView(stream, { now: clock.now, color: false, intervalMs: 100 });
    for (const event of [...queued, ...run.slice(0, 7)]) view.listener(event);
    clock.set(18_200);
    const before = stream.text.length;
    vi.advanceTimersByTime(100);
    expect(stream.text.length).toBeGreaterThan(before);
    expect(lastFrame(stream.text).lines).toEqual([
      "core/devops          upgraded (revision 4) in 8.1s",
      "core/metrics         unchanged (revision 2)",
      "backend/app1-back    testing 3s",
      "backend/app2-back    installed (revision 1) in 3.3s",
      "frontend/app1-front  waiting",
    ]);
    clock.set(75_000);
    view.listener({ type: "started", id: "frontend/app1-front", action: "install", at: T0 + 10_000 });
    expect(lastFrame(stream.text).lines.at(-1)).toBe("frontend/app1-front  installing 1m05s");
    view.finish();
  });

  it("shows a rollback as soon as it is reported, before the failure", () => {
    const stream = captureStream({ columns: 120, rows: 40 });
    const view = createLiveView(stream, { now: fakeClock().now, color: false });
    view.listener({ type: "started", id: "a/x", action: "install", at: T0 });
    view.listener({ type: "rolledBack", id: "a/x", uninstalled: true, at: T0 + 1 });
    expect(lastFrame(stream.text).lines).toEqual(["a/x  rolled back (uninstalled)"]);
    view.finish();
  });

  it("stops its timer and stops drawing when finished", () => {
    const stream = captureStream({ columns: 120, rows: 40 });
    const view = createLiveView(stream, { now: fakeClock().now, color: false });
    view.listener(queued[0]!);
    expect(vi.getTimerCount()).toBe(1);
    view.finish();
    expect(vi.getTimerCount()).toBe(0);
    const written = stream.text;
    vi.advanceTimersByTime(1_000);
    view.listener(run[0]!);
    view.finish();
    expect(stream.text).toBe(written);
  });

  it("cuts lines to the terminal width so none wraps", () => {
    const stream = captureStream({ columns: 40, rows: 40 });
    const view = createLiveView(stream, { now: fakeClock().now, color: false });
    for (const event of wholeRun) view.listener(event);
    view.finish();
    const { lines } = lastFrame(stream.text);
    expect(Math.max(...lines.map((l) => l.length))).toBe(39);
    expect(lines[2]).toBe("backend/app1-back    failed, rolled ba…");
    expect(lines[1]).toBe("core/metrics         unchanged (revisi…");
  });

  it("folds settled and waiting releases into one line when the block is taller than the screen", () => {
    const stream = captureStream({ columns: 120, rows: 4 });
    const view = createLiveView(stream, { now: fakeClock().now, color: false });
    for (const event of [...queued, ...run.slice(0, 3)]) view.listener(event);
    expect(lastFrame(stream.text).lines).toEqual([
      "backend/app1-back  waiting",
      "backend/app2-back  waiting",
      "+ 3 more: 2 done, 1 waiting",
    ]);
    view.finish();
    expect(lastFrame(stream.text).lines).toHaveLength(5);
  });

  it("colours the state, and only when asked", () => {
    const colored = captureStream({ columns: 120, rows: 40 });
    const plain = captureStream({ columns: 120, rows: 40 });
    for (const [stream, color] of [
      [colored, true],
      [plain, false],
    ] as const) {
      const view = createLiveView(stream, { now: fakeClock().now, color });
      for (const event of wholeRun) view.listener(event);
      view.finish();
    }
    expect(lastFrame(colored.text).lines[0]).toBe(
      "core/devops          \x1b[32mupgraded (revision 4) in 8.1s\x1b[0m",
    );
    expect(lastFrame(colored.text).lines[2]).toContain("\x1b[31mfailed");
    expect(colourCodes(plain.text)).toEqual([]);
    expect(colourCodes(colored.text)).toContain("[31m");
  });
});
