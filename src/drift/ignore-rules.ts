// Which differences between a live object and its deployed manifest are not
// drift (pure): the release's own `driftDetection.ignore` rules (Flux's
// spelling: a target and JSON pointers), the replica count of whatever a
// HorizontalPodAutoscaler scales, and fields that CA injectors fill in.
import type { KubeObject } from "../model/kube-object.js";
import type { DriftIgnoreRule, PatchTarget } from "../model/project.js";
import { parsePointer } from "../render/json-patch.js";
import { matchesTarget } from "../render/patches.js";

export type IgnoreRule = DriftIgnoreRule;

const caInjected = "CA bundle filled in by an injector (cert-manager cainjector, …)";

/** Fields other controllers own by design: never drift, whatever the release says. */
export const BUILTIN_RULES: readonly IgnoreRule[] = [
  ...["MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"].map((kind) => ({
    target: { group: "admissionregistration.k8s.io", kind },
    paths: ["/webhooks/*/clientConfig/caBundle"],
    rule: caInjected,
  })),
  {
    target: { group: "apiextensions.k8s.io", kind: "CustomResourceDefinition" },
    paths: ["/spec/conversion/webhook/clientConfig/caBundle"],
    rule: caInjected,
  },
  {
    target: { group: "apiregistration.k8s.io", kind: "APIService" },
    paths: ["/spec/caBundle"],
    rule: caInjected,
  },
];

/** The field an autoscaler writes. */
export const REPLICAS = "/spec/replicas";

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** `/spec/replicas` of each object a HorizontalPodAutoscaler scales (its scaleTargetRef, in its namespace). */
export function autoscaledReplicas(autoscalers: readonly KubeObject[]): IgnoreRule[] {
  return autoscalers.flatMap((hpa) => {
    const ref = (hpa.spec as { scaleTargetRef?: { apiVersion?: string; kind?: string; name?: string } })
      ?.scaleTargetRef;
    if (!ref?.kind || !ref.name) return [];
    const slash = ref.apiVersion?.lastIndexOf("/") ?? -1;
    const target: PatchTarget = {
      kind: ref.kind,
      name: escapeRegExp(ref.name),
      namespace: escapeRegExp(hpa.metadata?.namespace ?? ""),
      ...(ref.apiVersion ? { group: slash < 0 ? "" : ref.apiVersion.slice(0, slash) } : {}),
    };
    return [{ target, paths: [REPLICAS], rule: `scaled by HorizontalPodAutoscaler ${hpa.metadata?.name}` }];
  });
}

/** The rule that ignores `field` of `object` (in `namespace`, "" when cluster-scoped), if any. */
export function ignoringRule(
  rules: readonly IgnoreRule[],
  object: KubeObject,
  namespace: string,
  field: string,
): IgnoreRule | undefined {
  const segments = parsePointer(field);
  return rules.find(
    (rule) =>
      (rule.target === undefined || matchesTarget(object, rule.target, namespace)) &&
      rule.paths.some((path) => covers(parsePointer(path), segments)),
  );
}

/** A rule path covers a field at it or beneath it. */
function covers(path: readonly string[], field: readonly string[]): boolean {
  return path.length <= field.length && path.every((segment, i) => segment === "*" || segment === field[i]);
}
