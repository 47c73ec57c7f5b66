// Kubernetes API access: one place talks to the API server, with the
// kubeconfig (KUBECONFIG, the environment's kubeContext) resolved the way
// kubectl does. The client library runs in a worker thread (api-worker.ts): it
// costs about 0.25 s of CPU to import, which a worker spends on the second core
// while this thread loads and renders the project. The command's session starts
// it (startKubeWorker) when the command needs a cluster, with the command's environment.
import { Worker } from "node:worker_threads";
import type { LiveReader } from "../drift/read-drift.js";
import { ClusterStateError } from "../errors.js";
import type { KubeObject } from "../model/kube-object.js";
import type { ClusterRef } from "../model/project.js";
import type { ApiRequestCounts } from "./live-api.js";
import {
  type DeployedRelease,
  latestRevisions,
  type StorageSecret,
  toDeployedRelease,
} from "./release-record.js";

/** A Lease as plain data (times as ISO strings or Dates). */
export interface LeaseObject {
  metadata?: {
    name?: string;
    namespace?: string;
    resourceVersion?: string;
    annotations?: Record<string, string>;
  };
  spec?: {
    holderIdentity?: string;
    leaseDurationSeconds?: number;
    acquireTime?: string | Date;
    renewTime?: string | Date;
  };
}

export interface Cluster extends LiveReader {
  context: string;
  /** The namespace the kube context names, if any (where a namespaced account works). */
  namespace?: string;
  /** helm's storage Secrets in one namespace that match the label selector. */
  listHelmSecrets(namespace: string, labelSelector: string): Promise<StorageSecret[]>;
  /**
   * The same in every namespace at once; undefined when the account may not
   * (a 403, remembered for the rest of the session: it is asked per namespace then).
   */
  listHelmSecretsEverywhere?(labelSelector: string): Promise<StorageSecret[] | undefined>;
  leases: {
    read(namespace: string, name: string): Promise<LeaseObject>;
    create(namespace: string, body: LeaseObject): Promise<LeaseObject>;
    replace(namespace: string, name: string, body: LeaseObject): Promise<LeaseObject>;
    delete(namespace: string, name: string): Promise<void>;
  };
  /** Creates a CustomResourceDefinition, or replaces the one there (a chart's crds/ with `crds: createReplace`). */
  createOrReplaceCrd?(body: { metadata: { name: string } }): Promise<void>;
  // --- diagnosis (src/diagnose/): why a release is not ready ---
  /** Every object of `kind` (a WatchedKind, or "Event") in a namespace, as plain JSON. */
  listDiagnosisObjects?(kind: string, namespace: string): Promise<unknown[]>;
  /** The last `tailLines` lines of a pod's log. */
  readPodLog?(namespace: string, pod: string, tailLines: number): Promise<string>;
  // ---- run records (undo): ConfigMaps in the lock namespace ----
  configMaps: {
    list(namespace: string, labelSelector: string): Promise<ConfigMapObject[]>;
    create(namespace: string, body: ConfigMapObject): Promise<ConfigMapObject>;
    replace(namespace: string, name: string, body: ConfigMapObject): Promise<ConfigMapObject>;
    delete(namespace: string, name: string): Promise<void>;
  };

  // --- drift: live objects against the deployed manifests (LiveReader, src/drift/read-drift.ts) ---
  /** The requests this session made to the API server so far. */
  requestCounts(): Promise<ApiRequestCounts>;
  // --- end of drift ---
}

/** A ConfigMap as plain data (run records, kube/run-records.ts). */
export interface ConfigMapObject {
  metadata?: {
    name?: string;
    namespace?: string;
    resourceVersion?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  data?: Record<string, string>;
}

/** An API error as the worker reports it: `code` is the HTTP status when there was one. */
export class KubeApiError extends Error {
  constructor(
    message: string,
    readonly code?: number,
  ) {
    super(message);
  }
}

interface Reply {
  id: number;
  ok: boolean;
  result?: unknown;
  error?: { message: string; code?: number; kind?: string; known?: string[] };
}

export interface KubeWorker {
  /** Performs `op` on connection `conn` (opened by the `connect` op with the same number). */
  call(conn: number, op: string, ...args: unknown[]): Promise<unknown>;
  /** A new connection number. */
  open(): number;
}

type Env = Readonly<Record<string, string | undefined>>;

const CALL_TIMEOUT_MS = 30_000;

/**
 * Starts the worker (and its import of the client library) now, with `env` as
 * its environment (the kubeconfig is found from it); it keeps the process alive
 * only while it has work.
 */
export function startKubeWorker(env: Env): KubeWorker {
  const worker = new Worker(new URL("./api-worker.js", import.meta.url), {
    env: Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined)),
  });
  const pending = new Map<number, { resolve: (r: Reply) => void }>();
  let next = 1;
  let connections = 0;
  worker.on("message", (reply: Reply) => {
    pending.get(reply.id)?.resolve(reply);
    pending.delete(reply.id);
    if (pending.size === 0) worker.unref();
  });
  worker.on("error", (error) => {
    for (const { resolve } of pending.values()) {
      resolve({ id: 0, ok: false, error: { message: `Kubernetes client failed: ${error.message}` } });
    }
    pending.clear();
  });
  // After the listeners: adding a 'message' listener refs the worker again.
  worker.unref();
  return {
    open: () => ++connections,
    call(conn, op, ...args) {
      const id = next++;
      worker.ref();
      return new Promise<Reply>((resolve) => {
        pending.set(id, { resolve });
        worker.postMessage({ id, conn, op, args });
        // An API server that accepts connections but never answers must not hang the run.
        setTimeout(() => {
          if (!pending.delete(id)) return;
          if (pending.size === 0) worker.unref();
          resolve({
            id,
            ok: false,
            error: { message: `the API server did not answer ${op} within ${CALL_TIMEOUT_MS / 1000}s` },
          });
        }, CALL_TIMEOUT_MS).unref();
      }).then((reply) => {
        if (reply.ok) return reply.result;
        const e = reply.error!;
        if (e.kind === "context") {
          throw new ClusterStateError(e.message, {
            hint: `known contexts: ${e.known?.join(", ") || "none"}`,
          });
        }
        throw new KubeApiError(e.message, e.code);
      });
    },
  };
}

/** Connects to the cluster of `ref` (the kubeconfig's current context when it names none). */
export async function connectCluster(kube: KubeWorker, ref: ClusterRef, env: Env): Promise<Cluster> {
  const conn = kube.open();
  const worker = { call: (op: string, ...args: unknown[]) => kube.call(conn, op, ...args) };
  let context: string;
  let namespace: string | undefined;
  /** The account got 403 listing Secrets in every namespace: ask per namespace from then on. */
  let scopedAccount = false;
  try {
    const connected = (await worker.call("connect", ref.kubeconfig ?? null, ref.kubeContext ?? null)) as {
      context: string;
      namespace: string | null;
    };
    context = connected.context;
    namespace = connected.namespace ?? undefined;
  } catch (error) {
    if (error instanceof ClusterStateError) throw error;
    const where = ref.kubeconfig ?? (env.KUBECONFIG ? `KUBECONFIG=${env.KUBECONFIG}` : "~/.kube/config");
    throw new ClusterStateError(`cannot load the kubeconfig (${where}): ${firstLine(error)}`, {
      cause: error,
      hint: "point KUBECONFIG at a valid kubeconfig (the demo's: scripts/cluster kubeconfig)",
    });
  }
  return {
    context,
    namespace,
    listHelmSecrets: (namespace, labelSelector) =>
      worker.call("listSecrets", namespace, labelSelector) as Promise<StorageSecret[]>,
    listHelmSecretsEverywhere: async (labelSelector) => {
      if (scopedAccount) return undefined;
      try {
        return (await worker.call("listSecretsEverywhere", labelSelector)) as StorageSecret[];
      } catch (error) {
        if ((error as { code?: number }).code !== 403) throw error;
        scopedAccount = true;
        return undefined;
      }
    },
    leases: {
      read: (namespace, name) => worker.call("readLease", namespace, name) as Promise<LeaseObject>,
      create: (namespace, body) => worker.call("createLease", namespace, body) as Promise<LeaseObject>,
      replace: (namespace, name, body) =>
        worker.call("replaceLease", namespace, name, body) as Promise<LeaseObject>,
      delete: async (namespace, name) => {
        await worker.call("deleteLease", namespace, name);
      },
    },
    createOrReplaceCrd: async (body) => {
      await worker.call("createOrReplaceCrd", body);
    },
    // --- diagnosis ---
    listDiagnosisObjects: (kind, namespace) =>
      worker.call("listDiagnosisObjects", kind, namespace) as Promise<unknown[]>,
    readPodLog: async (namespace, pod, tailLines) =>
      String((await worker.call("readPodLog", namespace, pod, tailLines)) ?? ""),
    // ---- run records (undo) ----
    configMaps: {
      list: (namespace, labelSelector) =>
        worker.call("listConfigMaps", namespace, labelSelector) as Promise<ConfigMapObject[]>,
      create: (namespace, body) =>
        worker.call("createConfigMap", namespace, body) as Promise<ConfigMapObject>,
      replace: (namespace, name, body) =>
        worker.call("replaceConfigMap", namespace, name, body) as Promise<ConfigMapObject>,
      delete: async (namespace, name) => {
        await worker.call("deleteConfigMap", namespace, name);
      },
    },
    // --- drift ---
    resourceScope: (apiVersion, kind) =>
      worker.call("resourceScope", apiVersion, kind) as Promise<{ namespaced: boolean } | null>,
    listObjects: (apiVersion, kind, namespace, fieldSelector) =>
      worker.call("listObjects", apiVersion, kind, namespace ?? null, fieldSelector) as Promise<KubeObject[]>,
    dryRunApply: (object) => worker.call("dryRunApply", object) as Promise<KubeObject>,
    requestCounts: () => worker.call("requestCounts") as Promise<ApiRequestCounts>,
    // --- end of drift ---
  };
}

/** A release where helm stores it, and the id the project knows it by. */
export interface StoredRelease {
  id: string;
  namespace: string;
  name: string;
}

/**
 * The latest revision of each of `releases` in the cluster, keyed by their
 * ids, from helm's storage Secrets of those release names only: one list call
 * over every namespace when the releases are in several, else (or when the
 * account may not list Secrets cluster-wide) one per namespace. With
 * `decode`, the payload (manifest, chart) is decoded.
 */
export async function readDeployedReleases(
  cluster: Cluster,
  releases: readonly StoredRelease[],
  options: { decode?: boolean } = {},
): Promise<Map<string, DeployedRelease>> {
  const names = new Map<string, Set<string>>();
  const idOf = new Map<string, string>();
  for (const { id, namespace, name } of releases) {
    if (!names.has(namespace)) names.set(namespace, new Set());
    names.get(namespace)!.add(name);
    idOf.set(`${namespace}/${name}`, id);
  }
  if (names.size > 1 && cluster.listHelmSecretsEverywhere) {
    const all = new Set([...names.values()].flatMap((inNamespace) => [...inNamespace]));
    const secrets = await cluster
      .listHelmSecretsEverywhere(`owner=helm,name in (${[...all].join(",")})`)
      .catch((error: unknown) => {
        throw readError(error, "any namespace", cluster);
      });
    if (secrets) return deployedOf(secrets, idOf, options);
  }
  const lists = await Promise.all(
    [...names].map(([namespace, inNamespace]) =>
      cluster
        .listHelmSecrets(namespace, `owner=helm,name in (${[...inNamespace].join(",")})`)
        .catch((error: unknown) => {
          throw readError(error, `namespace ${namespace}`, cluster);
        }),
    ),
  );
  return deployedOf(lists.flat(), idOf, options);
}

function deployedOf(
  secrets: readonly StorageSecret[],
  idOf: ReadonlyMap<string, string>,
  options: { decode?: boolean },
): Map<string, DeployedRelease> {
  const out = new Map<string, DeployedRelease>();
  for (const [stored, secret] of latestRevisions(secrets)) {
    const id = idOf.get(stored);
    if (id !== undefined) out.set(id, { ...toDeployedRelease(secret, options.decode ?? false), id });
  }
  return out;
}

function readError(error: unknown, where: string, cluster: Cluster): ClusterStateError {
  const denied = (error as { code?: number }).code === 403;
  return new ClusterStateError(
    `cannot read helm releases in ${where} (${cluster.context}): ${
      denied ? "forbidden: the account may not list Secrets there" : firstLine(error)
    }`,
    {
      cause: error,
      hint: denied
        ? "grant the account list on Secrets in that namespace, or leave its releases out (-l)"
        : "check KUBECONFIG and that the API server is reachable",
    },
  );
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0]!;
}
