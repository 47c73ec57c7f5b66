import {
  HelmError
} from "./chunk-XLEZOOEL.js";

// dist/helm/client.js
import { spawn } from "node:child_process";
var RENDER_GOMAXPROCS = 1;
var HelmClient = class {
  binary;
  major;
  /** What `helm version --short` printed, without `+g<commit>`; undefined when not asked. */
  version;
  #env;
  #redactor;
  #onCall;
  #calls = 0;
  constructor(options) {
    this.binary = options.binary;
    this.major = options.major;
    this.version = options.version;
    this.#env = { ...options.env, HELM_NO_PLUGINS: "1" };
    this.#redactor = options.redactor;
    this.#onCall = options.onCall;
  }
  /** How many helm processes this client has started. */
  get calls() {
    return this.#calls;
  }
  async run(args, options = {}) {
    const started = Date.now();
    this.#calls++;
    const env = helmEnv(this.#env, options);
    const result = await spawnHelm(this.binary, args, env, options);
    const redacted = {
      stdout: result.stdout,
      stderr: this.#redactor.redact(result.stderr),
      code: result.code
    };
    this.#onCall?.({ args, code: result.code, durationMs: Date.now() - started });
    if (result.code !== 0 && !options.allowFailure)
      throw this.failure(args, result.code, result.stderr);
    return redacted;
  }
  /** The error for a helm call that failed with `stderr` (also a batch render's error, as helm would print it). */
  failure(args, code, stderr) {
    const redacted = this.#redactor.redact(stderr);
    return new HelmError(`helm ${args[0]} failed: ${lastLine(redacted) || `exit code ${code}`}`, args.map((a) => this.#redactor.redact(a)), code, redacted);
  }
};
function helmEnv(base, options) {
  const procs = options.goMaxProcs !== void 0 && base.GOMAXPROCS === void 0 ? { GOMAXPROCS: String(options.goMaxProcs) } : void 0;
  if (!procs && !options.env)
    return base;
  return { ...base, ...procs, ...options.env };
}
function lastLine(text) {
  const lines = text.trim().split("\n");
  const at = lines.findLastIndex((l) => l.startsWith("Error:"));
  const line = (at < 0 ? lines.at(-1) ?? "" : lines[at]).trim();
  const next = lines[at + 1]?.trim();
  return at >= 0 && line.endsWith(":") && next ? `${line} ${next}` : line;
}
function spawnHelm(binary, args, env, options) {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { env, stdio: ["pipe", "pipe", "pipe"], detached: true });
    const stdout = [];
    const stderr = [];
    child.stdout.on("data", (chunk) => stdout.push(chunk));
    child.stderr.on("data", (chunk) => stderr.push(chunk));
    const onAbort = () => child.kill("SIGTERM");
    const onKill = () => child.kill("SIGKILL");
    if (options.signal?.aborted)
      onAbort();
    if (options.kill?.aborted)
      onKill();
    options.signal?.addEventListener("abort", onAbort, { once: true });
    options.kill?.addEventListener("abort", onKill, { once: true });
    const done = () => {
      options.signal?.removeEventListener("abort", onAbort);
      options.kill?.removeEventListener("abort", onKill);
    };
    child.on("error", (error) => {
      done();
      reject(error);
    });
    child.on("close", (code) => {
      done();
      resolve({ stdout: Buffer.concat(stdout).toString(), stderr: Buffer.concat(stderr).toString(), code });
    });
    child.stdin.on("error", () => {
    });
    child.stdin.end(options.stdin ?? "");
  });
}
async function detectHelm(binary, env) {
  const { stdout, code } = await spawnHelm(binary, ["version", "--short"], { ...env }, {});
  const match = /^v(\d+)\./.exec(stdout.trim());
  if (code !== 0 || !match)
    throw new Error(`could not tell the version of ${binary}: ${stdout.trim()}`);
  const major = Number(match[1]);
  if (major !== 3 && major !== 4)
    throw new Error(`${binary} is helm v${major}; releases supports helm 3 and 4`);
  return { major, version: stdout.trim().split("+")[0] };
}

export {
  RENDER_GOMAXPROCS,
  HelmClient,
  spawnHelm,
  detectHelm
};
