// One attempt at deploying a release: `helm upgrade --install` (atomic, timed)
// then its tests, rolled back by us when the tests fail. While helm runs, the
// cluster is watched, so a failure can say why before helm's own rollback
// removes what was not ready. Never throws: the result says what happened.
import type { Diagnosis } from "../diagnose/diagnosis.js";
import type { Diagnostics } from "../diagnose/watch.js";
import { HelmError, ReleasesError } from "../errors.js";
import {
  FINGERPRINT_LABEL,
  rollbackArgs,
  SECRETS_LABEL,
  type Target,
  testArgs,
  uninstallArgs,
  upgradeArgs,
} from "../helm/args.js";
import type { HelmClient } from "../helm/client.js";
import { withHelmChart } from "../render/helm-chart.js";
import type { RenderedRelease } from "../values/render-releases.js";
import type { Undo } from "./events.js";
import { lastGoodRevision } from "./history.js";

export interface AttemptOptions {
  helm: HelmClient;
  target: Target;
  /** What was live before the run (a rollback goes back to it). */
  live?: { revision: number; status: string };
  /** Flags from `crds: createReplace`. */
  crdFlags: readonly string[];
  /** helm 4 --force-conflicts: take back fields edited by hand (a drifted release applied server-side). */
  forceConflicts?: boolean;
  signal: AbortSignal;
  kill?: AbortSignal;
  diagnostics?: Diagnostics;
  /** Called when the tests start. */
  onTesting(): void;
}

export type AttemptResult =
  | { ok: true; revision?: number }
  | {
      ok: false;
      error: string;
      /** Set when the failed attempt was undone (helm's atomic rollback, or ours after failed tests). */
      undo?: Undo;
      diagnosis?: Diagnosis;
    };

export async function deployAttempt(rendered: RenderedRelease, o: AttemptOptions): Promise<AttemptResult> {
  const { release } = rendered;
  const { helm, target } = o;
  const watch = o.diagnostics?.watch(target, release.timeout);
  let stdout: string;
  try {
    const result = await withHelmChart(rendered, { major: helm.major }, (chart) =>
      helm.run(
        [
          ...upgradeArgs({
            major: helm.major,
            target,
            source: chart.source,
            settings: release,
            labels: { [FINGERPRINT_LABEL]: rendered.fingerprint, [SECRETS_LABEL]: rendered.secretsDigest },
            forceConflicts: o.forceConflicts,
            postRenderer: chart.postRenderer,
          }),
          ...o.crdFlags,
        ],
        { stdin: rendered.valuesYaml, signal: o.signal, kill: o.kill, env: chart.env },
      ),
    );
    stdout = result.stdout;
    watch?.stop();
  } catch (error) {
    const stderr = error instanceof HelmError ? error.stderr : "";
    const diagnosis = await watch?.failed(stderr);
    const undone = atomicUndo(stderr);
    return {
      ok: false,
      error: describe(error),
      undo: undone && {
        toRevision: undone === "rolled back" && o.live?.status === "deployed" ? o.live.revision : undefined,
        uninstalled: undone === "uninstalled",
      },
      diagnosis,
    };
  }
  const parsed = Number(/^REVISION: (\d+)/m.exec(stdout)?.[1] ?? Number.NaN);
  const revision = Number.isNaN(parsed) ? undefined : parsed;
  if (!release.tests) return { ok: true, revision };
  o.onTesting();
  return runTests(rendered, o, revision);
}

async function runTests(
  rendered: RenderedRelease,
  o: AttemptOptions,
  revision: number | undefined,
): Promise<AttemptResult> {
  const { helm, target } = o;
  const timeout = rendered.release.timeout;
  const testWatch = o.diagnostics?.watch(target, timeout);
  const test = await helm.run(testArgs(target, timeout), {
    allowFailure: true,
    signal: o.signal,
    kill: o.kill,
  });
  if (test.code === 0) {
    testWatch?.stop();
    return { ok: true, revision };
  }
  // Before our rollback: the test pod is still there to be described.
  const diagnosis = await testWatch?.failed(`${test.stderr}\n${test.stdout}`);
  const error = `tests failed: ${summarize(test.stderr || test.stdout)}`;
  try {
    const previous = await rollbackTarget(helm, target, o.live);
    if (previous !== undefined) {
      await helm.run(rollbackArgs(helm.major, target, previous, timeout), { signal: o.signal });
    } else {
      await helm.run(uninstallArgs(helm.major, target, timeout), { signal: o.signal, kill: o.kill });
    }
    return {
      ok: false,
      error,
      undo: { toRevision: previous, uninstalled: previous === undefined },
      diagnosis,
    };
  } catch (rollbackError) {
    // Not rolled back: say so (and no retry may follow).
    return { ok: false, error: `${error}; rolling back failed too: ${describe(rollbackError)}`, diagnosis };
  }
}

/**
 * The revision to go back to when a deployed revision fails its tests: the one
 * that was live, if it was deployed; else the newest that ever deployed fine;
 * undefined for a first install (or one that never worked): uninstall it.
 */
async function rollbackTarget(
  helm: HelmClient,
  target: Target,
  live: { revision: number; status: string } | undefined,
): Promise<number | undefined> {
  if (!live) return undefined;
  if (live.status === "deployed") return live.revision;
  return lastGoodRevision(helm, target, live.revision);
}

export function summarize(output: string): string {
  const lines = output.trim().split("\n").filter(Boolean);
  return (lines.findLast((l) => /error|fail/i.test(l)) ?? lines.at(-1) ?? "").trim();
}

export function describe(error: unknown): string {
  if (error instanceof ReleasesError) return error.message;
  return error instanceof Error ? error.message : String(error);
}

/**
 * What helm's atomic mode did after a failure, from its own message: helm 3
 * "…has been rolled back due to atomic being set", helm 4 "…due to
 * rollback-on-failure being set" (or "uninstalled" for a first install).
 * Undefined when helm did not get that far (e.g. another operation in progress).
 */
export function atomicUndo(stderr: string): "rolled back" | "uninstalled" | undefined {
  const match = /has been (rolled back|uninstalled) due to (?:atomic|rollback-on-failure)/.exec(stderr);
  return match ? (match[1] as "rolled back" | "uninstalled") : undefined;
}
