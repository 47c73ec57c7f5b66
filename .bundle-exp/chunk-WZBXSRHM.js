// dist/kube/release-record.js
import { gunzipSync } from "node:zlib";
var PENDING = ["pending-install", "pending-upgrade", "pending-rollback"];
function decodeReleasePayload(payload) {
  const bytes = Buffer.from(payload, "base64");
  const json = bytes[0] === 31 && bytes[1] === 139 ? gunzipSync(bytes) : bytes;
  return JSON.parse(json.toString("utf8"));
}
function latestRevisions(secrets) {
  const latest = /* @__PURE__ */ new Map();
  for (const secret of secrets) {
    const labels = secret.metadata?.labels ?? {};
    if (labels.owner !== "helm" || !labels.name)
      continue;
    const id = `${secret.metadata?.namespace}/${labels.name}`;
    const current = latest.get(id);
    if (!current || Number(labels.version) > Number(current.metadata?.labels?.version))
      latest.set(id, secret);
  }
  return latest;
}
function toDeployedRelease(secret, withPayload) {
  const labels = secret.metadata?.labels ?? {};
  const namespace = secret.metadata?.namespace ?? "default";
  const release = {
    id: `${namespace}/${labels.name}`,
    name: labels.name ?? "",
    namespace,
    revision: Number(labels.version),
    status: labels.status ?? "unknown",
    labels,
    lastDeployed: labels.modifiedAt ? new Date(Number(labels.modifiedAt) * 1e3).toISOString() : void 0
  };
  const payload = secret.data?.release;
  if (withPayload && payload) {
    const decoded = decodeReleasePayload(Buffer.from(payload, "base64").toString("utf8"));
    const info = decoded.info;
    const metadata = decoded.chart?.metadata;
    release.lastDeployed = info?.last_deployed ?? release.lastDeployed;
    if (metadata)
      release.chart = { name: metadata.name, version: metadata.version };
    if (typeof decoded.manifest === "string")
      release.manifest = decoded.manifest;
    if (decoded.config && typeof decoded.config === "object")
      release.config = decoded.config;
    if (decoded.apply_method === "ssa" || decoded.apply_method === "csa")
      release.applyMethod = decoded.apply_method;
  }
  return release;
}

export {
  PENDING,
  latestRevisions,
  toDeployedRelease
};
