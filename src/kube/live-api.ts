// Generic Kubernetes objects for the drift check, on the worker thread (see
// api-worker.ts): API discovery (which resource serves a kind, namespaced or
// not) and requests through the client library's KubernetesObjectApi, which
// caches discovery per group-version. Bodies stay raw JSON both ways: the
// library's typed models would drop fields they do not know (new API fields,
// custom resources) and turn times into Dates. Every request is counted, so a
// run can say what it cost (--debug, the benchmark).
import type * as K8s from "@kubernetes/client-node";
import type { KubeObject } from "../model/kube-object.js";

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

const DISCOVERY_PATH = /^\/(api\/v1|apis\/[^/]+\/[^/]+)\/?$/;

export function createLiveApi(k8s: typeof K8s, config: K8s.KubeConfig, counts: ApiRequestCounts): LiveApi {
  class LiveObjectApi extends k8s.KubernetesObjectApi {
    protected override async requestPromise<T extends K8s.KubernetesObject>(
      context: K8s.RequestContext,
      type?: string,
      options?: K8s.Configuration,
    ): Promise<T> {
      const method = context.getHttpMethod();
      if (method === k8s.HttpMethod.PATCH) counts.dryRunApply++;
      else if (DISCOVERY_PATH.test(new URL(context.getUrl()).pathname)) counts.discovery++;
      else counts.list++;
      return super.requestPromise<T>(context, type, options);
    }

    /** Raw JSON, except discovery (which the base class reads as typed data). */
    protected override async processResponse<T extends K8s.KubernetesObject>(
      response: K8s.ResponseContext,
      type?: string,
    ): Promise<T> {
      if (type === "V1APIResourceList") return super.processResponse<T>(response, type);
      const text = await response.body.text();
      if (response.httpStatusCode >= 200 && response.httpStatusCode <= 299) return JSON.parse(text) as T;
      throw apiError(response.httpStatusCode, text);
    }

    async scope(apiVersion: string, kind: string): Promise<{ namespaced: boolean } | null> {
      try {
        const resource = await this.resource(apiVersion, kind);
        return resource ? { namespaced: resource.namespaced } : null;
      } catch (error) {
        // A group-version the server does not serve at all: the kind is not there either.
        if ((error as { code?: number }).code === 404) return null;
        throw error;
      }
    }

    async applyDryRun(object: KubeObject): Promise<KubeObject> {
      const path = await this.specUriPath(object as K8s.KubernetesObject, "patch");
      const context = this.configuration.baseServer.makeRequestContext(path, k8s.HttpMethod.PATCH);
      context.setHeaderParam("Accept", "application/json");
      context.setHeaderParam("Content-Type", k8s.PatchStrategy.ServerSideApply);
      context.setQueryParam("dryRun", "All");
      context.setQueryParam("fieldManager", DRIFT_FIELD_MANAGER);
      context.setQueryParam("force", "true");
      context.setBody(JSON.stringify(object)); // JSON is YAML: the apply patch as helm would send it
      return this.requestPromise(context);
    }
  }

  const api = config.makeApiClient(LiveObjectApi);
  return {
    resourceScope: (apiVersion, kind) => api.scope(apiVersion, kind),
    listObjects: async (apiVersion, kind, namespace, fieldSelector) => {
      const list = (await api.list(
        apiVersion,
        kind,
        namespace,
        undefined,
        undefined,
        undefined,
        fieldSelector,
      )) as unknown as { items?: KubeObject[] };
      // Items of a list carry no apiVersion/kind of their own.
      return (list.items ?? []).map((item) => ({ apiVersion, kind, ...item }));
    },
    dryRunApply: (object) => api.applyDryRun(object),
  };
}

/** An error with the HTTP status and the API server's own message (its Status body), not the whole body. */
function apiError(code: number, body: string): Error {
  let message = body;
  try {
    message = (JSON.parse(body) as { message?: string }).message ?? body;
  } catch {
    // not JSON: keep the text
  }
  return Object.assign(new Error(message.split("\n")[0]!.slice(0, 500)), { code });
}
