// The drift check of a run's deployed releases, the way `kubectl diff` does it
// but with few requests: discovery once per group-version; one LIST per kind
// and namespace for all releases together (an object missing from its LIST was
// deleted); a local comparison that settles most objects (every field the
// manifest sets is live as set: an apply would change nothing); the
// autoscalers of a namespace only when a replica count differs there; and a
// server-side dry-run apply only for objects that still differ, so defaulted
// fields and the server's spelling of values do not count as drift.
// The reader is the cluster adapter, passed in; everything it returns is compared here.
import type { KubeObject } from "../model/kube-object.js";
import { mapLimit } from "../util/map-limit.js";
import { asStored, changedFields, unappliedFields } from "./compare.js";
import { type DeployedObject, deployedObjects, placeObject, resourceName } from "./deployed-objects.js";
import {
  autoscaledReplicas,
  BUILTIN_RULES,
  type IgnoreRule,
  ignoringRule,
  REPLICAS,
} from "./ignore-rules.js";
import {
  AUTOSCALER,
  autoscalerRequests,
  byName,
  type ListRequest,
  listKey,
  listRequests,
} from "./live-reads.js";
import { type IgnoredDrift, type ObjectDrift, type ReleaseDrift, releaseDrift } from "./release-drift.js";

/** What the check reads, from the cluster adapter (src/kube/cluster.ts). */
export interface LiveReader {
  /** Whether the server serves `kind` in `apiVersion`, and namespaced or not (discovery, cached per group-version). */
  resourceScope(apiVersion: string, kind: string): Promise<{ namespaced: boolean } | null>;
  /** Every object of a kind in one namespace (cluster-wide when `namespace` is undefined): one LIST. */
  listObjects(
    apiVersion: string,
    kind: string,
    namespace: string | undefined,
    fieldSelector?: string,
  ): Promise<KubeObject[]>;
  /** What a server-side apply of `object` would make of it (dryRun=All, field manager releases, forced): nothing changes. */
  dryRunApply(object: KubeObject): Promise<KubeObject>;
}

/** A deployed release to check: its stored manifest and its own ignore rules. */
export interface DriftSubject {
  id: string;
  namespace: string;
  manifest: string;
  ignore: readonly IgnoreRule[];
}

/** One drifted object with what `diff --live` shows: the live object and what the manifest makes of it. */
export interface DriftDetail extends ObjectDrift {
  deployed: KubeObject;
  live?: KubeObject;
  /** The dry-run apply's result (changed objects). */
  merged?: KubeObject;
  /** Fields that differ but are ignored: shown as they are live. */
  ignoredFields: string[];
}

export interface DriftReport {
  drift: ReleaseDrift;
  details: DriftDetail[];
  /** How many of the release's objects were compared. */
  checked: number;
}

interface Entry {
  subject: DriftSubject;
  object: DeployedObject;
  resource: string;
  live?: KubeObject;
  /** Fields still differing after the rules known so far. */
  fields: string[];
  ignored: IgnoredDrift[];
  merged?: KubeObject;
  change?: ObjectDrift["change"];
  problem?: string;
}

type Listed = Map<string, Map<string, KubeObject> | string>;

export async function readDrift(
  reader: LiveReader,
  subjects: readonly DriftSubject[],
  concurrency = 8,
): Promise<Map<string, DriftReport>> {
  const parsed = subjects.map((subject) => ({ subject, objects: deployedObjects(subject.manifest) }));
  const scopes = await discover(
    reader,
    parsed.flatMap((p) => p.objects),
    concurrency,
  );
  const entries = parsed.flatMap(({ subject, objects }) =>
    objects.map((raw): Entry => {
      const scope = scopes.get(`${raw.apiVersion}|${raw.kind}`);
      const object =
        typeof scope === "object" && scope ? placeObject(raw, scope.namespaced, subject.namespace) : raw;
      const entry: Entry = {
        subject,
        object,
        resource: resourceName(object, subject.namespace),
        fields: [],
        ignored: [],
      };
      if (typeof scope === "string") entry.problem = scope;
      else if (scope === null) entry.change = "deleted"; // its kind is no longer served
      return entry;
    }),
  );
  const placed = entries.filter((e) => !e.problem && !e.change);
  const listed = await readLists(reader, listRequests(placed.map((e) => e.object)), concurrency);
  for (const entry of placed) compareLocally(entry, listed);

  const scaled = await autoscalerRules(reader, entries, listed, concurrency);
  for (const entry of entries.filter((e) => e.fields.length > 0)) {
    const problem = scaled.problems.get(entry.object.namespace ?? "");
    if (problem && entry.fields.includes(REPLICAS)) entry.problem = problem;
    else applyRules(entry, entry.fields, scaled.rules);
  }

  // A dry-run apply where the manifest still differs from the live object.
  const pending = entries.filter((e) => !e.problem && e.fields.length > 0);
  await mapLimit(pending, concurrency, async (entry) => {
    try {
      entry.merged = await reader.dryRunApply(entry.object.body);
    } catch (error) {
      entry.problem = `dry-run apply of ${entry.resource} failed: ${messageOf(error)}`;
      return;
    }
    entry.ignored = [];
    applyRules(entry, changedFields(entry.merged, entry.live), scaled.rules);
    if (entry.fields.length > 0) entry.change = "changed";
  });
  return assemble(subjects, entries);
}

/** Discovery per kind, one group-version at a time so its one GET is shared by its kinds. */
async function discover(
  reader: LiveReader,
  objects: readonly DeployedObject[],
  concurrency: number,
): Promise<Map<string, { namespaced: boolean } | null | string>> {
  const byVersion = new Map<string, Set<string>>();
  for (const o of objects)
    byVersion.set(o.apiVersion, (byVersion.get(o.apiVersion) ?? new Set()).add(o.kind));
  const scopes = new Map<string, { namespaced: boolean } | null | string>();
  await mapLimit([...byVersion], concurrency, async ([apiVersion, kinds]) => {
    for (const kind of kinds) {
      const scope = await reader
        .resourceScope(apiVersion, kind)
        .catch((error: unknown) => `cannot discover ${apiVersion} ${kind}: ${messageOf(error)}`);
      scopes.set(`${apiVersion}|${kind}`, scope);
    }
  });
  return scopes;
}

/**
 * `/spec/replicas` of what autoscalers scale, in the namespaces where a replica
 * count differs (their LIST is made only then, unless a chart's own made it).
 */
async function autoscalerRules(
  reader: LiveReader,
  entries: readonly Entry[],
  listed: Listed,
  concurrency: number,
): Promise<{ rules: IgnoreRule[]; problems: Map<string, string> }> {
  const scaledIn = entries.filter((e) => e.fields.includes(REPLICAS)).map((e) => e.object.namespace ?? "");
  const more = await readLists(reader, autoscalerRequests(scaledIn, new Set(listed.keys())), concurrency);
  for (const [key, items] of more) listed.set(key, items);
  const autoscalers: KubeObject[] = [];
  const problems = new Map<string, string>();
  for (const namespace of new Set(scaledIn)) {
    const items = listed.get(listKey(AUTOSCALER.apiVersion, AUTOSCALER.kind, namespace));
    if (typeof items === "string") problems.set(namespace, items);
    else if (items) autoscalers.push(...items.values());
  }
  return { rules: autoscaledReplicas(autoscalers), problems };
}

async function readLists(
  reader: LiveReader,
  requests: readonly ListRequest[],
  concurrency: number,
): Promise<Listed> {
  const listed: Listed = new Map();
  await mapLimit(requests, concurrency, async (r) => {
    try {
      listed.set(r.key, byName(await reader.listObjects(r.apiVersion, r.kind, r.namespace, r.fieldSelector)));
    } catch (error) {
      const where = r.namespace === undefined ? "cluster-wide" : `in namespace ${r.namespace}`;
      listed.set(r.key, `cannot list ${r.kind} ${where}: ${messageOf(error)}`);
    }
  });
  return listed;
}

function compareLocally(entry: Entry, listed: Listed): void {
  const { object } = entry;
  const items = listed.get(listKey(object.apiVersion, object.kind, object.namespace));
  if (typeof items === "string" || items === undefined) {
    entry.problem = items ?? `${entry.resource} was not listed`;
    return;
  }
  entry.live = items.get(object.name);
  if (!entry.live) {
    entry.change = "deleted";
    return;
  }
  applyRules(entry, unappliedFields(asStored(object.body), entry.live), []);
}

/** Keeps the fields no rule ignores; records the others. */
function applyRules(entry: Entry, fields: readonly string[], extra: readonly IgnoreRule[]): void {
  const rules = [...entry.subject.ignore, ...BUILTIN_RULES, ...extra];
  const kept: string[] = [];
  for (const field of fields) {
    const rule = ignoringRule(rules, entry.object.body, entry.object.namespace ?? "", field);
    if (rule) entry.ignored.push({ resource: entry.resource, field, rule: rule.rule });
    else kept.push(field);
  }
  entry.fields = kept;
}

function assemble(subjects: readonly DriftSubject[], entries: readonly Entry[]): Map<string, DriftReport> {
  const out = new Map<string, DriftReport>();
  for (const subject of subjects) {
    const mine = entries.filter((e) => e.subject === subject);
    const details = mine.flatMap((e): DriftDetail[] =>
      e.change
        ? [
            {
              resource: e.resource,
              change: e.change,
              fields: e.change === "changed" ? e.fields : [],
              deployed: e.object.body,
              ...(e.live ? { live: e.live } : {}),
              ...(e.merged ? { merged: e.merged } : {}),
              ignoredFields: e.ignored.map((i) => i.field),
            },
          ]
        : [],
    );
    const drift = releaseDrift(
      details.map(({ resource, change, fields }) => ({ resource, change, fields })),
      mine.flatMap((e) => e.ignored),
      mine.flatMap((e) => (e.problem ? [e.problem] : [])),
    );
    out.set(subject.id, { drift, details, checked: mine.length });
  }
  return out;
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0]!;
}
