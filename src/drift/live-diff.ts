// Drifted objects as unified diffs, live (-) against what the deployed
// manifest makes of them (+), as `kubectl diff` shows them (pure). Fields the
// server writes for itself are left out, ignored fields show as they are live,
// and Secret values never show: each becomes `<redacted>`, marked
// `<redacted (changed)>` on the deployed side where it differs.
import { createTwoFilesPatch } from "diff";
import { stringify } from "yaml";
import type { KubeObject } from "../model/kube-object.js";
import { redactSecretPair } from "../plan/manifest-diff.js";
import { parsePointer } from "../render/json-patch.js";
import { withoutServerFields } from "./compare.js";
import type { DriftDetail } from "./read-drift.js";
import type { ObjectDrift } from "./release-drift.js";

export interface LiveDiff extends ObjectDrift {
  patch: string;
}

/** `label` names the release in the file headers (`ns/name Deployment/web (live)`). */
export function liveDiffs(details: readonly DriftDetail[], label: string): LiveDiff[] {
  return details.map((d) => {
    const live = d.live ? withoutServerFields(d.live) : undefined;
    let deployed = withoutServerFields(d.change === "changed" && d.merged ? d.merged : d.deployed);
    if (live) deployed = withFieldsOf(deployed, live, d.ignoredFields);
    const [before, after] = redactSecretPair(live, deployed);
    const text = (o: KubeObject | undefined) =>
      o ? stringify(o, { lineWidth: 0, sortMapEntries: true }) : "";
    return {
      resource: d.resource,
      change: d.change,
      fields: d.fields,
      patch: createTwoFilesPatch(
        `${label} ${d.resource} (live)`,
        `${label} ${d.resource} (deployed)`,
        text(before),
        text(after),
        "",
        "",
        { context: 3 },
      ),
    };
  });
}

/** A copy of `target` holding `source`'s value (or absence) at each of `pointers`. */
export function withFieldsOf(
  target: KubeObject,
  source: KubeObject,
  pointers: readonly string[],
): KubeObject {
  const out = structuredClone(target);
  for (const pointer of pointers) {
    const path = parsePointer(pointer);
    const key = path.at(-1);
    if (key === undefined) continue;
    const from = descend(source, path.slice(0, -1));
    const to = descend(out, path.slice(0, -1));
    if (!to) continue;
    if (from && Object.hasOwn(from, key)) to[key] = structuredClone(from[key]);
    else delete to[key];
  }
  return out;
}

function descend(value: unknown, path: readonly string[]): Record<string, unknown> | undefined {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current !== null && typeof current === "object" ? (current as Record<string, unknown>) : undefined;
}
