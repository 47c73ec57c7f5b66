// One release's part of a deploying run: the action its plan gives it —
// install/upgrade (atomic, timed) then its tests, rolling back when the tests
// fail; uninstall; or nothing. Never throws: the outcome is reported as events
// and a boolean for the scheduler.
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
import type { Cluster } from "../kube/cluster.js";
import type { PlannedRelease } from "../plan/deploy-plan.js";
import { prepareCrds } from "../render/crds.js";
import { withHelmChart } from "../render/helm-chart.js";
import type { RenderedRelease } from "../values/render-releases.js";
import type { ReleaseAction, RunListener } from "./events.js";
import { lastGoodRevision } from "./history.js";

export interface StepOptions {
  helm: HelmClient;
  kubeContext?: string;
  emit: RunListener;
  /** Aborted on the second Ctrl-C: running helm processes get SIGTERM and roll back. */
  signal: AbortSignal;
  /** Aborted when the grace period after `signal` ends: helm gets SIGKILL. */
  kill?: AbortSignal;
  /** For `crds: createReplace`. */
  cluster?: Cluster;
}

export async function releaseStep(
  rendered: RenderedRelease,
  planned: PlannedRelease,
  options: StepOptions,
): Promise<boolean> {
  const { release } = rendered;
  const { helm, emit } = options;
  const id = release.id;
  const target: Target = {
    name: release.name,
    namespace: release.namespace,
    kubeContext: options.kubeContext,
  };
  // What was live before this run (after a --recover, the revision it went back to is looked up by helm).
  const live = planned.revision === null ? undefined : { revision: planned.revision, status: planned.status };
  const action: ReleaseAction = planned.action;
  try {
    if (planned.action === "none") {
      emit({ type: "succeeded", id, action, at: Date.now() });
      return true;
    }
    if (planned.action === "uninstall") {
      emit({ type: "started", id, action, at: Date.now() });
      await helm.run(uninstallArgs(helm.major, target, release.timeout), {
        signal: options.signal,
        kill: options.kill,
      });
      emit({ type: "succeeded", id, action, at: Date.now() });
      return true;
    }
    if (planned.action === "unchanged") {
      emit({ type: "succeeded", id, action: "unchanged", revision: live?.revision, at: Date.now() });
      return true;
    }
    emit({ type: "started", id, action, at: Date.now() });
    const source = { chart: release.chart, version: release.version };
    const crdFlags = await prepareCrds(release, source, target, helm, options.cluster, options.signal);
    const result = await withHelmChart(rendered, { major: helm.major }, (chart) =>
      helm.run(
        [
          ...upgradeArgs({
            major: helm.major,
            target,
            source: chart.source,
            settings: release,
            labels: { [FINGERPRINT_LABEL]: rendered.fingerprint, [SECRETS_LABEL]: rendered.secretsDigest },
            postRenderer: chart.postRenderer,
            forceConflicts: planned.forceConflicts,
          }),
          ...crdFlags,
        ],
        { stdin: rendered.valuesYaml, signal: options.signal, kill: options.kill, env: chart.env },
      ),
    );
    const revision = Number(/^REVISION: (\d+)/m.exec(result.stdout)?.[1] ?? Number.NaN);
    if (release.tests) {
      emit({ type: "testing", id, at: Date.now() });
      const test = await helm.run(testArgs(target, release.timeout), {
        allowFailure: true,
        signal: options.signal,
        kill: options.kill,
      });
      if (test.code !== 0) {
        const testError = `tests failed: ${summarize(test.stderr || test.stdout)}`;
        try {
          const previous = await rollbackTarget(helm, target, live);
          if (previous !== undefined) {
            await helm.run(rollbackArgs(helm.major, target, previous, release.timeout), {
              signal: options.signal,
            });
          } else {
            await helm.run(uninstallArgs(helm.major, target, release.timeout), {
              signal: options.signal,
              kill: options.kill,
            });
          }
          emit({
            type: "rolledBack",
            id,
            toRevision: previous,
            uninstalled: previous === undefined,
            at: Date.now(),
          });
        } catch (rollbackError) {
          // Not rolled back: say so, rather than let the catch below report helm's rollback.
          emit({
            type: "failed",
            id,
            action,
            error: `${testError}; rolling back failed too: ${describe(rollbackError)}`,
            at: Date.now(),
          });
          return false;
        }
        emit({ type: "failed", id, action, error: testError, at: Date.now() });
        return false;
      }
    }
    emit({
      type: "succeeded",
      id,
      action,
      revision: Number.isNaN(revision) ? undefined : revision,
      at: Date.now(),
    });
    return true;
  } catch (error) {
    const undone = error instanceof HelmError ? atomicUndo(error.stderr) : undefined;
    if (undone && action !== "uninstall" && action !== "none") {
      // helm itself rolled the release back (or removed a failed first install), and said so.
      emit({
        type: "rolledBack",
        id,
        toRevision: undone === "rolled back" && live?.status === "deployed" ? live.revision : undefined,
        uninstalled: undone === "uninstalled",
        at: Date.now(),
      });
    }
    emit({ type: "failed", id, action, error: describe(error), at: Date.now() });
    return false;
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

function summarize(output: string): string {
  const lines = output.trim().split("\n").filter(Boolean);
  return (lines.findLast((l) => /error|fail/i.test(l)) ?? lines.at(-1) ?? "").trim();
}

function describe(error: unknown): string {
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
