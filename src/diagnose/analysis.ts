// Which objects of a release are not ready, and why, from plain objects: the
// release's own objects (helm annotates each with meta.helm.sh/release-name),
// the hook and test pods or jobs helm's output names, the pods they own (a
// Deployment's through its ReplicaSets) and the events about all of them.
// Pure: no I/O, tested with plain data.
import type {
  ConditionView,
  ContainerView,
  Diagnosis,
  EventView,
  ObjectDiagnosis,
  PodDiagnosis,
} from "./diagnosis.js";
import {
  type Condition,
  type KubeEvent,
  type KubeObject,
  type NamespaceSnapshot,
  WATCHED_KINDS,
  type WatchedKind,
} from "./objects.js";

export const PODS_SHOWN = 3;
export const EVENTS_SHOWN = 3;

interface Entry {
  kind: WatchedKind;
  object: KubeObject;
}

export interface ReleaseRef {
  name: string;
  namespace: string;
}

export function diagnose(
  snapshot: NamespaceSnapshot,
  release: ReleaseRef,
  helmOutput: string,
  observed: Diagnosis["observed"],
): Diagnosis {
  const top = releaseObjects(snapshot, release, helmOutput);
  const topUids = new Set(top.map((e) => e.object.metadata?.uid));
  const objects = top
    .filter((e) => e.kind !== "ReplicaSet" && !(e.kind === "Pod" && ownedByAny(e.object, topUids)))
    .map((e) => describeObject(e, snapshot))
    .filter((d): d is ObjectDiagnosis => d !== undefined)
    .sort((a, b) => KIND_ORDER.indexOf(a.kind as WatchedKind) - KIND_ORDER.indexOf(b.kind as WatchedKind));
  return {
    objects,
    checked: top.filter((e) => e.kind !== "ReplicaSet").length,
    observed,
    notes: snapshot.unreadable.map((u) => `could not read ${u.kind} in ${release.namespace}: ${u.reason}`),
  };
}

const KIND_ORDER: WatchedKind[] = [
  "Deployment",
  "StatefulSet",
  "DaemonSet",
  "Job",
  "Pod",
  "PersistentVolumeClaim",
  "ReplicaSet",
];

/** The release's objects: annotated by helm as its own, or named in helm's output (hooks, tests). */
export function releaseObjects(
  snapshot: NamespaceSnapshot,
  release: ReleaseRef,
  helmOutput: string,
): Entry[] {
  const out: Entry[] = [];
  for (const kind of WATCHED_KINDS) {
    for (const object of snapshot.objects[kind] ?? []) {
      const annotations = object.metadata?.annotations ?? {};
      const own =
        annotations["meta.helm.sh/release-name"] === release.name &&
        (annotations["meta.helm.sh/release-namespace"] ?? release.namespace) === release.namespace;
      if (own || ((kind === "Pod" || kind === "Job") && named(helmOutput, object.metadata?.name))) {
        out.push({ kind, object });
      }
    }
  }
  return out;
}

function named(text: string, name: string | undefined): boolean {
  if (!name || !text) return false;
  const escaped = name.replaceAll(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(?<![\\w.-])${escaped}(?![\\w.-])`).test(text);
}

function ownedByAny(object: KubeObject, uids: ReadonlySet<string | undefined>): boolean {
  return (object.metadata?.ownerReferences ?? []).some((o) => o.uid !== undefined && uids.has(o.uid));
}

function ownedBy(snapshot: NamespaceSnapshot, kind: WatchedKind, owner: KubeObject): KubeObject[] {
  const uid = owner.metadata?.uid;
  if (!uid) return [];
  return (snapshot.objects[kind] ?? []).filter((o) =>
    (o.metadata?.ownerReferences ?? []).some((r) => r.uid === uid),
  );
}

/** An object's diagnosis when it is not ready or failed; undefined when it is fine. */
function describeObject(entry: Entry, snapshot: NamespaceSnapshot): ObjectDiagnosis | undefined {
  const { kind, object } = entry;
  const name = object.metadata?.name ?? "?";
  const summary = problemOf(kind, object);
  if (summary === undefined) return undefined;
  // A Deployment's pods and events come through its ReplicaSets (FailedCreate is an event of a ReplicaSet).
  const replicaSets = kind === "Deployment" ? ownedBy(snapshot, "ReplicaSet", object) : [];
  const podOwners = kind === "Pod" ? [] : kind === "Deployment" ? replicaSets : [object];
  const pods = kind === "Pod" ? [object] : podOwners.flatMap((owner) => ownedBy(snapshot, "Pod", owner));
  const unready = pods.filter((p) => podProblem(p) !== undefined).sort(byPodSeverity);
  const events = eventsAbout(snapshot.events, [
    subject(kind, object),
    ...replicaSets.map((rs) => subject("ReplicaSet", rs)),
  ]);
  return {
    kind,
    name,
    summary,
    conditions: kind === "Pod" ? [] : badConditions(object.status?.conditions),
    pods: unready.slice(0, PODS_SHOWN).map((p) => describePod(p, snapshot.events)),
    morePods: Math.max(0, unready.length - PODS_SHOWN),
    events: kind === "Pod" ? [] : events,
  };
}

/** What is wrong with an object, in a few words; undefined when it is ready. */
export function problemOf(kind: WatchedKind, o: KubeObject): string | undefined {
  const s = o.status ?? {};
  switch (kind) {
    case "Deployment":
    case "StatefulSet": {
      const desired = o.spec?.replicas ?? 1;
      const ready = s.readyReplicas ?? 0;
      const updated = s.updatedReplicas ?? 0;
      const available = s.availableReplicas ?? ready;
      const generation = o.metadata?.generation ?? 0;
      const stale = s.observedGeneration !== undefined && s.observedGeneration < generation;
      if (ready >= desired && updated >= desired && available >= desired && !stale) return undefined;
      const parts = [`${ready}/${desired} ready`];
      if (updated < desired) parts.push(`${updated} updated`);
      if (available < desired) parts.push(`${desired - available} unavailable`);
      return parts.join(", ");
    }
    case "DaemonSet": {
      const desired = s.desiredNumberScheduled ?? 0;
      const ready = s.numberReady ?? 0;
      return ready >= desired ? undefined : `${ready}/${desired} ready`;
    }
    case "Job": {
      const conditions: Condition[] = s.conditions ?? [];
      const failed = conditions.find((c) => c.type === "Failed" && c.status === "True");
      if (failed) return `failed: ${[failed.reason, failed.message].filter(Boolean).join(": ")}`;
      if (conditions.some((c) => c.type === "Complete" && c.status === "True")) return undefined;
      return `not complete: ${s.active ?? 0} active, ${s.succeeded ?? 0} succeeded, ${s.failed ?? 0} failed`;
    }
    case "Pod":
      return podProblem(o);
    case "PersistentVolumeClaim":
      return s.phase === "Bound" ? undefined : `${s.phase ?? "Pending"}: not bound`;
    case "ReplicaSet":
      return undefined;
  }
}

function podProblem(pod: KubeObject): string | undefined {
  const phase: string = pod.status?.phase ?? "Pending";
  if (phase === "Succeeded") return undefined;
  if (phase === "Failed") return `Failed${pod.status?.reason ? ` (${pod.status.reason})` : ""}`;
  const ready = (pod.status?.conditions ?? []).find((c: Condition) => c.type === "Ready");
  if (phase === "Running" && ready?.status === "True") return undefined;
  return phase === "Running" ? "Running, not ready" : phase;
}

function byPodSeverity(a: KubeObject, b: KubeObject): number {
  const rank = (p: KubeObject) =>
    p.status?.phase === "Failed" ? 0 : waitingReason(p) ? 1 : p.status?.phase === "Pending" ? 2 : 3;
  return rank(a) - rank(b);
}

function waitingReason(pod: KubeObject): string | undefined {
  for (const c of [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])]) {
    if (c.state?.waiting?.reason) return c.state.waiting.reason;
  }
  return undefined;
}

export function describePod(pod: KubeObject, events: readonly KubeEvent[]): PodDiagnosis {
  const name = pod.metadata?.name ?? "?";
  const status = pod.status ?? {};
  const reported = [...(status.initContainerStatuses ?? []), ...(status.containerStatuses ?? [])];
  const declared: { name?: string }[] = [
    ...(pod.spec?.initContainers ?? []),
    ...(pod.spec?.containers ?? []),
  ];
  const containers: ContainerView[] = declared.map((c) => {
    const s = reported.find((r: { name?: string }) => r.name === c.name);
    return s ? containerView(s) : { name: c.name ?? "?", state: "unknown", restarts: 0, ready: false };
  });
  const phase = [status.phase ?? "Pending", status.reason, status.message].filter(Boolean).join(": ");
  return {
    name,
    phase,
    conditions: badConditions(status.conditions),
    containers: containers.filter((c) => !(c.state === "running" && c.ready)),
    events: eventsAbout(events, [subject("Pod", pod)]),
  };
}

// biome-ignore lint/suspicious/noExplicitAny: a containerStatus as the API returns it
function containerView(s: any): ContainerView {
  const state = s.state ?? {};
  const which = state.waiting
    ? "waiting"
    : state.terminated
      ? "terminated"
      : state.running
        ? "running"
        : "unknown";
  const detail = state.waiting ?? state.terminated ?? {};
  const view: ContainerView = {
    name: s.name ?? "?",
    state: which,
    restarts: s.restartCount ?? 0,
    ready: Boolean(s.ready),
  };
  if (detail.reason) view.reason = detail.reason;
  if (detail.message) view.message = detail.message;
  if (state.terminated?.exitCode !== undefined) view.exitCode = state.terminated.exitCode;
  const last = s.lastState?.terminated;
  if (last) {
    view.lastTerminated = {
      ...(last.reason ? { reason: last.reason } : {}),
      ...(last.exitCode !== undefined ? { exitCode: last.exitCode } : {}),
      ...(last.message ? { message: last.message } : {}),
    };
  }
  return view;
}

/** Conditions that say something is wrong: False ones (True for Failed-like types), with their reason. */
export function badConditions(conditions: readonly Condition[] | undefined): ConditionView[] {
  return (conditions ?? [])
    .filter((c) =>
      c.type === "Failed" || c.type === "ReplicaFailure" ? c.status === "True" : c.status !== "True",
    )
    .map((c) => {
      const view: ConditionView = { type: c.type ?? "?", status: c.status ?? "Unknown" };
      if (c.reason) view.reason = c.reason;
      if (c.message) view.message = c.message;
      return view;
    });
}

/** The last few events about the given objects, oldest first, repeats folded into their count. */
export function eventsAbout(events: readonly KubeEvent[], about: readonly Subject[]): EventView[] {
  const matching = events.filter((e) => about.some((a) => isAbout(e, a)));
  const folded = new Map<string, EventView>();
  for (const e of [...matching].sort((a, b) => timeOf(a).localeCompare(timeOf(b)))) {
    const key = `${e.type}\0${e.reason}\0${e.message}`;
    const count = e.series?.count ?? e.count ?? 1;
    const previous = folded.get(key);
    folded.delete(key); // re-inserted last: the newest occurrence decides the order
    const view: EventView = {
      type: e.type ?? "Normal",
      reason: e.reason ?? "",
      message: (e.message ?? "").trim(),
      count: (previous?.count ?? 0) + count,
    };
    const seen = timeOf(e);
    if (seen) view.lastSeen = seen;
    folded.set(key, view);
  }
  return [...folded.values()].slice(-EVENTS_SHOWN);
}

/** What an event may be about: a kind and name, and the uid when known (an earlier object of the same name is another). */
export interface Subject {
  kind: string;
  name: string;
  uid?: string;
}

function subject(kind: string, object: KubeObject): Subject {
  const s: Subject = { kind, name: object.metadata?.name ?? "" };
  if (object.metadata?.uid) s.uid = object.metadata.uid;
  return s;
}

function isAbout(e: KubeEvent, a: Subject): boolean {
  const o = e.involvedObject;
  if (o?.kind !== a.kind || o.name !== a.name) return false;
  return a.uid === undefined || o.uid === undefined || o.uid === a.uid;
}

function timeOf(e: KubeEvent): string {
  return (
    e.series?.lastObservedTime ??
    e.lastTimestamp ??
    e.eventTime ??
    e.firstTimestamp ??
    e.metadata?.creationTimestamp ??
    ""
  );
}
