// Progress for logs and CI (no TTY): one line per state change, stamped with
// the time since the run started, e.g. `[12.3s] backend/app1-back: upgrading`.

import { formatDiagnosis } from "../diagnose/format.js";
import type { RunEvent } from "../run/events.js";
import { type ReleaseProgress, RunProgress } from "./progress.js";
import type { ProgressReporter, TextStream } from "./reporter.js";
import { attemptSuffix, ongoing, retryingText, rolledBackText, seconds, succeededText } from "./wording.js";

export interface PlainLogOptions {
  now?: () => number;
}

export function createPlainLog(stream: TextStream, options: PlainLogOptions = {}): ProgressReporter {
  const start = (options.now ?? Date.now)();
  const progress = new RunProgress();
  return {
    listener: (event) => {
      const release = progress.apply(event);
      const text = describeChange(event, release);
      if (text === undefined || event.type === "queued") return;
      // Continuation lines (helm's stderr) are indented so each entry still starts with its stamp.
      const body = text.replaceAll("\n", "\n    ");
      stream.write(`[${seconds(event.at - start)}] ${event.id}: ${body}\n`);
    },
    finish: () => {},
  };
}

/** The log text for an event, given the release's state after it; undefined when nothing changed. */
export function describeChange(event: RunEvent, release: ReleaseProgress): string | undefined {
  switch (event.type) {
    case "queued":
      return undefined;
    case "started":
      return ongoing(event.action);
    case "testing":
      return "testing";
    case "succeeded":
      return succeededText(release);
    case "failed":
      return withDiagnosis(`failed: ${event.error.trim()}`, event.diagnosis);
    case "rolledBack":
      return rolledBackText(release.rollback!);
    case "skipped":
      return `skipped: ${event.reason}`;
    case "retrying":
      return withDiagnosis(`${retryingText(event)}: ${event.error.trim()}`, event.diagnosis);
    case "attempt":
      return `${ongoing(release.action)}${attemptSuffix(event)}`;
  }
}

function withDiagnosis(text: string, diagnosis: Parameters<typeof formatDiagnosis>[0] | undefined): string {
  return diagnosis ? `${text}\n${formatDiagnosis(diagnosis)}` : text;
}
