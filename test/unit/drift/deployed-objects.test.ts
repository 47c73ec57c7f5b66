import { describe, expect, it } from "vitest";
import { deployedObjects, placeObject, resourceName } from "../../../src/drift/deployed-objects.js";
import { autoscalerRequests, listRequests } from "../../../src/drift/live-reads.js";

const manifest = `---
# Source: app/templates/cm.yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data: { a: "1" }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: reader
---
apiVersion: v1
kind: Secret
metadata:
  name: creds
  namespace: db
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: cache
  annotations: { releases.dev/drift-detection: disabled }
---
# an empty document
`;

describe("the objects of a deployed manifest", () => {
  it("reads every object, leaving out empty documents and objects marked for no drift detection", () => {
    expect(deployedObjects(manifest).map((o) => [o.apiVersion, o.kind, o.name, o.namespace])).toEqual([
      ["v1", "ConfigMap", "settings", undefined],
      ["rbac.authorization.k8s.io/v1", "ClusterRole", "reader", undefined],
      ["v1", "Secret", "creds", "db"],
    ]);
  });

  it("reads the objects of a List one by one", () => {
    const list =
      "apiVersion: v1\nkind: List\nitems:\n  - { apiVersion: v1, kind: ConfigMap, metadata: { name: a } }\n  - { apiVersion: v1, kind: ConfigMap, metadata: { name: b } }\n";
    expect(deployedObjects(list).map((o) => o.name)).toEqual(["a", "b"]);
  });

  it("honours Flux's marker too, as a label", () => {
    const flux =
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  labels: { helm.toolkit.fluxcd.io/driftDetection: disabled }\n";
    expect(deployedObjects(flux)).toEqual([]);
  });

  it("puts a namespaced object without a namespace in the release's, and a cluster-scoped one in none", () => {
    const [settings, reader, creds] = deployedObjects(manifest);
    const placed = placeObject(settings!, true, "shop");
    expect(placed.namespace).toBe("shop");
    expect(placed.body.metadata?.namespace).toBe("shop");
    expect(placeObject(reader!, false, "shop").namespace).toBeUndefined();
    expect(placeObject(creds!, true, "shop").namespace).toBe("db");
    expect(resourceName(placed, "shop")).toBe("ConfigMap/settings");
    expect(resourceName(placeObject(creds!, true, "shop"), "shop")).toBe("Secret/db/creds");
  });
});

describe("the LISTs of a drift check", () => {
  const objects = (text: string, namespace: string, scopes: Record<string, boolean>) =>
    deployedObjects(text).map((o) => placeObject(o, scopes[o.kind] ?? true, namespace));

  it("makes one LIST per kind and namespace, whatever the number of objects and releases", () => {
    const two = `${manifest}---\napiVersion: v1\nkind: ConfigMap\nmetadata: { name: other }\n`;
    const requests = listRequests([
      ...objects(two, "shop", { ClusterRole: false }),
      ...objects(manifest, "shop", { ClusterRole: false }),
    ]);
    expect(requests.map((r) => [r.kind, r.namespace, r.fieldSelector])).toEqual([
      ["ConfigMap", "shop", undefined],
      ["ClusterRole", undefined, undefined],
      ["Secret", "db", "type!=helm.sh/release.v1"],
    ]);
  });

  it("lists every Secret when a chart deploys one of helm's storage type", () => {
    const storage = "apiVersion: v1\nkind: Secret\ntype: helm.sh/release.v1\nmetadata: { name: s }\n";
    expect(listRequests(objects(storage, "shop", {}))[0]!.fieldSelector).toBeUndefined();
  });

  it("lists autoscalers once per namespace, not where the objects' LISTs already did", () => {
    const done = new Set(["autoscaling/v2|HorizontalPodAutoscaler|a"]);
    expect(autoscalerRequests(["a", "b", "b"], done).map((r) => r.namespace)).toEqual(["b"]);
  });
});
