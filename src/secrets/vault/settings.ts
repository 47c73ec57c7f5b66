// How to reach and log in to Vault, read from the environment. Pure: files are
// named here and read when the client connects.
//
// Environment variables. Names follow the vault CLI where it has one:
//   VAULT_ADDR             server address (default https://127.0.0.1:8200, as the CLI)
//   VAULT_TOKEN            token to use as is
//   VAULT_NAMESPACE        namespace sent as X-Vault-Namespace (Enterprise, OpenBao)
//   VAULT_CACERT           PEM file of CA certificates to trust
//   VAULT_CAPATH           directory of PEM files of CA certificates to trust
//   VAULT_CLIENT_CERT      PEM client certificate for mutual TLS (with VAULT_CLIENT_KEY)
//   VAULT_CLIENT_KEY       PEM private key of that certificate
//   VAULT_SKIP_VERIFY      "true"/"1": do not verify the server's certificate (development only)
//   VAULT_CLIENT_TIMEOUT   seconds per request (default 30)
//   VAULT_MAX_RETRIES      retries of a request answered 412 or 5xx (default 2, as the CLI)
// The CLI has no variables for machine logins; these follow Vault Agent's and common CI usage:
//   VAULT_ROLE_ID, VAULT_SECRET_ID           AppRole login
//   VAULT_ROLE_ID_FILE, VAULT_SECRET_ID_FILE the same, read from files (e.g. mounted secrets)
//   VAULT_APPROLE_MOUNT                      auth mount of AppRole (default approle)
//   VAULT_K8S_ROLE                           Kubernetes login with this Vault role
//   VAULT_K8S_TOKEN_FILE                     service account token (default the in-pod path)
//   VAULT_K8S_MOUNT                          auth mount of Kubernetes (default kubernetes)
// Precedence: VAULT_TOKEN, then AppRole, then Kubernetes, then the token the
// CLI's `vault login` left in ~/.vault-token. An explicit machine login beats a
// developer's leftover token file.
import { join } from "node:path";
import { SecretError } from "../../errors.js";

export const DEFAULT_ADDRESS = "https://127.0.0.1:8200";
export const K8S_TOKEN_FILE = "/var/run/secrets/kubernetes.io/serviceaccount/token";

/** A value given directly or as a file to read. */
export type Credential = { value: string } | { file: string };

export type VaultAuth =
  | { method: "token"; token: Credential; source: string }
  | { method: "approle"; mount: string; roleId: Credential; secretId: Credential }
  | { method: "kubernetes"; mount: string; role: string; jwt: Credential };

export interface VaultSettings {
  address: string;
  namespace?: string;
  auth: VaultAuth;
  tls: { caCert?: string; caPath?: string; clientCert?: string; clientKey?: string; skipVerify: boolean };
  timeoutMs: number;
  maxRetries: number;
}

export type Env = Readonly<Record<string, string | undefined>>;

export function readVaultSettings(env: Env): VaultSettings {
  const address = (nonEmpty(env.VAULT_ADDR) ?? DEFAULT_ADDRESS).replace(/\/+$/, "");
  if (!/^https?:\/\/[^/]/.test(address) || !URL.canParse(address)) {
    throw settingError(`VAULT_ADDR is not an http(s) URL: ${JSON.stringify(address)}`, "VAULT_ADDR");
  }
  return {
    address,
    namespace: nonEmpty(env.VAULT_NAMESPACE),
    auth: readAuth(env),
    tls: {
      caCert: nonEmpty(env.VAULT_CACERT),
      caPath: nonEmpty(env.VAULT_CAPATH),
      clientCert: nonEmpty(env.VAULT_CLIENT_CERT),
      clientKey: nonEmpty(env.VAULT_CLIENT_KEY),
      skipVerify: parseBool(env.VAULT_SKIP_VERIFY, "VAULT_SKIP_VERIFY"),
    },
    timeoutMs: parseNumber(env.VAULT_CLIENT_TIMEOUT, "VAULT_CLIENT_TIMEOUT", 30) * 1000,
    maxRetries: parseNumber(env.VAULT_MAX_RETRIES, "VAULT_MAX_RETRIES", 2),
  };
}

function readAuth(env: Env): VaultAuth {
  const token = nonEmpty(env.VAULT_TOKEN);
  if (token) return { method: "token", token: { value: token }, source: "VAULT_TOKEN" };

  const roleId = credential(env, "VAULT_ROLE_ID");
  const secretId = credential(env, "VAULT_SECRET_ID");
  if (roleId || secretId) {
    if (!roleId || !secretId) {
      const missing = roleId ? "VAULT_SECRET_ID" : "VAULT_ROLE_ID";
      throw settingError(
        `AppRole login needs both a role id and a secret id; ${missing} is not set`,
        missing,
      );
    }
    return { method: "approle", mount: mountName(env.VAULT_APPROLE_MOUNT, "approle"), roleId, secretId };
  }

  const k8sRole = nonEmpty(env.VAULT_K8S_ROLE);
  if (k8sRole) {
    return {
      method: "kubernetes",
      mount: mountName(env.VAULT_K8S_MOUNT, "kubernetes"),
      role: k8sRole,
      jwt: { file: nonEmpty(env.VAULT_K8S_TOKEN_FILE) ?? K8S_TOKEN_FILE },
    };
  }

  const home = nonEmpty(env.HOME) ?? nonEmpty(env.USERPROFILE);
  if (home) return { method: "token", token: { file: join(home, ".vault-token") }, source: "~/.vault-token" };
  throw settingError(
    "no Vault credentials: VAULT_TOKEN is not set and there is no home directory",
    "VAULT_TOKEN",
  );
}

/** `NAME` or `NAME_FILE`; both set is ambiguous. */
function credential(env: Env, name: string): Credential | undefined {
  const value = nonEmpty(env[name]);
  const file = nonEmpty(env[`${name}_FILE`]);
  if (value && file) throw settingError(`both ${name} and ${name}_FILE are set`, name);
  if (value) return { value };
  if (file) return { file };
  return undefined;
}

function mountName(value: string | undefined, fallback: string): string {
  return (nonEmpty(value) ?? fallback).replace(/^\/+|\/+$/g, "");
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

// The CLI uses Go's strconv.ParseBool.
function parseBool(value: string | undefined, name: string): boolean {
  const v = nonEmpty(value);
  if (v === undefined) return false;
  if (["1", "t", "T", "true", "TRUE", "True"].includes(v)) return true;
  if (["0", "f", "F", "false", "FALSE", "False"].includes(v)) return false;
  throw settingError(`${name} is not a boolean: ${JSON.stringify(v)}`, name);
}

function parseNumber(value: string | undefined, name: string, fallback: number): number {
  const v = nonEmpty(value);
  if (v === undefined) return fallback;
  const n = Number(v.replace(/s$/, ""));
  if (!Number.isFinite(n) || n < 0)
    throw settingError(`${name} is not a non-negative number: ${JSON.stringify(v)}`, name);
  return n;
}

function settingError(message: string, variable: string): SecretError {
  return new SecretError(message, {
    location: { file: "environment", field: variable },
    hint: "Vault is configured by VAULT_ADDR, VAULT_TOKEN or VAULT_ROLE_ID/VAULT_SECRET_ID or VAULT_K8S_ROLE, and VAULT_CACERT.",
  });
}
