// The deploy e2e tests' view of the product and the cluster: a temp project
// (releases.yaml + values files) referencing the fixture charts, the built CLI
// run as a child process with a chosen helm binary, and what helm and the
// Kubernetes API say afterwards (history, storage Secrets, leases).
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { onTestFinished } from "vitest";
import { stringify } from "yaml";
import { HOLDERS_ANNOTATION, type LockHolder } from "../../../src/kube/lock-holders.js";
import type { SummaryJson } from "../../../src/report/summary.js";
import { fixtureCharts, repoRoot, run, tool } from "../../toolchain/tools.js";

export type HelmBinary = "helm" | "helm4";
export const HELM_BINARIES: readonly HelmBinary[] = ["helm", "helm4"];

export const pacedChart = path.join(fixtureCharts, "paced");
const cli = path.join(repoRoot, "dist", "cli", "main.js");

export function kubeconfig(): string {
  const file = process.env.KUBECONFIG;
  if (!file) throw new Error("KUBECONFIG unset: run through the e2e project (test/e2e/global-setup.ts)");
  return file;
}

/** A fresh lower-case suffix for namespaces and environment names. */
export function unique(): string {
  return randomBytes(3).toString("hex");
}

export interface ReleaseSpec {
  name: string;
  namespace: string;
  chart?: string;
  needs?: string[];
  labels?: Record<string, string>;
  values?: (string | Record<string, unknown>)[];
  timeout?: string | number;
  tests?: boolean;
  [key: string]: unknown;
}

/** A project on disk: one environment of its own (so its deploy lock is its own too). */
export class Project {
  readonly dir: string;
  readonly environment: string;
  readonly helm: HelmBinary;
  #releases: ReleaseSpec[];

  constructor(helm: HelmBinary, releases: ReleaseSpec[], files: Record<string, unknown> = {}) {
    this.helm = helm;
    this.environment = `e2e-${unique()}`;
    this.dir = mkdtempSync(path.join(tmpdir(), "releases-deploy-"));
    this.#releases = releases;
    for (const [file, content] of Object.entries(files)) this.writeFile(file, content);
    this.#writeProject();
  }

  /** Every namespace the project's releases live in. */
  get namespaces(): string[] {
    return [...new Set(this.#releases.map((r) => r.namespace))];
  }

  /** Replaces releases.yaml's release list (e.g. to change one value). */
  setReleases(releases: ReleaseSpec[]): void {
    this.#releases = releases;
    this.#writeProject();
  }

  writeFile(file: string, content: unknown): void {
    const target = path.join(this.dir, file);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, typeof content === "string" ? content : stringify(content));
  }

  #writeProject(): void {
    this.writeFile("releases.yaml", {
      environments: { [this.environment]: null },
      defaults: { createNamespace: true, atomic: true, wait: true, timeout: "60s" },
      releases: this.#releases.map((r) => ({ chart: pacedChart, ...r })),
    });
  }

  /** `releases <args> -e <env> -o json --helm-binary <helm>`, to completion. */
  async releases(args: string[], options: StartOptions = {}): Promise<CliResult> {
    return this.start(args, options).done;
  }

  /** Starts the CLI; `done` resolves when it exits. */
  start(args: string[], options: StartOptions = {}): RunningCli {
    const output = options.output === "text" ? [] : ["-o", "json"];
    return startCli(
      [...args, "-e", this.environment, ...output, "--helm-binary", tool(this.helm)],
      this.dir,
      options,
    );
  }

  /** Uninstalls everything (`releases destroy --yes`), deletes the namespaces and the temp dir. */
  async cleanUp(): Promise<void> {
    await this.releases(["destroy", "--yes"]);
    await kubectl(["delete", "namespace", ...this.namespaces, "--wait=false", "--ignore-not-found"]);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The built CLI with exactly `args`, run in `cwd`, to completion. */
export function releasesCli(args: string[], cwd: string, options: StartOptions = {}): Promise<CliResult> {
  return startCli(args, cwd, options).done;
}

/** Starts the built CLI with exactly `args` in `cwd`; `done` resolves when it exits. */
export function startCli(args: string[], cwd: string, options: StartOptions = {}): RunningCli {
  const child = spawn(process.execPath, [cli, ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: "1", ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: options.processGroup ?? false,
  });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr!.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const started = Date.now();
  const done = new Promise<CliResult>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => {
      resolve(toResult(code ?? (signal ? 128 : -1), stdout, stderr, Date.now() - started));
    });
  });
  return { child, done, stderr: () => stderr };
}

export interface StartOptions {
  env?: NodeJS.ProcessEnv;
  /** `Project` passes `-o json` unless this is "text" (what a person at a terminal reads). */
  output?: "json" | "text";
  /**
   * Run the CLI as the leader of its own process group, as a shell runs a
   * foreground job: `process.kill(-pid, "SIGINT")` then reaches it and every
   * process it started, as Ctrl-C in a terminal does.
   */
  processGroup?: boolean;
}

export interface RunningCli {
  child: ChildProcess;
  done: Promise<CliResult>;
  /** stderr so far. */
  stderr(): string;
}

/** The `-o json` report, typed by the product itself (src/report/summary.ts). */
export type Report = SummaryJson;
export type ReportRelease = SummaryJson["releases"][number];

/** One plain-log line: `[12.3s] ns/name: upgrading`. */
export interface LogEntry {
  atMs: number;
  id: string;
  text: string;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** The `-o json` report; undefined when the run stopped before its first event. */
  report?: Report;
  /** The `-o json` error document printed instead when the run stopped before it started. */
  failure?: { ok: false; exitCode: number; error: { kind: string; message: string } };
  log: LogEntry[];
  /** `[debug] <helm> <args…>` lines: the helm processes the run started. */
  helmCalls: string[][];
  wallMs: number;
}

function toResult(code: number, stdout: string, stderr: string, wallMs: number): CliResult {
  const log: LogEntry[] = [];
  const helmCalls: string[][] = [];
  for (const line of stderr.split("\n")) {
    const entry = /^\[(\d+(?:\.\d)?)s\] (\S+): (.*)$/.exec(line);
    if (entry) log.push({ atMs: Math.round(Number(entry[1]) * 1000), id: entry[2]!, text: entry[3]! });
    const debug = /^\[debug\] (\S+) (.*) -> exit /.exec(line);
    if (debug) helmCalls.push(debug[2]!.split(" "));
  }
  const trimmed = stdout.trim();
  const json = trimmed.startsWith("{") ? (JSON.parse(trimmed) as Record<string, unknown>) : undefined;
  const report = json && "releases" in json ? (json as unknown as Report) : undefined;
  const failure =
    json && json.ok === false && "error" in json ? (json as unknown as CliResult["failure"]) : undefined;
  return { code, stdout, stderr, report, failure, log, helmCalls, wallMs };
}

export function reportOf(result: CliResult, id: string): ReportRelease {
  const found = result.report?.releases.find((r) => r.id === id);
  if (!found) throw new Error(`${id} is not in the report:\n${result.stdout}\n${result.stderr}`);
  return found;
}

/** When a release's log line matching `text` was written (ms since the run started). */
export function loggedAt(result: CliResult, id: string, text: RegExp): number {
  const entry = result.log.find((e) => e.id === id && text.test(e.text));
  if (!entry) throw new Error(`no log line for ${id} matching ${text}:\n${result.stderr}`);
  return entry.atMs;
}

// ---- the cluster, read directly --------------------------------------------------------------

export async function kubectl(args: string[]): Promise<string> {
  const result = await run("kubectl", ["--kubeconfig", kubeconfig(), ...args]);
  if (result.code !== 0) throw new Error(`kubectl ${args.join(" ")} failed: ${result.stderr}`);
  return result.stdout;
}

export interface HistoryEntry {
  revision: number;
  updated: string;
  status: string;
  chart: string;
  description: string;
}

/** `helm history -o json`; empty when the release does not exist. */
export async function helmHistory(
  helm: HelmBinary,
  name: string,
  namespace: string,
): Promise<HistoryEntry[]> {
  const result = await run(helm, [
    "history",
    name,
    "-n",
    namespace,
    "-o",
    "json",
    "--kubeconfig",
    kubeconfig(),
  ]);
  if (result.code !== 0) {
    if (/not found/i.test(result.stderr)) return [];
    throw new Error(`helm history ${name} failed: ${result.stderr}`);
  }
  return JSON.parse(result.stdout) as HistoryEntry[];
}

/** The latest revision number (0 when not installed). */
export async function latestRevision(helm: HelmBinary, name: string, namespace: string): Promise<number> {
  const history = await helmHistory(helm, name, namespace);
  return Math.max(0, ...history.map((h) => h.revision));
}

/** The user-supplied values of one revision (`helm get values --revision N -o json`). */
export async function helmValues(
  helm: HelmBinary,
  name: string,
  namespace: string,
  revision: number,
): Promise<unknown> {
  const result = await run(helm, [
    "get",
    "values",
    name,
    "-n",
    namespace,
    "--revision",
    String(revision),
    "-o",
    "json",
    "--kubeconfig",
    kubeconfig(),
  ]);
  if (result.code !== 0) throw new Error(`helm get values failed: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

/** The rendered manifest of one revision. */
export async function helmManifest(
  helm: HelmBinary,
  name: string,
  namespace: string,
  revision: number,
): Promise<string> {
  const result = await run(helm, [
    "get",
    "manifest",
    name,
    "-n",
    namespace,
    "--revision",
    String(revision),
    "--kubeconfig",
    kubeconfig(),
  ]);
  if (result.code !== 0) throw new Error(`helm get manifest failed: ${result.stderr}`);
  return result.stdout;
}

/** Release names helm lists (any state) in these namespaces. */
export async function helmList(helm: HelmBinary, namespaces: readonly string[]): Promise<string[]> {
  // Every state (helm 4 dropped `--all`): what an uninstall must leave no trace of.
  const states = ["--deployed", "--failed", "--pending", "--superseded", "--uninstalling"];
  const result = await run(helm, ["list", "-A", ...states, "-o", "json", "--kubeconfig", kubeconfig()]);
  if (result.code !== 0) throw new Error(`helm list failed: ${result.stderr}`);
  const items = JSON.parse(result.stdout) as { name: string; namespace: string }[];
  return items.filter((i) => namespaces.includes(i.namespace)).map((i) => `${i.namespace}/${i.name}`);
}

export interface StorageRecord {
  release: string;
  revision: number;
  status: string;
  /** The desired-state fingerprint `releases` stores on each revision (what `apply` compares). */
  fingerprint?: string;
}

/** Helm's storage Secrets in these namespaces, as their labels say (what `releases` itself reads). */
export async function storageRecords(namespaces: readonly string[]): Promise<StorageRecord[]> {
  const out: StorageRecord[] = [];
  for (const ns of namespaces) {
    const json = JSON.parse(
      await kubectl(["-n", ns, "get", "secrets", "-l", "owner=helm", "-o", "json"]),
    ) as {
      items: { metadata: { namespace: string; labels: Record<string, string> } }[];
    };
    for (const item of json.items) {
      const labels = item.metadata.labels;
      out.push({
        release: `${item.metadata.namespace}/${labels.name}`,
        revision: Number(labels.version),
        status: labels.status ?? "",
        ...(labels["releases.dev/fingerprint"] ? { fingerprint: labels["releases.dev/fingerprint"] } : {}),
      });
    }
  }
  return out.sort((a, b) => a.release.localeCompare(b.release) || a.revision - b.revision);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `check` every 200 ms until it returns a value, or fails after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(200);
  }
}

// ---- the deploy lock, as another run would hold it ------------------------------------------

type Holder = LockHolder;

/** Creates a namespace for one test, deleted when the test finishes. */
export async function namespace(name: string): Promise<string> {
  await kubectl(["create", "namespace", name]);
  onTestFinished(async () => {
    await kubectl(["delete", "namespace", name, "--wait=false", "--ignore-not-found"]);
  });
  return name;
}

/** The runs holding the lock in `lockNs`, as its Lease says. */
export async function lockHolders(lockNs: string): Promise<Holder[]> {
  const out = await kubectl([
    "-n",
    lockNs,
    "get",
    "lease",
    "releases-lock",
    "--ignore-not-found",
    "-o",
    "json",
  ]);
  if (out.trim() === "") return [];
  const lease = JSON.parse(out) as { metadata: { annotations?: Record<string, string> } };
  return JSON.parse(lease.metadata.annotations?.[HOLDERS_ANNOTATION] ?? "[]") as Holder[];
}

/** Writes the lock as another run would, holding `releases`. */
export async function holdLock(lockNs: string, holders: Holder[], dir: string): Promise<void> {
  const file = `${dir}/lock-${unique()}.json`;
  writeFileSync(
    file,
    JSON.stringify({
      apiVersion: "coordination.k8s.io/v1",
      kind: "Lease",
      metadata: {
        name: "releases-lock",
        namespace: lockNs,
        annotations: { [HOLDERS_ANNOTATION]: JSON.stringify(holders) },
      },
      spec: { holderIdentity: holders.map((h) => h.identity).join(", ") },
    }),
  );
  await kubectl(["apply", "-f", file]);
}

/** A live claim of another run (another host, environment "production", 5 minutes). */
export function otherRun(releases: string[], more: Partial<Holder> = {}): Holder {
  const now = new Date().toISOString();
  return {
    run: `other-${unique()}`,
    identity: "someone@elsewhere pid 4242",
    host: "elsewhere",
    pid: 4242,
    environment: "production",
    releases,
    acquired: now,
    renewed: now,
    durationSeconds: 300,
    ...more,
  };
}
