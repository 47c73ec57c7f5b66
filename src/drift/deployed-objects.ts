// The objects of a deployed release, as its stored manifest has them (pure),
// and where each one lives: the manifest leaves a namespaced object's
// namespace out when it is the release's, and a cluster-scoped one has none.
import type { KubeObject } from "../model/kube-object.js";
import { yaml } from "../util/lazy-yaml.js";

/** Set to `disabled` (annotation or label) on an object in a chart, it leaves the object out of drift detection. */
export const DRIFT_DETECTION_KEYS = ["releases.dev/drift-detection", "helm.toolkit.fluxcd.io/driftDetection"];

export interface DeployedObject {
  apiVersion: string;
  kind: string;
  name: string;
  /** As written in the manifest (placeObject fills it in). */
  namespace?: string;
  body: KubeObject;
}

/** The objects of a manifest (hooks are not in it), without those marked for no drift detection. */
export function deployedObjects(manifest: string): DeployedObject[] {
  const out: DeployedObject[] = [];
  // A `kind: List` document holds its objects in `items` (helm deploys them one by one).
  const bodies = yaml()
    .parseAllDocuments(manifest)
    .flatMap((doc) => {
      const body = doc.toJS() as KubeObject | null;
      return body?.kind?.endsWith("List") && Array.isArray(body.items)
        ? (body.items as KubeObject[])
        : [body];
    });
  for (const body of bodies) {
    if (!body || typeof body !== "object" || typeof body.kind !== "string") continue;
    const metadata = body.metadata ?? {};
    if (typeof body.apiVersion !== "string" || typeof metadata.name !== "string") continue;
    if (detectionDisabled(metadata)) continue;
    out.push({
      apiVersion: body.apiVersion,
      kind: body.kind,
      name: metadata.name,
      ...(typeof metadata.namespace === "string" ? { namespace: metadata.namespace } : {}),
      body,
    });
  }
  return out;
}

function detectionDisabled(metadata: Record<string, unknown>): boolean {
  const marks = [metadata.annotations, metadata.labels] as (Record<string, unknown> | undefined)[];
  return marks.some((m) => DRIFT_DETECTION_KEYS.some((key) => m?.[key] === "disabled"));
}

/** Where an object lives: its namespace (the release's when the manifest names none), undefined when cluster-scoped. */
export function placeObject(
  object: DeployedObject,
  namespaced: boolean,
  releaseNamespace: string,
): DeployedObject {
  if (!namespaced) {
    const { namespace: _dropped, ...rest } = object;
    return rest;
  }
  const namespace = object.namespace ?? releaseNamespace;
  const metadata = { ...object.body.metadata, namespace };
  return { ...object, namespace, body: { ...object.body, metadata } };
}

/** `Kind/name`, or `Kind/namespace/name` outside the release's namespace. */
export function resourceName(object: DeployedObject, releaseNamespace: string): string {
  return object.namespace === undefined || object.namespace === releaseNamespace
    ? `${object.kind}/${object.name}`
    : `${object.kind}/${object.namespace}/${object.name}`;
}
