// Exec credential plugins (a kubeconfig user's `exec:`, client.authentication.k8s.io):
// the plugin prints an ExecCredential with a token or a client certificate,
// which is used until its expirationTimestamp. Its output is a secret: neither
// a token nor the plugin's stdout ever appears in an error.
import { ClusterStateError } from "../errors.js";
import type { ExecPlugin } from "./kubeconfig.js";

export interface ExecCredential {
  token?: string;
  clientCertificate?: string;
  clientKey?: string;
  /** Epoch milliseconds; undefined: valid for the session. */
  expiresAt?: number;
}

/** The plugin's stdout as an ExecCredential of the plugin's apiVersion. */
export function parseExecCredential(stdout: string, plugin: ExecPlugin): ExecCredential {
  const fail = (what: string) =>
    new ClusterStateError(`the exec credential plugin of ${plugin.source} (${plugin.command}) ${what}`);
  let doc: {
    apiVersion?: unknown;
    kind?: unknown;
    status?: {
      token?: unknown;
      clientCertificateData?: unknown;
      clientKeyData?: unknown;
      expirationTimestamp?: unknown;
    };
  };
  try {
    doc = JSON.parse(stdout);
  } catch {
    throw fail("did not print an ExecCredential as JSON");
  }
  if (doc?.kind !== "ExecCredential")
    throw fail(`printed kind ${JSON.stringify(doc?.kind)}, not ExecCredential`);
  if (doc.apiVersion !== plugin.apiVersion) {
    throw fail(
      `printed apiVersion ${JSON.stringify(doc.apiVersion)}, not ${plugin.apiVersion} as configured`,
    );
  }
  const status = doc.status ?? {};
  const text = (value: unknown, field: string) => {
    if (value === undefined || value === null || value === "") return undefined;
    if (typeof value !== "string") throw fail(`printed a status.${field} that is not a string`);
    return value;
  };
  const credential: ExecCredential = {
    token: text(status.token, "token"),
    clientCertificate: text(status.clientCertificateData, "clientCertificateData"),
    clientKey: text(status.clientKeyData, "clientKeyData"),
  };
  if (!credential.clientCertificate !== !credential.clientKey) {
    throw fail("printed only one of status.clientCertificateData and status.clientKeyData");
  }
  if (!credential.token && !(credential.clientCertificate && credential.clientKey)) {
    throw fail("printed neither status.token nor status.clientCertificateData with status.clientKeyData");
  }
  const expiry = text(status.expirationTimestamp, "expirationTimestamp");
  if (expiry !== undefined) {
    const at = Date.parse(expiry);
    if (Number.isNaN(at)) throw fail(`printed a status.expirationTimestamp that is not a time: ${expiry}`);
    credential.expiresAt = at;
  }
  return credential;
}

/** KUBERNETES_EXEC_INFO: what the plugin is asked for (never interactive: a run has no prompt). */
export function execInfo(
  plugin: ExecPlugin,
  cluster: { server: string; caPem?: string; insecureSkipTlsVerify: boolean; tlsServerName?: string },
): string {
  const spec: Record<string, unknown> = { interactive: false };
  if (plugin.provideClusterInfo) {
    spec.cluster = {
      server: cluster.server,
      "tls-server-name": cluster.tlsServerName,
      "insecure-skip-tls-verify": cluster.insecureSkipTlsVerify,
      "certificate-authority-data": cluster.caPem && Buffer.from(cluster.caPem).toString("base64"),
    };
  }
  return JSON.stringify({ apiVersion: plugin.apiVersion, kind: "ExecCredential", spec });
}

/** Runs a plugin: its stdout, or an error carrying its stderr. */
export type RunPlugin = (
  command: string,
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
) => Promise<{ code: number | null; stdout: string; stderr: string; error?: Error }>;

/**
 * The credential of `plugin`: run once, then again only when the one it gave
 * has expired (or `renew` is asked after the API server refused it).
 */
export function execCredentials(
  plugin: ExecPlugin,
  env: Readonly<Record<string, string | undefined>>,
  info: string,
  run: RunPlugin,
  now: () => number = Date.now,
): (renew?: boolean) => Promise<ExecCredential> {
  let current: Promise<ExecCredential> | undefined;
  let credential: ExecCredential | undefined;
  return (renew = false) => {
    const expired = credential?.expiresAt !== undefined && credential.expiresAt <= now();
    if (!current || renew || expired) {
      credential = undefined;
      current = runPlugin(plugin, env, info, run).then((c) => {
        credential = c;
        return c;
      });
      current.catch(() => {
        current = undefined; // a failure is not cached: the next request runs the plugin again
      });
    }
    return current;
  };
}

async function runPlugin(
  plugin: ExecPlugin,
  env: Readonly<Record<string, string | undefined>>,
  info: string,
  run: RunPlugin,
): Promise<ExecCredential> {
  const pluginEnv: Record<string, string | undefined> = { ...env, KUBERNETES_EXEC_INFO: info };
  for (const { name, value } of plugin.env) pluginEnv[name] = value;
  const result = await run(plugin.command, plugin.args, pluginEnv);
  if (result.error || result.code !== 0) {
    const reason = result.error
      ? result.error.message
      : `exited with ${result.code}: ${result.stderr.trim().split("\n")[0] || "no message"}`;
    throw new ClusterStateError(
      `the exec credential plugin of ${plugin.source} (${plugin.command}) failed: ${reason.slice(0, 500)}`,
      { hint: plugin.installHint },
    );
  }
  return parseExecCredential(result.stdout, plugin);
}
