// Run records in the cluster: one ConfigMap per run in the lock namespace,
// named `releases-run-<id>`, labelled with the run id and its environment, its
// record as JSON under `run.json` (plan/run-record.ts). Any machine that can
// take the deploy lock can read them, so any machine can undo a run.
import { ClusterStateError } from "../errors.js";
import { parseRunRecord, type RunRecord } from "../plan/run-record.js";
import type { Cluster, ConfigMapObject } from "./cluster.js";

export const RUN_LABEL = "releases.dev/run";
export const ENVIRONMENT_LABEL = "releases.dev/environment";
const MANAGED_BY = "app.kubernetes.io/managed-by";
const DATA_KEY = "run.json";

export function recordName(id: string): string {
  return `releases-run-${id}`;
}

/** A label value for any environment name: label values are at most 63 of [A-Za-z0-9._-]. */
export function environmentLabel(environment: string): string {
  const value = environment
    .replace(/[^A-Za-z0-9._-]/g, "_")
    .slice(0, 63)
    .replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, "");
  return value || "_";
}

function toConfigMap(record: RunRecord, resourceVersion?: string): ConfigMapObject {
  return {
    metadata: {
      name: recordName(record.id),
      resourceVersion,
      labels: {
        [MANAGED_BY]: "releases",
        [RUN_LABEL]: record.id,
        [ENVIRONMENT_LABEL]: environmentLabel(record.environment),
      },
    },
    data: { [DATA_KEY]: JSON.stringify(record) },
  };
}

export interface RunRecordStore {
  namespace: string;
  /** Every readable record of `environment` (unordered). */
  list(environment: string): Promise<RunRecord[]>;
  create(record: RunRecord): Promise<void>;
  replace(record: RunRecord): Promise<void>;
  delete(id: string): Promise<void>;
}

export function runRecordStore(cluster: Cluster, namespace: string): RunRecordStore {
  const where = `ConfigMaps in namespace ${namespace} (${cluster.context})`;
  const failing = (what: string) => (error: unknown) => {
    throw recordError(`cannot ${what} ${where}`, error);
  };
  return {
    namespace,
    list: async (environment) => {
      const items = await cluster.configMaps
        .list(namespace, `${ENVIRONMENT_LABEL}=${environmentLabel(environment)}`)
        .catch(failing("list the run records:"));
      return items
        .map((item) => parseRunRecord(item.data?.[DATA_KEY]))
        .filter((r): r is RunRecord => r !== undefined && r.environment === environment);
    },
    create: async (record) => {
      await cluster.configMaps
        .create(namespace, toConfigMap(record))
        .catch(failing(`write the run record ${recordName(record.id)} to`));
    },
    replace: async (record) => {
      await cluster.configMaps
        .replace(namespace, recordName(record.id), toConfigMap(record))
        .catch(failing(`complete the run record ${recordName(record.id)} in`));
    },
    delete: async (id) => {
      await cluster.configMaps.delete(namespace, recordName(id)).catch((error: unknown) => {
        if ((error as { code?: number }).code === 404) return;
        throw recordError(`cannot delete the run record ${recordName(id)} from ${where}`, error);
      });
    },
  };
}

function recordError(message: string, error: unknown): ClusterStateError {
  const code = (error as { code?: number }).code;
  const text = (error instanceof Error ? error.message : String(error)).split("\n")[0];
  return new ClusterStateError(`${message}: ${text}`, {
    cause: error,
    hint:
      code === 403 || code === 401
        ? "grant the account get, list, create, update and delete on ConfigMaps in the lock namespace, or set defaults.lockNamespace (--lock-namespace) to one it may write"
        : code === 404
          ? "create the lock namespace, or set defaults.lockNamespace (--lock-namespace)"
          : "check KUBECONFIG and that the API server is reachable",
  });
}
