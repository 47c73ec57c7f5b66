// Progress for a terminal: one line per release, the whole block redrawn in
// place (cursor up, rewrite) on every event and on a timer so elapsed times
// tick. Lines are cut to the terminal width so none wraps and the cursor
// arithmetic stays right; when the block is taller than the screen, settled
// releases fold into one line until the final frame.
import { type Phase, type ReleaseProgress, RunProgress } from "./progress.js";
import type { ProgressReporter, TextStream } from "./reporter.js";
import { attemptSuffix, firstLine, ongoing, rolledBackText, succeededText, wholeSeconds } from "./wording.js";

export interface LiveViewOptions {
  now?: () => number;
  /** How often elapsed times are redrawn; 100 ms by default. */
  intervalMs?: number;
  /** ANSI colours; off when NO_COLOR is set (see `colorWanted`). */
  color?: boolean;
}

const CLEAR_LINE = "\x1b[2K";
const CLEAR_BELOW = "\x1b[J";
const up = (n: number) => (n > 0 ? `\x1b[${n}A` : "");

export function createLiveView(stream: TextStream, options: LiveViewOptions = {}): ProgressReporter {
  const now = options.now ?? Date.now;
  const color = options.color ?? true;
  const progress = new RunProgress();
  let drawn = 0;
  let finished = false;

  const draw = (final: boolean) => {
    const releases = progress.releases();
    if (releases.length === 0) return;
    const lines = renderLines(releases, now(), {
      // A pseudo-terminal with no size set reports 0 columns and rows: use the classic 80x24.
      width: Math.max(20, (stream.columns || 80) - 1),
      maxLines: final ? Number.POSITIVE_INFINITY : Math.max(2, (stream.rows || 24) - 1),
      color,
    });
    stream.write(`${up(drawn)}${lines.map((l) => `\r${CLEAR_LINE}${l}\n`).join("")}${CLEAR_BELOW}`);
    drawn = lines.length;
  };

  const timer = setInterval(() => draw(false), options.intervalMs ?? 100);
  timer.unref();

  return {
    listener: (event) => {
      progress.apply(event);
      if (!finished) draw(false);
    },
    finish: () => {
      if (finished) return;
      finished = true;
      clearInterval(timer);
      draw(true);
    },
  };
}

interface RenderOptions {
  width: number;
  maxLines: number;
  color: boolean;
}

/** The block's lines for the given moment, each at most `width` visible characters. */
export function renderLines(
  releases: readonly ReleaseProgress[],
  now: number,
  options: RenderOptions,
): string[] {
  const { shown, hidden } = fitToScreen(releases, options.maxLines);
  const idWidth = Math.max(...shown.map((r) => r.id.length));
  const lines = shown.map((r) => {
    const head = `${r.id.padEnd(idWidth)}  `;
    const plain = truncate(`${head}${stateText(r, now)}`, options.width);
    const tail = plain.slice(head.length);
    return options.color ? `${plain.slice(0, head.length)}${paint(r.phase, tail)}` : plain;
  });
  if (hidden.length > 0) lines.push(truncate(foldedText(hidden), options.width));
  return lines;
}

export function stateText(r: ReleaseProgress, now: number): string {
  switch (r.phase) {
    case "waiting":
      return "waiting";
    case "running": {
      if (r.rollback) return rolledBackText(r.rollback);
      const failed = r.retried.at(-1);
      if (r.retryAt !== undefined && failed) {
        return `attempt ${failed.attempt}/${r.maxAttempts} failed, retrying in ${wholeSeconds(r.retryAt - now + 999)}: ${firstLine(failed.error)}`;
      }
      return `${ongoing(r.action)} ${wholeSeconds(now - (r.startedAt ?? now))}${attemptSuffix(r)}`;
    }
    case "testing":
      if (r.rollback) return rolledBackText(r.rollback);
      return `testing ${wholeSeconds(now - (r.testingAt ?? now))}${attemptSuffix(r)}`;
    case "succeeded":
      return succeededText(r);
    case "failed": {
      const rollback = r.rollback ? `, ${rolledBackText(r.rollback)}` : "";
      const attempts = r.attempt && r.attempt > 1 ? ` after ${r.attempt} attempts` : "";
      return `failed${attempts}${rollback}: ${firstLine(r.error ?? "")}`;
    }
    case "skipped":
      return `skipped: ${r.reason ?? ""}`;
  }
}

// Lower ranks stay on screen longest: what is moving or broken, then what is to come.
const RANK: Record<Phase, number> = {
  running: 0,
  testing: 0,
  failed: 0,
  waiting: 1,
  succeeded: 2,
  skipped: 2,
};
const FOLDED: Record<Phase, string> = {
  running: "running",
  testing: "running",
  failed: "failed",
  waiting: "waiting",
  succeeded: "done",
  skipped: "skipped",
};

function fitToScreen(releases: readonly ReleaseProgress[], maxLines: number) {
  if (releases.length <= maxLines) return { shown: releases, hidden: [] };
  const kept = new Set([...releases].sort((a, b) => RANK[a.phase] - RANK[b.phase]).slice(0, maxLines - 1));
  return { shown: releases.filter((r) => kept.has(r)), hidden: releases.filter((r) => !kept.has(r)) };
}

function foldedText(hidden: readonly ReleaseProgress[]): string {
  const counts = new Map<string, number>();
  for (const r of hidden) counts.set(FOLDED[r.phase], (counts.get(FOLDED[r.phase]) ?? 0) + 1);
  const parts = [...counts].map(([label, n]) => `${n} ${label}`);
  return `+ ${hidden.length} more: ${parts.join(", ")}`;
}

function truncate(text: string, width: number): string {
  const flat = text.replaceAll(/\s*\n\s*/g, " ");
  return flat.length <= width ? flat : `${flat.slice(0, width - 1)}…`;
}

const COLOR: Record<Phase, number> = {
  waiting: 2,
  running: 36,
  testing: 36,
  succeeded: 32,
  failed: 31,
  skipped: 33,
};

function paint(phase: Phase, text: string): string {
  return `\x1b[${COLOR[phase]}m${text}\x1b[0m`;
}
