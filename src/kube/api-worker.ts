// The Kubernetes client in a worker thread. @kubernetes/client-node takes about
// a quarter of a second of CPU just to import; here that happens on the second
// core while the main thread loads and renders the project. The main thread
// sends operations (see cluster.ts); answers and errors come back as plain data.
import module from "node:module";
import { parentPort } from "node:worker_threads";
import type { KubeObject } from "../model/kube-object.js";
import { type ApiRequestCounts, createLiveApi, emptyCounts, type LiveApi } from "./live-api.js";

interface Request {
  id: number;
  /** Which connection (one per cluster the session uses), as `connect` opened it. */
  conn: number;
  op:
    | "connect"
    | "listSecrets"
    | "listSecretsEverywhere"
    | "readLease"
    | "createLease"
    | "replaceLease"
    | "deleteLease"
    | "createOrReplaceCrd"
    // diagnosis (see the block at the end)
    | "listDiagnosisObjects"
    | "readPodLog"
    | RunRecordOp
    // --- drift: generic objects (live-api.ts) ---
    | "resourceScope"
    | "listObjects"
    | "dryRunApply"
    | "requestCounts";
  // --- end of drift ops ---
  args: unknown[];
}

const port = parentPort!;
module.enableCompileCache?.(); // per thread: the main thread's does not cover this import
const k8s = await import("@kubernetes/client-node");

type Ready = {
  core: InstanceType<typeof k8s.CoreV1Api>;
  coordination: InstanceType<typeof k8s.CoordinationV1Api>;
  extensions: InstanceType<typeof k8s.ApiextensionsV1Api>;
  context: string;
  namespace: string | undefined;
  config: InstanceType<typeof k8s.KubeConfig>;
  live: LiveApi;
  /** Requests made so far (the drift ops count theirs in live-api.ts). */
  counts: ApiRequestCounts;
};

function connect(kubeconfig: string | undefined, kubeContext: string | undefined): Ready {
  const config = new k8s.KubeConfig();
  // The worker's environment is the session's (see startKubeWorker): KUBECONFIG as the command got it.
  if (kubeconfig) config.loadFromFile(kubeconfig);
  else config.loadFromDefault();
  if (kubeContext) {
    if (!config.getContextObject(kubeContext)) {
      const known = config.getContexts().map((c) => c.name);
      throw Object.assign(new Error(`kube context "${kubeContext}" is not in the kubeconfig`), {
        kind: "context",
        known,
      });
    }
    config.setCurrentContext(kubeContext);
  }
  const counts = emptyCounts();
  return {
    counts,
    namespace: config.getContextObject(config.getCurrentContext())?.namespace,
    core: config.makeApiClient(k8s.CoreV1Api),
    coordination: config.makeApiClient(k8s.CoordinationV1Api),
    extensions: config.makeApiClient(k8s.ApiextensionsV1Api),
    context: config.getCurrentContext(),
    config,
    live: createLiveApi(k8s, config, counts),
  };
}

const connections = new Map<number, Ready>();

/** Lease times travel as Dates or strings; the API wants MicroTime (microsecond precision). */
function leaseBody(body: unknown): unknown {
  const lease = body as { spec?: Record<string, unknown> };
  const spec = { ...lease.spec };
  for (const key of ["acquireTime", "renewTime"]) {
    const value = spec[key];
    if (value instanceof Date || typeof value === "string") spec[key] = new k8s.V1MicroTime(value);
  }
  return { ...lease, spec };
}

async function perform({ conn, op, args }: Request): Promise<unknown> {
  const [a, b, c] = args as [string, unknown, unknown];
  if (op === "connect") {
    const opened = connect((a as string | null) ?? undefined, (b as string | null) ?? undefined);
    connections.set(conn, opened);
    return { context: opened.context, namespace: opened.namespace ?? null };
  }
  const ready = connections.get(conn);
  if (!ready) throw new Error("not connected");
  switch (op) {
    case "listSecrets":
      // Per namespace: an account scoped to a few namespaces can read its own releases.
      ready.counts.list++;
      return (await ready.core.listNamespacedSecret({ namespace: a, labelSelector: b as string })).items;
    case "listSecretsEverywhere":
      ready.counts.list++;
      return (await ready.core.listSecretForAllNamespaces({ labelSelector: a })).items;
    case "readLease":
      return ready.coordination.readNamespacedLease({ namespace: a, name: b as string });
    case "createLease":
      return ready.coordination.createNamespacedLease({ namespace: a, body: leaseBody(b) as never });
    case "replaceLease":
      return ready.coordination.replaceNamespacedLease({
        namespace: a,
        name: b as string,
        body: leaseBody(c) as never,
      });
    case "deleteLease":
      await ready.coordination.deleteNamespacedLease({ namespace: a, name: b as string });
      return null;
    case "createOrReplaceCrd":
      return createOrReplaceCrd(ready, args[0] as { metadata: { name: string } });
    case "listDiagnosisObjects":
      return listDiagnosisObjects(ready, a, b as string);
    case "readPodLog":
      return ready.core.readNamespacedPodLog({ namespace: a, name: b as string, tailLines: c as number });
    // --- drift ---
    case "resourceScope":
      return ready.live.resourceScope(a, b as string);
    case "listObjects":
      return ready.live.listObjects(
        a,
        b as string,
        (c as string | null) ?? undefined,
        args[3] as string | undefined,
      );
    case "dryRunApply":
      return ready.live.dryRunApply(args[0] as KubeObject);
    case "requestCounts":
      return { ...ready.counts };
    // --- end of drift ---
    default:
      return runRecordOp(ready, op as RunRecordOp, args);
  }
}

/** A CustomResourceDefinition as the chart has it: created, or replaced over the current one. */
async function createOrReplaceCrd(api: Ready, body: { metadata: { name: string } }): Promise<unknown> {
  const name = body.metadata.name;
  let resourceVersion: string | undefined;
  try {
    resourceVersion = (await api.extensions.readCustomResourceDefinition({ name })).metadata?.resourceVersion;
  } catch (error) {
    if ((error as { code?: number }).code !== 404) throw error;
  }
  if (resourceVersion === undefined)
    await api.extensions.createCustomResourceDefinition({ body: body as never });
  else {
    const replacement = { ...body, metadata: { ...body.metadata, resourceVersion } };
    await api.extensions.replaceCustomResourceDefinition({ name, body: replacement as never });
  }
  // Helm maps the chart's resources right after: wait until the API server serves the definition.
  for (let waited = 0; waited < 30_000; waited += 200) {
    const crd = await api.extensions.readCustomResourceDefinition({ name });
    if (crd.status?.conditions?.some((c) => c.type === "Established" && c.status === "True")) return null;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`CustomResourceDefinition ${name} was not established within 30 s`);
}

// --- diagnosis: what a failed release's namespace holds (src/diagnose/, src/cli/diagnostics.ts) ---

let diagnosisApis:
  | { apps: InstanceType<typeof k8s.AppsV1Api>; batch: InstanceType<typeof k8s.BatchV1Api> }
  | undefined;

/** Every object of one kind in a namespace (the kinds that tell why a release is not ready, and events). */
async function listDiagnosisObjects(api: Ready, kind: string, namespace: string): Promise<unknown[]> {
  diagnosisApis ??= {
    apps: api.config.makeApiClient(k8s.AppsV1Api),
    batch: api.config.makeApiClient(k8s.BatchV1Api),
  };
  const { apps, batch } = diagnosisApis;
  const at = { namespace };
  switch (kind) {
    case "Deployment":
      return (await apps.listNamespacedDeployment(at)).items;
    case "StatefulSet":
      return (await apps.listNamespacedStatefulSet(at)).items;
    case "DaemonSet":
      return (await apps.listNamespacedDaemonSet(at)).items;
    case "ReplicaSet":
      return (await apps.listNamespacedReplicaSet(at)).items;
    case "Job":
      return (await batch.listNamespacedJob(at)).items;
    case "Pod":
      return (await api.core.listNamespacedPod(at)).items;
    case "PersistentVolumeClaim":
      return (await api.core.listNamespacedPersistentVolumeClaim(at)).items;
    case "Event":
      return (await api.core.listNamespacedEvent(at)).items;
  }
  throw new Error(`cannot list ${kind}`);
}
// --- end of diagnosis ---

// ---- run records (undo): ConfigMaps in the lock namespace ----

type RunRecordOp = "listConfigMaps" | "createConfigMap" | "replaceConfigMap" | "deleteConfigMap";

async function runRecordOp(api: Ready, op: RunRecordOp, args: unknown[]): Promise<unknown> {
  const [namespace, b, c] = args as [string, unknown, unknown];
  switch (op) {
    case "listConfigMaps":
      return (await api.core.listNamespacedConfigMap({ namespace, labelSelector: b as string })).items;
    case "createConfigMap":
      return api.core.createNamespacedConfigMap({ namespace, body: b as never });
    case "replaceConfigMap":
      return api.core.replaceNamespacedConfigMap({ namespace, name: b as string, body: c as never });
    case "deleteConfigMap":
      await api.core.deleteNamespacedConfigMap({ namespace, name: b as string });
      return null;
  }
}

/** Class instances become plain data; errors keep what callers branch on (HTTP code). */
const plain = (value: unknown) => (value === undefined ? null : JSON.parse(JSON.stringify(value)));

port.on("message", (request: Request) => {
  perform(request).then(
    (result) => port.postMessage({ id: request.id, ok: true, result: plain(result) }),
    (error: unknown) => {
      const e = error as { message?: string; code?: number; kind?: string; known?: string[] };
      port.postMessage({
        id: request.id,
        ok: false,
        error: { message: String(e?.message ?? error), code: e?.code, kind: e?.kind, known: e?.known },
      });
    },
  );
});
