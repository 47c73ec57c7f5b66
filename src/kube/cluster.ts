// Kubernetes API access: one place talks to the API server, with the
// kubeconfig (KUBECONFIG, the environment's kubeContext) resolved the way
// kubectl does. The client library runs in a worker thread (api-worker.ts): it
// costs about 0.25 s of CPU to import, which a worker spends on the second core
// while this thread loads and renders the project. Start it early with
// startKubeWorker(); commands that never reach a cluster never wait for it.
import { Worker } from "node:worker_threads";
import { ClusterStateError } from "../errors.js";
import {
  type DeployedRelease,
  latestRevisions,
  type StorageSecret,
  toDeployedRelease,
} from "./release-record.js";

/** A Lease as plain data (times as ISO strings or Dates). */
export interface LeaseObject {
  metadata?: { name?: string; namespace?: string; resourceVersion?: string };
  spec?: {
    holderIdentity?: string;
    leaseDurationSeconds?: number;
    acquireTime?: string | Date;
    renewTime?: string | Date;
  };
}

export interface Cluster {
  context: string;
  listHelmSecrets(labelSelector: string): Promise<StorageSecret[]>;
  leases: {
    read(namespace: string, name: string): Promise<LeaseObject>;
    create(namespace: string, body: LeaseObject): Promise<LeaseObject>;
    replace(namespace: string, name: string, body: LeaseObject): Promise<LeaseObject>;
    delete(namespace: string, name: string): Promise<void>;
  };
  /** Creates a CustomResourceDefinition, or replaces the one there (a chart's crds/ with `crds: createReplace`). */
  createOrReplaceCrd?(body: { metadata: { name: string } }): Promise<void>;
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

const CLUSTER_COMMANDS = new Set(["sync", "apply", "diff", "status", "destroy", "rotate", "secrets"]);

/** Whether a command line (before full parsing) names a command that talks to a cluster. */
export function reachesCluster(argv: readonly string[]): boolean {
  return argv.some((arg) => CLUSTER_COMMANDS.has(arg)) && !argv.includes("--help") && !argv.includes("-h");
}

export interface KubeWorker {
  call(op: string, ...args: unknown[]): Promise<unknown>;
}

/** Starts the worker (and its import of the client library) now; it keeps the process alive only while it has work. */
export function startKubeWorker(): KubeWorker {
  const worker = new Worker(new URL("./api-worker.js", import.meta.url));
  const pending = new Map<number, { resolve: (r: Reply) => void }>();
  let next = 1;
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
    call(op, ...args) {
      const id = next++;
      worker.ref();
      return new Promise<Reply>((resolve) => {
        pending.set(id, { resolve });
        worker.postMessage({ id, op, args });
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

export async function connectCluster(
  kubeContext?: string,
  worker: KubeWorker = startKubeWorker(),
): Promise<Cluster> {
  let context: string;
  try {
    ({ context } = (await worker.call("connect", kubeContext ?? "")) as { context: string });
  } catch (error) {
    if (error instanceof ClusterStateError) throw error;
    const where = process.env.KUBECONFIG ? `KUBECONFIG=${process.env.KUBECONFIG}` : "~/.kube/config";
    throw new ClusterStateError(`cannot load the kubeconfig (${where}): ${firstLine(error)}`, {
      cause: error,
      hint: "point KUBECONFIG at a valid kubeconfig (the demo's: scripts/cluster kubeconfig)",
    });
  }
  return {
    context,
    listHelmSecrets: (labelSelector) => worker.call("listSecrets", labelSelector) as Promise<StorageSecret[]>,
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
  };
}

/**
 * The latest revision of every helm release in the cluster, in one list call
 * over helm's storage Secrets. With `ids`, only those releases are decoded.
 */
export async function readDeployedReleases(
  cluster: Cluster,
  options: { ids?: ReadonlySet<string>; decode?: boolean } = {},
): Promise<Map<string, DeployedRelease>> {
  let items: StorageSecret[];
  try {
    // With ids, only those releases' storage Secrets travel (by name; namespaces are filtered below).
    const names = options.ids
      ? [...new Set([...options.ids].map((id) => id.slice(id.indexOf("/") + 1)))]
      : [];
    const labelSelector = options.ids ? `owner=helm,name in (${names.join(",")})` : "owner=helm";
    if (options.ids && names.length === 0) return new Map();
    items = await cluster.listHelmSecrets(labelSelector);
  } catch (error) {
    throw new ClusterStateError(`cannot read helm releases from the cluster (${cluster.context})`, {
      cause: error,
      hint: "check KUBECONFIG and that the API server is reachable",
    });
  }
  const out = new Map<string, DeployedRelease>();
  for (const [id, secret] of latestRevisions(items)) {
    if (options.ids && !options.ids.has(id)) continue;
    out.set(id, toDeployedRelease(secret, options.decode ?? false));
  }
  return out;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0]!;
}
