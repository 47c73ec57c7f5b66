// Signals during a deploying run, and the reporter that shows it.
//
// Ctrl-C (SIGINT): the first starts nothing new and lets running releases
// finish (or roll back); the second stops the running helm processes with
// SIGTERM — helm marks the release failed and rolls it back — and waits.
// SIGTERM (what CI runners and Kubernetes send before SIGKILL) does both at
// once, and after TERM_GRACE_SECONDS kills what still runs; the run then rolls
// back, without waiting for resources, whatever was left pending.
import { chooseReporter, type Reporter } from "../report/reporter.js";
import type { RunSummary } from "../report/summary.js";
import type { RunListener } from "../run/events.js";
import type { Interrupts } from "../run/execute-plan.js";
import type { CommandContext } from "./context.js";

export const TERM_GRACE_SECONDS = 10;

export interface CapturedInterrupts extends Interrupts {
  /** Aborted TERM_GRACE_SECONDS after SIGTERM: helm processes still running get SIGKILL. */
  kill: AbortController;
  /** Whether a signal (Ctrl-C, SIGTERM) arrived, as opposed to --fail-fast or a lost lock stopping the run. */
  signalled(): boolean;
  dispose(): void;
}

export function captureInterrupts(ctx: CommandContext): CapturedInterrupts {
  const soft = new AbortController();
  const hard = new AbortController();
  const kill = new AbortController();
  let killTimer: NodeJS.Timeout | undefined;
  let signalled = false;
  const say = (text: string) => ctx.io.stderr.write(`\n${text}\n`);
  const onInt = () => {
    signalled = true;
    if (!soft.signal.aborted) {
      soft.abort();
      say(
        "interrupted: starting nothing new; running releases finish. Ctrl-C again to stop them (they roll back).",
      );
    } else if (!hard.signal.aborted) {
      hard.abort();
      say("interrupted again: stopping running helm processes; waiting for their rollback.");
    }
  };
  const onTerm = () => {
    signalled = true;
    if (killTimer) return;
    soft.abort();
    hard.abort();
    say(`terminated: stopping running helm processes (they roll back); ${TERM_GRACE_SECONDS}s grace.`);
    killTimer = setTimeout(() => kill.abort(), TERM_GRACE_SECONDS * 1000);
    killTimer.unref();
  };
  process.on("SIGINT", onInt);
  process.on("SIGTERM", onTerm);
  return {
    soft,
    hard,
    kill,
    signalled: () => signalled,
    dispose: () => {
      clearTimeout(killTimer);
      process.off("SIGINT", onInt);
      process.off("SIGTERM", onTerm);
    },
  };
}

/**
 * A reporter that appears with the run's first event, so a run that fails its
 * checks before touching anything prints the error alone, not an empty table.
 */
export function lazyReporter(ctx: CommandContext): {
  listener: RunListener;
  finish(): RunSummary | undefined;
} {
  let reporter: Reporter | undefined;
  return {
    listener: (event) => {
      reporter ??= reporterFor(ctx);
      reporter.listener(event);
    },
    finish: () => reporter?.finish(),
  };
}

export function reporterFor(ctx: CommandContext): Reporter {
  return chooseReporter({
    stdout: ctx.io.stdout,
    stderr: ctx.io.stderr,
    output: ctx.globals().output,
    isTTY: Boolean(ctx.io.stderr.isTTY),
    env: ctx.io.env,
  });
}
