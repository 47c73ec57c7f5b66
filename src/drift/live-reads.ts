// Which reads the drift check makes (pure): one LIST per kind and namespace
// for all the releases of a run together, however many objects each has.
import type { KubeObject } from "../model/kube-object.js";
import type { DeployedObject } from "./deployed-objects.js";

/** One LIST: every object of a kind in a namespace (cluster-wide when namespace is undefined). */
export interface ListRequest {
  key: string;
  apiVersion: string;
  kind: string;
  namespace?: string;
  fieldSelector?: string;
}

/** helm's own storage: as large as the releases' history, and never part of a chart. */
const HELM_STORAGE_TYPE = "helm.sh/release.v1";

export const AUTOSCALER = { apiVersion: "autoscaling/v2", kind: "HorizontalPodAutoscaler" } as const;

export function listKey(apiVersion: string, kind: string, namespace: string | undefined): string {
  return `${apiVersion}|${kind}|${namespace ?? ""}`;
}

/** The LISTs that find every placed object (or show it is gone). */
export function listRequests(objects: readonly DeployedObject[]): ListRequest[] {
  const requests = new Map<string, ListRequest & { storageType: boolean }>();
  for (const o of objects) {
    const key = listKey(o.apiVersion, o.kind, o.namespace);
    const request = requests.get(key) ?? {
      key,
      apiVersion: o.apiVersion,
      kind: o.kind,
      ...(o.namespace === undefined ? {} : { namespace: o.namespace }),
      storageType: false,
    };
    request.storageType ||= o.body.type === HELM_STORAGE_TYPE;
    requests.set(key, request);
  }
  return [...requests.values()].map(({ storageType, ...request }) =>
    // Leave helm's storage Secrets out of a Secret LIST, unless a chart deploys one of that type.
    request.apiVersion === "v1" && request.kind === "Secret" && !storageType
      ? { ...request, fieldSelector: `type!=${HELM_STORAGE_TYPE}` }
      : request,
  );
}

/** The autoscaler LISTs still to make for `namespaces` (those the object LISTs did not already cover). */
export function autoscalerRequests(namespaces: Iterable<string>, done: ReadonlySet<string>): ListRequest[] {
  return [...new Set(namespaces)]
    .map((namespace) => ({
      key: listKey(AUTOSCALER.apiVersion, AUTOSCALER.kind, namespace),
      ...AUTOSCALER,
      namespace,
    }))
    .filter((request) => !done.has(request.key));
}

/** Objects of a LIST by name. */
export function byName(items: readonly KubeObject[]): Map<string, KubeObject> {
  return new Map(items.map((item) => [String(item.metadata?.name), item]));
}
