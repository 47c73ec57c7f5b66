// Picks how a run is shown. Progress goes to stderr (live view on a terminal,
// plain lines otherwise); stdout carries only the result: the summary table in
// text mode, the JSON report alone in json mode, so it can be piped.
import type { RunListener } from "../run/events.js";
import { createLiveView } from "./live-view.js";
import { createPlainLog } from "./plain-log.js";
import { collectSummary, formatSummary, type RunSummary, summaryJson } from "./summary.js";

/** The part of a Node stream reporters use; the sizes are a TTY's. */
export interface TextStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
  rows?: number;
}

/** Shows progress while a run goes; `finish` stops any timer and draws the last state. */
export interface ProgressReporter {
  listener: RunListener;
  finish(): void;
}

/** A whole run's reporting: `finish` ends the progress, prints the result and returns it. */
export interface Reporter {
  listener: RunListener;
  finish(): RunSummary;
}

export interface ReporterOptions {
  stdout: TextStream;
  stderr: TextStream;
  output: "text" | "json";
  /** Whether stderr is a terminal. */
  isTTY: boolean;
  env?: Readonly<Record<string, string | undefined>>;
  now?: () => number;
  intervalMs?: number;
}

export function chooseReporter(options: ReporterOptions): Reporter {
  const { stdout, stderr, output, now } = options;
  // In json mode the log still goes to stderr: CI keeps a trace, stdout stays pure JSON.
  const progress =
    output === "text" && options.isTTY
      ? createLiveView(stderr, { now, intervalMs: options.intervalMs, color: colorWanted(options.env ?? {}) })
      : createPlainLog(stderr, { now });
  const collector = collectSummary({ now });
  let result: RunSummary | undefined;
  return {
    listener: (event) => {
      collector.listener(event);
      progress.listener(event);
    },
    finish: () => {
      if (result) return result;
      progress.finish();
      result = collector.summary();
      stdout.write(
        output === "json"
          ? `${JSON.stringify(summaryJson(result), null, 2)}\n`
          : `${formatSummary(result)}\n`,
      );
      return result;
    },
  };
}

/** https://no-color.org: any non-empty NO_COLOR turns colour off. */
export function colorWanted(env: Readonly<Record<string, string | undefined>>): boolean {
  return !env.NO_COLOR;
}
