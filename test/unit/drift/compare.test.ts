import { describe, expect, it } from "vitest";
import {
  asStored,
  changedFields,
  formatPointer,
  unappliedFields,
  withoutServerFields,
} from "../../../src/drift/compare.js";

const deployment = (image: string, replicas = 1) => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web" },
  spec: { replicas, template: { spec: { containers: [{ name: "app", image }] } } },
});
// What the API server keeps: defaults added, helm's annotations, status.
const live = (image: string, replicas = 1) => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: {
    name: "web",
    namespace: "shop",
    resourceVersion: "42",
    generation: 3,
    annotations: { "meta.helm.sh/release-name": "web" },
    managedFields: [{ manager: "helm" }],
  },
  spec: {
    replicas,
    progressDeadlineSeconds: 600,
    template: { spec: { containers: [{ name: "app", image, imagePullPolicy: "IfNotPresent" }] } },
  },
  status: { replicas },
});

describe("which fields of a deployed object are not live as set", () => {
  it.each([
    {
      what: "nothing, when the server only added defaults",
      deployed: deployment("a:1"),
      live: live("a:1"),
      want: [],
    },
    {
      what: "a changed image, at its position",
      deployed: deployment("a:1"),
      live: live("b:2"),
      want: ["/spec/template/spec/containers/0/image"],
    },
    {
      what: "a scaled replica count",
      deployed: deployment("a:1"),
      live: live("a:1", 4),
      want: ["/spec/replicas"],
    },
    {
      what: "a list of another length (a sidecar added: the dry-run apply decides)",
      deployed: { spec: { containers: [{ name: "app" }] } },
      live: { spec: { containers: [{ name: "app" }, { name: "proxy" }] } },
      want: ["/spec/containers"],
    },
    {
      what: "a value the server spells differently (the dry-run apply decides)",
      deployed: { spec: { cpu: 0.5 } },
      live: { spec: { cpu: "500m" } },
      want: ["/spec/cpu"],
    },
    {
      what: "a removed key",
      deployed: { data: { a: "1", b: "2" } },
      live: { data: { a: "1" } },
      want: ["/data/b"],
    },
    {
      what: "nothing for a null the server left out",
      deployed: { spec: { x: null } },
      live: { spec: {} },
      want: [],
    },
    {
      what: "a null the server holds a value for",
      deployed: { spec: { x: null } },
      live: { spec: { x: 1 } },
      want: ["/spec/x"],
    },
    {
      what: "keys with / and ~, escaped",
      deployed: { metadata: { labels: { "app.kubernetes.io/name": "x", "a~b": "y" } } },
      live: { metadata: { labels: {} } },
      want: ["/metadata/labels/app.kubernetes.io~1name", "/metadata/labels/a~0b"],
    },
  ])("$what", ({ deployed, live: there, want }) => {
    expect(unappliedFields(deployed, there)).toEqual(want);
  });
});

describe("where a dry-run apply's result differs from the live object", () => {
  it("leaves out status, managed fields, resource version and generation", () => {
    const merged = {
      ...live("a:1"),
      metadata: { ...live("a:1").metadata, generation: 4, resourceVersion: "43" },
    };
    expect(changedFields(merged, { ...live("a:1"), status: { replicas: 9 } })).toEqual([]);
  });

  it("names each field that differs, on either side", () => {
    const merged = live("a:1");
    const there = live("b:2", 3);
    (there.spec.template.spec.containers[0] as Record<string, unknown>).env = [{ name: "X" }];
    expect(changedFields(merged, there)).toEqual([
      "/spec/replicas",
      "/spec/template/spec/containers/0/env",
      "/spec/template/spec/containers/0/image",
    ]);
  });

  it("names a list whose length differs as a whole", () => {
    expect(changedFields({ a: [1, 2] }, { a: [1] })).toEqual(["/a"]);
  });
});

describe("objects as the server stores them", () => {
  it("turns a Secret's stringData into base64 data", () => {
    expect(
      asStored({ kind: "Secret", metadata: { name: "s" }, data: { a: "eA==" }, stringData: { b: "pw" } }),
    ).toEqual({ kind: "Secret", metadata: { name: "s" }, data: { a: "eA==", b: "cHc=" } });
  });

  it("leaves other objects as they are", () => {
    const cm = { kind: "ConfigMap", stringData: { b: "x" } };
    expect(asStored(cm)).toBe(cm);
  });

  it("shows an object without what the server writes for itself", () => {
    expect(withoutServerFields(live("a:1"))).toEqual({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web", namespace: "shop", annotations: { "meta.helm.sh/release-name": "web" } },
      spec: live("a:1").spec,
    });
  });

  it("formats JSON pointers", () => {
    expect(formatPointer(["spec", "containers", 0, "a/b~c"])).toBe("/spec/containers/0/a~1b~0c");
  });
});
