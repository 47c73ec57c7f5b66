// Every Cluster operation as the REST call it is (rest.ts), for one connection.
// Bodies are raw JSON both ways; Lease times go out as MicroTime.
import type { Cluster, ConfigMapObject, LeaseObject } from "./cluster.js";
import { type ApiRequestCounts, createLiveApi, emptyCounts } from "./live-api.js";
import { microTime } from "./micro-time.js";
import type { StorageSecret } from "./release-record.js";
import { KubeApiError, type Rest } from "./rest.js";

const seg = encodeURIComponent;
const core = (namespace: string, resource: string) => `/api/v1/namespaces/${seg(namespace)}/${resource}`;
const leases = (namespace: string) => `/apis/coordination.k8s.io/v1/namespaces/${seg(namespace)}/leases`;
const CRDS = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";

/** Where the objects that tell why a release is not ready are listed (src/diagnose/). */
const DIAGNOSIS_PATHS: Record<string, (namespace: string) => string> = {
  Deployment: (ns) => `/apis/apps/v1/namespaces/${seg(ns)}/deployments`,
  StatefulSet: (ns) => `/apis/apps/v1/namespaces/${seg(ns)}/statefulsets`,
  DaemonSet: (ns) => `/apis/apps/v1/namespaces/${seg(ns)}/daemonsets`,
  ReplicaSet: (ns) => `/apis/apps/v1/namespaces/${seg(ns)}/replicasets`,
  Job: (ns) => `/apis/batch/v1/namespaces/${seg(ns)}/jobs`,
  Pod: (ns) => core(ns, "pods"),
  PersistentVolumeClaim: (ns) => core(ns, "persistentvolumeclaims"),
  Event: (ns) => core(ns, "events"),
};

const CRD_ESTABLISHED_MS = 30_000;

/** The operations of `Cluster` (but its name and namespace) over one connection. */
export function clusterApi(
  rest: Rest,
  namespace: string | undefined,
): Omit<Cluster, "context" | "namespace" | "listHelmSecretsEverywhere"> & {
  listHelmSecretsEverywhere(labelSelector: string): Promise<StorageSecret[]>;
} {
  const counts: ApiRequestCounts = emptyCounts();
  const items = async <T>(path: string, query?: Record<string, string | undefined>) =>
    (await rest.request<{ items?: T[] }>("GET", path, { query })).items ?? [];
  const live = createLiveApi(rest, counts, namespace ?? "default");
  return {
    listHelmSecrets: (namespace, labelSelector) => {
      // Per namespace: an account scoped to a few namespaces can read its own releases.
      counts.list++;
      return items<StorageSecret>(core(namespace, "secrets"), { labelSelector });
    },
    listHelmSecretsEverywhere: (labelSelector) => {
      counts.list++;
      return items<StorageSecret>("/api/v1/secrets", { labelSelector });
    },
    leases: {
      read: (namespace, name) => rest.request<LeaseObject>("GET", `${leases(namespace)}/${seg(name)}`),
      create: (namespace, body) =>
        rest.request<LeaseObject>("POST", leases(namespace), { body: leaseBody(body) }),
      replace: (namespace, name, body) =>
        rest.request<LeaseObject>("PUT", `${leases(namespace)}/${seg(name)}`, { body: leaseBody(body) }),
      delete: async (namespace, name) => {
        await rest.request("DELETE", `${leases(namespace)}/${seg(name)}`);
      },
    },
    createOrReplaceCrd: (body) => createOrReplaceCrd(rest, body),
    listDiagnosisObjects: (kind, namespace) => {
      const path = DIAGNOSIS_PATHS[kind];
      if (!path) return Promise.reject(new Error(`cannot list ${kind}`));
      return items<unknown>(path(namespace));
    },
    readPodLog: (namespace, pod, tailLines) =>
      rest.request<string>("GET", `${core(namespace, "pods")}/${seg(pod)}/log`, {
        query: { tailLines },
        text: true,
      }),
    configMaps: {
      list: (namespace, labelSelector) =>
        items<ConfigMapObject>(core(namespace, "configmaps"), { labelSelector }),
      create: (namespace, body) =>
        rest.request<ConfigMapObject>("POST", core(namespace, "configmaps"), { body: configMapBody(body) }),
      replace: (namespace, name, body) =>
        rest.request<ConfigMapObject>("PUT", `${core(namespace, "configmaps")}/${seg(name)}`, {
          body: configMapBody(body),
        }),
      delete: async (namespace, name) => {
        await rest.request("DELETE", `${core(namespace, "configmaps")}/${seg(name)}`);
      },
    },
    resourceScope: live.resourceScope,
    listObjects: live.listObjects,
    dryRunApply: live.dryRunApply,
    requestCounts: async () => ({ ...counts }),
  };
}

/** Lease times travel as Dates or strings; the API wants MicroTime (microsecond precision). */
function leaseBody(lease: LeaseObject): unknown {
  const spec: Record<string, unknown> = { ...lease.spec };
  for (const key of ["acquireTime", "renewTime"] as const) {
    const value = lease.spec?.[key];
    if (value !== undefined) spec[key] = microTime(value);
  }
  return { apiVersion: "coordination.k8s.io/v1", kind: "Lease", ...lease, spec };
}

function configMapBody(configMap: ConfigMapObject): unknown {
  return { apiVersion: "v1", kind: "ConfigMap", ...configMap };
}

/** A CustomResourceDefinition as the chart has it: created, or replaced over the current one. */
async function createOrReplaceCrd(rest: Rest, body: { metadata: { name: string } }): Promise<void> {
  const path = `${CRDS}/${seg(body.metadata.name)}`;
  type Crd = {
    metadata?: { resourceVersion?: string };
    status?: { conditions?: { type: string; status: string }[] };
  };
  let resourceVersion: string | undefined;
  try {
    resourceVersion = (await rest.request<Crd>("GET", path)).metadata?.resourceVersion;
  } catch (error) {
    if (!(error instanceof KubeApiError && error.code === 404)) throw error;
  }
  if (resourceVersion === undefined) await rest.request("POST", CRDS, { body });
  else
    await rest.request("PUT", path, { body: { ...body, metadata: { ...body.metadata, resourceVersion } } });
  // Helm maps the chart's resources right after: wait until the API server serves the definition.
  for (let waited = 0; waited < CRD_ESTABLISHED_MS; waited += 200) {
    const crd = await rest.request<Crd>("GET", path);
    if (crd.status?.conditions?.some((c) => c.type === "Established" && c.status === "True")) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`CustomResourceDefinition ${body.metadata.name} was not established within 30 s`);
}
