// A release's fingerprint: everything that would make `helm upgrade` change it.
// Stored as a label on the release, compared by `apply` to skip unchanged
// releases without running helm, and by `status` to tell drift.
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import type { ChartRef, HelmSettings } from "../model/project.js";

export interface FingerprintInput {
  chart: ChartRef;
  version?: string;
  /** Digest of a local chart's files (see chartDigest); ignored for remote charts. */
  chartDigest?: string;
  values: unknown;
  settings: HelmSettings;
  /** Digest of the secret values the release consumed (see secretsDigest). */
  secretsDigest: string;
  /** Post-render patches (absent: none, so fingerprints of releases without them do not change). */
  patches?: unknown;
}

/** JSON with sorted keys, so equal trees hash equally. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** Digest of rendered text (a manifests chart's kustomize output or plain files). */
export const textDigest = (text: string): string => sha256(text);

export function fingerprint(input: FingerprintInput): string {
  const chart =
    input.chart.kind === "local" || input.chart.kind === "manifests"
      ? { local: input.chartDigest }
      : {
          remote:
            input.chart.kind === "repo" ? `${input.chart.repository}/${input.chart.name}` : input.chart.url,
          version: input.version,
        };
  // 40 hex characters: a Kubernetes label value holds at most 63.
  return sha256(
    canonicalJson({
      chart,
      values: input.values,
      settings: input.settings,
      secrets: input.secretsDigest,
      patches: input.patches,
    }),
  ).slice(0, 40);
}

/** A digest of consumed secrets: key names and values, never stored or printed in clear. */
export function secretsDigest(consumed: ReadonlyMap<string, string>): string {
  const sorted = [...consumed.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
  return sha256(canonicalJson(sorted)).slice(0, 16);
}

/** Digest of every file in a local chart directory (paths and contents), in a stable order. */
export async function chartDigest(dir: string): Promise<string> {
  const hash = createHash("sha256");
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
  for (const file of files) {
    hash
      .update(relative(dir, file))
      .update("\0")
      .update(await readFile(file))
      .update("\0");
  }
  return hash.digest("hex");
}
