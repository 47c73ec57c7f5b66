// The only code that spawns helm. Values go in through stdin; output is
// captured; every message that leaves carries redacted arguments and stderr.
// stdout is returned unredacted: it is data (a dry run's manifest must compare
// equal to the deployed one), and callers print it through a redacting stream.
import { spawn } from "node:child_process";
import { HelmError } from "../errors.js";
import type { Redactor } from "../secrets/redactor.js";
import type { HelmMajor } from "./args.js";

export interface HelmResult {
  stdout: string;
  stderr: string;
  code: number | null;
}

export interface HelmRunOptions {
  /** Written to helm's stdin (values documents, passwords), then closed. */
  stdin?: string;
  /** Aborting sends SIGTERM: helm marks the release failed and, when atomic, rolls it back. We wait for it. */
  signal?: AbortSignal;
  /** Aborting sends SIGKILL: for a helm process that outlived its grace period after `signal`. */
  kill?: AbortSignal;
  /** A failure is returned instead of thrown. */
  allowFailure?: boolean;
  /** Added to helm's environment for this call (e.g. HELM_PLUGINS for a post-renderer plugin). */
  env?: Readonly<Record<string, string>>;
  /**
   * GOMAXPROCS for this helm process, unless the environment already sets one. A render needs one
   * core, and a Go runtime with fewer processors starts fewer threads: 100 `helm template` or
   * `helm lint` runs measured about 4% less CPU with 1 (docs/benchmarks.md, "Beside helmfile").
   */
  goMaxProcs?: number;
}

/** GOMAXPROCS for helm processes that only render locally (template, lint); see HelmRunOptions. */
export const RENDER_GOMAXPROCS = 1;

export interface HelmEvent {
  args: readonly string[];
  code: number | null;
  durationMs: number;
}

export class HelmClient {
  readonly binary: string;
  readonly major: HelmMajor;
  /** What `helm version --short` printed, without `+g<commit>`; undefined when not asked. */
  readonly version?: string;
  readonly #env: NodeJS.ProcessEnv;
  readonly #redactor: Redactor;
  readonly #onCall?: (event: HelmEvent) => void;
  #calls = 0;

  constructor(options: {
    binary: string;
    major: HelmMajor;
    version?: string;
    env: Readonly<Record<string, string | undefined>>;
    redactor: Redactor;
    onCall?: (event: HelmEvent) => void;
  }) {
    this.binary = options.binary;
    this.major = options.major;
    this.version = options.version;
    this.#env = { ...options.env, HELM_NO_PLUGINS: "1" };
    this.#redactor = options.redactor;
    this.#onCall = options.onCall;
  }

  /** How many helm processes this client has started. */
  get calls(): number {
    return this.#calls;
  }

  async run(args: readonly string[], options: HelmRunOptions = {}): Promise<HelmResult> {
    const started = Date.now();
    this.#calls++;
    const env = helmEnv(this.#env, options);
    const result = await spawnHelm(this.binary, args, env, options);
    // stdout is data (JSON, manifests) for the caller to parse, so it stays as
    // helm wrote it; whatever reaches the user goes through the CLI's redacting
    // streams. stderr is only ever shown, so it is redacted here already.
    const redacted = {
      stdout: result.stdout,
      stderr: this.#redactor.redact(result.stderr),
      code: result.code,
    };
    this.#onCall?.({ args, code: result.code, durationMs: Date.now() - started });
    if (result.code !== 0 && !options.allowFailure) throw this.failure(args, result.code, result.stderr);
    return redacted;
  }

  /** The error for a helm call that failed with `stderr` (also a batch render's error, as helm would print it). */
  failure(args: readonly string[], code: number | null, stderr: string): HelmError {
    const redacted = this.#redactor.redact(stderr);
    return new HelmError(
      `helm ${args[0]} failed: ${lastLine(redacted) || `exit code ${code}`}`,
      args.map((a) => this.#redactor.redact(a)),
      code,
      redacted,
    );
  }
}

/** The client's environment with this call's additions (none: the same object, not a copy). */
export function helmEnv(base: NodeJS.ProcessEnv, options: HelmRunOptions): NodeJS.ProcessEnv {
  const procs =
    options.goMaxProcs !== undefined && base.GOMAXPROCS === undefined
      ? { GOMAXPROCS: String(options.goMaxProcs) }
      : undefined;
  if (!procs && !options.env) return base;
  return { ...base, ...procs, ...options.env };
}

function lastLine(text: string): string {
  const lines = text.trim().split("\n");
  const at = lines.findLastIndex((l) => l.startsWith("Error:"));
  const line = (at < 0 ? (lines.at(-1) ?? "") : lines[at]!).trim();
  // A post-renderer's own message comes on the line after "…error output:".
  const next = lines[at + 1]?.trim();
  return at >= 0 && line.endsWith(":") && next ? `${line} ${next}` : line;
}

/** Runs a helm process (or releases-render, which links helm) with `options.stdin`, capturing its output. */
export function spawnHelm(
  binary: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  options: HelmRunOptions,
): Promise<HelmResult> {
  return new Promise((resolve, reject) => {
    // Its own process group: a terminal's Ctrl-C goes to the whole foreground group, and helm
    // would abort (and roll back) at the first one. Only our interrupt handling stops helm.
    const child = spawn(binary, args, { env, stdio: ["pipe", "pipe", "pipe"], detached: true });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    const onAbort = () => child.kill("SIGTERM");
    const onKill = () => child.kill("SIGKILL");
    if (options.signal?.aborted) onAbort();
    if (options.kill?.aborted) onKill();
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
    child.stdin.on("error", () => {}); // helm may exit before reading stdin; the exit code tells
    child.stdin.end(options.stdin ?? "");
  });
}

/** `helm version --short` → 3 or 4. */
export async function detectHelmMajor(
  binary: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<HelmMajor> {
  return (await detectHelm(binary, env)).major;
}

/** `helm version --short` → its major (3 or 4) and the version it prints (`v3.21.4`, without `+g<commit>`). */
export async function detectHelm(
  binary: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<{ major: HelmMajor; version: string }> {
  const { stdout, code } = await spawnHelm(binary, ["version", "--short"], { ...env }, {});
  const match = /^v(\d+)\./.exec(stdout.trim());
  if (code !== 0 || !match) throw new Error(`could not tell the version of ${binary}: ${stdout.trim()}`);
  const major = Number(match[1]);
  if (major !== 3 && major !== 4)
    throw new Error(`${binary} is helm v${major}; releases supports helm 3 and 4`);
  return { major, version: stdout.trim().split("+")[0]! };
}
