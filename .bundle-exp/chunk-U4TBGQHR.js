import {
  checkDrift,
  debugLine,
  describeObjects,
  desiredReleases,
  driftOf,
  withHelmChart
} from "./chunk-RILUZRHU.js";
import {
  captureInterrupts,
  diagnosticsFor,
  lazyReporter
} from "./chunk-NFGW6MRI.js";
import {
  levels,
  runGraph
} from "./chunk-IGDKEUG5.js";
import {
  backoffSeconds,
  needsOutside
} from "./chunk-QSMOCHMN.js";
import {
  prepareRepositories
} from "./chunk-WVLY2SAW.js";
import {
  yaml
} from "./chunk-EOAQSOO2.js";
import {
  FINGERPRINT_LABEL,
  SECRETS_LABEL,
  chartArgs,
  clusterArgs,
  historyArgs,
  rollbackArgs,
  testArgs,
  uninstallArgs,
  upgradeArgs
} from "./chunk-UHBPNIYZ.js";
import {
  PENDING
} from "./chunk-WZBXSRHM.js";
import {
  ClusterStateError,
  HelmError,
  InterruptedError,
  ReleaseFailedError,
  ReleasesError
} from "./chunk-XLEZOOEL.js";

// dist/plan/deploy-plan.js
function liveRelease(deployed) {
  return deployed && deployed.status !== "uninstalled" ? deployed : void 0;
}
function buildDeployPlan(input) {
  const stage = new Map(levels(input.graph).flatMap((ids, i) => ids.map((id) => [id, i + 1])));
  const byId = new Map(input.desired.map((d) => [d.id, d]));
  const releases = input.graph.ids.filter((id) => byId.has(id)).map((id) => planRelease(byId.get(id), input, stage.get(id) ?? 1));
  const needsOutside2 = input.needsOutside.map((id) => {
    const live = liveRelease(input.deployed.get(id));
    return { id, status: live?.status ?? "not installed", ok: live?.status === "deployed" };
  });
  return {
    mode: input.mode,
    releases,
    needsOutside: needsOutside2,
    blockers: blockersOf(releases, needsOutside2, input.mode),
    lock: { releases: releases.map((r) => r.id) }
  };
}
function planRelease(desired, input, stage) {
  const live = liveRelease(input.deployed.get(desired.id));
  const deployedFingerprint = live?.labels[FINGERPRINT_LABEL] ?? null;
  const stuck = live && PENDING.includes(live.status) ? live.status : null;
  const inSync = desired.installed ? live?.status === "deployed" && deployedFingerprint === desired.fingerprint : live === void 0;
  const drift = input.drift?.get(desired.id) ?? null;
  const { action, reason } = decide(desired, live, inSync, stuck, input, drift);
  const corrects = action === "upgrade" && reason.startsWith(DRIFTED);
  return {
    id: desired.id,
    name: desired.name,
    namespace: desired.namespace,
    stage,
    action,
    reason,
    revision: live?.revision ?? null,
    status: live?.status ?? "not installed",
    fingerprint: { deployed: deployedFingerprint, desired: desired.fingerprint },
    inSync,
    secretsStale: desired.installed && live !== void 0 && (live.labels[SECRETS_LABEL] ?? "") !== desired.secretsDigest,
    stuck,
    recover: stuck && input.recover ? input.recover : null,
    drift,
    forceConflicts: corrects && live?.applyMethod === "ssa"
  };
}
var DRIFTED = "drifted: ";
function decide(desired, live, inSync, stuck, input, drift) {
  if (input.mode === "destroy" || !desired.installed) {
    if (!live)
      return { action: "none", reason: "not installed" };
    return { action: "uninstall", reason: input.mode === "destroy" ? "destroy" : "installed: false" };
  }
  if (stuck && input.recover) {
    const fresh = stuck === "pending-install" || input.recover === "uninstall";
    return {
      action: fresh ? "install" : "upgrade",
      reason: `stuck ${stuck}: recover (${input.recover}), then ${fresh ? "install" : "upgrade"}`
    };
  }
  if (!live)
    return { action: "install", reason: "not installed" };
  if (input.mode === "apply" && inSync) {
    if (drift?.state !== "drifted")
      return { action: "unchanged", reason: "fingerprint deployed" };
    if (desired.driftMode === "warn") {
      return {
        action: "unchanged",
        reason: "fingerprint deployed; drifted, not corrected (driftDetection: warn)"
      };
    }
    return { action: "upgrade", reason: `${DRIFTED}${describeObjects(drift.objects)}` };
  }
  if (input.mode === "sync")
    return { action: "upgrade", reason: "sync upgrades every release" };
  if (live.status !== "deployed")
    return { action: "upgrade", reason: `live revision is ${live.status}` };
  return {
    action: "upgrade",
    reason: live.labels[FINGERPRINT_LABEL] ? "fingerprint changed" : "no fingerprint on the deployed revision"
  };
}
function blockersOf(releases, needs, mode) {
  const blockers = [];
  const stuck = releases.filter((r) => r.stuck && !r.recover && r.action !== "none");
  if (stuck.length > 0) {
    blockers.push({
      kind: "stuck",
      ids: stuck.map((r) => r.id),
      message: `releases stuck in a pending state: ${stuck.map((r) => `${r.id} (${r.stuck}, revision ${r.revision})`).join(", ")}`,
      hint: "rerun with --recover=rollback (back to the last good revision) or --recover=uninstall"
    });
  }
  const missing = mode === "destroy" ? [] : needs.filter((n) => !n.ok);
  if (missing.length > 0) {
    blockers.push({
      kind: "need-missing",
      ids: missing.map((n) => n.id),
      message: `needed releases outside the selection are not deployed: ${missing.map((n) => `${n.id} (${n.status})`).join(", ")}`,
      hint: "deploy them first, or add them to this run with --include-needs (or --include-transitive-needs)"
    });
  }
  return blockers;
}
function countActions(plan) {
  const counts = /* @__PURE__ */ new Map();
  for (const r of plan.releases)
    counts.set(r.action, (counts.get(r.action) ?? 0) + 1);
  return [...counts].map(([action, n]) => `${n} ${action}`).join(", ");
}

// dist/plan/run-record.js
var RECORD_VERSION = 1;
var RECORDS_KEPT = 20;
function newRunId(now, random = Math.random) {
  const stamp = now.toISOString().replace(/[-:]/g, "").replace("T", "-").replace(/\.\d+Z$/, "");
  const suffix = Math.floor(random() * 65536).toString(16).padStart(4, "0");
  return `${stamp}-${suffix}`;
}
function startedRecord(run) {
  return {
    version: RECORD_VERSION,
    id: run.id,
    environment: run.environment,
    command: run.command,
    startedAt: run.startedAt.toISOString(),
    finishedAt: null,
    who: run.who,
    outcome: "started",
    releases: run.releases.map((r) => ({ ...r, after: null, change: null })),
    edges: run.edges.map(([a, b]) => [a, b]),
    undoes: run.undoes ?? null
  };
}
function completedRecord(record, outcome, after, finishedAt) {
  return {
    ...record,
    outcome,
    finishedAt: finishedAt.toISOString(),
    releases: record.releases.map((r) => {
      const revision = liveRelease(after.get(r.id))?.revision ?? null;
      return { ...r, after: revision, change: changeOf(r.before, revision, r.planned) };
    })
  };
}
function changeOf(before, after, planned) {
  if (before === after || !touches(planned))
    return "left";
  if (before === null)
    return "installed";
  if (after === null)
    return "uninstalled";
  return planned === "rollback" ? "rolled back" : "upgraded";
}
function touches(planned) {
  return planned !== "unchanged" && planned !== "none";
}
function changedReleases(record) {
  if (record.outcome === "started")
    return record.releases.filter((r) => touches(r.planned));
  return record.releases.filter((r) => r.change !== "left");
}
function newestFirst(records) {
  return [...records].sort((a, b) => b.startedAt.localeCompare(a.startedAt) || b.id.localeCompare(a.id));
}
function recordsToPrune(records, keep = RECORDS_KEPT) {
  return newestFirst(records).slice(keep);
}
function parseRunRecord(text) {
  if (!text)
    return void 0;
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    return void 0;
  }
  const record = value;
  if (!record || record.version !== RECORD_VERSION || typeof record.id !== "string" || typeof record.environment !== "string" || typeof record.startedAt !== "string" || !Array.isArray(record.releases) || !Array.isArray(record.edges))
    return void 0;
  return record;
}

// dist/kube/run-records.js
var RUN_LABEL = "releases.dev/run";
var ENVIRONMENT_LABEL = "releases.dev/environment";
var MANAGED_BY = "app.kubernetes.io/managed-by";
var DATA_KEY = "run.json";
function recordName(id) {
  return `releases-run-${id}`;
}
function environmentLabel(environment) {
  const value = environment.replace(/[^A-Za-z0-9._-]/g, "_").slice(0, 63).replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, "");
  return value || "_";
}
function toConfigMap(record, resourceVersion) {
  return {
    metadata: {
      name: recordName(record.id),
      resourceVersion,
      labels: {
        [MANAGED_BY]: "releases",
        [RUN_LABEL]: record.id,
        [ENVIRONMENT_LABEL]: environmentLabel(record.environment)
      }
    },
    data: { [DATA_KEY]: JSON.stringify(record) }
  };
}
function runRecordStore(cluster, namespace) {
  const where = `ConfigMaps in namespace ${namespace} (${cluster.context})`;
  const failing = (what) => (error) => {
    throw recordError(`cannot ${what} ${where}`, error);
  };
  return {
    namespace,
    list: async (environment) => {
      const items = await cluster.configMaps.list(namespace, `${ENVIRONMENT_LABEL}=${environmentLabel(environment)}`).catch(failing("list the run records:"));
      return items.map((item) => parseRunRecord(item.data?.[DATA_KEY])).filter((r) => r !== void 0 && r.environment === environment);
    },
    create: async (record) => {
      await cluster.configMaps.create(namespace, toConfigMap(record)).catch(failing(`write the run record ${recordName(record.id)} to`));
    },
    replace: async (record) => {
      await cluster.configMaps.replace(namespace, recordName(record.id), toConfigMap(record)).catch(failing(`complete the run record ${recordName(record.id)} in`));
    },
    delete: async (id) => {
      await cluster.configMaps.delete(namespace, recordName(id)).catch((error) => {
        if (error.code === 404)
          return;
        throw recordError(`cannot delete the run record ${recordName(id)} from ${where}`, error);
      });
    }
  };
}
function recordError(message2, error) {
  const code2 = error.code;
  const text = (error instanceof Error ? error.message : String(error)).split("\n")[0];
  return new ClusterStateError(`${message2}: ${text}`, {
    cause: error,
    hint: code2 === 403 || code2 === 401 ? "grant the account get, list, create, update and delete on ConfigMaps in the lock namespace, or set defaults.lockNamespace (--lock-namespace) to one it may write" : code2 === 404 ? "create the lock namespace, or set defaults.lockNamespace (--lock-namespace)" : "check KUBECONFIG and that the API server is reachable"
  });
}

// dist/cli/run-recording.js
import { hostname, userInfo } from "node:os";
async function startRecording(ctx, store, options, run) {
  if (!options.record)
    return void 0;
  const started = /* @__PURE__ */ new Date();
  let record = startedRecord({
    ...run,
    id: newRunId(started),
    who: whoRuns(ctx.io.env, options.identity),
    startedAt: started
  });
  try {
    await store.create(record);
  } catch (error) {
    if (!(error instanceof ClusterStateError))
      throw error;
    throw new ClusterStateError(`${error.message}; nothing was changed`, {
      cause: error,
      hint: `${error.hint}; or pass --no-record to deploy without an undo record`
    });
  }
  const say = (text) => ctx.io.stderr.write(`${text}
`);
  say(`run ${record.id} recorded in ${store.namespace}/${recordName(record.id)}`);
  await prune(store, run.environment, say);
  return {
    id: record.id,
    async complete(outcome, readAfter) {
      try {
        record = completedRecord(record, outcome, await readAfter(), /* @__PURE__ */ new Date());
        await store.replace(record);
      } catch (error) {
        say(`warning: could not complete the record of run ${record.id} (${error instanceof Error ? error.message : String(error)}); it stays "started": \`releases rollback\` will undo it from what the cluster holds then`);
      }
    }
  };
}
async function prune(store, environment, say) {
  try {
    const records = await store.list(environment);
    for (const old of recordsToPrune(records))
      await store.delete(old.id);
  } catch (error) {
    say(`warning: could not prune old run records: ${error instanceof Error ? error.message : String(error)}`);
  }
}
function whoRuns(env, identity) {
  const explicit = identity ?? env.RELEASES_IDENTITY;
  if (explicit)
    return explicit;
  let user = env.USER ?? "unknown";
  try {
    user = userInfo().username;
  } catch {
  }
  return `${user}@${hostname()}`;
}
function recordedSettings(release) {
  const settings = {
    timeoutSeconds: release.timeout,
    wait: release.wait || release.atomic,
    tests: release.tests,
    historyMax: release.historyMax
  };
  if (release.helm?.waitForJobs)
    settings.waitForJobs = true;
  if (release.helm?.force)
    settings.force = true;
  return settings;
}
function runOutcome(ok, interrupted) {
  if (interrupted)
    return "interrupted";
  return ok ? "succeeded" : "failed";
}
function changesAnything(plan) {
  return plan.releases.some((p) => p.recover !== null || p.action !== "unchanged" && p.action !== "none");
}
function recordedReleases(plan, rendered) {
  const byId = new Map(rendered.map((r) => [r.release.id, r.release]));
  return plan.releases.map((p) => ({
    id: p.id,
    name: p.name,
    namespace: p.namespace,
    planned: p.action,
    before: p.revision,
    ...recordedSettings(byId.get(p.id))
  }));
}
async function recorded(recorder, clusters, ids, interrupts, lost, execute) {
  let ok = false;
  try {
    const result = await execute();
    ok = !lost.aborted && [...result.outcomes.values()].every((o) => o === "succeeded");
    return result;
  } finally {
    await recorder?.complete(runOutcome(ok, interrupts.signalled()), () => clusters.read(ids));
  }
}

// dist/run/hooks.js
import { spawn } from "node:child_process";
import { dirname } from "node:path";
function hookEventsFor(action) {
  if (action === "install" || action === "upgrade") {
    return { before: ["prepare", "preapply", "presync"], after: ["postsync", "cleanup"], onSuccessOnly: [] };
  }
  if (action === "uninstall") {
    return {
      before: ["prepare", "preuninstall"],
      after: ["postuninstall", "cleanup"],
      onSuccessOnly: ["postuninstall"]
    };
  }
  return { before: ["prepare"], after: ["cleanup"], onSuccessOnly: [] };
}
function hooksFor(hooks, event) {
  return (hooks ?? []).filter((h) => h.events.includes(event));
}
var HookFailedError = class extends Error {
};
async function runHooks(release, event, deps, options = {}) {
  const failures = [];
  for (const hook of hooksFor(release.hooks, event)) {
    try {
      await runHook(release, event, hook, deps, options.error);
    } catch (error) {
      if (!options.keepGoing || !(error instanceof HookFailedError))
        throw error;
      failures.push(error.message);
    }
  }
  if (failures.length > 0)
    throw new HookFailedError(failures.join("; "));
}
async function runHook(release, event, hook, deps, error) {
  const name = hook.name ?? hook.command;
  const env = {
    RELEASES_EVENT: event,
    RELEASES_RELEASE: release.name,
    RELEASES_NAMESPACE: release.namespace,
    RELEASES_ENVIRONMENT: deps.environment
  };
  if (error !== void 0)
    env.RELEASES_EVENT_ERROR = error;
  let result;
  try {
    result = await deps.exec(hook.command, hook.args, {
      cwd: dirname(hook.location.file),
      env,
      signal: deps.signal
    });
  } catch (cause) {
    throw new HookFailedError(`${event} hook "${name}" could not run: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
  if (hook.showlogs) {
    const output = `${result.stdout}${result.stderr}`.trimEnd();
    if (output)
      deps.log(`${release.id}: ${event} hook "${name}":
${output.replace(/^/gm, "  ")}
`);
  }
  if (result.code !== 0) {
    const last = result.stderr.trim().split("\n").at(-1) ?? "";
    throw new HookFailedError(`${event} hook "${name}" failed (exit ${result.code})${last ? `: ${last}` : ""}`);
  }
}
async function withHooks(release, action, deps, emit, step) {
  if (!deps || !release.hooks?.length)
    return step(emit);
  const events = hookEventsFor(action);
  const id = release.id;
  const reported = action === "none" ? "none" : action;
  try {
    for (const event of events.before)
      await runHooks(release, event, deps);
  } catch (error) {
    emit({ type: "started", id, action: reported, at: Date.now() });
    emit({ type: "failed", id, action: reported, error: message(error), at: Date.now() });
    return false;
  }
  let final;
  const ok = await step((event) => {
    if ((event.type === "succeeded" || event.type === "failed") && event.id === id)
      final = event;
    else
      emit(event);
  });
  const stepError = final?.type === "failed" ? final.error : void 0;
  const afterErrors = [];
  for (const event of events.after) {
    if (!ok && events.onSuccessOnly.includes(event))
      continue;
    try {
      await runHooks(release, event, deps, { error: stepError, keepGoing: true });
    } catch (error) {
      afterErrors.push(message(error));
    }
  }
  if (final && afterErrors.length === 0)
    emit(final);
  else if (final?.type === "failed") {
    emit({ ...final, error: `${final.error}; ${afterErrors.join("; ")}` });
  } else if (final) {
    const done = final.action === "uninstall" ? "uninstalled" : final.revision === void 0 ? "deployed" : `deployed revision ${final.revision}`;
    emit({
      type: "failed",
      id,
      action: final.action,
      error: `${done}, but ${afterErrors.join("; ")}`,
      at: Date.now()
    });
  }
  return ok && afterErrors.length === 0;
}
function message(error) {
  return error instanceof Error ? error.message : String(error);
}
function spawnExec(baseEnv) {
  return (command, args, options) => new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...baseEnv, ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
      signal: options.signal
    });
    const out = [];
    const err = [];
    child.stdout.on("data", (c) => out.push(c));
    child.stderr.on("data", (c) => err.push(c));
    child.on("error", reject);
    child.on("close", (code2) => resolve({ code: code2, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() }));
  });
}

// dist/run/history.js
async function lastGoodRevision(helm, target, upTo) {
  const history = JSON.parse((await helm.run(historyArgs(target))).stdout);
  return lastGood(history, upTo);
}
function lastGood(history, upTo) {
  const good = history.filter((h) => h.revision <= upTo && (h.status === "deployed" || h.status === "superseded"));
  return good.length === 0 ? void 0 : Math.max(...good.map((h) => h.revision));
}

// dist/run/recover.js
function pendingAmong(ids, deployed) {
  return ids.map((id) => deployed.get(id)).filter((r) => !!r && PENDING.includes(r.status));
}
async function recoverStuck(stuck, mode, helm, options) {
  for (const r of stuck) {
    const target = options.targetOf(r.id);
    const good = mode === "rollback" ? await lastGoodRevision(helm, target, r.revision - 1) : void 0;
    const wait = options.wait ?? true;
    await helm.run(good !== void 0 ? rollbackArgs(helm.major, target, good, options.timeoutOf(r.id), wait) : uninstallArgs(helm.major, target, options.timeoutOf(r.id), wait));
  }
}

// dist/render/crds.js
function showCrdsArgs(source, target) {
  return ["show", "crds", ...chartArgs(source), ...clusterArgs(target)];
}
function crdDocuments(text) {
  const docs = yaml().parseAllDocuments(text);
  return (Array.isArray(docs) ? docs : []).map((d) => d.toJS()).filter((d) => Boolean(d && d.kind === "CustomResourceDefinition" && d.metadata?.name));
}
async function prepareCrds(release, source, target, helm, clusterOf, signal) {
  if (release.crds === "skip")
    return ["--skip-crds"];
  if (release.crds !== "createReplace" || source.chart.kind === "manifests")
    return [];
  const cluster = await clusterOf?.();
  if (!cluster?.createOrReplaceCrd)
    throw new Error("crds: createReplace needs the cluster");
  const crds = crdDocuments((await helm.run(showCrdsArgs(source, target), { signal })).stdout);
  for (const crd of crds) {
    try {
      await cluster.createOrReplaceCrd(crd);
    } catch (error) {
      throw new ReleaseFailedError(`replacing CustomResourceDefinition ${crd.metadata.name} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }
  return ["--skip-crds"];
}

// dist/run/deploy-attempt.js
async function deployAttempt(rendered, o) {
  const { release } = rendered;
  const { helm, target } = o;
  const watch = o.diagnostics?.watch(target, release.timeout);
  let stdout;
  try {
    const result = await withHelmChart(rendered, { major: helm.major }, (chart) => helm.run([
      ...upgradeArgs({
        major: helm.major,
        target,
        source: chart.source,
        settings: release,
        labels: { [FINGERPRINT_LABEL]: rendered.fingerprint, [SECRETS_LABEL]: rendered.secretsDigest },
        forceConflicts: o.forceConflicts,
        postRenderer: chart.postRenderer
      }),
      ...o.crdFlags
    ], { stdin: rendered.valuesYaml, signal: o.signal, kill: o.kill, env: chart.env }));
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
        toRevision: undone === "rolled back" && o.live?.status === "deployed" ? o.live.revision : void 0,
        uninstalled: undone === "uninstalled"
      },
      diagnosis
    };
  }
  const parsed = Number(/^REVISION: (\d+)/m.exec(stdout)?.[1] ?? Number.NaN);
  const revision = Number.isNaN(parsed) ? void 0 : parsed;
  if (!release.tests)
    return { ok: true, revision };
  o.onTesting();
  return runTests(rendered, o, revision);
}
async function runTests(rendered, o, revision) {
  const { helm, target } = o;
  const timeout = rendered.release.timeout;
  const testWatch = o.diagnostics?.watch(target, timeout);
  const test = await helm.run(testArgs(target, timeout), {
    allowFailure: true,
    signal: o.signal,
    kill: o.kill
  });
  if (test.code === 0) {
    testWatch?.stop();
    return { ok: true, revision };
  }
  const diagnosis = await testWatch?.failed(`${test.stderr}
${test.stdout}`);
  const error = `tests failed: ${summarize(test.stderr || test.stdout)}`;
  try {
    const previous = await rollbackTarget(helm, target, o.live);
    if (previous !== void 0) {
      await helm.run(rollbackArgs(helm.major, target, previous, timeout), { signal: o.signal });
    } else {
      await helm.run(uninstallArgs(helm.major, target, timeout), { signal: o.signal, kill: o.kill });
    }
    return {
      ok: false,
      error,
      undo: { toRevision: previous, uninstalled: previous === void 0 },
      diagnosis
    };
  } catch (rollbackError) {
    return { ok: false, error: `${error}; rolling back failed too: ${describe(rollbackError)}`, diagnosis };
  }
}
async function rollbackTarget(helm, target, live) {
  if (!live)
    return void 0;
  if (live.status === "deployed")
    return live.revision;
  return lastGoodRevision(helm, target, live.revision);
}
function summarize(output) {
  const lines = output.trim().split("\n").filter(Boolean);
  return (lines.findLast((l) => /error|fail/i.test(l)) ?? lines.at(-1) ?? "").trim();
}
function describe(error) {
  if (error instanceof ReleasesError)
    return error.message;
  return error instanceof Error ? error.message : String(error);
}
function atomicUndo(stderr) {
  const match = /has been (rolled back|uninstalled) due to (?:atomic|rollback-on-failure)/.exec(stderr);
  return match ? match[1] : void 0;
}

// dist/run/retries.js
function maxAttempts(policy) {
  return 1 + (policy?.count ?? 0);
}
function retryDelayMs(policy, attempt, result, stopping) {
  if (!policy || attempt >= maxAttempts(policy) || !result.undo || stopping)
    return void 0;
  return backoffSeconds(policy, attempt) * 1e3;
}
function pause(ms, signal) {
  if (signal.aborted)
    return Promise.resolve(false);
  return new Promise((resolve) => {
    const done = (full) => {
      clearTimeout(timer);
      signal.removeEventListener("abort", onAbort);
      resolve(full);
    };
    const onAbort = () => done(false);
    const timer = setTimeout(() => done(true), ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

// dist/run/release-step.js
async function releaseStep(rendered, planned, options) {
  const { release } = rendered;
  const { helm, emit } = options;
  const id = release.id;
  const target = options.target;
  const action = planned.action;
  try {
    if (planned.action === "none") {
      emit({ type: "succeeded", id, action, at: Date.now() });
      return true;
    }
    if (planned.action === "uninstall") {
      emit({ type: "started", id, action, at: Date.now() });
      await helm.run(uninstallArgs(helm.major, target, release.timeout), {
        signal: options.signal,
        kill: options.kill
      });
      emit({ type: "succeeded", id, action, at: Date.now() });
      return true;
    }
    if (planned.action === "unchanged") {
      emit({
        type: "succeeded",
        id,
        action: "unchanged",
        revision: planned.revision ?? void 0,
        at: Date.now()
      });
      return true;
    }
    emit({ type: "started", id, action, at: Date.now() });
    const source = { chart: release.chart, version: release.version };
    const crdFlags = await prepareCrds(release, source, target, helm, options.cluster, options.signal);
    const result = await attempts(rendered, planned, target, crdFlags, options);
    if (result.ok) {
      emit({ type: "succeeded", id, action, revision: result.revision, at: Date.now() });
      return true;
    }
    if (result.undo)
      emit({ type: "rolledBack", id, ...result.undo, at: Date.now() });
    emit({ type: "failed", id, action, error: result.error, diagnosis: result.diagnosis, at: Date.now() });
    return false;
  } catch (error) {
    emit({ type: "failed", id, action, error: describe(error), at: Date.now() });
    return false;
  }
}
async function attempts(rendered, planned, target, crdFlags, options) {
  const { emit } = options;
  const id = rendered.release.id;
  const policy = rendered.release.retries;
  const max = maxAttempts(policy);
  const live = planned.revision === null ? void 0 : { revision: planned.revision, status: planned.status };
  const stop = options.stop ?? new AbortController().signal;
  for (let attempt = 1; ; attempt++) {
    if (attempt > 1)
      emit({ type: "attempt", id, attempt, maxAttempts: max, at: Date.now() });
    const result = await deployAttempt(rendered, {
      helm: options.helm,
      target,
      live,
      crdFlags,
      forceConflicts: planned.forceConflicts,
      signal: options.signal,
      kill: options.kill,
      diagnostics: options.diagnostics,
      onTesting: () => emit({ type: "testing", id, at: Date.now() })
    });
    if (result.ok)
      return result;
    const stopping = stop.aborted || options.signal.aborted;
    const delayMs = retryDelayMs(policy, attempt, result, stopping);
    if (delayMs === void 0 || !result.undo) {
      return stopping && policy && attempt < max && result.undo ? { ...result, error: `${result.error} (not retried: the run is stopping)` } : result;
    }
    emit({
      type: "retrying",
      id,
      attempt,
      maxAttempts: max,
      error: result.error,
      undo: result.undo,
      diagnosis: result.diagnosis,
      delayMs,
      at: Date.now()
    });
    if (!await pause(delayMs, anyOf(stop, options.signal))) {
      return { ...result, error: `${result.error} (not retried: the run is stopping)` };
    }
  }
}
function anyOf(...signals) {
  return AbortSignal.any(signals);
}

// dist/run/execute-plan.js
async function executePlan(plan, rendered, graph, settings) {
  const { helm, emit, interrupts } = settings;
  const byId = new Map(rendered.map((r) => [r.release.id, r]));
  const planned = new Map(plan.releases.map((p) => [p.id, p]));
  const timeoutOf = (id) => byId.get(id)?.release.timeout ?? 300;
  const common = { targetOf: settings.targetOf, timeoutOf };
  for (const mode of ["rollback", "uninstall"]) {
    const stuck = plan.releases.filter((p) => p.recover === mode && p.revision !== null);
    await recoverStuck(stuck.map((p) => ({ ...p, revision: p.revision })), mode, helm, common);
  }
  const deploying = plan.releases.filter((p) => p.action === "install" || p.action === "upgrade");
  await prepareRepositories(deploying.map((p) => byId.get(p.id).release), settings.repositories, helm, settings.env);
  for (const p of plan.releases)
    emit({ type: "queued", id: p.id });
  const outcomes = await runGraph(plan.mode === "destroy" ? graph.reversed() : graph, {
    concurrency: settings.concurrency,
    weight: timeoutOf,
    signal: interrupts.soft.signal,
    onSkip: (id, reason) => emit({ type: "skipped", id, reason: skipText(reason), at: Date.now() }),
    // A step never throws; if one does (a bug), its release fails with the error instead of vanishing.
    onError: (id, error) => emit({
      type: "failed",
      id,
      action: planned.get(id)?.action ?? "none",
      error: `internal error: ${error instanceof Error ? error.message : String(error)}`,
      at: Date.now()
    })
  }, async (id) => {
    const r = byId.get(id);
    const p = planned.get(id);
    const ok = await withHooks(r.release, p.action, settings.hooks, emit, (stepEmit) => releaseStep(r, p, {
      helm,
      target: settings.targetOf(id),
      emit: stepEmit,
      signal: interrupts.hard.signal,
      kill: interrupts.kill?.signal,
      stop: interrupts.soft.signal,
      cluster: settings.clusterOf && (() => settings.clusterOf(id)),
      diagnostics: settings.diagnostics
    }));
    if (!ok && settings.failFast)
      interrupts.soft.abort();
    return ok;
  });
  const touched = plan.releases.filter((p) => p.action !== "unchanged" && p.action !== "none").map((p) => p.id);
  const troubled = interrupts.hard.signal.aborted || [...outcomes.values()].includes("failed");
  return { outcomes, unverified: troubled ? await leaveNothingPending(touched, settings, common) : [] };
}
async function leaveNothingPending(ids, settings, common) {
  if (ids.length === 0)
    return [];
  try {
    const after = await settings.readState(new Set(ids));
    const stuck = pendingAmong(ids, after);
    await recoverStuck(stuck, "rollback", settings.helm, { ...common, wait: false });
    return [];
  } catch {
    return [...ids];
  }
}
function skipText(reason) {
  return reason.kind === "aborted" ? "interrupted: not started" : `needs ${reason.needs.join(", ")}, which did not succeed`;
}

// dist/kube/lease.js
import { hostname as hostname2, userInfo as userInfo2 } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";

// dist/kube/lock-holders.js
var HOLDERS_ANNOTATION = "releases.dev/holders";
function parseHolders(annotation) {
  if (!annotation)
    return [];
  try {
    const parsed = JSON.parse(annotation);
    return Array.isArray(parsed) ? parsed.filter(isHolder) : [];
  } catch {
    return [];
  }
}
function isHolder(value) {
  const h = value;
  return typeof h?.run === "string" && typeof h.renewed === "string" && typeof h.durationSeconds === "number" && Array.isArray(h.releases);
}
function expiresAt(holder) {
  return new Date(holder.renewed).getTime() + holder.durationSeconds * 1e3;
}
function liveHolders(holders, live) {
  return holders.filter((h) => expiresAt(h) > live.now && !(h.host === live.host && h.pid > 0 && !live.isAlive(h.pid)));
}
function conflictsWith(holders, run, releases) {
  const wanted = new Set(releases);
  return holders.filter((h) => h.run !== run).map((holder) => ({ holder, shared: holder.releases.filter((id) => wanted.has(id)) })).filter((c) => c.shared.length > 0);
}
function withHolder(holders, holder) {
  return [...holders.filter((h) => h.run !== holder.run), holder];
}
function withoutHolder(holders, run) {
  return holders.filter((h) => h.run !== run);
}
function describeHolder(holder, shared) {
  const more = shared.length > 3 ? ` and ${shared.length - 3} more` : "";
  return `${holder.identity} (environment "${holder.environment}", since ${holder.acquired}, expires ${new Date(expiresAt(holder)).toISOString()} unless renewed) holds ${shared.slice(0, 3).join(", ")}${more}`;
}

// dist/kube/lease.js
var LOCK_NAME = "releases-lock";
function thisProcess() {
  return {
    host: hostname2(),
    pid: process.pid,
    user: userInfo2().username,
    isAlive: (pid) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch (error) {
        return error.code === "EPERM";
      }
    }
  };
}
var code = (e) => e.code;
async function acquireLock(cluster, options) {
  const proc = options.process ?? thisProcess();
  const { namespace } = options;
  const run = `${proc.host}-${proc.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const deadline = Date.now() + options.waitSeconds * 1e3;
  const me = (acquired) => ({
    run,
    identity: `${proc.user}@${proc.host} pid ${proc.pid}`,
    host: proc.host,
    pid: proc.pid,
    environment: options.environment,
    releases: [...options.releases],
    acquired,
    renewed: (/* @__PURE__ */ new Date()).toISOString(),
    durationSeconds: options.durationSeconds
  });
  const liveness = () => ({ now: Date.now(), host: proc.host, isAlive: proc.isAlive });
  for (; ; ) {
    const current = await readLock(cluster, namespace);
    const holders = current ? liveHolders(parseHolders(annotationOf(current)), liveness()) : [];
    const conflicts = conflictsWith(holders, run, options.releases);
    if (conflicts.length === 0) {
      const next = withHolder(holders, me((/* @__PURE__ */ new Date()).toISOString()));
      if (await writeLock(cluster, namespace, current, next))
        break;
      continue;
    }
    const who = conflicts.map((c) => describeHolder(c.holder, c.shared)).join("; ");
    if (options.signal?.aborted) {
      throw new InterruptedError(`interrupted while waiting for the lock: ${who}; nothing was deployed`);
    }
    if (Date.now() >= deadline) {
      throw new ClusterStateError(`another run holds releases this run needs: ${who}`, {
        hint: `wait for it, or pass --lock-timeout <seconds> (lease ${namespace}/${LOCK_NAME} in ${cluster.context})`
      });
    }
    await sleep(Math.min(1e3, Math.max(50, deadline - Date.now())), void 0, {
      signal: options.signal
    }).catch(() => {
    });
  }
  const lost = new AbortController();
  let lastRenewal = Date.now();
  let renewing = false;
  const renew = async () => {
    if (renewing || lost.signal.aborted)
      return;
    renewing = true;
    try {
      for (let attempt = 0; attempt < 3; attempt++) {
        const current = await readLock(cluster, namespace);
        const mine = current && parseHolders(annotationOf(current)).find((h) => h.run === run);
        if (!mine) {
          lost.abort(new Error("the lock was taken over: this run's claim is gone from the lease"));
          return;
        }
        const holders = parseHolders(annotationOf(current));
        const renewed = { ...mine, renewed: (/* @__PURE__ */ new Date()).toISOString() };
        if (await writeLock(cluster, namespace, current, withHolder(holders, renewed))) {
          lastRenewal = Date.now();
          return;
        }
      }
    } catch (error) {
      if (Date.now() - lastRenewal >= options.durationSeconds * 1e3 * 2 / 3) {
        lost.abort(new Error(`cannot renew the lock: ${firstLine(error)}`));
      }
    } finally {
      renewing = false;
    }
  };
  const timer = setInterval(() => void renew(), options.durationSeconds * 1e3 / 3);
  timer.unref();
  return {
    lost: lost.signal,
    async release() {
      clearInterval(timer);
      for (let attempt = 0; attempt < 5; attempt++) {
        try {
          const current = await readLock(cluster, namespace);
          if (!current)
            return;
          const holders = parseHolders(annotationOf(current));
          if (!holders.some((h) => h.run === run))
            return;
          if (await writeLock(cluster, namespace, current, withoutHolder(holders, run)))
            return;
        } catch {
          return;
        }
      }
    }
  };
}
function annotationOf(lease) {
  return lease.metadata?.annotations?.[HOLDERS_ANNOTATION];
}
async function readLock(cluster, namespace) {
  try {
    return await cluster.leases.read(namespace, LOCK_NAME);
  } catch (error) {
    if (code(error) === 404)
      return void 0;
    throw lockError(error, namespace, cluster.context);
  }
}
async function writeLock(cluster, namespace, current, holders) {
  const newest = holders.at(-1);
  const body = {
    metadata: {
      name: LOCK_NAME,
      resourceVersion: current?.metadata?.resourceVersion,
      annotations: { ...current?.metadata?.annotations, [HOLDERS_ANNOTATION]: JSON.stringify(holders) }
    },
    spec: {
      holderIdentity: holders.map((h) => h.identity).join(", "),
      leaseDurationSeconds: newest?.durationSeconds ?? 60,
      renewTime: /* @__PURE__ */ new Date()
    }
  };
  try {
    if (current)
      await cluster.leases.replace(namespace, LOCK_NAME, body);
    else
      await cluster.leases.create(namespace, body);
    return true;
  } catch (error) {
    if (code(error) === 409)
      return false;
    throw lockError(error, namespace, cluster.context);
  }
}
function lockError(error, namespace, context) {
  const status = code(error);
  const denied = status === 403 || status === 401;
  return new ClusterStateError(`cannot take the deploy lock (Lease ${namespace}/${LOCK_NAME} in ${context}): ${firstLine(error)}`, {
    cause: error,
    hint: denied ? "the account may not write Leases there: set defaults.lockNamespace (or --lock-namespace) to a namespace it may" : status === 404 ? `create namespace ${namespace}, or set defaults.lockNamespace (or --lock-namespace)` : "check KUBECONFIG and that the API server is reachable"
  });
}
function firstLine(error) {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0];
}

// dist/cli/cluster-locks.js
async function lockClusters(clusters, ids, optionsFor) {
  const held = [];
  const releaseAll = async () => {
    await Promise.all(held.map((lock) => lock.release()));
  };
  try {
    for (const group of clusters.groups(ids)) {
      const cluster = await clusters.of(group.ids[0]);
      held.push(await acquireLock(cluster, optionsFor(cluster, group.ids)));
    }
  } catch (error) {
    await releaseAll();
    throw error;
  }
  if (held.length === 1)
    return held[0];
  return { lost: AbortSignal.any(held.map((lock) => lock.lost)), release: releaseAll };
}

// dist/cli/deploy.js
async function deploy(ctx, request) {
  const { workspace, options } = request;
  const environment = workspace.project.environment;
  const helm = await ctx.session.helm(options.helmBinary);
  const clusters = ctx.session.clustersOf(workspace.project);
  const ids = request.rendered.map((r) => r.release.id);
  const outside = needsOutsideOf(ctx, workspace, new Set(ids));
  const reporter = lazyReporter(ctx);
  const interrupts = captureInterrupts(ctx);
  let plan;
  try {
    const lock = await lockClusters(clusters, ids, (cluster, releases) => ({
      namespace: lockNamespaceOf(options, workspace, cluster),
      environment: environment.name,
      releases,
      durationSeconds: options.lockDuration,
      waitSeconds: options.lockTimeout,
      signal: interrupts.soft.signal
    }));
    try {
      const scope = request.mode === "apply" && !options.ignoreDrift ? "unchanged" : void 0;
      const deployed = await clusters.read([...ids, ...outside], { decode: scope !== void 0 });
      const withDrift = await planWithDrift(clusters, request.mode, workspace, request.rendered, outside, deployed, { recover: options.recover, drift: scope, debug: debugLine(ctx) });
      const drift = driftOf(withDrift.drift);
      const planFor = (rendered2) => rendered2 === request.rendered ? withDrift.plan : planDeploy(request.mode, workspace, rendered2, outside, deployed, {
        recover: options.recover,
        drift
      });
      plan = planFor(request.rendered);
      throwBlockers(plan);
      if (interrupts.soft.signal.aborted)
        throw new InterruptedError("interrupted; nothing was changed");
      await request.review?.(plan, clusters);
      if (interrupts.soft.signal.aborted)
        throw new InterruptedError("interrupted; nothing was changed");
      const rendered = await request.beforeChanges?.() ?? request.rendered;
      if (rendered !== request.rendered)
        plan = planFor(rendered);
      const onLost = () => interrupts.soft.abort();
      lock.lost.addEventListener("abort", onLost, { once: true });
      const graph = workspace.graph.restrict(new Set(ids));
      const planned = plan;
      const recorder = changesAnything(planned) ? await startRecording(ctx, await recordStore(clusters, options, workspace), options, {
        environment: environment.name,
        command: request.command,
        releases: recordedReleases(planned, rendered),
        edges: graph.edges
      }) : void 0;
      const execution = await recorded(recorder, clusters, ids, interrupts, lock.lost, () => executePlan(planned, rendered, graph, {
        helm,
        targetOf: (id) => clusters.targetOf(id),
        repositories: workspace.project.repositories,
        env: ctx.io.env,
        concurrency: options.concurrency,
        failFast: options.failFast,
        emit: reporter.listener,
        interrupts,
        readState: (which) => clusters.read(which),
        clusterOf: (id) => clusters.of(id),
        hooks: hookDeps(ctx.io, ctx.redactor, environment.name, interrupts.hard.signal),
        diagnostics: diagnosticsFor((ref) => ctx.session.cluster(ref), ctx.redactor)
      }));
      checkAfterExecution(ctx, execution.unverified, lock.lost, {
        pending: "run the same command with --recover=rollback once it does",
        lost: "run again to finish"
      });
    } finally {
      await lock.release();
    }
  } finally {
    interrupts.dispose();
    reporter.finish();
  }
  const summary = reporter.finish();
  throwVerdict(summary, interrupts, request.mode === "destroy" ? "were not uninstalled" : "did not deploy");
  return { plan, summary };
}
function checkAfterExecution(ctx, unverified, lost, advice) {
  if (unverified.length > 0) {
    ctx.io.stderr.write(`could not check that no release was left pending (${unverified.join(", ")}): the cluster did not answer; ${advice.pending}
`);
  }
  if (lost.aborted) {
    throw new ClusterStateError(`lost the deploy lock during the run (${lost.reason.message}); started nothing after that`, { hint: `see the summary for what ran; ${advice.lost}` });
  }
}
function throwVerdict(summary, interrupts, failed) {
  if (interrupts.signalled())
    throw new InterruptedError("interrupted; no release was left pending");
  if (summary && !summary.ok) {
    throw new ReleaseFailedError(`some releases ${failed}`, { hint: "see the summary above" });
  }
}
async function recordStore(clusters, options, workspace) {
  const home = await clusters.homeCluster();
  return runRecordStore(home, lockNamespaceOf(options, workspace, home));
}
function lockNamespaceOf(options, workspace, cluster) {
  return options.lockNamespace ?? workspace.project.lockNamespace ?? cluster.namespace ?? "default";
}
function planDeploy(mode, workspace, rendered, needsOutside2, deployed, options = {}) {
  const ids = new Set(rendered.map((r) => r.release.id));
  return buildDeployPlan({
    mode,
    desired: desiredReleases(rendered),
    graph: workspace.graph.restrict(ids),
    needsOutside: needsOutside2,
    deployed,
    recover: options.recover,
    drift: options.drift
  });
}
async function readPlan(ctx, clusters, workspace, rendered, mode, options = {}) {
  const ids = new Set(rendered.map((r) => r.release.id));
  const outside = needsOutsideOf(ctx, workspace, ids);
  const deployed = await clusters.read([...ids, ...outside], {
    decode: options.decode || options.drift !== void 0
  });
  return {
    ...await planWithDrift(clusters, mode, workspace, rendered, outside, deployed, {
      ...options,
      debug: debugLine(ctx)
    }),
    deployed
  };
}
async function planWithDrift(clusters, mode, workspace, rendered, outside, deployed, options) {
  const recover = options.recover;
  const plan = planDeploy(mode, workspace, rendered, outside, deployed, { recover });
  if (!options.drift)
    return { plan };
  const drift = await checkDrift(clusters, plan, rendered, deployed, options.drift, options.debug);
  return {
    plan: planDeploy(mode, workspace, rendered, outside, deployed, { recover, drift: driftOf(drift) }),
    drift
  };
}
function needsOutsideOf(ctx, workspace, ids) {
  return ctx.globals().skipNeeds ? [] : needsOutside(workspace.graph, ids);
}
function throwBlockers(plan) {
  const [first, ...rest] = plan.blockers;
  if (!first)
    return;
  const message2 = [first, ...rest].map((b) => b.message).join("; ");
  throw new ClusterStateError(message2, { hint: [first, ...rest].map((b) => b.hint).join("; ") });
}
function hookDeps(io, redactor, environment, signal) {
  return {
    exec: spawnExec(io.env),
    environment,
    log: (text) => io.stderr.write(redactor.redact(text)),
    signal
  };
}

export {
  liveRelease,
  countActions,
  RECORDS_KEPT,
  changedReleases,
  newestFirst,
  runRecordStore,
  summarize,
  describe,
  leaveNothingPending,
  skipText,
  lockClusters,
  startRecording,
  recordedSettings,
  recorded,
  deploy,
  checkAfterExecution,
  throwVerdict,
  lockNamespaceOf,
  readPlan
};
