// From a ClusterRef to an API server we can send requests to: the kubeconfig
// files read (through `deps`), the context resolved (kubeconfig.ts), its
// certificates read and its credentials set up (a token, a token file re-read
// as kubectl does, basic auth, a client certificate, or an exec plugin).
// Inside a pod with no kubeconfig, the pod's service account is used.
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { ClusterStateError } from "../errors.js";
import type { ClusterRef } from "../model/project.js";
import { execCredentials, execInfo, type RunPlugin } from "./exec-credential.js";
import {
  type KubeConnection,
  type KubeconfigText,
  kubeconfigPaths,
  type Material,
  resolveKubeconfig,
} from "./kubeconfig.js";
import type { RestCredentials, RestTarget } from "./rest.js";

type Env = Readonly<Record<string, string | undefined>>;

export interface KubeDeps {
  /** A file's text; undefined when it does not exist. */
  readFile(path: string): Promise<string | undefined>;
  home: string;
  runPlugin: RunPlugin;
  now(): number;
}

export const nodeKubeDeps: KubeDeps = {
  readFile: (path) =>
    readFile(path, "utf8").catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return undefined;
      throw error;
    }),
  get home() {
    return homedir();
  },
  runPlugin: (command, args, env) =>
    new Promise((resolve) => {
      const child = execFile(
        command,
        args,
        { env: env as NodeJS.ProcessEnv, timeout: 60_000, maxBuffer: 4 * 1024 * 1024 },
        (error, stdout, stderr) => {
          const code = error ? (typeof error.code === "number" ? error.code : null) : 0;
          // A plugin that ran and failed has an exit code; one that could not start has only the error.
          resolve({ code, stdout, stderr, error: error && code === null ? error : undefined });
        },
      );
      child.stdin?.end(); // never interactive: a plugin that would prompt reads end-of-file, not a hang
    }),
  now: Date.now,
};

const SERVICE_ACCOUNT = "/var/run/secrets/kubernetes.io/serviceaccount";
/** How long a tokenFile's token is used before the file is read again (it may be rotated). */
const TOKEN_FILE_TTL_MS = 60_000;

/** The context's name and namespace, and the API server as a RestTarget. */
export async function openConnection(
  ref: ClusterRef,
  env: Env,
  deps: KubeDeps,
): Promise<{ connection: KubeConnection; target: RestTarget }> {
  const connection = await loadConnection(ref, env, deps);
  const read = (material: Material | undefined, what: string) =>
    readMaterial(material, what, connection, deps);
  const ca = await read(connection.ca, "certificate-authority");
  const cert = await read(connection.clientCertificate, "client-certificate");
  const key = await read(connection.clientKey, "client-key");
  return {
    connection,
    target: {
      server: connection.server,
      ca,
      insecureSkipTlsVerify: connection.insecureSkipTlsVerify,
      tlsServerName: connection.tlsServerName,
      renewable: connection.exec !== undefined,
      credentials: credentialsOf(connection, { ca, cert, key }, env, deps),
    },
  };
}

async function loadConnection(ref: ClusterRef, env: Env, deps: KubeDeps): Promise<KubeConnection> {
  const { paths, described } = kubeconfigPaths(ref.kubeconfig, env, deps.home);
  const files: KubeconfigText[] = [];
  for (const path of paths) {
    const text = await deps.readFile(path).catch((error: Error) => {
      throw new ClusterStateError(`cannot read the kubeconfig ${path}: ${error.message}`, { cause: error });
    });
    if (text !== undefined) files.push({ path, text });
  }
  if (files.length === 0) {
    if (!ref.kubeconfig && !env.KUBECONFIG && env.KUBERNETES_SERVICE_HOST) return inCluster(env, deps);
    throw new ClusterStateError(`no kubeconfig found (${described})`, {
      hint: "point KUBECONFIG at a valid kubeconfig (the demo's: scripts/cluster kubeconfig)",
    });
  }
  return resolveKubeconfig(files, ref.kubeContext, described);
}

/** A pod's own service account, as client libraries do when there is no kubeconfig. */
async function inCluster(env: Env, deps: KubeDeps): Promise<KubeConnection> {
  const host = env.KUBERNETES_SERVICE_HOST!;
  const port = env.KUBERNETES_SERVICE_PORT ?? "443";
  const namespace = (await deps.readFile(`${SERVICE_ACCOUNT}/namespace`))?.trim();
  return {
    context: "in-cluster",
    namespace: namespace || undefined,
    server: `https://${host.includes(":") ? `[${host}]` : host}:${port}`,
    ca: { file: `${SERVICE_ACCOUNT}/ca.crt` },
    insecureSkipTlsVerify: false,
    tokenFile: `${SERVICE_ACCOUNT}/token`,
  };
}

async function readMaterial(
  material: Material | undefined,
  what: string,
  connection: KubeConnection,
  deps: KubeDeps,
): Promise<string | undefined> {
  if (!material) return undefined;
  if ("pem" in material) return material.pem;
  const text = await deps.readFile(material.file).catch((error: Error) => error.message);
  if (text === undefined || !text.includes("-----BEGIN")) {
    throw new ClusterStateError(
      `cannot read the ${what} file ${material.file} of kube context "${connection.context}"${
        text === undefined ? ": it does not exist" : text.includes("-----BEGIN") ? "" : ": not a PEM file"
      }`,
    );
  }
  return text;
}

function credentialsOf(
  connection: KubeConnection,
  tls: { ca?: string; cert?: string; key?: string },
  env: Env,
  deps: KubeDeps,
): (renew: boolean) => Promise<RestCredentials> {
  const certificate = { cert: tls.cert, key: tls.key };
  if (connection.exec) {
    const info = execInfo(connection.exec, { ...connection, caPem: tls.ca });
    const credential = execCredentials(connection.exec, env, info, deps.runPlugin, deps.now);
    return async (renew) => {
      const c = await credential(renew);
      return {
        authorization: c.token ? `Bearer ${c.token}` : undefined,
        cert: c.clientCertificate ?? certificate.cert,
        key: c.clientKey ?? certificate.key,
      };
    };
  }
  if (connection.tokenFile) {
    const file = connection.tokenFile;
    let token: { value: string; readAt: number } | undefined;
    return async () => {
      if (!token || deps.now() - token.readAt > TOKEN_FILE_TTL_MS) {
        const value = (await deps.readFile(file).catch(() => undefined))?.trim();
        if (!value) {
          throw new ClusterStateError(
            `cannot read the tokenFile ${file} of kube context "${connection.context}"`,
          );
        }
        token = { value, readAt: deps.now() };
      }
      return { ...certificate, authorization: `Bearer ${token.value}` };
    };
  }
  const authorization = connection.token
    ? `Bearer ${connection.token}`
    : connection.basic
      ? `Basic ${Buffer.from(`${connection.basic.username}:${connection.basic.password}`).toString("base64")}`
      : undefined;
  return async () => ({ ...certificate, authorization });
}
