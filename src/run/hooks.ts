// Release hooks, helmfile's events and spelling: commands run around a
// release's deploy or uninstall. Which events run for an action is pure data
// (hookEventsFor); running them goes through an exec adapter passed in.
//   install/upgrade: prepare, preapply, presync, <helm>, postsync (also on failure), cleanup
//   uninstall:       prepare, preuninstall, <helm>, postuninstall (on success), cleanup
//   unchanged/none:  prepare, cleanup
// A failing prepare/preapply/presync/preuninstall fails the release before helm
// runs; a failing postsync/postuninstall/cleanup fails it after (it did deploy).
import { spawn } from "node:child_process";
import { dirname } from "node:path";
import type { Hook, HookEvent, Release } from "../model/project.js";
import type { PlanAction } from "../plan/deploy-plan.js";
import type { RunEvent, RunListener } from "./events.js";

export interface HookEvents {
  before: HookEvent[];
  after: HookEvent[];
  /** Events of `after` that run only when the helm step succeeded. */
  onSuccessOnly: HookEvent[];
}

export function hookEventsFor(action: PlanAction): HookEvents {
  if (action === "install" || action === "upgrade") {
    return { before: ["prepare", "preapply", "presync"], after: ["postsync", "cleanup"], onSuccessOnly: [] };
  }
  if (action === "uninstall") {
    return {
      before: ["prepare", "preuninstall"],
      after: ["postuninstall", "cleanup"],
      onSuccessOnly: ["postuninstall"],
    };
  }
  return { before: ["prepare"], after: ["cleanup"], onSuccessOnly: [] };
}

/** The hooks of a release that run for `event`, in the order they are written. */
export function hooksFor(hooks: readonly Hook[] | undefined, event: HookEvent): Hook[] {
  return (hooks ?? []).filter((h) => h.events.includes(event));
}

export interface ExecResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs one command; never rejects for a non-zero exit (that is in `code`). */
export type Exec = (
  command: string,
  args: readonly string[],
  options: { cwd: string; env: Record<string, string>; signal?: AbortSignal },
) => Promise<ExecResult>;

export interface HookDeps {
  exec: Exec;
  environment: string;
  /** Where `showlogs` output goes (the CLI's redacting stderr). */
  log: (text: string) => void;
  signal?: AbortSignal;
}

export class HookFailedError extends Error {}

/**
 * Runs `release`'s hooks for `event` one after another; throws on the first
 * failure, or with `keepGoing` (events after helm) runs them all, then throws.
 */
export async function runHooks(
  release: Release,
  event: HookEvent,
  deps: HookDeps,
  options: { error?: string; keepGoing?: boolean } = {},
): Promise<void> {
  const failures: string[] = [];
  for (const hook of hooksFor(release.hooks, event)) {
    try {
      await runHook(release, event, hook, deps, options.error);
    } catch (error) {
      if (!options.keepGoing || !(error instanceof HookFailedError)) throw error;
      failures.push(error.message);
    }
  }
  if (failures.length > 0) throw new HookFailedError(failures.join("; "));
}

async function runHook(
  release: Release,
  event: HookEvent,
  hook: Hook,
  deps: HookDeps,
  error: string | undefined,
): Promise<void> {
  const name = hook.name ?? hook.command;
  const env: Record<string, string> = {
    RELEASES_EVENT: event,
    RELEASES_RELEASE: release.name,
    RELEASES_NAMESPACE: release.namespace,
    RELEASES_ENVIRONMENT: deps.environment,
  };
  if (error !== undefined) env.RELEASES_EVENT_ERROR = error;
  let result: ExecResult;
  try {
    result = await deps.exec(hook.command, hook.args, {
      cwd: dirname(hook.location.file),
      env,
      signal: deps.signal,
    });
  } catch (cause) {
    throw new HookFailedError(
      `${event} hook "${name}" could not run: ${cause instanceof Error ? cause.message : String(cause)}`,
    );
  }
  if (hook.showlogs) {
    const output = `${result.stdout}${result.stderr}`.trimEnd();
    if (output) deps.log(`${release.id}: ${event} hook "${name}":\n${output.replace(/^/gm, "  ")}\n`);
  }
  if (result.code !== 0) {
    const last = result.stderr.trim().split("\n").at(-1) ?? "";
    throw new HookFailedError(
      `${event} hook "${name}" failed (exit ${result.code})${last ? `: ${last}` : ""}`,
    );
  }
}

/**
 * One release's step with its hooks around it. The step's own final event
 * (succeeded/failed) is held until the after-hooks ran, so a failing postsync
 * turns a success into a failure that says the release did deploy.
 */
export async function withHooks(
  release: Release,
  action: PlanAction,
  deps: HookDeps | undefined,
  emit: RunListener,
  step: (emit: RunListener) => Promise<boolean>,
): Promise<boolean> {
  if (!deps || !release.hooks?.length) return step(emit);
  const events = hookEventsFor(action);
  const id = release.id;
  const reported = action === "none" ? "none" : action;
  try {
    for (const event of events.before) await runHooks(release, event, deps);
  } catch (error) {
    emit({ type: "started", id, action: reported, at: Date.now() });
    emit({ type: "failed", id, action: reported, error: message(error), at: Date.now() });
    return false;
  }
  let final: Extract<RunEvent, { type: "succeeded" | "failed" }> | undefined;
  const ok = await step((event) => {
    if ((event.type === "succeeded" || event.type === "failed") && event.id === id) final = event;
    else emit(event);
  });
  const stepError = final?.type === "failed" ? final.error : undefined;
  const afterErrors: string[] = [];
  for (const event of events.after) {
    if (!ok && events.onSuccessOnly.includes(event)) continue;
    try {
      await runHooks(release, event, deps, { error: stepError, keepGoing: true });
    } catch (error) {
      afterErrors.push(message(error));
    }
  }
  if (final && afterErrors.length === 0) emit(final);
  else if (final?.type === "failed") {
    emit({ ...final, error: `${final.error}; ${afterErrors.join("; ")}` });
  } else if (final) {
    const done =
      final.action === "uninstall"
        ? "uninstalled"
        : final.revision === undefined
          ? "deployed"
          : `deployed revision ${final.revision}`;
    emit({
      type: "failed",
      id,
      action: final.action,
      error: `${done}, but ${afterErrors.join("; ")}`,
      at: Date.now(),
    });
  }
  return ok && afterErrors.length === 0;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The exec adapter the CLI uses: the hook's command with the process environment plus the hook's. */
export function spawnExec(baseEnv: Readonly<Record<string, string | undefined>>): Exec {
  return (command, args, options) =>
    new Promise((resolve, reject) => {
      const child = spawn(command, args, {
        cwd: options.cwd,
        env: { ...baseEnv, ...options.env },
        stdio: ["ignore", "pipe", "pipe"],
        signal: options.signal,
      });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on("data", (c: Buffer) => out.push(c));
      child.stderr.on("data", (c: Buffer) => err.push(c));
      child.on("error", reject);
      child.on("close", (code) =>
        resolve({ code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() }),
      );
    });
}
