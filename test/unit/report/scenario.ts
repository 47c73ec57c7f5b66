// A scripted run shared by the reporter tests: five releases, one upgraded,
// one already as wanted, one installed, one failing its tests and rolled back,
// and one skipped because of it. Times are milliseconds after T0.

import type { TextStream } from "../../../src/report/reporter.js";
import type { RunEvent } from "../../../src/run/events.js";

export const T0 = 1_700_000_000_000;
const at = (ms: number) => T0 + ms;

export const SKIP_REASON = "needs backend/app1-back, which did not succeed";
export const TEST_ERROR = "tests failed: pod app1-back-test failed";

export const queued: RunEvent[] = [
  "core/devops",
  "core/metrics",
  "backend/app1-back",
  "backend/app2-back",
  "frontend/app1-front",
].map((id) => ({ type: "queued", id }));

export const run: RunEvent[] = [
  { type: "started", id: "core/devops", action: "upgrade", at: at(500) },
  { type: "succeeded", id: "core/metrics", action: "unchanged", revision: 2, at: at(700) },
  { type: "succeeded", id: "core/devops", action: "upgrade", revision: 4, at: at(8_600) },
  { type: "started", id: "backend/app1-back", action: "upgrade", at: at(9_000) },
  { type: "started", id: "backend/app2-back", action: "install", at: at(9_000) },
  { type: "succeeded", id: "backend/app2-back", action: "install", revision: 1, at: at(12_300) },
  { type: "testing", id: "backend/app1-back", at: at(15_000) },
  { type: "rolledBack", id: "backend/app1-back", toRevision: 3, uninstalled: false, at: at(20_000) },
  { type: "failed", id: "backend/app1-back", action: "upgrade", error: TEST_ERROR, at: at(20_100) },
  { type: "skipped", id: "frontend/app1-front", reason: SKIP_REASON, at: at(20_100) },
];

export const wholeRun: RunEvent[] = [...queued, ...run];

/** A writable that keeps what was written. */
export function captureStream(tty: { columns?: number; rows?: number } = {}): TextStream & { text: string } {
  return {
    text: "",
    isTTY: tty.columns !== undefined,
    ...tty,
    write(chunk: string) {
      this.text += chunk;
      return true;
    },
  };
}

/** A clock the test moves by hand. */
export function fakeClock(start = T0) {
  let time = start;
  return {
    now: () => time,
    set: (ms: number) => {
      time = T0 + ms;
    },
  };
}

/** The colour (SGR) codes in a text, e.g. `[32m`; written without control characters in a regex. */
export function colourCodes(text: string): string[] {
  return text
    .split("\x1b")
    .slice(1)
    .map((part) => /^\[\d+m/.exec(part)?.[0])
    .filter((code) => code !== undefined);
}
