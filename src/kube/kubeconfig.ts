// The kubeconfig, read the way kubectl reads it (pure: file texts in, one
// context's connection out). KUBECONFIG is a list of files merged first-file-
// wins per cluster, user and context name; current-context comes from the first
// file that sets it; a relative path in a file is relative to that file's
// directory. An explicit kubeconfig (a release's `kubeconfig:`) is used alone.
import { delimiter, dirname, isAbsolute, join, resolve, sep } from "node:path";
// js-yaml: already loaded by every command (config/yaml-source.ts); `yaml` would add its start-up.
import { load } from "js-yaml";
import { ClusterStateError } from "../errors.js";

type Env = Readonly<Record<string, string | undefined>>;

/** A certificate or key: a file to read, or the PEM text itself (a `-data` field). */
export type Material = { file: string } | { pem: string };

/** An exec credential plugin (client.authentication.k8s.io). */
export interface ExecPlugin {
  apiVersion: string;
  command: string;
  args: string[];
  env: { name: string; value: string }[];
  provideClusterInfo: boolean;
  installHint?: string;
  /** Where it is written, for errors: `<file>: user "<name>"`. */
  source: string;
}

/** How to reach and authenticate to the cluster of one context. */
export interface KubeConnection {
  context: string;
  namespace?: string;
  server: string;
  ca?: Material;
  insecureSkipTlsVerify: boolean;
  tlsServerName?: string;
  clientCertificate?: Material;
  clientKey?: Material;
  token?: string;
  tokenFile?: string;
  basic?: { username: string; password: string };
  exec?: ExecPlugin;
}

export interface KubeconfigText {
  path: string;
  text: string;
}

/** The files to read, in merge order, and how to name them in errors. */
export function kubeconfigPaths(
  explicit: string | undefined,
  env: Env,
  home: string,
): { paths: string[]; described: string } {
  if (explicit) return { paths: [explicit], described: explicit };
  const list = (env.KUBECONFIG ?? "").split(delimiter).filter((p) => p !== "");
  if (list.length > 0) return { paths: list, described: `KUBECONFIG=${env.KUBECONFIG}` };
  return { paths: [join(home, ".kube", "config")], described: "~/.kube/config" };
}

interface Named<T> {
  entry: T;
  file: string;
}

interface Merged {
  currentContext?: { name: string; file: string };
  clusters: Map<string, Named<Record<string, unknown>>>;
  users: Map<string, Named<Record<string, unknown>>>;
  contexts: Map<string, Named<Record<string, unknown>>>;
}

/** The connection of `kubeContext` (default: the current context) of the merged files. */
export function resolveKubeconfig(
  files: readonly KubeconfigText[],
  kubeContext: string | undefined,
  described: string,
): KubeConnection {
  const merged = mergeKubeconfigs(files);
  const name = kubeContext ?? merged.currentContext?.name;
  if (!name) {
    throw new ClusterStateError(`the kubeconfig (${described}) sets no current-context`, {
      hint: "set kubeContext on the environment, or run kubectl config use-context",
    });
  }
  const context = merged.contexts.get(name);
  if (!context) {
    const where = kubeContext ? described : `${merged.currentContext!.file}: current-context`;
    throw new ClusterStateError(`kube context "${name}" is not in the kubeconfig (${where})`, {
      hint: `known contexts: ${[...merged.contexts.keys()].join(", ") || "none"}`,
    });
  }
  const at = `${context.file}: context "${name}"`;
  const clusterName = str(context.entry.cluster, `${at} field cluster`);
  const cluster = merged.clusters.get(clusterName ?? "");
  if (!cluster) throw missing(`${at} field cluster`, `cluster "${clusterName ?? ""}"`, merged.clusters);
  const userName = str(context.entry.user, `${at} field user`);
  const user = userName ? merged.users.get(userName) : undefined;
  if (userName && !user) throw missing(`${at} field user`, `user "${userName}"`, merged.users);
  return {
    context: name,
    namespace: str(context.entry.namespace, `${at} field namespace`) || undefined,
    ...clusterPart(cluster, clusterName!),
    ...(user ? userPart(user, userName!) : {}),
  };
}

function mergeKubeconfigs(files: readonly KubeconfigText[]): Merged {
  const merged: Merged = { clusters: new Map(), users: new Map(), contexts: new Map() };
  for (const { path, text } of files) {
    let doc: unknown;
    try {
      doc = load(text);
    } catch (error) {
      throw new ClusterStateError(`kubeconfig ${path} is not valid YAML: ${(error as Error).message}`, {
        cause: error,
      });
    }
    if (doc === null || doc === undefined) continue;
    if (typeof doc !== "object" || Array.isArray(doc)) {
      throw new ClusterStateError(
        `kubeconfig ${path} is not a kubeconfig (a mapping with clusters, users, contexts)`,
      );
    }
    const config = doc as Record<string, unknown>;
    const current = str(config["current-context"], `${path} field current-context`);
    if (current && !merged.currentContext) merged.currentContext = { name: current, file: path };
    addEntries(merged.clusters, config.clusters, "clusters", "cluster", path);
    addEntries(merged.users, config.users, "users", "user", path);
    addEntries(merged.contexts, config.contexts, "contexts", "context", path);
  }
  return merged;
}

function addEntries(
  into: Map<string, Named<Record<string, unknown>>>,
  list: unknown,
  field: string,
  inner: string,
  file: string,
): void {
  if (list === undefined || list === null) return;
  if (!Array.isArray(list)) throw new ClusterStateError(`kubeconfig ${file}: field ${field} is not a list`);
  list.forEach((item: unknown, i) => {
    const named = item as { name?: unknown } & Record<string, unknown>;
    if (typeof named?.name !== "string" || named.name === "") {
      throw new ClusterStateError(`kubeconfig ${file}: field ${field}[${i}].name is missing`);
    }
    const entry = named[inner] ?? {};
    if (typeof entry !== "object" || Array.isArray(entry)) {
      throw new ClusterStateError(`kubeconfig ${file}: field ${field}[${i}].${inner} is not a mapping`);
    }
    // First file wins, as kubectl merges; relative paths are resolved against the file that set them.
    if (!into.has(named.name)) into.set(named.name, { entry: entry as Record<string, unknown>, file });
  });
}

function clusterPart(
  { entry, file }: Named<Record<string, unknown>>,
  name: string,
): Pick<KubeConnection, "server" | "ca" | "insecureSkipTlsVerify" | "tlsServerName"> {
  const at = `${file}: cluster "${name}" field`;
  const server = str(entry.server, `${at} server`);
  if (!server) throw new ClusterStateError(`kubeconfig ${at} server is missing`);
  if (entry["proxy-url"] !== undefined) {
    throw new ClusterStateError(`kubeconfig ${at} proxy-url is not supported`, {
      hint: "reach the API server directly (or through a tunnel named in server)",
    });
  }
  const ca = material(entry, "certificate-authority", file, at);
  const insecureSkipTlsVerify = entry["insecure-skip-tls-verify"] === true;
  if (insecureSkipTlsVerify && ca) {
    throw new ClusterStateError(
      `kubeconfig ${at} insecure-skip-tls-verify: a certificate authority and insecure-skip-tls-verify are both set`,
      { hint: "remove one of them (kubectl refuses this too)" },
    );
  }
  return {
    server,
    ca,
    insecureSkipTlsVerify,
    tlsServerName: str(entry["tls-server-name"], `${at} tls-server-name`) || undefined,
  };
}

function userPart(
  { entry, file }: Named<Record<string, unknown>>,
  name: string,
): Omit<KubeConnection, "context" | "namespace" | "server" | "insecureSkipTlsVerify"> {
  const at = `${file}: user "${name}" field`;
  if (entry["auth-provider"] !== undefined) {
    throw new ClusterStateError(`kubeconfig ${at} auth-provider is not supported`, {
      hint: "auth-provider is deprecated in kubectl too: use an exec credential plugin (user.exec), e.g. kubelogin or gke-gcloud-auth-plugin",
    });
  }
  for (const key of ["as", "as-uid", "as-groups", "as-user-extra"]) {
    if (entry[key] !== undefined)
      throw new ClusterStateError(`kubeconfig ${at} ${key}: impersonation is not supported`);
  }
  const username = str(entry.username, `${at} username`);
  const password = str(entry.password, `${at} password`);
  const tokenFile = str(entry.tokenFile, `${at} tokenFile`);
  return {
    clientCertificate: material(entry, "client-certificate", file, at),
    clientKey: material(entry, "client-key", file, at),
    token: str(entry.token, `${at} token`) || undefined,
    tokenFile: tokenFile ? resolve(dirname(file), tokenFile) : undefined,
    basic: username ? { username, password: password ?? "" } : undefined,
    exec: entry.exec === undefined ? undefined : execPlugin(entry.exec, file, `${file}: user "${name}"`),
  };
}

function execPlugin(raw: unknown, file: string, source: string): ExecPlugin {
  const exec = (raw ?? {}) as Record<string, unknown>;
  const at = `${source} field exec`;
  const command = str(exec.command, `${at}.command`);
  if (!command) throw new ClusterStateError(`kubeconfig ${at}.command is missing`);
  const apiVersion = str(exec.apiVersion, `${at}.apiVersion`) ?? "";
  if (!EXEC_API_VERSIONS.includes(apiVersion)) {
    throw new ClusterStateError(`kubeconfig ${at}.apiVersion "${apiVersion}" is not supported`, {
      hint: `use ${EXEC_API_VERSIONS.join(" or ")}`,
    });
  }
  if (exec.interactiveMode === "Always") {
    throw new ClusterStateError(`kubeconfig ${at}.interactiveMode Always: the plugin needs a terminal`, {
      hint: "releases runs exec plugins without one: log in first (the plugin then finds its cached credential), or use IfAvailable/Never",
    });
  }
  const args = exec.args ?? [];
  if (!Array.isArray(args) || args.some((a) => typeof a !== "string")) {
    throw new ClusterStateError(`kubeconfig ${at}.args is not a list of strings`);
  }
  const env = (exec.env ?? []) as { name?: unknown; value?: unknown }[];
  if (!Array.isArray(env) || env.some((e) => typeof e?.name !== "string" || typeof e.value !== "string")) {
    throw new ClusterStateError(`kubeconfig ${at}.env is not a list of {name, value} strings`);
  }
  return {
    apiVersion,
    // As kubectl: a command with a path separator is relative to the kubeconfig; a bare name is looked up on PATH.
    command: command.includes(sep) && !isAbsolute(command) ? resolve(dirname(file), command) : command,
    args: args as string[],
    env: env as { name: string; value: string }[],
    provideClusterInfo: exec.provideClusterInfo === true,
    installHint: str(exec.installHint, `${at}.installHint`) || undefined,
    source,
  };
}

export const EXEC_API_VERSIONS = ["client.authentication.k8s.io/v1", "client.authentication.k8s.io/v1beta1"];

/** `<key>-data` (base64 PEM, which wins as in kubectl) or `<key>` (a file, relative to the kubeconfig). */
function material(
  entry: Record<string, unknown>,
  key: string,
  file: string,
  at: string,
): Material | undefined {
  const data = str(entry[`${key}-data`], `${at} ${key}-data`);
  if (data) return { pem: Buffer.from(data, "base64").toString("utf8") };
  const path = str(entry[key], `${at} ${key}`);
  return path ? { file: resolve(dirname(file), path) } : undefined;
}

function str(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw new ClusterStateError(`kubeconfig ${field} is not a string`);
  return value;
}

function missing(field: string, what: string, known: ReadonlyMap<string, unknown>): ClusterStateError {
  return new ClusterStateError(`kubeconfig ${field}: ${what} is not in the kubeconfig`, {
    hint: `known: ${[...known.keys()].join(", ") || "none"}`,
  });
}
