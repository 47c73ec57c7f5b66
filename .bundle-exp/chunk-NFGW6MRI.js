import {
  formatTable
} from "./chunk-O7C643CG.js";

// dist/diagnose/objects.js
var WATCHED_KINDS = [
  "Deployment",
  "StatefulSet",
  "DaemonSet",
  "ReplicaSet",
  "Job",
  "Pod",
  "PersistentVolumeClaim"
];

// dist/diagnose/analysis.js
var PODS_SHOWN = 3;
var EVENTS_SHOWN = 3;
function diagnose(snapshot, release, helmOutput, observed) {
  const top = releaseObjects(snapshot, release, helmOutput);
  const topUids = new Set(top.map((e) => e.object.metadata?.uid));
  const objects = top.filter((e) => e.kind !== "ReplicaSet" && !(e.kind === "Pod" && ownedByAny(e.object, topUids))).map((e) => describeObject(e, snapshot)).filter((d) => d !== void 0).sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
  return {
    objects,
    checked: top.filter((e) => e.kind !== "ReplicaSet").length,
    observed,
    notes: snapshot.unreadable.map((u) => `could not read ${u.kind} in ${release.namespace}: ${u.reason}`)
  };
}
var KIND_ORDER = [
  "Deployment",
  "StatefulSet",
  "DaemonSet",
  "Job",
  "Pod",
  "PersistentVolumeClaim",
  "ReplicaSet"
];
function releaseObjects(snapshot, release, helmOutput) {
  const out = [];
  for (const kind of WATCHED_KINDS) {
    for (const object of snapshot.objects[kind] ?? []) {
      const annotations = object.metadata?.annotations ?? {};
      const own = annotations["meta.helm.sh/release-name"] === release.name && (annotations["meta.helm.sh/release-namespace"] ?? release.namespace) === release.namespace;
      if (own || (kind === "Pod" || kind === "Job") && named(helmOutput, object.metadata?.name)) {
        out.push({ kind, object });
      }
    }
  }
  return out;
}
function named(text, name) {
  if (!name || !text)
    return false;
  const escaped = name.replaceAll(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(?<![\\w.-])${escaped}(?![\\w.-])`).test(text);
}
function ownedByAny(object, uids) {
  return (object.metadata?.ownerReferences ?? []).some((o) => o.uid !== void 0 && uids.has(o.uid));
}
function ownedBy(snapshot, kind, owner) {
  const uid = owner.metadata?.uid;
  if (!uid)
    return [];
  return (snapshot.objects[kind] ?? []).filter((o) => (o.metadata?.ownerReferences ?? []).some((r) => r.uid === uid));
}
function describeObject(entry, snapshot) {
  const { kind, object } = entry;
  const name = object.metadata?.name ?? "?";
  const summary = problemOf(kind, object);
  if (summary === void 0)
    return void 0;
  const replicaSets = kind === "Deployment" ? ownedBy(snapshot, "ReplicaSet", object) : [];
  const podOwners = kind === "Pod" ? [] : kind === "Deployment" ? replicaSets : [object];
  const pods = kind === "Pod" ? [object] : podOwners.flatMap((owner) => ownedBy(snapshot, "Pod", owner));
  const unready = pods.filter((p) => podProblem(p) !== void 0).sort(byPodSeverity);
  const events = eventsAbout(snapshot.events, [
    subject(kind, object),
    ...replicaSets.map((rs) => subject("ReplicaSet", rs))
  ]);
  return {
    kind,
    name,
    summary,
    conditions: kind === "Pod" ? [] : badConditions(object.status?.conditions),
    pods: unready.slice(0, PODS_SHOWN).map((p) => describePod(p, snapshot.events)),
    morePods: Math.max(0, unready.length - PODS_SHOWN),
    events: kind === "Pod" ? [] : events
  };
}
function problemOf(kind, o) {
  const s = o.status ?? {};
  switch (kind) {
    case "Deployment":
    case "StatefulSet": {
      const desired = o.spec?.replicas ?? 1;
      const ready = s.readyReplicas ?? 0;
      const updated = s.updatedReplicas ?? 0;
      const available = s.availableReplicas ?? ready;
      const generation = o.metadata?.generation ?? 0;
      const stale = s.observedGeneration !== void 0 && s.observedGeneration < generation;
      if (ready >= desired && updated >= desired && available >= desired && !stale)
        return void 0;
      const parts = [`${ready}/${desired} ready`];
      if (updated < desired)
        parts.push(`${updated} updated`);
      if (available < desired)
        parts.push(`${desired - available} unavailable`);
      return parts.join(", ");
    }
    case "DaemonSet": {
      const desired = s.desiredNumberScheduled ?? 0;
      const ready = s.numberReady ?? 0;
      return ready >= desired ? void 0 : `${ready}/${desired} ready`;
    }
    case "Job": {
      const conditions = s.conditions ?? [];
      const failed = conditions.find((c) => c.type === "Failed" && c.status === "True");
      if (failed)
        return `failed: ${[failed.reason, failed.message].filter(Boolean).join(": ")}`;
      if (conditions.some((c) => c.type === "Complete" && c.status === "True"))
        return void 0;
      return `not complete: ${s.active ?? 0} active, ${s.succeeded ?? 0} succeeded, ${s.failed ?? 0} failed`;
    }
    case "Pod":
      return podProblem(o);
    case "PersistentVolumeClaim":
      return s.phase === "Bound" ? void 0 : `${s.phase ?? "Pending"}: not bound`;
    case "ReplicaSet":
      return void 0;
  }
}
function podProblem(pod) {
  const phase = pod.status?.phase ?? "Pending";
  if (phase === "Succeeded")
    return void 0;
  if (phase === "Failed")
    return `Failed${pod.status?.reason ? ` (${pod.status.reason})` : ""}`;
  const ready = (pod.status?.conditions ?? []).find((c) => c.type === "Ready");
  if (phase === "Running" && ready?.status === "True")
    return void 0;
  return phase === "Running" ? "Running, not ready" : phase;
}
function byPodSeverity(a, b) {
  const rank = (p) => p.status?.phase === "Failed" ? 0 : waitingReason(p) ? 1 : p.status?.phase === "Pending" ? 2 : 3;
  return rank(a) - rank(b);
}
function waitingReason(pod) {
  for (const c of [...pod.status?.initContainerStatuses ?? [], ...pod.status?.containerStatuses ?? []]) {
    if (c.state?.waiting?.reason)
      return c.state.waiting.reason;
  }
  return void 0;
}
function describePod(pod, events) {
  const name = pod.metadata?.name ?? "?";
  const status = pod.status ?? {};
  const reported = [...status.initContainerStatuses ?? [], ...status.containerStatuses ?? []];
  const declared = [
    ...pod.spec?.initContainers ?? [],
    ...pod.spec?.containers ?? []
  ];
  const containers = declared.map((c) => {
    const s = reported.find((r) => r.name === c.name);
    return s ? containerView(s) : { name: c.name ?? "?", state: "unknown", restarts: 0, ready: false };
  });
  const phase = [status.phase ?? "Pending", status.reason, status.message].filter(Boolean).join(": ");
  return {
    name,
    phase,
    conditions: badConditions(status.conditions),
    containers: containers.filter((c) => !(c.state === "running" && c.ready)),
    events: eventsAbout(events, [subject("Pod", pod)])
  };
}
function containerView(s) {
  const state = s.state ?? {};
  const which = state.waiting ? "waiting" : state.terminated ? "terminated" : state.running ? "running" : "unknown";
  const detail = state.waiting ?? state.terminated ?? {};
  const view = {
    name: s.name ?? "?",
    state: which,
    restarts: s.restartCount ?? 0,
    ready: Boolean(s.ready)
  };
  if (detail.reason)
    view.reason = detail.reason;
  if (detail.message)
    view.message = detail.message;
  if (state.terminated?.exitCode !== void 0)
    view.exitCode = state.terminated.exitCode;
  const last = s.lastState?.terminated;
  if (last) {
    view.lastTerminated = {
      ...last.reason ? { reason: last.reason } : {},
      ...last.exitCode !== void 0 ? { exitCode: last.exitCode } : {},
      ...last.message ? { message: last.message } : {}
    };
  }
  return view;
}
function badConditions(conditions) {
  return (conditions ?? []).filter((c) => c.type === "Failed" || c.type === "ReplicaFailure" ? c.status === "True" : c.status !== "True").map((c) => {
    const view = { type: c.type ?? "?", status: c.status ?? "Unknown" };
    if (c.reason)
      view.reason = c.reason;
    if (c.message)
      view.message = c.message;
    return view;
  });
}
function eventsAbout(events, about) {
  const matching = events.filter((e) => about.some((a) => isAbout(e, a)));
  const folded = /* @__PURE__ */ new Map();
  for (const e of [...matching].sort((a, b) => timeOf(a).localeCompare(timeOf(b)))) {
    const key = `${e.type}\0${e.reason}\0${e.message}`;
    const count = e.series?.count ?? e.count ?? 1;
    const previous = folded.get(key);
    folded.delete(key);
    const view = {
      type: e.type ?? "Normal",
      reason: e.reason ?? "",
      message: (e.message ?? "").trim(),
      count: (previous?.count ?? 0) + count
    };
    const seen = timeOf(e);
    if (seen)
      view.lastSeen = seen;
    folded.set(key, view);
  }
  return [...folded.values()].slice(-EVENTS_SHOWN);
}
function subject(kind, object) {
  const s = { kind, name: object.metadata?.name ?? "" };
  if (object.metadata?.uid)
    s.uid = object.metadata.uid;
  return s;
}
function isAbout(e, a) {
  const o = e.involvedObject;
  if (o?.kind !== a.kind || o.name !== a.name)
    return false;
  return a.uid === void 0 || o.uid === void 0 || o.uid === a.uid;
}
function timeOf(e) {
  return e.series?.lastObservedTime ?? e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? e.metadata?.creationTimestamp ?? "";
}

// dist/diagnose/watch.js
var LOG_LINES = 10;
var FINAL_INTERVAL_MS = 2e3;
var LOGS_READ = 2;
function watchTiming(timeoutSeconds) {
  const timeoutMs = timeoutSeconds * 1e3;
  return {
    intervalMs: Math.min(3e4, Math.max(2e3, timeoutMs / 5)),
    finalMs: Math.max(0, timeoutMs - Math.min(1500, timeoutMs / 10))
  };
}
function clusterDiagnostics(source, redact = (t) => t) {
  return {
    watch(target, timeoutSeconds) {
      const timing = watchTiming(timeoutSeconds);
      let latest;
      let reading;
      let stopped = false;
      const take = () => {
        if (stopped || reading)
          return;
        reading = source.read(target.namespace).then((snapshot) => {
          const troubled = diagnose(snapshot, target, "", "while-waiting").objects.length > 0;
          if (!stopped && (troubled || !latest?.troubled))
            latest = { snapshot, troubled };
        }).catch(() => {
        }).finally(() => {
          reading = void 0;
        });
      };
      let interval = setInterval(take, timing.intervalMs);
      const final = setTimeout(() => {
        take();
        clearInterval(interval);
        interval = setInterval(take, FINAL_INTERVAL_MS);
        interval.unref();
      }, timing.finalMs);
      interval.unref();
      final.unref();
      const stop = () => {
        stopped = true;
        clearInterval(interval);
        clearTimeout(final);
      };
      return {
        stop,
        async failed(helmOutput) {
          await reading;
          stop();
          return diagnoseAfter(source, target, helmOutput, redact, latest?.snapshot);
        }
      };
    }
  };
}
async function diagnoseAfter(source, target, helmOutput, redact, before) {
  const after = await source.read(target.namespace).catch((error) => unreadable(error));
  const merged = before ? mergeSnapshots(before, after) : after;
  const diagnosis = diagnose(merged, target, helmOutput, before ? "while-waiting" : "after-failure");
  await addLogs(diagnosis, source, target.namespace);
  return JSON.parse(redact(JSON.stringify(diagnosis)));
}
function mergeSnapshots(before, after) {
  const objects = {};
  const kinds = /* @__PURE__ */ new Set([...Object.keys(before.objects), ...Object.keys(after.objects)]);
  for (const kind of kinds) {
    const earlier = before.objects[kind] ?? [];
    const seen = new Set(earlier.map(uidOf));
    objects[kind] = [...earlier, ...(after.objects[kind] ?? []).filter((o) => !seen.has(uidOf(o)))];
  }
  const eventUids = new Set(after.events.map((e) => e.metadata?.uid));
  return {
    objects,
    events: [...before.events.filter((e) => !eventUids.has(e.metadata?.uid)), ...after.events],
    unreadable: after.unreadable
  };
}
var uidOf = (o) => o.metadata?.uid ?? `${o.metadata?.name}`;
function unreadable(error) {
  const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
  return { objects: {}, events: [], unreadable: [{ kind: "objects", reason }] };
}
async function addLogs(diagnosis, source, namespace) {
  const ended = diagnosis.objects.flatMap((o) => o.pods).filter((p) => p.containers.some((c) => c.state === "terminated")).slice(0, LOGS_READ);
  await Promise.all(ended.map((p) => readLog(p, source, namespace)));
}
async function readLog(pod, source, namespace) {
  try {
    pod.log = { lines: await source.podLog(namespace, pod.name, LOG_LINES) };
  } catch (error) {
    pod.log = { unavailable: apiMessage(error) };
  }
}
function apiMessage(error) {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0];
}

// dist/cli/diagnostics.js
function snapshotSource(cluster) {
  const { listDiagnosisObjects: listObjects, readPodLog } = cluster;
  if (!listObjects || !readPodLog)
    return void 0;
  return {
    async read(namespace) {
      const snapshot = { objects: {}, events: [], unreadable: [] };
      const reason = (error) => error.code === 403 ? "forbidden" : apiMessage(error);
      await Promise.all([
        ...WATCHED_KINDS.map(async (kind) => {
          try {
            snapshot.objects[kind] = await listObjects(kind, namespace);
          } catch (error) {
            snapshot.unreadable.push({ kind, reason: reason(error) });
          }
        }),
        (async () => {
          try {
            snapshot.events = await listObjects("Event", namespace);
          } catch (error) {
            snapshot.unreadable.push({ kind: "Event", reason: reason(error) });
          }
        })()
      ]);
      return snapshot;
    },
    async podLog(namespace, pod, lines) {
      const text = await readPodLog(namespace, pod, lines);
      return text.split("\n").filter((line, i, all) => line !== "" || i < all.length - 1);
    }
  };
}
function diagnosticsFor(connect, redactor) {
  return {
    watch(target, timeoutSeconds) {
      const watching = connect(target).then((cluster) => {
        const source = snapshotSource(cluster);
        return source && clusterDiagnostics(source, (text) => redactor.redact(text)).watch(target, timeoutSeconds);
      });
      watching.catch(() => {
      });
      return {
        failed: async (helmOutput) => (await watching.catch(() => void 0))?.failed(helmOutput),
        stop: () => void watching.then((watch) => watch?.stop(), () => {
        })
      };
    }
  };
}
async function diagnoseTest(ctx, target, helmOutput) {
  try {
    const source = snapshotSource(await ctx.session.cluster(target));
    return source && await diagnoseAfter(source, target, helmOutput, (t) => ctx.redactor.redact(t));
  } catch {
    return void 0;
  }
}

// dist/report/progress.js
var RunProgress = class {
  #releases = /* @__PURE__ */ new Map();
  /** Folds one event in and returns the release's new state. */
  apply(event) {
    const release = this.#releases.get(event.id) ?? { id: event.id, phase: "waiting", retried: [] };
    this.#releases.set(event.id, release);
    switch (event.type) {
      case "queued":
        break;
      case "started":
        Object.assign(release, { phase: "running", action: event.action, startedAt: event.at });
        break;
      case "testing":
        Object.assign(release, { phase: "testing", testingAt: event.at });
        break;
      case "succeeded":
        Object.assign(release, { phase: "succeeded", action: event.action, endedAt: event.at });
        if (event.revision !== void 0)
          release.revision = event.revision;
        break;
      case "failed":
        Object.assign(release, {
          phase: "failed",
          action: event.action,
          error: event.error,
          endedAt: event.at
        });
        if (event.diagnosis)
          release.diagnosis = event.diagnosis;
        break;
      case "rolledBack":
        release.rollback = event.toRevision === void 0 ? { uninstalled: event.uninstalled } : { toRevision: event.toRevision, uninstalled: event.uninstalled };
        break;
      case "skipped":
        Object.assign(release, { phase: "skipped", reason: event.reason, endedAt: event.at });
        break;
      case "retrying":
        release.retried.push({
          attempt: event.attempt,
          error: event.error,
          undo: event.undo,
          ...event.diagnosis ? { diagnosis: event.diagnosis } : {},
          at: event.at
        });
        Object.assign(release, {
          attempt: event.attempt,
          maxAttempts: event.maxAttempts,
          retryAt: event.at + event.delayMs
        });
        break;
      case "attempt":
        Object.assign(release, {
          attempt: event.attempt,
          maxAttempts: event.maxAttempts,
          retryAt: void 0
        });
        break;
    }
    return release;
  }
  releases() {
    return [...this.#releases.values()];
  }
};
function durationOf(release) {
  if (release.startedAt === void 0 || release.endedAt === void 0)
    return void 0;
  return release.endedAt - release.startedAt;
}

// dist/report/wording.js
var ONGOING = {
  install: "installing",
  upgrade: "upgrading",
  uninstall: "uninstalling",
  test: "testing",
  unchanged: "checking",
  none: "checking",
  rollback: "rolling back"
};
var DONE = {
  install: "installed",
  upgrade: "upgraded",
  uninstall: "uninstalled",
  test: "tested",
  unchanged: "unchanged",
  none: "not installed",
  rollback: "rolled back"
};
function ongoing(action) {
  return action ? ONGOING[action] : "deploying";
}
function done(action) {
  return action ? DONE[action] : "done";
}
function succeededText(release) {
  const revision = release.revision === void 0 ? "" : ` (revision ${release.revision})`;
  const duration = durationOf(release);
  return `${done(release.action)}${revision}${duration === void 0 ? "" : ` in ${seconds(duration)}`}${attemptSuffix(release)}`;
}
function rolledBackText(rollback) {
  if (rollback.toRevision !== void 0)
    return `rolled back to revision ${rollback.toRevision}`;
  return rollback.uninstalled ? "rolled back (uninstalled)" : "rolled back";
}
function seconds(ms) {
  const s = Math.max(0, ms) / 1e3;
  if (s < 60)
    return `${s.toFixed(1)}s`;
  return minutes(Math.round(s));
}
function wholeSeconds(ms) {
  const s = Math.floor(Math.max(0, ms) / 1e3);
  return s < 60 ? `${s}s` : minutes(s);
}
function minutes(totalSeconds) {
  const m = Math.floor(totalSeconds / 60);
  return `${m}m${String(totalSeconds % 60).padStart(2, "0")}s`;
}
function firstLine(text) {
  return text.trim().split("\n")[0]?.trim() ?? "";
}
function attemptSuffix(release) {
  return release.attempt && release.attempt > 1 ? ` (attempt ${release.attempt}/${release.maxAttempts})` : "";
}
function retryingText(event) {
  return `attempt ${event.attempt}/${event.maxAttempts} failed, ${rolledBackText(event.undo)}; retrying in ${seconds(event.delayMs)}`;
}

// dist/report/live-view.js
var CLEAR_LINE = "\x1B[2K";
var CLEAR_BELOW = "\x1B[J";
var up = (n) => n > 0 ? `\x1B[${n}A` : "";
function createLiveView(stream, options = {}) {
  const now = options.now ?? Date.now;
  const color = options.color ?? true;
  const progress = new RunProgress();
  let drawn = 0;
  let finished = false;
  const draw = (final) => {
    const releases = progress.releases();
    if (releases.length === 0)
      return;
    const lines = renderLines(releases, now(), {
      // A pseudo-terminal with no size set reports 0 columns and rows: use the classic 80x24.
      width: Math.max(20, (stream.columns || 80) - 1),
      maxLines: final ? Number.POSITIVE_INFINITY : Math.max(2, (stream.rows || 24) - 1),
      color
    });
    stream.write(`${up(drawn)}${lines.map((l) => `\r${CLEAR_LINE}${l}
`).join("")}${CLEAR_BELOW}`);
    drawn = lines.length;
  };
  const timer = setInterval(() => draw(false), options.intervalMs ?? 100);
  timer.unref();
  return {
    listener: (event) => {
      progress.apply(event);
      if (!finished)
        draw(false);
    },
    finish: () => {
      if (finished)
        return;
      finished = true;
      clearInterval(timer);
      draw(true);
    }
  };
}
function renderLines(releases, now, options) {
  const { shown, hidden } = fitToScreen(releases, options.maxLines);
  const idWidth = Math.max(...shown.map((r) => r.id.length));
  const lines = shown.map((r) => {
    const head = `${r.id.padEnd(idWidth)}  `;
    const plain = truncate(`${head}${stateText(r, now)}`, options.width);
    const tail = plain.slice(head.length);
    return options.color ? `${plain.slice(0, head.length)}${paint(r.phase, tail)}` : plain;
  });
  if (hidden.length > 0)
    lines.push(truncate(foldedText(hidden), options.width));
  return lines;
}
function stateText(r, now) {
  switch (r.phase) {
    case "waiting":
      return "waiting";
    case "running": {
      if (r.rollback)
        return rolledBackText(r.rollback);
      const failed = r.retried.at(-1);
      if (r.retryAt !== void 0 && failed) {
        return `attempt ${failed.attempt}/${r.maxAttempts} failed, retrying in ${wholeSeconds(r.retryAt - now + 999)}: ${firstLine(failed.error)}`;
      }
      return `${ongoing(r.action)} ${wholeSeconds(now - (r.startedAt ?? now))}${attemptSuffix(r)}`;
    }
    case "testing":
      if (r.rollback)
        return rolledBackText(r.rollback);
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
var RANK = {
  running: 0,
  testing: 0,
  failed: 0,
  waiting: 1,
  succeeded: 2,
  skipped: 2
};
var FOLDED = {
  running: "running",
  testing: "running",
  failed: "failed",
  waiting: "waiting",
  succeeded: "done",
  skipped: "skipped"
};
function fitToScreen(releases, maxLines) {
  if (releases.length <= maxLines)
    return { shown: releases, hidden: [] };
  const kept = new Set([...releases].sort((a, b) => RANK[a.phase] - RANK[b.phase]).slice(0, maxLines - 1));
  return { shown: releases.filter((r) => kept.has(r)), hidden: releases.filter((r) => !kept.has(r)) };
}
function foldedText(hidden) {
  const counts = /* @__PURE__ */ new Map();
  for (const r of hidden)
    counts.set(FOLDED[r.phase], (counts.get(FOLDED[r.phase]) ?? 0) + 1);
  const parts = [...counts].map(([label, n]) => `${n} ${label}`);
  return `+ ${hidden.length} more: ${parts.join(", ")}`;
}
function truncate(text, width) {
  const flat = text.replaceAll(/\s*\n\s*/g, " ");
  return flat.length <= width ? flat : `${flat.slice(0, width - 1)}\u2026`;
}
var COLOR = {
  waiting: 2,
  running: 36,
  testing: 36,
  succeeded: 32,
  failed: 31,
  skipped: 33
};
function paint(phase, text) {
  return `\x1B[${COLOR[phase]}m${text}\x1B[0m`;
}

// dist/diagnose/format.js
var MAX_LINES = 24;
var MAX_LINE_CHARS = 200;
function formatDiagnosis(d) {
  const lines = [];
  const when = d.observed === "while-waiting" ? "seen while helm waited, before its rollback" : "seen after the failure";
  if (d.objects.length === 0) {
    lines.push(d.checked === 0 ? `why: no object of the release was found (${when})` : `why: all ${d.checked} objects of the release looked ready (${when})`);
  } else {
    lines.push(`why: ${d.objects.length} of ${d.checked} objects not ready (${when})`);
  }
  for (const o of d.objects) {
    lines.push(`  ${o.kind} ${o.name}: ${o.summary}`);
    for (const c of o.conditions)
      lines.push(`    ${conditionText(c)}`);
    for (const p of o.pods)
      lines.push(...podLines(p, o.kind === "Pod" ? "    " : "    pod ", o.kind === "Pod"));
    if (o.morePods > 0)
      lines.push(`    + ${o.morePods} more pods not ready`);
    for (const e of o.events)
      lines.push(`    event ${eventText(e)}`);
  }
  for (const note of d.notes)
    lines.push(`  (${note})`);
  const cut = lines.map((l) => l.length > MAX_LINE_CHARS ? `${l.slice(0, MAX_LINE_CHARS - 1)}\u2026` : l);
  if (cut.length <= MAX_LINES)
    return cut.join("\n");
  return [
    ...cut.slice(0, MAX_LINES - 1),
    `  \u2026 ${cut.length - MAX_LINES + 1} more lines (-o json has them all)`
  ].join("\n");
}
function podLines(p, head, itself) {
  const lines = itself ? [] : [`${head}${p.name}: ${p.phase}`];
  const inner = itself ? "    " : "      ";
  for (const c of p.conditions)
    lines.push(`${inner}${conditionText(c)}`);
  for (const c of p.containers)
    lines.push(`${inner}container ${containerText(c)}`);
  for (const e of p.events)
    lines.push(`${inner}event ${eventText(e)}`);
  if (p.log && "lines" in p.log) {
    lines.push(`${inner}log (last ${p.log.lines.length} lines):`);
    for (const l of p.log.lines)
      lines.push(`${inner}  ${l}`);
  } else if (p.log) {
    lines.push(`${inner}log: unavailable (${p.log.unavailable})`);
  }
  return lines;
}
function conditionText(c) {
  const why = [c.reason, c.message].filter(Boolean).join(": ");
  return `${c.type}=${c.status}${why ? ` ${why}` : ""}`;
}
function containerText(c) {
  const parts = [`${c.name}: ${c.state}`];
  if (c.reason)
    parts.push(c.reason);
  if (c.exitCode !== void 0)
    parts.push(`exit code ${c.exitCode}`);
  let text = parts.join(" ");
  if (c.message)
    text += `: ${c.message}`;
  if (c.state === "unknown")
    text += " (no status reported yet)";
  if (c.restarts > 0)
    text += `; ${c.restarts} restarts`;
  const last = c.lastTerminated;
  if (last) {
    const lastParts = [last.reason, last.exitCode === void 0 ? void 0 : `exit code ${last.exitCode}`];
    text += `; last run ended ${lastParts.filter(Boolean).join(", ")}${last.message ? `: ${last.message}` : ""}`;
  }
  return text;
}
function eventText(e) {
  return `${e.type} ${e.reason}${e.count > 1 ? ` (x${e.count})` : ""}: ${e.message.replaceAll(/\s*\n\s*/g, " ")}`;
}

// dist/report/plain-log.js
function createPlainLog(stream, options = {}) {
  const start = (options.now ?? Date.now)();
  const progress = new RunProgress();
  return {
    listener: (event) => {
      const release = progress.apply(event);
      const text = describeChange(event, release);
      if (text === void 0 || event.type === "queued")
        return;
      const body = text.replaceAll("\n", "\n    ");
      stream.write(`[${seconds(event.at - start)}] ${event.id}: ${body}
`);
    },
    finish: () => {
    }
  };
}
function describeChange(event, release) {
  switch (event.type) {
    case "queued":
      return void 0;
    case "started":
      return ongoing(event.action);
    case "testing":
      return "testing";
    case "succeeded":
      return succeededText(release);
    case "failed":
      return withDiagnosis(`failed: ${event.error.trim()}`, event.diagnosis);
    case "rolledBack":
      return rolledBackText(release.rollback);
    case "skipped":
      return `skipped: ${event.reason}`;
    case "retrying":
      return withDiagnosis(`${retryingText(event)}: ${event.error.trim()}`, event.diagnosis);
    case "attempt":
      return `${ongoing(release.action)}${attemptSuffix(event)}`;
  }
}
function withDiagnosis(text, diagnosis) {
  return diagnosis ? `${text}
${formatDiagnosis(diagnosis)}` : text;
}

// dist/report/summary.js
function collectSummary(options = {}) {
  const now = options.now ?? Date.now;
  const start = now();
  const progress = new RunProgress();
  return {
    listener: (event) => {
      progress.apply(event);
    },
    summary: () => summarize(progress.releases(), now() - start)
  };
}
function summarize(releases, durationMs) {
  const summaries = releases.map(summarizeRelease);
  const ok = summaries.every((r) => r.outcome === "succeeded" || r.outcome === "unchanged");
  return { releases: summaries, ok, durationMs };
}
function summarizeRelease(p) {
  const parts = p.id.split("/");
  const summary = {
    id: p.id,
    namespace: parts.at(-2) ?? "",
    name: parts.at(-1),
    outcome: outcomeOf(p)
  };
  const duration = durationOf(p);
  if (p.action !== void 0)
    summary.action = p.action;
  if (p.revision !== void 0)
    summary.revision = p.revision;
  if (duration !== void 0)
    summary.durationMs = duration;
  if (p.error !== void 0)
    summary.error = p.error;
  if (p.reason !== void 0)
    summary.reason = p.reason;
  if (p.rollback !== void 0)
    summary.rollback = p.rollback;
  if (p.startedAt !== void 0)
    summary.startedAt = p.startedAt;
  if (p.endedAt !== void 0)
    summary.endedAt = p.endedAt;
  if (p.diagnosis !== void 0)
    summary.diagnosis = p.diagnosis;
  if (p.attempt !== void 0)
    summary.attempts = p.attempt;
  if (p.retried.length > 0)
    summary.retried = p.retried;
  return summary;
}
function outcomeOf(p) {
  switch (p.phase) {
    case "succeeded":
      return p.action === "unchanged" || p.action === "none" ? "unchanged" : "succeeded";
    case "failed":
    case "skipped":
      return p.phase;
    default:
      return "not-run";
  }
}
function formatSummary(summary) {
  const table = formatTable(["RELEASE", "RESULT", "REVISION", "DURATION", "NOTE"], summary.releases.map((r) => [
    r.id,
    resultText(r),
    r.revision === void 0 ? "-" : String(r.revision),
    r.durationMs === void 0 ? "-" : seconds(r.durationMs),
    firstLine(r.error ?? r.reason ?? "") || attemptsNote(r)
  ]));
  const details = summary.releases.filter((r) => r.error?.trim().includes("\n") || r.diagnosis).map((r) => {
    const why = r.diagnosis ? `
${indent(formatDiagnosis(r.diagnosis))}` : "";
    return `${r.id}: ${r.action ?? "run"} failed:
${indent(r.error?.trim() ?? "")}${why}`;
  });
  return [summary.releases.length > 0 ? table : void 0, totalsLine(summary), ...details].filter((part) => part !== void 0).join("\n\n");
}
function attemptsNote(r) {
  const failed = r.retried?.length ?? 0;
  return r.outcome === "succeeded" && failed > 0 ? `after ${failed} failed ${failed === 1 ? "attempt" : "attempts"}` : "";
}
function resultText(r) {
  switch (r.outcome) {
    case "failed": {
      const tries = r.attempts && r.attempts > 1 ? ` (${r.attempts} attempts)` : "";
      const failed = `${r.action ? `${r.action} failed` : "failed"}${tries}`;
      return r.rollback ? `${failed}, ${rolledBackText(r.rollback)}` : failed;
    }
    case "skipped":
      return "skipped";
    case "not-run":
      return "not run";
    default:
      return done(r.action);
  }
}
var TOTALS_ORDER = [
  "installed",
  "upgraded",
  "rolled back",
  "uninstalled",
  "tested",
  "unchanged",
  "not installed",
  "done"
];
function totalsLine(summary) {
  const { releases } = summary;
  const count = (predicate) => releases.filter(predicate).length;
  const parts = TOTALS_ORDER.map((word) => {
    const n = count((r) => (r.outcome === "succeeded" || r.outcome === "unchanged") && done(r.action) === word);
    return n > 0 ? `${n} ${word}` : void 0;
  });
  const failed = count((r) => r.outcome === "failed");
  const rolledBack = count((r) => r.outcome === "failed" && r.rollback !== void 0);
  if (failed > 0) {
    const note = rolledBack === 0 ? "" : rolledBack === failed ? " (rolled back)" : ` (${rolledBack} rolled back)`;
    parts.push(`${failed} failed${note}`);
  }
  const skipped = count((r) => r.outcome === "skipped");
  if (skipped > 0)
    parts.push(`${skipped} skipped`);
  const notRun = count((r) => r.outcome === "not-run");
  if (notRun > 0)
    parts.push(`${notRun} not run`);
  const head = `${releases.length} ${releases.length === 1 ? "release" : "releases"}`;
  const listed = parts.filter((p) => p !== void 0);
  return listed.length > 0 ? `${head}: ${listed.join(", ")}` : head;
}
function indent(text) {
  return text.split("\n").map((line) => `  ${line}`).join("\n");
}
function summaryJson(summary) {
  return {
    releases: summary.releases.map((r) => ({
      id: r.id,
      name: r.name,
      namespace: r.namespace,
      action: r.action ?? null,
      outcome: r.outcome,
      revision: r.revision ?? null,
      durationMs: r.durationMs ?? null,
      error: r.error ?? null,
      reason: r.reason ?? null,
      rolledBack: r.rollback !== void 0,
      rolledBackToRevision: r.rollback?.toRevision ?? null,
      startedAt: r.startedAt === void 0 ? null : new Date(r.startedAt).toISOString(),
      endedAt: r.endedAt === void 0 ? null : new Date(r.endedAt).toISOString(),
      diagnosis: r.diagnosis ?? null,
      attempts: attemptsJson(r)
    })),
    ok: summary.ok,
    durationMs: summary.durationMs
  };
}
function attemptsJson(r) {
  if (r.action !== "install" && r.action !== "upgrade")
    return [];
  if (r.outcome !== "succeeded" && r.outcome !== "failed")
    return [];
  const retried = (r.retried ?? []).map((a) => ({
    attempt: a.attempt,
    outcome: "failed",
    error: a.error,
    rolledBack: true,
    rolledBackToRevision: a.undo.toRevision ?? null,
    diagnosis: a.diagnosis ?? null
  }));
  const previous = retried.at(-1);
  if (previous && previous.attempt === r.attempts && r.outcome === "failed") {
    return [...retried.slice(0, -1), { ...previous, error: r.error ?? previous.error }];
  }
  const last = {
    attempt: retried.length + 1,
    outcome: r.outcome,
    error: r.error ?? null,
    rolledBack: r.rollback !== void 0,
    rolledBackToRevision: r.rollback?.toRevision ?? null,
    diagnosis: r.diagnosis ?? null
  };
  return [...retried, last];
}

// dist/report/reporter.js
function chooseReporter(options) {
  const { stdout, stderr, output, now } = options;
  const progress = output === "text" && options.isTTY ? createLiveView(stderr, { now, intervalMs: options.intervalMs, color: colorWanted(options.env ?? {}) }) : createPlainLog(stderr, { now });
  const collector = collectSummary({ now });
  let result;
  return {
    listener: (event) => {
      collector.listener(event);
      progress.listener(event);
    },
    finish: () => {
      if (result)
        return result;
      progress.finish();
      result = collector.summary();
      stdout.write(output === "json" ? `${JSON.stringify(summaryJson(result), null, 2)}
` : `${formatSummary(result)}
`);
      return result;
    }
  };
}
function colorWanted(env) {
  return !env.NO_COLOR;
}

// dist/cli/interrupts.js
var TERM_GRACE_SECONDS = 10;
function captureInterrupts(ctx) {
  const soft = new AbortController();
  const hard = new AbortController();
  const kill = new AbortController();
  let killTimer;
  let signalled = false;
  const say = (text) => ctx.io.stderr.write(`
${text}
`);
  const onInt = () => {
    signalled = true;
    if (!soft.signal.aborted) {
      soft.abort();
      say("interrupted: starting nothing new; running releases finish. Ctrl-C again to stop them (they roll back).");
    } else if (!hard.signal.aborted) {
      hard.abort();
      say("interrupted again: stopping running helm processes; waiting for their rollback.");
    }
  };
  const onTerm = () => {
    signalled = true;
    if (killTimer)
      return;
    soft.abort();
    hard.abort();
    say(`terminated: stopping running helm processes (they roll back); ${TERM_GRACE_SECONDS}s grace.`);
    killTimer = setTimeout(() => kill.abort(), TERM_GRACE_SECONDS * 1e3);
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
    }
  };
}
function lazyReporter(ctx) {
  let reporter;
  return {
    listener: (event) => {
      reporter ??= reporterFor(ctx);
      reporter.listener(event);
    },
    finish: () => reporter?.finish()
  };
}
function reporterFor(ctx) {
  return chooseReporter({
    stdout: ctx.io.stdout,
    stderr: ctx.io.stderr,
    output: ctx.globals().output,
    isTTY: Boolean(ctx.io.stderr.isTTY),
    env: ctx.io.env
  });
}

export {
  diagnosticsFor,
  diagnoseTest,
  captureInterrupts,
  lazyReporter,
  reporterFor
};
