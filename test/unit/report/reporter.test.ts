import { describe, expect, it } from "vitest";
import { chooseReporter, colorWanted, type ReporterOptions } from "../../../src/report/reporter.js";
import { captureStream, colourCodes, fakeClock, wholeRun } from "./scenario.js";

function runWith(options: Pick<ReporterOptions, "output" | "isTTY" | "env">) {
  const stdout = captureStream();
  const stderr = captureStream({ columns: 120, rows: 40 });
  const clock = fakeClock();
  const reporter = chooseReporter({ stdout, stderr, now: clock.now, ...options });
  for (const event of wholeRun) reporter.listener(event);
  clock.set(20_500);
  const summary = reporter.finish();
  return { stdout: stdout.text, stderr: stderr.text, summary, reporter, stdoutStream: stdout };
}

const TOTALS = "5 releases: 1 installed, 1 upgraded, 1 unchanged, 1 failed (rolled back), 1 skipped";

describe("choosing a reporter", () => {
  it("text on a terminal: live view on stderr, summary table on stdout", () => {
    const { stdout, stderr } = runWith({ output: "text", isTTY: true, env: {} });
    expect(stderr).toContain("\x1b[4A");
    expect(stderr).toContain("\x1b[32mupgraded (revision 4) in 8.1s");
    expect(stdout.startsWith("RELEASE ")).toBe(true);
    expect(stdout.endsWith(`\n\n${TOTALS}\n`)).toBe(true);
  });

  it("text on a terminal with NO_COLOR: the live view has no colour", () => {
    const { stderr } = runWith({ output: "text", isTTY: true, env: { NO_COLOR: "1" } });
    expect(stderr).toContain("\x1b[4A");
    expect(colourCodes(stderr)).toEqual([]);
  });

  it("text without a terminal: plain lines on stderr, no cursor moves", () => {
    const { stdout, stderr } = runWith({ output: "text", isTTY: false });
    expect(stderr.split("\n")[0]).toBe("[0.5s] core/devops: upgrading");
    expect(stderr).not.toContain("\x1b[");
    expect(stdout.endsWith(`${TOTALS}\n`)).toBe(true);
  });

  it("json: stdout is the JSON report alone, progress goes to stderr as plain lines even on a terminal", () => {
    const { stdout, stderr, summary } = runWith({ output: "json", isTTY: true });
    const report = JSON.parse(stdout);
    expect(report.ok).toBe(false);
    expect(report.durationMs).toBe(20_500);
    expect(report.releases.map((r: { id: string; outcome: string }) => `${r.id} ${r.outcome}`)).toEqual([
      "core/devops succeeded",
      "core/metrics unchanged",
      "backend/app1-back failed",
      "backend/app2-back succeeded",
      "frontend/app1-front skipped",
    ]);
    expect(summary.ok).toBe(false);
    expect(stderr).toContain("[20.0s] backend/app1-back: rolled back to revision 3\n");
    expect(stderr).not.toContain("\x1b[");
  });

  it("finishing twice prints the result once and returns the same summary", () => {
    const { reporter, summary, stdout, stdoutStream } = runWith({ output: "json", isTTY: false });
    expect(reporter.finish()).toBe(summary);
    expect(stdoutStream.text).toBe(stdout);
  });
});

describe("NO_COLOR", () => {
  it.each([
    [{}, true],
    [{ NO_COLOR: "" }, true],
    [{ NO_COLOR: "1" }, false],
    [{ NO_COLOR: "true" }, false],
  ])("%j wants colour: %s", (env, wanted) => {
    expect(colorWanted(env)).toBe(wanted);
  });
});
