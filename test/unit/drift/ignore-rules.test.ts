import { describe, expect, it } from "vitest";
import {
  autoscaledReplicas,
  BUILTIN_RULES,
  type IgnoreRule,
  ignoringRule,
} from "../../../src/drift/ignore-rules.js";

const web = { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web", namespace: "shop" } };
const worker = {
  apiVersion: "apps/v1",
  kind: "StatefulSet",
  metadata: { name: "worker", namespace: "shop" },
};
const hpa = (
  name: string,
  target: { apiVersion?: string; kind: string; name: string },
  namespace = "shop",
) => ({
  apiVersion: "autoscaling/v2",
  kind: "HorizontalPodAutoscaler",
  metadata: { name, namespace },
  spec: { scaleTargetRef: target },
});

describe("which rule ignores a field", () => {
  const rules: IgnoreRule[] = [
    {
      target: { kind: "Deployment", name: "we.*" },
      paths: ["/spec/template/spec/containers/*/image"],
      rule: "r0",
    },
    { paths: ["/metadata/labels"], rule: "r1" },
  ];
  it.each([
    { what: "a wildcard segment", object: web, field: "/spec/template/spec/containers/3/image", want: "r0" },
    { what: "a field beneath a rule's path", object: worker, field: "/metadata/labels/team", want: "r1" },
    { what: "no rule for another field", object: web, field: "/spec/replicas", want: undefined },
    {
      what: "no rule for another kind",
      object: worker,
      field: "/spec/template/spec/containers/0/image",
      want: undefined,
    },
    {
      what: "no rule for a parent of the rule's path",
      object: web,
      field: "/spec/template/spec/containers",
      want: undefined,
    },
  ])("$what", ({ object, field, want }) => {
    expect(ignoringRule(rules, object, "shop", field)?.rule).toBe(want);
  });

  it("matches names and namespaces as anchored regular expressions", () => {
    const rule: IgnoreRule[] = [{ target: { name: "we", namespace: "sho.*" }, paths: ["/spec"], rule: "r" }];
    expect(ignoringRule(rule, web, "shop", "/spec/replicas")).toBeUndefined();
    expect(
      ignoringRule([{ ...rule[0]!, target: { name: "web", namespace: "sho.*" } }], web, "shop", "/spec/x")
        ?.rule,
    ).toBe("r");
  });
});

describe("replica counts autoscalers own", () => {
  const rules = autoscaledReplicas([
    hpa("web", { apiVersion: "apps/v1", kind: "Deployment", name: "web" }),
    hpa("other", { kind: "StatefulSet", name: "worker" }, "elsewhere"),
  ]);

  it("ignores /spec/replicas of the object an autoscaler targets, saying which", () => {
    expect(ignoringRule(rules, web, "shop", "/spec/replicas")?.rule).toBe(
      "scaled by HorizontalPodAutoscaler web",
    );
  });

  it("ignores nothing else of it", () => {
    expect(ignoringRule(rules, web, "shop", "/spec/template/spec/containers/0/image")).toBeUndefined();
  });

  it("ignores nothing in another namespace than the autoscaler's", () => {
    expect(ignoringRule(rules, worker, "shop", "/spec/replicas")).toBeUndefined();
  });

  it("takes names literally, not as patterns", () => {
    const dotted = autoscaledReplicas([hpa("h", { kind: "Deployment", name: "a.b" })]);
    const other = { kind: "Deployment", metadata: { name: "axb", namespace: "shop" } };
    expect(ignoringRule(dotted, other, "shop", "/spec/replicas")).toBeUndefined();
  });
});

describe("built-in rules", () => {
  it("ignores CA bundles injected into webhook configurations", () => {
    const webhook = {
      apiVersion: "admissionregistration.k8s.io/v1",
      kind: "ValidatingWebhookConfiguration",
      metadata: { name: "policy" },
    };
    expect(ignoringRule(BUILTIN_RULES, webhook, "", "/webhooks/1/clientConfig/caBundle")).toBeDefined();
    expect(ignoringRule(BUILTIN_RULES, webhook, "", "/webhooks/1/clientConfig/url")).toBeUndefined();
  });
});
