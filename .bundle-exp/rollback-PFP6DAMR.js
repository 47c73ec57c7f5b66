import {
  findRelease
} from "./chunk-TUUOHQWK.js";
import {
  changedReleases,
  checkAfterExecution,
  describe,
  leaveNothingPending,
  liveRelease,
  lockClusters,
  lockNamespaceOf,
  newestFirst,
  recorded,
  recordedSettings,
  runRecordStore,
  skipText,
  startRecording,
  summarize,
  throwVerdict
} from "./chunk-U4TBGQHR.js";
import "./chunk-RILUZRHU.js";
import {
  captureInterrupts,
  lazyReporter
} from "./chunk-NFGW6MRI.js";
import {
  addRunOptions
} from "./chunk-AA6YABJK.js";
import {
  formatTable
} from "./chunk-O7C643CG.js";
import {
  levels,
  runGraph
} from "./chunk-IGDKEUG5.js";
import {
  ReleaseGraph,
  openWorkspace
} from "./chunk-QSMOCHMN.js";
import "./chunk-RWJVQS3L.js";
import {
  positiveInt
} from "./chunk-TJWVONZY.js";
import "./chunk-RBSEO7UU.js";
import "./chunk-3DJX7KBG.js";
import "./chunk-44P4TXDY.js";
import "./chunk-WVLY2SAW.js";
import "./chunk-PP4OAP52.js";
import "./chunk-GH6ZRYFL.js";
import "./chunk-CFB6N6L3.js";
import "./chunk-VQSVI6AM.js";
import "./chunk-7Q7BMIIO.js";
import "./chunk-EOAQSOO2.js";
import {
  historyArgs,
  releaseTarget,
  rollbackArgs,
  testArgs,
  uninstallArgs
} from "./chunk-UHBPNIYZ.js";
import "./chunk-EZPMLSU3.js";
import {
  PENDING
} from "./chunk-WZBXSRHM.js";
import "./chunk-BFLBSBCJ.js";
import "./chunk-DE4Q4URJ.js";
import {
  ClusterStateError,
  InterruptedError,
  UsageError
} from "./chunk-XLEZOOEL.js";
import "./chunk-4VNS5WPM.js";

// dist/plan/rollback-plan.js
var RollbackRefusedError = class extends ClusterStateError {
};
function buildRunRollbackPlan(input) {
  const { record } = input;
  const graph = new ReleaseGraph(record.releases.map((r) => r.id), record.edges).reversed();
  const stage = stagesOf(graph);
  const refusals = [];
  const steps = changedReleases(record).map((r) => {
    const decided = decideRelease(r, liveRelease(input.current.get(r.id)), record);
    if (decided.refusal)
      refusals.push(decided.refusal);
    return stepOf(r, stage.get(r.id) ?? 1, decided);
  });
  return finish(record.id, record.environment, steps, graph, refusals, input.force);
}
function decideRelease(r, live, record) {
  const current = live?.revision ?? null;
  const finished = record.outcome !== "started";
  const runAfter = finished ? r.after : null;
  const base = { current, runAfter };
  const run = `run ${record.id}`;
  if (live && PENDING.includes(live.status)) {
    return {
      ...base,
      action: "keep",
      toRevision: null,
      reason: `stuck ${live.status}`,
      refusal: {
        kind: "stuck",
        id: r.id,
        message: `${r.id} is stuck in ${live.status} (revision ${current})`,
        forcible: false
      }
    };
  }
  const movedOn = finished && current !== r.after ? {
    kind: "moved-on",
    id: r.id,
    message: `${r.id} moved on since ${run}: it is at ${revisionText(current)}, the run left ${revisionText(r.after)}`,
    forcible: true
  } : void 0;
  if (r.before === null) {
    if (current === null)
      return { ...base, action: "keep", toRevision: null, reason: "not installed" };
    return {
      ...base,
      action: "uninstall",
      toRevision: null,
      reason: `installed by ${run}`,
      refusal: movedOn
    };
  }
  if (current === null) {
    return {
      ...base,
      action: "keep",
      toRevision: null,
      reason: "uninstalled: helm keeps no history of it",
      refusal: {
        kind: "not-restorable",
        id: r.id,
        message: `${r.id} was uninstalled (${r.after === null && finished ? `by ${run}` : "since"}): helm keeps no history of an uninstalled release, so it cannot be rolled back to revision ${r.before}`,
        forcible: true
      }
    };
  }
  if (current === r.before) {
    return { ...base, action: "keep", toRevision: null, reason: `already at revision ${r.before}` };
  }
  return {
    ...base,
    action: "rollback",
    toRevision: r.before,
    reason: `back to revision ${r.before}, as before ${run}`,
    refusal: movedOn
  };
}
function buildReleaseRollbackPlan(input) {
  const { release } = input;
  const live = liveRelease(input.current);
  const current = live?.revision ?? null;
  const toRevision = input.revision ?? (current === null ? null : current - 1);
  const refusals = [];
  const refuse = (kind, message) => refusals.push({ kind, id: release.id, message, forcible: false });
  if (live === void 0)
    refuse("not-installed", `${release.id} is not installed: nothing to roll back`);
  else if (PENDING.includes(live.status))
    refuse("stuck", `${release.id} is stuck in ${live.status} (revision ${current})`);
  else if (toRevision === null || !input.history.some((h) => h.revision === toRevision)) {
    const kept = input.history.map((h) => h.revision);
    refuse("no-such-revision", `${release.id} has no revision ${toRevision ?? `before ${current}`} (helm keeps ${kept.length > 0 ? `revisions ${Math.min(...kept)}-${Math.max(...kept)}` : "none"})`);
  }
  const step = {
    id: release.id,
    name: release.name,
    namespace: release.namespace,
    stage: 1,
    action: refusals.length > 0 ? "keep" : "rollback",
    toRevision,
    current,
    runAfter: null,
    reason: input.revision === void 0 ? "back to the previous revision" : `back to revision ${toRevision}`,
    settings: release.settings
  };
  return finish(null, input.environment, [step], new ReleaseGraph([release.id], []), refusals, false);
}
function stepOf(r, stage, d) {
  const { timeoutSeconds, wait, tests, historyMax, waitForJobs, force } = r;
  return {
    id: r.id,
    name: r.name,
    namespace: r.namespace,
    stage,
    action: d.action,
    toRevision: d.toRevision,
    current: d.current,
    runAfter: d.runAfter,
    reason: d.reason,
    settings: { timeoutSeconds, wait, tests, historyMax, waitForJobs, force }
  };
}
function finish(undoes, environment, steps, graph, refusals, force) {
  const forced = force ? refusals.filter((r) => r.forcible) : [];
  const forcedAway = new Set(forced.filter((r) => r.kind === "not-restorable").map((r) => r.id));
  return {
    undoes,
    environment,
    steps: [...steps].sort((a, b) => a.stage - b.stage).map((s) => forcedAway.has(s.id) ? { ...s, action: "keep" } : s),
    graph: { ids: [...graph.ids], edges: graph.edges.map(([a, b]) => [a, b]) },
    refusals: refusals.filter((r) => !forced.includes(r)),
    forced,
    lock: { releases: steps.map((s) => s.id) }
  };
}
function stagesOf(graph) {
  return new Map(levels(graph).flatMap((ids, i) => ids.map((id) => [id, i + 1])));
}
function revisionText(revision) {
  return revision === null ? "not installed" : `revision ${revision}`;
}
function refusalError(plan) {
  if (plan.refusals.length === 0)
    return void 0;
  const forcible = plan.refusals.every((r) => r.forcible);
  return new RollbackRefusedError(`rollback refused: ${plan.refusals.map((r) => r.message).join("; ")}`, {
    hint: forcible ? "nothing was changed; pass --force to roll back anyway (releases that cannot be restored are left as they are)" : "nothing was changed; recover stuck releases with `releases sync --recover=rollback`, or pick another --revision"
  });
}

// dist/run/rollback-step.js
async function rollbackStep(step, options) {
  const { helm, emit } = options;
  const { id, settings } = step;
  const { target } = options;
  const run = { signal: options.signal, kill: options.kill };
  if (step.action === "keep")
    return true;
  if (step.action === "uninstall") {
    emit({ type: "started", id, action: "uninstall", at: Date.now() });
    try {
      await helm.run(uninstallArgs(helm.major, target, settings.timeoutSeconds, settings.wait), run);
    } catch (error) {
      emit({ type: "failed", id, action: "uninstall", error: describe(error), at: Date.now() });
      return false;
    }
    emit({ type: "succeeded", id, action: "uninstall", at: Date.now() });
    return true;
  }
  const back = (revision) => helm.run(rollbackArgs(helm.major, target, revision, settings.timeoutSeconds, settings.wait, {
    historyMax: settings.historyMax,
    waitForJobs: settings.waitForJobs,
    force: settings.force
  }), run);
  emit({ type: "started", id, action: "rollback", at: Date.now() });
  let failure;
  try {
    await back(step.toRevision);
    if (settings.tests) {
      emit({ type: "testing", id, at: Date.now() });
      const test = await helm.run(testArgs(target, settings.timeoutSeconds), { ...run, allowFailure: true });
      if (test.code !== 0)
        throw new TestsFailed(summarize(test.stderr || test.stdout));
    }
    const revision = step.current === null ? void 0 : step.current + 1;
    emit({ type: "succeeded", id, action: "rollback", revision, at: Date.now() });
    return true;
  } catch (error) {
    failure = error instanceof TestsFailed ? `tests failed: ${error.message}` : describe(error);
  }
  if (step.current !== null) {
    try {
      await back(step.current);
      emit({ type: "rolledBack", id, toRevision: step.current, uninstalled: false, at: Date.now() });
    } catch (error) {
      failure = `${failure}; going back to revision ${step.current} failed too: ${describe(error)}`;
    }
  }
  emit({ type: "failed", id, action: "rollback", error: failure, at: Date.now() });
  return false;
}
var TestsFailed = class extends Error {
};

// dist/run/execute-rollback.js
async function executeRollback(plan, settings) {
  const { emit, interrupts } = settings;
  const acting = new Map(plan.steps.filter((s) => s.action !== "keep").map((s) => [s.id, s]));
  const graph = new ReleaseGraph(plan.graph.ids, plan.graph.edges);
  for (const id of acting.keys())
    emit({ type: "queued", id });
  const outcomes = await runGraph(graph, {
    concurrency: settings.concurrency,
    weight: (id) => acting.get(id)?.settings.timeoutSeconds ?? 0,
    signal: interrupts.soft.signal,
    onSkip: (id, reason) => {
      if (acting.has(id))
        emit({ type: "skipped", id, reason: skipText(reason), at: Date.now() });
    },
    onError: (id, error) => emit({
      type: "failed",
      id,
      action: acting.get(id)?.action === "uninstall" ? "uninstall" : "rollback",
      error: `internal error: ${error instanceof Error ? error.message : String(error)}`,
      at: Date.now()
    })
  }, async (id) => {
    const step = acting.get(id);
    if (!step)
      return true;
    const ok = await rollbackStep(step, {
      helm: settings.helm,
      target: settings.targetOf(id),
      emit,
      signal: interrupts.hard.signal,
      kill: interrupts.kill?.signal
    });
    if (!ok && settings.failFast)
      interrupts.soft.abort();
    return ok;
  });
  const troubled = interrupts.hard.signal.aborted || [...outcomes.values()].includes("failed");
  const timeoutOf = (id) => acting.get(id)?.settings.timeoutSeconds ?? 300;
  const unverified = troubled ? await leaveNothingPending([...acting.keys()], settings, {
    targetOf: settings.targetOf,
    timeoutOf
  }) : [];
  return { outcomes, unverified };
}

// dist/cli/rollback-run.js
async function runRollback(ctx, run) {
  const { clusters, options } = run;
  const reporter = lazyReporter(ctx);
  const interrupts = captureInterrupts(ctx);
  try {
    const lock = await lockClusters(clusters, run.claim, (cluster, releases) => ({
      namespace: run.lockNamespace(cluster),
      environment: run.environment,
      releases,
      durationSeconds: options.lockDuration,
      waitSeconds: options.lockTimeout,
      signal: interrupts.soft.signal
    }));
    try {
      const { plan, record } = await run.plan();
      const unclaimed = plan.lock.releases.filter((id) => !run.claim.includes(id));
      if (unclaimed.length > 0) {
        throw new ClusterStateError(`the run's record changed while waiting for the lock (now also ${unclaimed.join(", ")})`, { hint: "run the rollback again" });
      }
      const refused = refusalError(plan);
      if (refused)
        throw refused;
      if (interrupts.soft.signal.aborted)
        throw new InterruptedError("interrupted; nothing was changed");
      const acting = plan.steps.filter((s) => s.action !== "keep");
      if (acting.length === 0) {
        ctx.io.stderr.write("nothing to roll back: every release is already where the rollback would take it\n");
        return;
      }
      ctx.io.stderr.write(`${describePlan(plan)}
`);
      lock.lost.addEventListener("abort", () => interrupts.soft.abort(), { once: true });
      const home = await clusters.homeCluster();
      const recorder = await startRecording(ctx, runRecordStore(home, run.lockNamespace(home)), options, {
        ...record,
        environment: run.environment
      });
      const ids = record.releases.map((r) => r.id);
      const execution = await recorded(recorder, clusters, ids, interrupts, lock.lost, () => executeRollback(plan, {
        helm: run.helm,
        targetOf: (id) => clusters.targetOf(id),
        concurrency: options.concurrency,
        failFast: options.failFast,
        emit: reporter.listener,
        interrupts,
        readState: (which) => clusters.read(which)
      }));
      checkAfterExecution(ctx, execution.unverified, lock.lost, {
        pending: "`releases sync --recover=rollback` recovers them once it does",
        lost: "`releases history` shows what the rollback recorded"
      });
    } finally {
      await lock.release();
    }
  } finally {
    interrupts.dispose();
    reporter.finish();
  }
  throwVerdict(reporter.finish(), interrupts, "were not rolled back");
}
function describePlan(plan) {
  const count = (action) => plan.steps.filter((s) => s.action === action).length;
  const what = plan.undoes ? `run ${plan.undoes}` : plan.steps.map((s) => s.id).join(", ");
  const forced = plan.forced.map((r) => `
  forced: ${r.message}`).join("");
  return `rolling back ${what}: ${count("rollback")} to their earlier revision, ${count("uninstall")} to uninstall${forced}`;
}

// dist/cli/commands/rollback.js
function registerRollback(program, ctx) {
  addRunOptions(program.command("rollback").argument("[release]", "roll back only this release (name, or namespace/name)").description("undo the last run of the environment: every release it changed goes back to its revision before").option("--run <id>", "undo this recorded run instead of the last one (`releases history` lists them)").option("--revision <n>", "with <release>: the revision to go back to (default: the previous one)", positiveInt("--revision")).option("--force", "roll back releases that moved on since the run too", false).option("--dry-run", "print the rollback plan; change nothing", false).addHelpText("after", `
Every deploying run (sync, apply, destroy, rotate) is recorded in the cluster,
in the lock namespace, so any machine can undo it. The rollback goes through
the run's graph in reverse (dependents first): each release the run upgraded
returns to the revision it had before (helm rollback, waiting, with its timeout,
then its tests; a failure returns it to where it was), each release it installed
is uninstalled. A release that moved on since the run (its revision is not the
one the run left) is refused unless --force. A release the run uninstalled
cannot be restored (helm keeps no history of it): sync installs it again.
The last run is the newest one that changed something; a rollback is a run
too, so rolling back twice restores what the first rollback undid.

Examples:
  releases rollback -e staging --dry-run
  releases rollback -e staging
  releases rollback -e staging --run 20261201-224400-3f9a
  releases rollback app1-back -e production --revision 4`), { recover: false }).action(async (ref, options) => {
    checkUsage(ctx, ref, options);
    const workspace = await openWorkspace(ctx);
    const environment = workspace.project.environment;
    const clusters = ctx.session.clustersOf(workspace.project);
    const [home, helm] = await Promise.all([clusters.homeCluster(), ctx.session.helm(options.helmBinary)]);
    const run = {
      clusters,
      helm,
      lockNamespace: (cluster) => lockNamespaceOf(options, workspace, cluster),
      environment: environment.name,
      options
    };
    const planner = ref ? releasePlanner(workspace, clusters, helm, ref, options) : await runPlanner(workspace, clusters, runRecordStore(home, run.lockNamespace(home)), options);
    if (options.dryRun) {
      printRollbackPlan(ctx, (await planner.plan()).plan);
      return;
    }
    await runRollback(ctx, { ...run, ...planner });
  });
}
function checkUsage(ctx, ref, options) {
  if (ref && options.run)
    throw new UsageError("pass either <release> or --run, not both");
  if (!ref && options.revision !== void 0)
    throw new UsageError("--revision goes with a release: rollback <release> --revision N");
  const globals = ctx.globals();
  if (globals.selector.length > 0 || globals.includeNeeds || globals.includeTransitiveNeeds || globals.skipNeeds)
    throw new UsageError("rollback undoes a whole run: it takes no selector or needs flags", {
      hint: "to roll back one release: releases rollback <release> [--revision N]"
    });
}
async function runPlanner(workspace, clusters, store, options) {
  const environment = workspace.project.environment.name;
  const pick = async () => {
    const records = newestFirst(await store.list(environment));
    if (options.run) {
      const found = records.find((r) => r.id === options.run);
      if (found)
        return found;
      throw new UsageError(`no recorded run ${options.run} in environment "${environment}"`, {
        hint: `\`releases history\` lists them (recent: ${records.slice(0, 3).map((r) => r.id).join(", ") || "none"})`
      });
    }
    const last = records.find((r) => changedReleases(r).length > 0);
    if (last)
      return last;
    throw new ClusterStateError(`no recorded run changed anything in environment "${environment}" (records in ${store.namespace})`, { hint: "runs are recorded by sync, apply, destroy and rotate; `releases history` lists them" });
  };
  const first = await pick();
  return {
    claim: changedReleases(first).map((r) => r.id),
    plan: async () => {
      const record = options.dryRun ? first : (await store.list(environment)).find((r) => r.id === first.id) ?? first;
      const current = await clusters.read(record.releases.map((r) => r.id));
      const plan = buildRunRollbackPlan({ record, current, force: options.force });
      const steps = new Map(plan.steps.map((s) => [s.id, s]));
      return {
        plan,
        record: {
          command: `rollback --run ${record.id}`,
          undoes: record.id,
          edges: record.edges,
          releases: record.releases.map((r) => ({
            ...r,
            planned: plannedOf(steps.get(r.id)?.action),
            before: liveRelease(current.get(r.id))?.revision ?? null
          }))
        }
      };
    }
  };
}
function releasePlanner(workspace, clusters, helm, ref, options) {
  const release = findRelease(workspace.project.releases, ref);
  const target = releaseTarget(release);
  const settings = recordedSettings(release);
  return {
    claim: [release.id],
    plan: async () => {
      const current = (await clusters.read([release.id])).get(release.id);
      const history = current ? JSON.parse((await helm.run(historyArgs(target))).stdout) : [];
      const plan = buildReleaseRollbackPlan({
        environment: workspace.project.environment.name,
        release: { id: release.id, name: release.name, namespace: release.namespace, settings },
        current,
        history,
        revision: options.revision
      });
      return {
        plan,
        record: {
          command: `rollback ${release.id}`,
          edges: [],
          releases: [
            {
              id: release.id,
              name: release.name,
              namespace: release.namespace,
              planned: plannedOf(plan.steps[0]?.action),
              before: liveRelease(current)?.revision ?? null,
              ...settings
            }
          ]
        }
      };
    }
  };
}
function plannedOf(action) {
  return action === "rollback" || action === "uninstall" ? action : "unchanged";
}
function printRollbackPlan(ctx, plan) {
  const out = ctx.io.stdout;
  if (ctx.globals().output === "json") {
    out.write(`${JSON.stringify({ dryRun: true, ...plan }, null, 2)}
`);
    return;
  }
  const rev = (n) => n === null ? "-" : String(n);
  const rows = plan.steps.map((s) => [
    String(s.stage),
    s.id,
    s.action,
    rev(s.current),
    s.action === "uninstall" ? "uninstalled" : rev(s.toRevision),
    s.reason
  ]);
  out.write(`${formatTable(["STAGE", "RELEASE", "ACTION", "NOW", "TO", "WHY"], rows)}
`);
  for (const r of plan.refusals)
    out.write(`would refuse: ${r.message}${r.forcible ? " (--force overrides)" : ""}
`);
  for (const r of plan.forced)
    out.write(`forced: ${r.message}
`);
  const acting = plan.steps.filter((s) => s.action !== "keep").length;
  const what = plan.undoes ? `undoes run ${plan.undoes}` : "rolls back one release";
  out.write(`
dry run: ${what}, ${acting} release(s) to change; nothing was changed
`);
}
export {
  printRollbackPlan,
  registerRollback
};
