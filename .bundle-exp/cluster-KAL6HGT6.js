import {
  latestRevisions,
  toDeployedRelease
} from "./chunk-WZBXSRHM.js";
import {
  load
} from "./chunk-BFLBSBCJ.js";
import {
  ClusterStateError
} from "./chunk-XLEZOOEL.js";
import "./chunk-4VNS5WPM.js";

// dist/kube/rest.js
function httpModules() {
  return { http: process.getBuiltinModule("node:http"), https: process.getBuiltinModule("node:https") };
}
var KubeApiError = class extends Error {
  code;
  constructor(message, code) {
    super(message);
    this.code = code;
    this.name = "KubeApiError";
  }
};
var CALL_TIMEOUT_MS = 3e4;
function createRest(target, timeoutMs = CALL_TIMEOUT_MS) {
  const base = new URL(target.server);
  const secure = base.protocol === "https:";
  const { http, https } = httpModules();
  const agent = secure ? new https.Agent({ keepAlive: true }) : new http.Agent({ keepAlive: true });
  const prefix = base.pathname.replace(/\/+$/, "");
  async function once(method, path, options, renew) {
    const credentials = await target.credentials(renew);
    const url = new URL(base.origin + prefix + path);
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value !== void 0)
        url.searchParams.set(key, String(value));
    }
    const body = options.body === void 0 ? void 0 : typeof options.body === "string" ? options.body : JSON.stringify(options.body);
    const headers = { Accept: options.text ? "*/*" : "application/json" };
    if (body !== void 0) {
      headers["Content-Type"] = options.contentType ?? "application/json";
      headers["Content-Length"] = String(Buffer.byteLength(body));
    }
    if (credentials.authorization)
      headers.Authorization = credentials.authorization;
    return send(url, {
      method,
      headers,
      agent,
      body,
      timeoutMs,
      tls: secure ? {
        ca: target.ca,
        rejectUnauthorized: !target.insecureSkipTlsVerify,
        servername: target.tlsServerName,
        cert: credentials.cert,
        key: credentials.key
      } : void 0,
      label: `${method} ${path}`,
      server: target.server
    });
  }
  return {
    async request(method, path, options = {}) {
      let answer = await once(method, path, options, false);
      if (answer.status === 401 && target.renewable)
        answer = await once(method, path, options, true);
      if (answer.status < 200 || answer.status > 299) {
        throw new KubeApiError(statusMessage(answer.status, answer.text), answer.status);
      }
      if (options.text)
        return answer.text;
      try {
        return answer.text === "" ? null : JSON.parse(answer.text);
      } catch {
        throw new KubeApiError(`the API server answered ${method} ${path} with something that is not JSON`);
      }
    }
  };
}
function send(url, sent) {
  return new Promise((resolvePromise, reject) => {
    const { http, https } = httpModules();
    const request = (url.protocol === "https:" ? https : http).request(url, { method: sent.method, headers: sent.headers, agent: sent.agent, ...sent.tls }, (response) => {
      const chunks = [];
      response.on("data", (chunk) => chunks.push(chunk));
      response.on("end", () => {
        clearTimeout(timer);
        resolvePromise({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") });
      });
      response.on("error", fail);
    });
    const timer = setTimeout(() => {
      request.destroy(new KubeApiError(`the API server did not answer ${sent.label} within ${sent.timeoutMs / 1e3}s`));
    }, sent.timeoutMs);
    function fail(error) {
      clearTimeout(timer);
      reject(error instanceof KubeApiError ? error : new KubeApiError(`cannot reach the API server at ${sent.server}: ${error.message}`));
    }
    request.on("error", fail);
    request.end(sent.body);
  });
}
function statusMessage(code, body) {
  let message = body.trim();
  try {
    const status = JSON.parse(body);
    if (typeof status?.message === "string" && status.message !== "")
      message = status.message;
  } catch {
  }
  return (message.split("\n")[0].slice(0, 500) || `HTTP ${code}`).trim();
}

// dist/kube/live-api.js
function emptyCounts() {
  return { discovery: 0, list: 0, dryRunApply: 0 };
}
var DRIFT_FIELD_MANAGER = "releases";
function groupVersionPath(apiVersion) {
  return apiVersion.includes("/") ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
}
function createLiveApi(rest, counts, defaultNamespace) {
  const discovered = /* @__PURE__ */ new Map();
  async function resource(apiVersion, kind) {
    const known = discovered.get(apiVersion)?.find((r) => r.kind === kind);
    if (known)
      return known;
    counts.discovery++;
    try {
      const list = await rest.request("GET", groupVersionPath(apiVersion));
      const served = (list.resources ?? []).filter((r) => !r.name.includes("/"));
      discovered.set(apiVersion, served);
      return served.find((r) => r.kind === kind);
    } catch (error) {
      if (error instanceof KubeApiError && error.code === 404)
        return null;
      throw error;
    }
  }
  async function resourcePath(apiVersion, kind, namespace) {
    const served = await resource(apiVersion, kind);
    if (!served)
      throw new KubeApiError(`the API server does not serve ${kind} in ${apiVersion}`, 404);
    const where = served.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : "";
    return `${groupVersionPath(apiVersion)}${where}/${served.name}`;
  }
  return {
    resourceScope: async (apiVersion, kind) => {
      const served = await resource(apiVersion, kind);
      return served ? { namespaced: served.namespaced } : null;
    },
    listObjects: async (apiVersion, kind, namespace, fieldSelector) => {
      const path = await resourcePath(apiVersion, kind, namespace);
      counts.list++;
      const list = await rest.request("GET", path, { query: { fieldSelector } });
      return (list.items ?? []).map((item) => ({ apiVersion, kind, ...item }));
    },
    dryRunApply: async (object) => {
      const metadata = object.metadata ?? {};
      const collection = await resourcePath(object.apiVersion ?? "v1", object.kind ?? "", metadata.namespace ?? defaultNamespace);
      const path = `${collection}/${encodeURIComponent(metadata.name ?? "")}`;
      counts.dryRunApply++;
      return rest.request("PATCH", path, {
        query: { dryRun: "All", fieldManager: DRIFT_FIELD_MANAGER, force: true },
        contentType: "application/apply-patch+yaml",
        body: object
        // JSON is YAML: the apply patch as helm would send it
      });
    }
  };
}

// dist/kube/micro-time.js
function microTime(value) {
  const time = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(time.getTime()))
    throw new RangeError(`not a time: ${String(value)}`);
  return time.toISOString().replace(/\.(\d{3})Z$/, ".$1000Z");
}

// dist/kube/cluster-api.js
var seg = encodeURIComponent;
var core = (namespace, resource) => `/api/v1/namespaces/${seg(namespace)}/${resource}`;
var leases = (namespace) => `/apis/coordination.k8s.io/v1/namespaces/${seg(namespace)}/leases`;
var CRDS = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";
var DIAGNOSIS_PATHS = {
  Deployment: (ns) => `/apis/apps/v1/namespaces/${seg(ns)}/deployments`,
  StatefulSet: (ns) => `/apis/apps/v1/namespaces/${seg(ns)}/statefulsets`,
  DaemonSet: (ns) => `/apis/apps/v1/namespaces/${seg(ns)}/daemonsets`,
  ReplicaSet: (ns) => `/apis/apps/v1/namespaces/${seg(ns)}/replicasets`,
  Job: (ns) => `/apis/batch/v1/namespaces/${seg(ns)}/jobs`,
  Pod: (ns) => core(ns, "pods"),
  PersistentVolumeClaim: (ns) => core(ns, "persistentvolumeclaims"),
  Event: (ns) => core(ns, "events")
};
var CRD_ESTABLISHED_MS = 3e4;
function clusterApi(rest, namespace) {
  const counts = emptyCounts();
  const items = async (path, query) => (await rest.request("GET", path, { query })).items ?? [];
  const live = createLiveApi(rest, counts, namespace ?? "default");
  return {
    listHelmSecrets: (namespace2, labelSelector) => {
      counts.list++;
      return items(core(namespace2, "secrets"), { labelSelector });
    },
    listHelmSecretsEverywhere: (labelSelector) => {
      counts.list++;
      return items("/api/v1/secrets", { labelSelector });
    },
    leases: {
      read: (namespace2, name) => rest.request("GET", `${leases(namespace2)}/${seg(name)}`),
      create: (namespace2, body) => rest.request("POST", leases(namespace2), { body: leaseBody(body) }),
      replace: (namespace2, name, body) => rest.request("PUT", `${leases(namespace2)}/${seg(name)}`, { body: leaseBody(body) }),
      delete: async (namespace2, name) => {
        await rest.request("DELETE", `${leases(namespace2)}/${seg(name)}`);
      }
    },
    createOrReplaceCrd: (body) => createOrReplaceCrd(rest, body),
    listDiagnosisObjects: (kind, namespace2) => {
      const path = DIAGNOSIS_PATHS[kind];
      if (!path)
        return Promise.reject(new Error(`cannot list ${kind}`));
      return items(path(namespace2));
    },
    readPodLog: (namespace2, pod, tailLines) => rest.request("GET", `${core(namespace2, "pods")}/${seg(pod)}/log`, {
      query: { tailLines },
      text: true
    }),
    configMaps: {
      list: (namespace2, labelSelector) => items(core(namespace2, "configmaps"), { labelSelector }),
      create: (namespace2, body) => rest.request("POST", core(namespace2, "configmaps"), { body: configMapBody(body) }),
      replace: (namespace2, name, body) => rest.request("PUT", `${core(namespace2, "configmaps")}/${seg(name)}`, {
        body: configMapBody(body)
      }),
      delete: async (namespace2, name) => {
        await rest.request("DELETE", `${core(namespace2, "configmaps")}/${seg(name)}`);
      }
    },
    resourceScope: live.resourceScope,
    listObjects: live.listObjects,
    dryRunApply: live.dryRunApply,
    requestCounts: async () => ({ ...counts })
  };
}
function leaseBody(lease) {
  const spec = { ...lease.spec };
  for (const key of ["acquireTime", "renewTime"]) {
    const value = lease.spec?.[key];
    if (value !== void 0)
      spec[key] = microTime(value);
  }
  return { apiVersion: "coordination.k8s.io/v1", kind: "Lease", ...lease, spec };
}
function configMapBody(configMap) {
  return { apiVersion: "v1", kind: "ConfigMap", ...configMap };
}
async function createOrReplaceCrd(rest, body) {
  const path = `${CRDS}/${seg(body.metadata.name)}`;
  let resourceVersion;
  try {
    resourceVersion = (await rest.request("GET", path)).metadata?.resourceVersion;
  } catch (error) {
    if (!(error instanceof KubeApiError && error.code === 404))
      throw error;
  }
  if (resourceVersion === void 0)
    await rest.request("POST", CRDS, { body });
  else
    await rest.request("PUT", path, { body: { ...body, metadata: { ...body.metadata, resourceVersion } } });
  for (let waited = 0; waited < CRD_ESTABLISHED_MS; waited += 200) {
    const crd = await rest.request("GET", path);
    if (crd.status?.conditions?.some((c) => c.type === "Established" && c.status === "True"))
      return;
    await new Promise((resolve2) => setTimeout(resolve2, 200));
  }
  throw new Error(`CustomResourceDefinition ${body.metadata.name} was not established within 30 s`);
}

// dist/kube/connect.js
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { homedir } from "node:os";

// dist/kube/exec-credential.js
function parseExecCredential(stdout, plugin) {
  const fail = (what) => new ClusterStateError(`the exec credential plugin of ${plugin.source} (${plugin.command}) ${what}`);
  let doc;
  try {
    doc = JSON.parse(stdout);
  } catch {
    throw fail("did not print an ExecCredential as JSON");
  }
  if (doc?.kind !== "ExecCredential")
    throw fail(`printed kind ${JSON.stringify(doc?.kind)}, not ExecCredential`);
  if (doc.apiVersion !== plugin.apiVersion) {
    throw fail(`printed apiVersion ${JSON.stringify(doc.apiVersion)}, not ${plugin.apiVersion} as configured`);
  }
  const status = doc.status ?? {};
  const text = (value, field) => {
    if (value === void 0 || value === null || value === "")
      return void 0;
    if (typeof value !== "string")
      throw fail(`printed a status.${field} that is not a string`);
    return value;
  };
  const credential = {
    token: text(status.token, "token"),
    clientCertificate: text(status.clientCertificateData, "clientCertificateData"),
    clientKey: text(status.clientKeyData, "clientKeyData")
  };
  if (!credential.clientCertificate !== !credential.clientKey) {
    throw fail("printed only one of status.clientCertificateData and status.clientKeyData");
  }
  if (!credential.token && !(credential.clientCertificate && credential.clientKey)) {
    throw fail("printed neither status.token nor status.clientCertificateData with status.clientKeyData");
  }
  const expiry = text(status.expirationTimestamp, "expirationTimestamp");
  if (expiry !== void 0) {
    const at = Date.parse(expiry);
    if (Number.isNaN(at))
      throw fail(`printed a status.expirationTimestamp that is not a time: ${expiry}`);
    credential.expiresAt = at;
  }
  return credential;
}
function execInfo(plugin, cluster) {
  const spec = { interactive: false };
  if (plugin.provideClusterInfo) {
    spec.cluster = {
      server: cluster.server,
      "tls-server-name": cluster.tlsServerName,
      "insecure-skip-tls-verify": cluster.insecureSkipTlsVerify,
      "certificate-authority-data": cluster.caPem && Buffer.from(cluster.caPem).toString("base64")
    };
  }
  return JSON.stringify({ apiVersion: plugin.apiVersion, kind: "ExecCredential", spec });
}
function execCredentials(plugin, env, info, run, now = Date.now) {
  let current;
  let credential;
  return (renew = false) => {
    const expired = credential?.expiresAt !== void 0 && credential.expiresAt <= now();
    if (!current || renew || expired) {
      credential = void 0;
      current = runPlugin(plugin, env, info, run).then((c) => {
        credential = c;
        return c;
      });
      current.catch(() => {
        current = void 0;
      });
    }
    return current;
  };
}
async function runPlugin(plugin, env, info, run) {
  const pluginEnv = { ...env, KUBERNETES_EXEC_INFO: info };
  for (const { name, value } of plugin.env)
    pluginEnv[name] = value;
  const result = await run(plugin.command, plugin.args, pluginEnv);
  if (result.error || result.code !== 0) {
    const reason = result.error ? result.error.message : `exited with ${result.code}: ${result.stderr.trim().split("\n")[0] || "no message"}`;
    throw new ClusterStateError(`the exec credential plugin of ${plugin.source} (${plugin.command}) failed: ${reason.slice(0, 500)}`, { hint: plugin.installHint });
  }
  return parseExecCredential(result.stdout, plugin);
}

// dist/kube/kubeconfig.js
import { delimiter, dirname, isAbsolute, join, resolve, sep } from "node:path";
function kubeconfigPaths(explicit, env, home) {
  if (explicit)
    return { paths: [explicit], described: explicit };
  const list = (env.KUBECONFIG ?? "").split(delimiter).filter((p) => p !== "");
  if (list.length > 0)
    return { paths: list, described: `KUBECONFIG=${env.KUBECONFIG}` };
  return { paths: [join(home, ".kube", "config")], described: "~/.kube/config" };
}
function resolveKubeconfig(files, kubeContext, described) {
  const merged = mergeKubeconfigs(files);
  const name = kubeContext ?? merged.currentContext?.name;
  if (!name) {
    throw new ClusterStateError(`the kubeconfig (${described}) sets no current-context`, {
      hint: "set kubeContext on the environment, or run kubectl config use-context"
    });
  }
  const context = merged.contexts.get(name);
  if (!context) {
    const where = kubeContext ? described : `${merged.currentContext.file}: current-context`;
    throw new ClusterStateError(`kube context "${name}" is not in the kubeconfig (${where})`, {
      hint: `known contexts: ${[...merged.contexts.keys()].join(", ") || "none"}`
    });
  }
  const at = `${context.file}: context "${name}"`;
  const clusterName = str(context.entry.cluster, `${at} field cluster`);
  const cluster = merged.clusters.get(clusterName ?? "");
  if (!cluster)
    throw missing(`${at} field cluster`, `cluster "${clusterName ?? ""}"`, merged.clusters);
  const userName = str(context.entry.user, `${at} field user`);
  const user = userName ? merged.users.get(userName) : void 0;
  if (userName && !user)
    throw missing(`${at} field user`, `user "${userName}"`, merged.users);
  return {
    context: name,
    namespace: str(context.entry.namespace, `${at} field namespace`) || void 0,
    ...clusterPart(cluster, clusterName),
    ...user ? userPart(user, userName) : {}
  };
}
function mergeKubeconfigs(files) {
  const merged = { clusters: /* @__PURE__ */ new Map(), users: /* @__PURE__ */ new Map(), contexts: /* @__PURE__ */ new Map() };
  for (const { path, text } of files) {
    let doc;
    try {
      doc = load(text);
    } catch (error) {
      throw new ClusterStateError(`kubeconfig ${path} is not valid YAML: ${error.message}`, {
        cause: error
      });
    }
    if (doc === null || doc === void 0)
      continue;
    if (typeof doc !== "object" || Array.isArray(doc)) {
      throw new ClusterStateError(`kubeconfig ${path} is not a kubeconfig (a mapping with clusters, users, contexts)`);
    }
    const config = doc;
    const current = str(config["current-context"], `${path} field current-context`);
    if (current && !merged.currentContext)
      merged.currentContext = { name: current, file: path };
    addEntries(merged.clusters, config.clusters, "clusters", "cluster", path);
    addEntries(merged.users, config.users, "users", "user", path);
    addEntries(merged.contexts, config.contexts, "contexts", "context", path);
  }
  return merged;
}
function addEntries(into, list, field, inner, file) {
  if (list === void 0 || list === null)
    return;
  if (!Array.isArray(list))
    throw new ClusterStateError(`kubeconfig ${file}: field ${field} is not a list`);
  list.forEach((item, i) => {
    const named = item;
    if (typeof named?.name !== "string" || named.name === "") {
      throw new ClusterStateError(`kubeconfig ${file}: field ${field}[${i}].name is missing`);
    }
    const entry = named[inner] ?? {};
    if (typeof entry !== "object" || Array.isArray(entry)) {
      throw new ClusterStateError(`kubeconfig ${file}: field ${field}[${i}].${inner} is not a mapping`);
    }
    if (!into.has(named.name))
      into.set(named.name, { entry, file });
  });
}
function clusterPart({ entry, file }, name) {
  const at = `${file}: cluster "${name}" field`;
  const server = str(entry.server, `${at} server`);
  if (!server)
    throw new ClusterStateError(`kubeconfig ${at} server is missing`);
  if (entry["proxy-url"] !== void 0) {
    throw new ClusterStateError(`kubeconfig ${at} proxy-url is not supported`, {
      hint: "reach the API server directly (or through a tunnel named in server)"
    });
  }
  const ca = material(entry, "certificate-authority", file, at);
  const insecureSkipTlsVerify = entry["insecure-skip-tls-verify"] === true;
  if (insecureSkipTlsVerify && ca) {
    throw new ClusterStateError(`kubeconfig ${at} insecure-skip-tls-verify: a certificate authority and insecure-skip-tls-verify are both set`, { hint: "remove one of them (kubectl refuses this too)" });
  }
  return {
    server,
    ca,
    insecureSkipTlsVerify,
    tlsServerName: str(entry["tls-server-name"], `${at} tls-server-name`) || void 0
  };
}
function userPart({ entry, file }, name) {
  const at = `${file}: user "${name}" field`;
  if (entry["auth-provider"] !== void 0) {
    throw new ClusterStateError(`kubeconfig ${at} auth-provider is not supported`, {
      hint: "auth-provider is deprecated in kubectl too: use an exec credential plugin (user.exec), e.g. kubelogin or gke-gcloud-auth-plugin"
    });
  }
  for (const key of ["as", "as-uid", "as-groups", "as-user-extra"]) {
    if (entry[key] !== void 0)
      throw new ClusterStateError(`kubeconfig ${at} ${key}: impersonation is not supported`);
  }
  const username = str(entry.username, `${at} username`);
  const password = str(entry.password, `${at} password`);
  const tokenFile = str(entry.tokenFile, `${at} tokenFile`);
  return {
    clientCertificate: material(entry, "client-certificate", file, at),
    clientKey: material(entry, "client-key", file, at),
    token: str(entry.token, `${at} token`) || void 0,
    tokenFile: tokenFile ? resolve(dirname(file), tokenFile) : void 0,
    basic: username ? { username, password: password ?? "" } : void 0,
    exec: entry.exec === void 0 ? void 0 : execPlugin(entry.exec, file, `${file}: user "${name}"`)
  };
}
function execPlugin(raw, file, source) {
  const exec = raw ?? {};
  const at = `${source} field exec`;
  const command = str(exec.command, `${at}.command`);
  if (!command)
    throw new ClusterStateError(`kubeconfig ${at}.command is missing`);
  const apiVersion = str(exec.apiVersion, `${at}.apiVersion`) ?? "";
  if (!EXEC_API_VERSIONS.includes(apiVersion)) {
    throw new ClusterStateError(`kubeconfig ${at}.apiVersion "${apiVersion}" is not supported`, {
      hint: `use ${EXEC_API_VERSIONS.join(" or ")}`
    });
  }
  if (exec.interactiveMode === "Always") {
    throw new ClusterStateError(`kubeconfig ${at}.interactiveMode Always: the plugin needs a terminal`, {
      hint: "releases runs exec plugins without one: log in first (the plugin then finds its cached credential), or use IfAvailable/Never"
    });
  }
  const args = exec.args ?? [];
  if (!Array.isArray(args) || args.some((a) => typeof a !== "string")) {
    throw new ClusterStateError(`kubeconfig ${at}.args is not a list of strings`);
  }
  const env = exec.env ?? [];
  if (!Array.isArray(env) || env.some((e) => typeof e?.name !== "string" || typeof e.value !== "string")) {
    throw new ClusterStateError(`kubeconfig ${at}.env is not a list of {name, value} strings`);
  }
  return {
    apiVersion,
    // As kubectl: a command with a path separator is relative to the kubeconfig; a bare name is looked up on PATH.
    command: command.includes(sep) && !isAbsolute(command) ? resolve(dirname(file), command) : command,
    args,
    env,
    provideClusterInfo: exec.provideClusterInfo === true,
    installHint: str(exec.installHint, `${at}.installHint`) || void 0,
    source
  };
}
var EXEC_API_VERSIONS = ["client.authentication.k8s.io/v1", "client.authentication.k8s.io/v1beta1"];
function material(entry, key, file, at) {
  const data = str(entry[`${key}-data`], `${at} ${key}-data`);
  if (data)
    return { pem: Buffer.from(data, "base64").toString("utf8") };
  const path = str(entry[key], `${at} ${key}`);
  return path ? { file: resolve(dirname(file), path) } : void 0;
}
function str(value, field) {
  if (value === void 0 || value === null)
    return void 0;
  if (typeof value !== "string")
    throw new ClusterStateError(`kubeconfig ${field} is not a string`);
  return value;
}
function missing(field, what, known) {
  return new ClusterStateError(`kubeconfig ${field}: ${what} is not in the kubeconfig`, {
    hint: `known: ${[...known.keys()].join(", ") || "none"}`
  });
}

// dist/kube/connect.js
var nodeKubeDeps = {
  readFile: (path) => readFile(path, "utf8").catch((error) => {
    if (error.code === "ENOENT")
      return void 0;
    throw error;
  }),
  get home() {
    return homedir();
  },
  runPlugin: (command, args, env) => new Promise((resolve2) => {
    const child = execFile(command, args, { env, timeout: 6e4, maxBuffer: 4 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? typeof error.code === "number" ? error.code : null : 0;
      resolve2({ code, stdout, stderr, error: error && code === null ? error : void 0 });
    });
    child.stdin?.end();
  }),
  now: Date.now
};
var SERVICE_ACCOUNT = "/var/run/secrets/kubernetes.io/serviceaccount";
var TOKEN_FILE_TTL_MS = 6e4;
async function openConnection(ref, env, deps) {
  const connection = await loadConnection(ref, env, deps);
  const read = (material2, what) => readMaterial(material2, what, connection, deps);
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
      renewable: connection.exec !== void 0,
      credentials: credentialsOf(connection, { ca, cert, key }, env, deps)
    }
  };
}
async function loadConnection(ref, env, deps) {
  const { paths, described } = kubeconfigPaths(ref.kubeconfig, env, deps.home);
  const files = [];
  for (const path of paths) {
    const text = await deps.readFile(path).catch((error) => {
      throw new ClusterStateError(`cannot read the kubeconfig ${path}: ${error.message}`, { cause: error });
    });
    if (text !== void 0)
      files.push({ path, text });
  }
  if (files.length === 0) {
    if (!ref.kubeconfig && !env.KUBECONFIG && env.KUBERNETES_SERVICE_HOST)
      return inCluster(env, deps);
    throw new ClusterStateError(`no kubeconfig found (${described})`, {
      hint: "point KUBECONFIG at a valid kubeconfig (the demo's: scripts/cluster kubeconfig)"
    });
  }
  return resolveKubeconfig(files, ref.kubeContext, described);
}
async function inCluster(env, deps) {
  const host = env.KUBERNETES_SERVICE_HOST;
  const port = env.KUBERNETES_SERVICE_PORT ?? "443";
  const namespace = (await deps.readFile(`${SERVICE_ACCOUNT}/namespace`))?.trim();
  return {
    context: "in-cluster",
    namespace: namespace || void 0,
    server: `https://${host.includes(":") ? `[${host}]` : host}:${port}`,
    ca: { file: `${SERVICE_ACCOUNT}/ca.crt` },
    insecureSkipTlsVerify: false,
    tokenFile: `${SERVICE_ACCOUNT}/token`
  };
}
async function readMaterial(material2, what, connection, deps) {
  if (!material2)
    return void 0;
  if ("pem" in material2)
    return material2.pem;
  const text = await deps.readFile(material2.file).catch((error) => error.message);
  if (text === void 0 || !text.includes("-----BEGIN")) {
    throw new ClusterStateError(`cannot read the ${what} file ${material2.file} of kube context "${connection.context}"${text === void 0 ? ": it does not exist" : text.includes("-----BEGIN") ? "" : ": not a PEM file"}`);
  }
  return text;
}
function credentialsOf(connection, tls, env, deps) {
  const certificate = { cert: tls.cert, key: tls.key };
  if (connection.exec) {
    const info = execInfo(connection.exec, { ...connection, caPem: tls.ca });
    const credential = execCredentials(connection.exec, env, info, deps.runPlugin, deps.now);
    return async (renew) => {
      const c = await credential(renew);
      return {
        authorization: c.token ? `Bearer ${c.token}` : void 0,
        cert: c.clientCertificate ?? certificate.cert,
        key: c.clientKey ?? certificate.key
      };
    };
  }
  if (connection.tokenFile) {
    const file = connection.tokenFile;
    let token;
    return async () => {
      if (!token || deps.now() - token.readAt > TOKEN_FILE_TTL_MS) {
        const value = (await deps.readFile(file).catch(() => void 0))?.trim();
        if (!value) {
          throw new ClusterStateError(`cannot read the tokenFile ${file} of kube context "${connection.context}"`);
        }
        token = { value, readAt: deps.now() };
      }
      return { ...certificate, authorization: `Bearer ${token.value}` };
    };
  }
  const authorization = connection.token ? `Bearer ${connection.token}` : connection.basic ? `Basic ${Buffer.from(`${connection.basic.username}:${connection.basic.password}`).toString("base64")}` : void 0;
  return async () => ({ ...certificate, authorization });
}

// dist/kube/cluster.js
async function connectCluster(ref, env, deps = nodeKubeDeps) {
  const { connection, target } = await openConnection(ref, env, deps);
  const api = clusterApi(createRest(target), connection.namespace);
  let scopedAccount = false;
  return {
    ...api,
    context: connection.context,
    namespace: connection.namespace,
    listHelmSecretsEverywhere: async (labelSelector) => {
      if (scopedAccount)
        return void 0;
      try {
        return await api.listHelmSecretsEverywhere(labelSelector);
      } catch (error) {
        if (error.code !== 403)
          throw error;
        scopedAccount = true;
        return void 0;
      }
    }
  };
}
async function readDeployedReleases(cluster, releases, options = {}) {
  const names = /* @__PURE__ */ new Map();
  const idOf = /* @__PURE__ */ new Map();
  for (const { id, namespace, name } of releases) {
    if (!names.has(namespace))
      names.set(namespace, /* @__PURE__ */ new Set());
    names.get(namespace).add(name);
    idOf.set(`${namespace}/${name}`, id);
  }
  if (names.size > 1 && cluster.listHelmSecretsEverywhere) {
    const all = new Set([...names.values()].flatMap((inNamespace) => [...inNamespace]));
    const secrets = await cluster.listHelmSecretsEverywhere(`owner=helm,name in (${[...all].join(",")})`).catch((error) => {
      throw readError(error, "any namespace", cluster);
    });
    if (secrets)
      return deployedOf(secrets, idOf, options);
  }
  const lists = await Promise.all([...names].map(([namespace, inNamespace]) => cluster.listHelmSecrets(namespace, `owner=helm,name in (${[...inNamespace].join(",")})`).catch((error) => {
    throw readError(error, `namespace ${namespace}`, cluster);
  })));
  return deployedOf(lists.flat(), idOf, options);
}
function deployedOf(secrets, idOf, options) {
  const out = /* @__PURE__ */ new Map();
  for (const [stored, secret] of latestRevisions(secrets)) {
    const id = idOf.get(stored);
    if (id !== void 0)
      out.set(id, { ...toDeployedRelease(secret, options.decode ?? false), id });
  }
  return out;
}
function readError(error, where, cluster) {
  const denied = error.code === 403;
  return new ClusterStateError(`cannot read helm releases in ${where} (${cluster.context}): ${denied ? "forbidden: the account may not list Secrets there" : firstLine(error)}`, {
    cause: error,
    hint: denied ? "grant the account list on Secrets in that namespace, or leave its releases out (-l)" : "check KUBECONFIG and that the API server is reachable"
  });
}
function firstLine(error) {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0];
}
export {
  KubeApiError,
  connectCluster,
  readDeployedReleases
};
