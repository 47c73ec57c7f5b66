// Kubernetes API access: the Cluster every caller uses, and helm's release
// storage read through it. One place talks to the API server: a thin REST
// adapter (rest.ts) over the connection the kubeconfig describes (kubeconfig.ts,
// connect.ts, resolved the way kubectl does); the operations are in cluster-api.ts.
import type { LiveReader } from "../drift/read-drift.js";
import { ClusterStateError } from "../errors.js";
import type { ClusterRef } from "../model/project.js";
import { clusterApi } from "./cluster-api.js";
import { type KubeDeps, nodeKubeDeps, openConnection } from "./connect.js";
import type { ApiRequestCounts } from "./live-api.js";
import {
  type DeployedRelease,
  latestRevisions,
  type StorageSecret,
  toDeployedRelease,
} from "./release-record.js";
import { createRest } from "./rest.js";

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

export { KubeApiError } from "./rest.js";

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Connects to the cluster of `ref` (the kubeconfig's current context when it
 * names none): the kubeconfig is read and its credentials set up now; no
 * request is made until an operation is called.
 */
export async function connectCluster(
  ref: ClusterRef,
  env: Env,
  deps: KubeDeps = nodeKubeDeps,
): Promise<Cluster> {
  const { connection, target } = await openConnection(ref, env, deps);
  const api = clusterApi(createRest(target), connection.namespace);
  /** The account got 403 listing Secrets in every namespace: ask per namespace from then on. */
  let scopedAccount = false;
  return {
    ...api,
    context: connection.context,
    namespace: connection.namespace,
    listHelmSecretsEverywhere: async (labelSelector) => {
      if (scopedAccount) return undefined;
      try {
        return await api.listHelmSecretsEverywhere(labelSelector);
      } catch (error) {
        if ((error as { code?: number }).code !== 403) throw error;
        scopedAccount = true;
        return undefined;
      }
    },
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
