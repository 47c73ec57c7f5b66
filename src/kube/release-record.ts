// Helm's release storage, read directly: one Secret per revision named
// `sh.helm.release.v1.<name>.v<rev>`, labelled owner=helm, name, status,
// version; `data.release` is base64(gzip(JSON)) (and base64 again in the API).
import { gunzipSync } from "node:zlib";
import { ClusterStateError } from "../errors.js";

export type HelmStatus =
  | "unknown"
  | "deployed"
  | "uninstalled"
  | "superseded"
  | "failed"
  | "uninstalling"
  | "pending-install"
  | "pending-upgrade"
  | "pending-rollback";

export const PENDING: readonly HelmStatus[] = ["pending-install", "pending-upgrade", "pending-rollback"];

export interface DeployedRelease {
  id: string;
  name: string;
  namespace: string;
  revision: number;
  status: HelmStatus;
  /** Labels on the storage Secret, including ours (fingerprint, secrets digest). */
  labels: Record<string, string>;
  /** ISO timestamp. */
  lastDeployed?: string;
  chart?: { name: string; version: string };
  /** The rendered manifest (hooks excluded), when the payload was decoded. */
  manifest?: string;
  /** The values the revision was deployed with (helm's `config`), when the payload was decoded. */
  config?: Record<string, unknown>;
  /** How helm 4 applied it (server-side or client-side), when the payload was decoded; helm 3 records none. */
  applyMethod?: "ssa" | "csa";
}

/** `data.release` as the Kubernetes API returns it (already base64-decoded once by the client) → release JSON. */
export function decodeReleasePayload(payload: string): Record<string, unknown> {
  const bytes = Buffer.from(payload, "base64");
  const json = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
  return JSON.parse(json.toString("utf8")) as Record<string, unknown>;
}

export interface StorageSecret {
  metadata?: { name?: string; namespace?: string; labels?: Record<string, string> };
  data?: Record<string, string>;
}

/** The newest revision per release among helm storage Secrets (no payload decoding needed). */
export function latestRevisions(secrets: readonly StorageSecret[]): Map<string, StorageSecret> {
  const latest = new Map<string, StorageSecret>();
  for (const secret of secrets) {
    const labels = secret.metadata?.labels ?? {};
    if (labels.owner !== "helm" || !labels.name) continue;
    const id = `${secret.metadata?.namespace}/${labels.name}`;
    const current = latest.get(id);
    if (!current || Number(labels.version) > Number(current.metadata?.labels?.version))
      latest.set(id, secret);
  }
  return latest;
}

export function toDeployedRelease(secret: StorageSecret, withPayload: boolean): DeployedRelease {
  const labels = secret.metadata?.labels ?? {};
  const namespace = secret.metadata?.namespace ?? "default";
  const release: DeployedRelease = {
    id: `${namespace}/${labels.name}`,
    name: labels.name ?? "",
    namespace,
    revision: Number(labels.version),
    status: (labels.status ?? "unknown") as HelmStatus,
    labels,
    lastDeployed: labels.modifiedAt ? new Date(Number(labels.modifiedAt) * 1000).toISOString() : undefined,
  };
  const payload = secret.data?.release;
  if (withPayload && payload) {
    // The client hands us data base64-encoded as on the wire; helm's own encoding is one more base64 layer.
    let decoded: Record<string, unknown>;
    try {
      decoded = decodeReleasePayload(Buffer.from(payload, "base64").toString("utf8"));
    } catch (error) {
      throw new ClusterStateError(
        `cannot read ${release.id} revision ${release.revision} as helm stored it (Secret ${namespace}/${secret.metadata?.name}): ${
          error instanceof Error ? error.message : String(error)
        }`,
        {
          hint: "helm cannot read it either: `helm history` shows the revisions; roll back or uninstall by hand",
        },
      );
    }
    const info = decoded.info as { last_deployed?: string } | undefined;
    const metadata = (decoded.chart as { metadata?: { name: string; version: string } } | undefined)
      ?.metadata;
    release.lastDeployed = info?.last_deployed ?? release.lastDeployed;
    if (metadata) release.chart = { name: metadata.name, version: metadata.version };
    if (typeof decoded.manifest === "string") release.manifest = decoded.manifest;
    if (decoded.config && typeof decoded.config === "object")
      release.config = decoded.config as Record<string, unknown>;
    if (decoded.apply_method === "ssa" || decoded.apply_method === "csa")
      release.applyMethod = decoded.apply_method;
  }
  return release;
}
