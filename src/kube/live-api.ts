// Generic Kubernetes objects for the drift check: API discovery (which
// resource serves a kind, namespaced or not; cached per group-version), lists
// of any kind, and server-side-apply dry runs. Bodies stay raw JSON both ways,
// so fields of new API versions and custom resources are kept as they are.
// Every request is counted, so a run can say what it cost (--debug, the benchmark).
import type { KubeObject } from "../model/kube-object.js";
import { KubeApiError, type Rest } from "./rest.js";

export interface ApiRequestCounts {
  /** GET /api/v1, /apis/<group>/<version>: which resources a group-version serves. */
  discovery: number;
  /** LIST of one kind in one namespace (helm's storage Secrets too). */
  list: number;
  /** PATCH application/apply-patch+yaml with dryRun=All. */
  dryRunApply: number;
}

export function emptyCounts(): ApiRequestCounts {
  return { discovery: 0, list: 0, dryRunApply: 0 };
}

/**
 * The field manager of the dry-run applies: one of its own. As `helm`, an apply
 * of the stored manifest would also remove what helm 4 adds to what it applies
 * (its release annotations and label), which is not drift; under a new manager
 * nothing is removed and `force` takes every field the manifest sets.
 */
export const DRIFT_FIELD_MANAGER = "releases";

export interface LiveApi {
  resourceScope(apiVersion: string, kind: string): Promise<{ namespaced: boolean } | null>;
  listObjects(
    apiVersion: string,
    kind: string,
    namespace: string | undefined,
    fieldSelector: string | undefined,
  ): Promise<KubeObject[]>;
  dryRunApply(object: KubeObject): Promise<KubeObject>;
}

/** An entry of a group-version's discovery document (APIResourceList). */
interface ApiResource {
  name: string;
  kind: string;
  namespaced: boolean;
}

/** `/api/v1` for the core group, `/apis/<group>/<version>` for the others. */
export function groupVersionPath(apiVersion: string): string {
  return apiVersion.includes("/") ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
}

/**
 * `defaultNamespace`: where a namespaced object without one is applied (the
 * context's namespace, else "default", as kubectl does).
 */
export function createLiveApi(rest: Rest, counts: ApiRequestCounts, defaultNamespace: string): LiveApi {
  /** Per group-version: the resources it served when last asked. */
  const discovered = new Map<string, ApiResource[]>();

  /**
   * The resource serving `kind`; undefined when the group-version does not
   * serve it, null when the server does not serve the group-version at all. A
   * kind missing from what was discovered is asked again (a CRD may have come since).
   */
  async function resource(apiVersion: string, kind: string): Promise<ApiResource | undefined | null> {
    const known = discovered.get(apiVersion)?.find((r) => r.kind === kind);
    if (known) return known;
    counts.discovery++;
    try {
      const list = await rest.request<{ resources?: ApiResource[] }>("GET", groupVersionPath(apiVersion));
      // Subresources (pods/log) share their parent's kind: only the resource itself serves it.
      const served = (list.resources ?? []).filter((r) => !r.name.includes("/"));
      discovered.set(apiVersion, served);
      return served.find((r) => r.kind === kind);
    } catch (error) {
      if (error instanceof KubeApiError && error.code === 404) return null;
      throw error;
    }
  }

  async function resourcePath(
    apiVersion: string,
    kind: string,
    namespace: string | undefined,
  ): Promise<string> {
    const served = await resource(apiVersion, kind);
    if (!served) throw new KubeApiError(`the API server does not serve ${kind} in ${apiVersion}`, 404);
    const where = served.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : "";
    return `${groupVersionPath(apiVersion)}${where}/${served.name}`;
  }

  return {
    resourceScope: async (apiVersion, kind) => {
      const served = await resource(apiVersion, kind);
      return served ? { namespaced: served.namespaced } : null;
    },
    listObjects: async (apiVersion, kind, namespace, fieldSelector) => {
      const path = await resourcePath(apiVersion, kind, namespace);
      counts.list++;
      const list = await rest.request<{ items?: KubeObject[] }>("GET", path, { query: { fieldSelector } });
      // Items of a list carry no apiVersion/kind of their own.
      return (list.items ?? []).map((item) => ({ apiVersion, kind, ...item }));
    },
    dryRunApply: async (object) => {
      const metadata = (object.metadata ?? {}) as { name?: string; namespace?: string };
      const collection = await resourcePath(
        object.apiVersion ?? "v1",
        object.kind ?? "",
        metadata.namespace ?? defaultNamespace,
      );
      const path = `${collection}/${encodeURIComponent(metadata.name ?? "")}`;
      counts.dryRunApply++;
      return rest.request<KubeObject>("PATCH", path, {
        query: { dryRun: "All", fieldManager: DRIFT_FIELD_MANAGER, force: true },
        contentType: "application/apply-patch+yaml",
        body: object, // JSON is YAML: the apply patch as helm would send it
      });
    },
  };
}
