import {
  HelmClient,
  detectHelm
} from "./chunk-WU4WVU3X.js";
import {
  Command,
  CommanderError,
  addGlobalOptions,
  clusterKey
} from "./chunk-TJWVONZY.js";
import {
  ConfigProblems
} from "./chunk-44P4TXDY.js";
import {
  createTemplates
} from "./chunk-PZX4K3WG.js";
import "./chunk-EOAQSOO2.js";
import {
  releaseTarget
} from "./chunk-UHBPNIYZ.js";
import "./chunk-EZPMLSU3.js";
import {
  readTextFileAs
} from "./chunk-DE4Q4URJ.js";
import {
  ExitCode,
  ExitStatus,
  ReleasesError,
  SecretError,
  UsageError,
  relativeToCwd
} from "./chunk-XLEZOOEL.js";
import "./chunk-4VNS5WPM.js";

// dist/secrets/redactor.js
var REDACTED = "<redacted>";
var MIN_TEXT_LENGTH = 4;
var TOKEN_CHAR = /^[\p{L}\p{N}_./#-]$/u;
var ASCII_TOKEN = new Uint8Array(128).map((_, c) => TOKEN_CHAR.test(String.fromCharCode(c)) ? 1 : 0);
function isTokenChar(text, i) {
  const c = text.charCodeAt(i);
  return c < 128 ? ASCII_TOKEN[c] === 1 : TOKEN_CHAR.test(text[i]);
}
var KEY_SUFFIX = /\\?["']\s*:|:(?:\s|$)/y;
var Redactor = class {
  /** Every form of every secret: exact matches in value trees. */
  #values = /* @__PURE__ */ new Set();
  /** The forms long enough to hide in free text. */
  #textForms = /* @__PURE__ */ new Set();
  /** Text forms by their first four characters, longest first: built on the first redact after a register. */
  #index;
  /**
   * Register one secret value. Strings and numbers are secrets; booleans and
   * null are not (registering `true` would hide every `true` in a manifest).
   */
  register(value) {
    if (typeof value !== "string" && typeof value !== "number" && typeof value !== "bigint")
      return;
    const text = String(value);
    if (text === "" || this.#values.has(text))
      return;
    for (const form of formsOf(text)) {
      this.#values.add(form);
      if (form.length >= MIN_TEXT_LENGTH)
        this.#textForms.add(form);
    }
    this.#index = void 0;
  }
  /** Register every leaf of a tree: for trees that are secret as a whole, such as a Vault secret's data. */
  registerTree(tree) {
    walkLeaves(tree, (leaf) => this.register(leaf));
  }
  get size() {
    return this.#values.size;
  }
  has(value) {
    return value !== null && value !== void 0 && this.#values.has(String(value));
  }
  /**
   * `text` with every secret that stands as a whole token replaced: one pass
   * over the token starts, each looked up by its first characters, so the
   * cost grows with the text, not with the number of secrets.
   */
  redact(text) {
    const index = this.#compile();
    if (index.size === 0)
      return text;
    let out = "";
    let copied = 0;
    for (let i = 0; i <= text.length - MIN_TEXT_LENGTH; i++) {
      if (i > 0 && isTokenChar(text, i - 1))
        continue;
      const candidates = index.get(pairAt(text, i))?.get(pairAt(text, i + 2));
      const match = candidates?.find((c) => text.startsWith(c, i) && standsAlone(text, i + c.length));
      if (match === void 0)
        continue;
      out += text.slice(copied, i) + REDACTED;
      copied = i + match.length;
      i = copied - 1;
    }
    return copied === 0 ? text : out + text.slice(copied);
  }
  /** A copy of `tree` with every leaf equal to a secret replaced by `<redacted>`; keys are kept. */
  redactTree(tree) {
    return mapLeaves(tree, (leaf) => {
      if (typeof leaf === "string")
        return this.#values.has(leaf) ? REDACTED : this.redact(leaf);
      if (typeof leaf === "number" || typeof leaf === "bigint") {
        return this.#values.has(String(leaf)) ? REDACTED : leaf;
      }
      return leaf;
    });
  }
  #compile() {
    if (this.#index)
      return this.#index;
    const index = /* @__PURE__ */ new Map();
    for (const form of [...this.#textForms].sort((a, b) => b.length - a.length)) {
      const second = index.get(pairAt(form, 0)) ?? /* @__PURE__ */ new Map();
      index.set(pairAt(form, 0), second);
      const list = second.get(pairAt(form, 2));
      if (list)
        list.push(form);
      else
        second.set(pairAt(form, 2), [form]);
    }
    this.#index = index;
    return index;
  }
};
function pairAt(text, i) {
  return text.charCodeAt(i) * 65536 + text.charCodeAt(i + 1);
}
function standsAlone(text, end) {
  if (end < text.length && isTokenChar(text, end))
    return false;
  KEY_SUFFIX.lastIndex = end;
  return !KEY_SUFFIX.test(text);
}
function formsOf(text) {
  const forms = [text, Buffer.from(text).toString("base64")];
  const json = JSON.stringify(text).slice(1, -1);
  if (json !== text)
    forms.push(json);
  if (text.includes("'"))
    forms.push(text.replaceAll("'", "''"));
  if (text.includes("\n")) {
    for (const line of text.split(/\r?\n/))
      if (line.trim().length >= 8)
        forms.push(line.trim());
  }
  return forms;
}
function walkLeaves(tree, visit) {
  if (Array.isArray(tree))
    for (const item of tree)
      walkLeaves(item, visit);
  else if (tree !== null && typeof tree === "object")
    for (const v of Object.values(tree))
      walkLeaves(v, visit);
  else
    visit(tree);
}
function mapLeaves(tree, map) {
  if (Array.isArray(tree))
    return tree.map((item) => mapLeaves(item, map));
  if (tree !== null && typeof tree === "object") {
    return Object.fromEntries(Object.entries(tree).map(([k, v]) => [k, mapLeaves(v, map)]));
  }
  return map(tree);
}

// dist/cli/clusters.js
var ProjectClusters = class {
  #connect;
  #byId;
  /** The environment's cluster: where run records live. */
  home;
  constructor(project, connect) {
    this.#connect = connect;
    this.#byId = new Map(project.releases.map((r) => [r.id, r]));
    const { kubeContext, kubeconfig } = project.environment;
    this.home = { kubeContext, kubeconfig };
  }
  /** A release's cluster; a release the project no longer has is looked for by its id (else in the home cluster). */
  refOf(id) {
    const release = this.#byId.get(id);
    if (release)
      return { kubeContext: release.kubeContext, kubeconfig: release.kubeconfig };
    const parts = id.split("/");
    return parts.length > 2 ? { ...this.home, kubeContext: parts.slice(0, -2).join("/") } : this.home;
  }
  /** Where helm stores the release: its namespace and name. */
  storedOf(id) {
    const release = this.#byId.get(id);
    if (release)
      return { id, namespace: release.namespace, name: release.name };
    const parts = id.split("/");
    return { id, namespace: parts.at(-2) ?? "default", name: parts.at(-1) };
  }
  /** What helm is told about the release: name, namespace and cluster. */
  targetOf(id) {
    return releaseTarget({ ...this.storedOf(id), ...this.refOf(id) });
  }
  of(id) {
    return this.#connect(this.refOf(id));
  }
  homeCluster() {
    return this.#connect(this.home);
  }
  /** The clusters of `ids`, each once, in a stable order (locks are taken in it, so two runs never deadlock). */
  groups(ids) {
    const groups = /* @__PURE__ */ new Map();
    for (const id of ids) {
      const ref = this.refOf(id);
      const key = clusterKey(ref);
      const group = groups.get(key) ?? { ref, ids: [] };
      group.ids.push(id);
      groups.set(key, group);
    }
    return [...groups].sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0).map(([, group]) => group);
  }
  /** The latest revision of each of `ids`: one list call per cluster and namespace. */
  async read(ids, options = {}) {
    const { readDeployedReleases } = await import("./cluster-KAL6HGT6.js");
    const parts = await Promise.all(this.groups(ids).map(async (group) => readDeployedReleases(await this.#connect(group.ref), group.ids.map((id) => this.storedOf(id)), options)));
    return new Map(parts.flatMap((part) => [...part]));
  }
};

// dist/cli/secret-sources.js
var nodeSecretDeps = {
  // Only a regular, UTF-8, not huge file: a device or FIFO is refused, never read.
  readFile: (path) => readTextFileAs(path, SecretError),
  loadIdentities: async (env) => (await import("./age-keys-SOXM4BQC.js")).loadAgeIdentities(env),
  decrypt: async (text, file, keys) => (await import("./decrypt-XE3FKSOB.js")).decryptSops(text, file, keys),
  vault: (env) => {
    const client = import("./client-BANEMC3J.js").then(({ VaultClient }) => VaultClient.fromEnv(env));
    return { resolve: async (uses) => (await client).resolve(uses) };
  }
};
function createSecretSources(env, deps = nodeSecretDeps) {
  let identities;
  let vault;
  return {
    sops: {
      async read(path) {
        let text;
        try {
          text = await deps.readFile(path);
        } catch (error) {
          if (error instanceof ReleasesError)
            throw error;
          const code = error.code ?? "error";
          throw new SecretError(`cannot read SOPS file (${code})`, {
            location: { file: path },
            cause: error
          });
        }
        identities ??= deps.loadIdentities(env);
        return deps.decrypt(text, path, await identities);
      }
    },
    vault: () => {
      vault ??= deps.vault(env);
      return vault;
    },
    variable: (name) => env[name]
  };
}

// dist/cli/session.js
var Session = class {
  #io;
  #redactor;
  #debug;
  #clusters = /* @__PURE__ */ new Map();
  #helm = /* @__PURE__ */ new Map();
  #vault;
  #secrets;
  #templates;
  constructor(io, redactor, debug) {
    this.#io = io;
    this.#redactor = redactor;
    this.#debug = debug;
  }
  /** The cluster of `ref` (the kubeconfig's current context when it names none), connected once. */
  cluster(ref) {
    const key = clusterKey(ref);
    let cluster = this.#clusters.get(key);
    if (!cluster) {
      cluster = import("./cluster-KAL6HGT6.js").then(({ connectCluster }) => connectCluster(ref, this.#io.env));
      this.#clusters.set(key, cluster);
    }
    return cluster;
  }
  /** The clusters of the project's releases, through this session's connections. */
  clustersOf(project) {
    return new ProjectClusters(project, (ref) => this.cluster(ref));
  }
  /** helm 3 or 4 (detected once): `binary`, else $RELEASES_HELM, else `helm` on PATH. */
  helm(binary) {
    const chosen = binary ?? this.#io.env.RELEASES_HELM ?? "helm";
    let helm = this.#helm.get(chosen);
    if (!helm) {
      helm = this.#createHelm(chosen);
      helm.catch(() => {
      });
      this.#helm.set(chosen, helm);
    }
    return helm;
  }
  /** The Vault client: one per command, so one login. */
  vault() {
    this.#vault ??= import("./client-BANEMC3J.js").then(({ VaultClient }) => VaultClient.fromEnv(this.#io.env));
    return this.#vault;
  }
  /** SOPS files (each decrypted once per command) and Vault, for rendering. */
  get secrets() {
    if (!this.#secrets) {
      const sources = createSecretSources(this.#io.env, {
        ...nodeSecretDeps,
        vault: () => ({ resolve: async (uses) => (await this.vault()).resolve(uses) })
      });
      const decrypted = /* @__PURE__ */ new Map();
      this.#secrets = {
        ...sources,
        sops: {
          read: (path) => {
            let values = decrypted.get(path);
            if (!values) {
              values = sources.sops.read(path);
              decrypted.set(path, values);
            }
            return values;
          }
        }
      };
    }
    return this.#secrets;
  }
  get templates() {
    this.#templates ??= createTemplates({ env: this.#io.env });
    return this.#templates;
  }
  async #createHelm(binary) {
    const io = this.#io;
    let detected;
    try {
      detected = await detectHelm(binary, io.env);
    } catch (error) {
      throw new UsageError(`cannot run helm (${binary}): ${error instanceof Error ? error.message : String(error)}`, { hint: "install helm 3 or 4, or pass --helm-binary / set RELEASES_HELM" });
    }
    const redactor = this.#redactor;
    return new HelmClient({
      binary,
      ...detected,
      env: io.env,
      redactor,
      onCall: this.#debug() ? (call) => io.stderr.write(redactor.redact(`[debug] ${binary} ${call.args.join(" ")} -> exit ${call.code} in ${call.durationMs} ms
`)) : void 0
    });
  }
};

// dist/cli/program.js
var commands = [
  { names: ["list"], load: async () => (await import("./list-EQ4X7FFW.js")).registerList },
  { names: ["graph"], load: async () => (await import("./graph-TBYAPWAB.js")).registerGraph },
  { names: ["values"], load: async () => (await import("./values-WJL6LWQO.js")).registerValues },
  { names: ["sync", "apply"], load: async () => (await import("./sync-P2U4NSCC.js")).registerSync },
  { names: ["diff"], load: async () => (await import("./diff-3KWQIDNP.js")).registerDiff },
  {
    names: ["template", "lint"],
    load: async () => (await import("./template-7S42TWOS.js")).registerTemplate
  },
  { names: ["deps"], load: async () => (await import("./deps-QTMIX5UP.js")).registerDeps },
  { names: ["test"], load: async () => (await import("./test-CWY3OIS5.js")).registerTest },
  { names: ["status"], load: async () => (await import("./status-HSAS5RKP.js")).registerStatus },
  { names: ["destroy"], load: async () => (await import("./destroy-OK3DMD5C.js")).registerDestroy },
  { names: ["rotate"], load: async () => (await import("./rotate-TUTEPZMW.js")).registerRotate },
  { names: ["rollback"], load: async () => (await import("./rollback-PFP6DAMR.js")).registerRollback },
  { names: ["history"], load: async () => (await import("./history-X5ILEKTS.js")).registerHistory },
  { names: ["secrets"], load: async () => (await import("./secrets-E2TB7IEI.js")).registerSecrets },
  { names: ["init"], load: async () => (await import("./init-SFYL5WM6.js")).registerInit },
  { names: ["import"], load: async () => (await import("./import-SLWWXRIU.js")).registerImport }
];
async function registrationsFor(argv) {
  const named = invokedCommand(argv);
  const chosen = commands.filter((c) => named === void 0 || c.names.includes(named));
  return Promise.all((chosen.length > 0 ? chosen : commands).map((c) => c.load()));
}
function invokedCommand(argv) {
  const probe = addGlobalOptions(new Command()).exitOverride().configureOutput({ writeOut: () => {
  }, writeErr: () => {
  } });
  try {
    return probe.parseOptions([...argv]).operands[0];
  } catch {
    return void 0;
  }
}
function buildProgram(ctx, registrations) {
  const program = new Command("releases");
  const globals = () => program.opts();
  const session = new Session(ctx.io, ctx.redactor, () => globals().debug);
  const context = { ...ctx, globals, session };
  addGlobalOptions(program).description("Deploy a stack of Helm releases: layered values, SOPS and Vault secrets, a needs graph run in parallel.").version(ctx.io.env.npm_package_version ?? "0.1.0", "--version").showSuggestionAfterError().configureOutput({
    writeOut: (s) => ctx.io.stdout.write(s),
    writeErr: (s) => ctx.io.stderr.write(s)
  }).exitOverride();
  for (const register of registrations)
    register(program, context);
  for (const command of program.commands)
    command.exitOverride();
  return program;
}
async function runCli(argv, rawIO) {
  const redactor = new Redactor();
  let stdoutUsed = false;
  const io = {
    ...rawIO,
    stdout: redacting(rawIO.stdout, redactor, () => {
      stdoutUsed = true;
    }),
    stderr: redacting(rawIO.stderr, redactor)
  };
  const program = buildProgram({ io, redactor }, await registrationsFor(argv));
  try {
    await program.parseAsync([...argv], { from: "user" });
    return ExitCode.ok;
  } catch (error) {
    let code = reportError(error, io, redactor);
    if (code === ExitCode.invalidInput && !(error instanceof ExitStatus) && argv.includes("--detailed-exitcode"))
      code = ExitCode.diffInvalidInput;
    if (code !== ExitCode.ok && !stdoutUsed && program.opts().output === "json") {
      io.stdout.write(`${JSON.stringify(errorJson(error, code, io.cwd), null, 2)}
`);
    }
    return code;
  }
}
function errorJson(error, exitCode, cwd) {
  const known = error instanceof ReleasesError && !(error instanceof ExitStatus);
  return {
    ok: false,
    exitCode,
    error: known ? {
      kind: error.name,
      message: error.message,
      location: error.location ? { ...error.location, file: relativeToCwd(error.location.file, cwd) } : null,
      hint: error.hint ?? null,
      ...problemsJson(error, cwd)
    } : {
      kind: error instanceof CommanderError ? "UsageError" : "InternalError",
      message: String(error?.message ?? error)
    }
  };
}
function problemsJson(error, cwd) {
  if (!(error instanceof ConfigProblems))
    return {};
  return {
    problems: error.problems.map((p) => ({
      kind: p.name,
      message: p.message,
      location: p.location ? { ...p.location, file: relativeToCwd(p.location.file, cwd) } : null,
      hint: p.hint ?? null
    }))
  };
}
function reportError(error, io, redactor) {
  if (error instanceof CommanderError) {
    if (error.code === "commander.helpDisplayed" || error.code === "commander.version")
      return ExitCode.ok;
    if (error.code === "commander.help")
      return ExitCode.ok;
    return ExitCode.invalidInput;
  }
  if (error instanceof ExitStatus)
    return error.exitCode;
  if (error instanceof ReleasesError) {
    io.stderr.write(`releases: ${redactor.redact(error.describe(io.cwd))}
`);
    return error.exitCode;
  }
  const detail = error instanceof Error ? error.stack ?? error.message : String(error);
  io.stderr.write(`releases: internal error (a bug, please report it):
${redactor.redact(detail)}
`);
  return ExitCode.internal;
}
function redacting(stream, redactor, onWrite) {
  const write = (chunk, ...rest) => {
    onWrite?.();
    const text = typeof chunk === "string" ? chunk : Buffer.isBuffer(chunk) ? chunk.toString("utf8") : chunk;
    return stream.write(typeof text === "string" ? redactor.redact(text) : text, ...rest);
  };
  return new Proxy(stream, {
    get(target, prop) {
      if (prop === "write")
        return write;
      const value = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    }
  });
}
export {
  buildProgram,
  redacting,
  runCli
};
