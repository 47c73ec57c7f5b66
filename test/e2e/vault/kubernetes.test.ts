// Kubernetes auth: a service account of the e2e cluster (KUBECONFIG from the
// global setup) logs in to Vault with its projected token, as a pod would
// with the token mounted at /var/run/secrets/kubernetes.io/serviceaccount/token.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SecretError } from "../../../src/errors.js";
import { VaultClient } from "../../../src/secrets/vault/client.js";
import { type Admin, admin, adminEnv, putKv2, unique } from "./fixture.js";

const base = unique("e2e-k8s");
const mount = unique("kubernetes");
const policy = unique("k8s-reader");
const namespace = unique("vault-auth");
const serviceAccount = "releases";
let vault: Admin;
let dir: string;
let tokenFile: string;

const kubectl = (...args: string[]) => execFileSync("kubectl", args, { encoding: "utf8" }).trim();
const uses = [{ ref: { path: `secret/${base}/app1/db`, key: "password" }, usedBy: "backend/app1" }];

beforeAll(async () => {
  if (!process.env.KUBECONFIG) throw new Error("KUBECONFIG must be set (test/e2e/global-setup.ts)");
  vault = admin();
  dir = mkdtempSync(path.join(tmpdir(), "releases-vault-k8s-"));
  kubectl("create", "namespace", namespace);
  kubectl("-n", namespace, "create", "serviceaccount", serviceAccount);
  // Without a reviewer JWT, Vault reviews the login token with the token itself.
  kubectl(
    "create",
    "clusterrolebinding",
    namespace,
    "--clusterrole=system:auth-delegator",
    `--serviceaccount=${namespace}:${serviceAccount}`,
  );
  tokenFile = path.join(dir, "token");
  writeFileSync(tokenFile, kubectl("-n", namespace, "create", "token", serviceAccount, "--duration=10m"));

  const cluster = JSON.parse(kubectl("config", "view", "--raw", "--minify", "-o", "json")).clusters[0]
    .cluster;
  const ca = cluster["certificate-authority-data"]
    ? Buffer.from(cluster["certificate-authority-data"], "base64").toString("utf8")
    : readFileSync(cluster["certificate-authority"], "utf8");
  await putKv2(vault, "secret", `${base}/app1/db`, { password: "pw-k8s-3d4e" });
  await vault.addPolicy({ name: policy, rules: `path "secret/data/${base}/*" { capabilities = ["read"] }` });
  await vault.enableAuth({ mount_point: mount, type: "kubernetes" });
  await vault.write(`auth/${mount}/config`, { kubernetes_host: cluster.server, kubernetes_ca_cert: ca });
  await vault.write(`auth/${mount}/role/releases`, {
    bound_service_account_names: [serviceAccount],
    bound_service_account_namespaces: [namespace],
    token_policies: [policy],
    token_ttl: "10m",
  });
});

afterAll(async () => {
  await vault.disableAuth({ mount_point: mount });
  await vault.removePolicy({ name: policy });
  await vault.delete(`secret/metadata/${base}/app1/db`);
  kubectl("delete", "clusterrolebinding", namespace, "--ignore-not-found");
  kubectl("delete", "namespace", namespace, "--wait=false", "--ignore-not-found");
  rmSync(dir, { recursive: true, force: true });
});

describe("Vault Kubernetes login", () => {
  it("reads with the identity of a service account token", async () => {
    const client = VaultClient.fromEnv({
      VAULT_ADDR: adminEnv().VAULT_ADDR,
      VAULT_K8S_ROLE: "releases",
      VAULT_K8S_MOUNT: mount,
      VAULT_K8S_TOKEN_FILE: tokenFile,
    });
    expect(await client.resolve(uses)).toEqual(new Map([[`secret/${base}/app1/db#password`, "pw-k8s-3d4e"]]));
  });

  it("fails a role that does not bind the service account as a login error", async () => {
    await vault.write(`auth/${mount}/role/other`, {
      bound_service_account_names: ["someone-else"],
      bound_service_account_namespaces: [namespace],
      token_policies: [policy],
    });
    const client = VaultClient.fromEnv({
      VAULT_ADDR: adminEnv().VAULT_ADDR,
      VAULT_K8S_ROLE: "other",
      VAULT_K8S_MOUNT: mount,
      VAULT_K8S_TOKEN_FILE: tokenFile,
    });
    const error = await client.resolve(uses).catch((e) => e);
    expect(error).toBeInstanceOf(SecretError);
    expect(error.message).toContain(`Vault kubernetes login at auth/${mount}/login`);
    expect(error.message).not.toContain(readFileSync(tokenFile, "utf8").slice(0, 40));
    expect(error.hint).toContain('role "other"');
  });
});
