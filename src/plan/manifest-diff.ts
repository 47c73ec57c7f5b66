// Deployed manifest vs desired manifest, resource by resource, as unified
// diffs. Secret data never shows: each value becomes `<redacted>`, marked as
// marked `<redacted (changed)>` on the desired side when it differs, so a diff
// still says that a secret changed without saying what it is or was.
import { createTwoFilesPatch } from "diff";
import { parseAllDocuments, stringify } from "yaml";
import { isMap, type Values } from "../values/merge.js";

export interface ResourceDiff {
  /** `Kind/namespace/name`. */
  resource: string;
  change: "added" | "removed" | "changed";
  patch: string;
}

/** Resources of a multi-document manifest keyed by `Kind/namespace/name` (namespace defaults to `fallbackNamespace`). */
export function parseManifest(manifest: string, fallbackNamespace: string): Map<string, Values> {
  const out = new Map<string, Values>();
  for (const doc of parseAllDocuments(manifest)) {
    const value = doc.toJS() as unknown;
    if (!isMap(value) || typeof value.kind !== "string") continue;
    const metadata = isMap(value.metadata) ? value.metadata : {};
    const namespace = typeof metadata.namespace === "string" ? metadata.namespace : fallbackNamespace;
    out.set(`${value.kind}/${namespace}/${String(metadata.name)}`, value);
  }
  return out;
}

const SECRET_FIELDS = ["data", "stringData"] as const;

/** Both sides with Secret values replaced; a value that differs is marked on the desired side. */
export function redactSecretPair(
  before: Values | undefined,
  after: Values | undefined,
): [Values | undefined, Values | undefined] {
  const isSecret = (v: Values | undefined) => v?.kind === "Secret";
  if (!isSecret(before) && !isSecret(after)) return [before, after];
  // The desired side marks what changed; the deployed side stays plain, so the two lines differ.
  const redact = (side: Values | undefined, other: Values | undefined, marker: string) => {
    if (!side) return side;
    const copy: Values = { ...side };
    for (const field of SECRET_FIELDS) {
      const data = side[field];
      if (!isMap(data)) continue;
      const otherData = other && isMap(other[field]) ? (other[field] as Values) : {};
      copy[field] = Object.fromEntries(
        Object.keys(data).map((key) => [key, data[key] === otherData[key] ? "<redacted>" : marker]),
      );
    }
    return copy;
  };
  return [redact(before, after, "<redacted>"), redact(after, before, "<redacted (changed)>")];
}

export function diffManifests(
  deployed: string,
  desired: string,
  namespace: string,
  label: string,
): ResourceDiff[] {
  const before = parseManifest(deployed, namespace);
  const after = parseManifest(desired, namespace);
  const keys = [...new Set([...before.keys(), ...after.keys()])].sort();
  const diffs: ResourceDiff[] = [];
  for (const key of keys) {
    const [old, now] = redactSecretPair(before.get(key), after.get(key));
    const oldText = old ? stringify(old, { lineWidth: 0 }) : "";
    const newText = now ? stringify(now, { lineWidth: 0 }) : "";
    if (oldText === newText) continue;
    diffs.push({
      resource: key,
      change: !old ? "added" : !now ? "removed" : "changed",
      patch: createTwoFilesPatch(
        `${label} ${key} (deployed)`,
        `${label} ${key} (desired)`,
        oldText,
        newText,
        "",
        "",
        {
          context: 3,
        },
      ),
    });
  }
  return diffs;
}
