// Kubernetes API access: one place builds the client, from KUBECONFIG and the
// environment's kubeContext. The client library is loaded on first use: it is
// the heaviest import we have, and commands that never reach a cluster (list,
// graph, template, values, every error path) should not pay for it.
import type { CoordinationV1Api, CoreV1Api } from "@kubernetes/client-node";
import { ClusterStateError } from "../errors.js";
import {
  type DeployedRelease,
  latestRevisions,
  type StorageSecret,
  toDeployedRelease,
} from "./release-record.js";

export interface Cluster {
  core: CoreV1Api;
  coordination: CoordinationV1Api;
  context: string;
  /** The client library's MicroTime class (lease timestamps). */
  microTime: () => Date;
}

export async function connectCluster(kubeContext?: string): Promise<Cluster> {
  const { CoordinationV1Api, CoreV1Api, KubeConfig, V1MicroTime } = await import("@kubernetes/client-node");
  const config = new KubeConfig();
  try {
    config.loadFromDefault();
  } catch (error) {
    const where = process.env.KUBECONFIG ? `KUBECONFIG=${process.env.KUBECONFIG}` : "~/.kube/config";
    throw new ClusterStateError(`cannot load the kubeconfig (${where}): ${firstLine(error)}`, {
      cause: error,
      hint: "point KUBECONFIG at a valid kubeconfig (the demo's: scripts/cluster kubeconfig)",
    });
  }
  if (kubeContext) {
    if (!config.getContextObject(kubeContext)) {
      throw new ClusterStateError(`kube context "${kubeContext}" is not in the kubeconfig`, {
        hint: `known contexts: ${
          config
            .getContexts()
            .map((c) => c.name)
            .join(", ") || "none"
        }`,
      });
    }
    config.setCurrentContext(kubeContext);
  }
  return {
    core: config.makeApiClient(CoreV1Api),
    coordination: config.makeApiClient(CoordinationV1Api),
    context: config.getCurrentContext(),
    microTime: () => new V1MicroTime(),
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
  let list: { items: StorageSecret[] };
  try {
    // With ids, only those releases' storage Secrets travel (by name; namespaces are filtered below).
    const names = options.ids
      ? [...new Set([...options.ids].map((id) => id.slice(id.indexOf("/") + 1)))]
      : [];
    const labelSelector = options.ids ? `owner=helm,name in (${names.join(",")})` : "owner=helm";
    if (options.ids && names.length === 0) return new Map();
    list = await cluster.core.listSecretForAllNamespaces({ labelSelector });
  } catch (error) {
    throw new ClusterStateError(`cannot read helm releases from the cluster (${cluster.context})`, {
      cause: error,
      hint: "check KUBECONFIG and that the API server is reachable",
    });
  }
  const out = new Map<string, DeployedRelease>();
  for (const [id, secret] of latestRevisions(list.items)) {
    if (options.ids && !options.ids.has(id)) continue;
    out.set(id, toDeployedRelease(secret, options.decode ?? false));
  }
  return out;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0]!;
}
