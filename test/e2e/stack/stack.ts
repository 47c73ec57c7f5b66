// The example stack (releases.yaml, charts/ and environments/ at the repository
// root) driven end to end: the built CLI as a child process, real helm on the
// e2e cluster, the e2e Vault, the DEMO-ONLY age key. Every CLI run's output is
// kept so a test can check that no secret value was ever printed.
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseDocument } from "yaml";
import { loadAgeIdentities } from "../../../src/secrets/age-keys.js";
import { decryptSops } from "../../../src/secrets/sops/decrypt.js";
import { generateSecret, VaultClient } from "../../../src/secrets/vault/client.js";
import { repoRoot, run } from "../../toolchain/tools.js";

export const cliMain = path.join(repoRoot, "dist", "cli", "main.js");
export const AGE_KEY_FILE = path.join("environments", "demo-age-key.txt");
export const STACK_NAMESPACES = ["core", "database", "monitoring", "backend", "frontend"];
export const APP1_DB = "secret/data/app1/db";

export interface CliResult {
  args: string[];
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Output of every CLI run of this worker, for the never-printed check. */
export const cliOutputs: CliResult[] = [];

function cliEnv(): NodeJS.ProcessEnv {
  for (const name of ["KUBECONFIG", "VAULT_ADDR", "VAULT_TOKEN"]) {
    if (!process.env[name])
      throw new Error(`${name} unset: run through the e2e project (test/e2e/global-setup.ts)`);
  }
  if (!existsSync(cliMain)) throw new Error(`${cliMain} is missing: run \`npm run build\` first`);
  // Relative to the project directory the CLI runs in, as the README's tour has it.
  return { ...process.env, SOPS_AGE_KEY_FILE: AGE_KEY_FILE, NO_COLOR: "1" };
}

/** Starts `releases <args>` in `cwd`; `done` resolves with its exit code and output (never rejects on exit ≠ 0). */
export function startReleases(args: string[], cwd = repoRoot): { done: Promise<CliResult> } {
  const started = Date.now();
  const child = spawn(process.execPath, [cliMain, ...args], {
    cwd,
    env: cliEnv(),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  const done = new Promise<CliResult>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => {
      const result = { args, code: code ?? (signal ? 128 : -1), stdout, stderr, ms: Date.now() - started };
      cliOutputs.push(result);
      resolve(result);
    });
  });
  return { done };
}

export function releases(args: string[], cwd = repoRoot): Promise<CliResult> {
  return startReleases(args, cwd).done;
}

/** Runs the CLI with `-o json` and parses stdout; fails the test with stderr when it exits ≠ `expectCode`. */
export async function releasesJson<T>(args: string[], options: { cwd?: string; expectCode?: number } = {}) {
  const result = await releases([...args, "-o", "json"], options.cwd);
  const expected = options.expectCode ?? 0;
  if (result.code !== expected) {
    throw new Error(
      `releases ${args.join(" ")} exited ${result.code}, expected ${expected}:\n${result.stderr}\n${result.stdout}`,
    );
  }
  return { result, json: JSON.parse(result.stdout) as T };
}

// --- what the CLI prints with -o json ---------------------------------------

export interface RunReport {
  ok: boolean;
  releases: {
    id: string;
    name: string;
    namespace: string;
    action: string | null;
    outcome: string;
    revision: number | null;
    error: string | null;
    rolledBack: boolean;
    rolledBackToRevision: number | null;
  }[];
}

export interface StatusRow {
  id: string;
  revision: number | null;
  status: string;
  inSync: boolean;
  secretsStale: boolean;
}

export interface ListedRelease {
  name: string;
  namespace: string;
  installed: boolean;
}

// --- helm, as the cluster sees it -------------------------------------------

export interface HelmListed {
  name: string;
  namespace: string;
  revision: string;
  status: string;
}

function kubeconfig(): string[] {
  return ["--kubeconfig", process.env.KUBECONFIG ?? ""];
}

/** `helm list -A -o json`, only the stack's namespaces, keyed `namespace/name`, with numeric revisions. */
export async function helmReleases(): Promise<Map<string, { revision: number; status: string }>> {
  const out = await run("helm", ["list", "-A", "-a", "-o", "json", ...kubeconfig()]);
  if (out.code !== 0) throw new Error(`helm list failed: ${out.stderr}`);
  const listed = JSON.parse(out.stdout) as HelmListed[];
  return new Map(
    listed
      .filter((r) => STACK_NAMESPACES.includes(r.namespace))
      .map((r) => [`${r.namespace}/${r.name}`, { revision: Number(r.revision), status: r.status }]),
  );
}

export interface HelmHook {
  name: string;
  kind: string;
  events: string[];
  last_run?: { phase?: string };
}

/** The release's hooks as `helm status -o json` reports them (test hooks carry their last run). */
export async function helmHooks(id: string): Promise<HelmHook[]> {
  const [namespace, name] = id.split("/") as [string, string];
  const out = await run("helm", ["status", name, "-n", namespace, "-o", "json", ...kubeconfig()]);
  if (out.code !== 0) throw new Error(`helm status ${id} failed: ${out.stderr}`);
  return (JSON.parse(out.stdout) as { hooks?: HelmHook[] }).hooks ?? [];
}

// --- Vault ---------------------------------------------------------------------

export function vault(): VaultClient {
  return VaultClient.fromEnv(process.env);
}

/** app1's database login, as scripts/demo seeds it: a new KV v2 version with a fresh password. */
export async function seedApp1Db(): Promise<void> {
  await vault().writeKv2(APP1_DB, { username: "app1", password: generateSecret(24) });
}

/** The password of every version of app1's secret written so far. */
export async function app1Passwords(): Promise<string[]> {
  const { version } = await vault().readVersion(APP1_DB);
  const passwords: string[] = [];
  for (let v = 1; v <= version; v++)
    passwords.push(String((await vault().readVersion(APP1_DB, v)).data.password));
  return passwords;
}

// --- the project, its secrets ------------------------------------------------

/** The releases the environment deploys (installed and not switched off by a condition), as `namespace/name`. */
export async function desiredIds(environment: string): Promise<string[]> {
  const { json } = await releasesJson<ListedRelease[]>(["-e", environment, "list"]);
  return json
    .filter((r) => r.installed)
    .map((r) => `${r.namespace}/${r.name}`)
    .sort();
}

/** A copy of the project (releases.yaml, .sops.yaml, charts/, environments/) in a fresh temp dir. */
export function copyProject(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "releases-stack-"));
  for (const entry of ["releases.yaml", ".sops.yaml", "charts", "environments", "manifests"]) {
    cpSync(path.join(repoRoot, entry), path.join(dir, entry), { recursive: true });
  }
  return dir;
}

/** Adds `set` entries to one release of a project copy's releases.yaml. */
export function setOnRelease(projectDir: string, releaseName: string, set: Record<string, string>): void {
  const file = path.join(projectDir, "releases.yaml");
  const doc = parseDocument(readFileSync(file, "utf8"));
  const list = doc.toJS().releases as { name: string }[];
  const index = list.findIndex((r) => r.name === releaseName);
  if (index < 0) throw new Error(`no release ${releaseName} in ${file}`);
  for (const [key, value] of Object.entries(set)) doc.setIn(["releases", index, "set", key], value);
  writeFileSync(file, doc.toString());
}

/** Every string value (6+ characters, as the redactor treats free text) of the stack's SOPS files, all environments. */
export async function sopsSecretValues(): Promise<string[]> {
  const keys = await loadAgeIdentities({ SOPS_AGE_KEY_FILE: path.join(repoRoot, AGE_KEY_FILE) });
  const values: string[] = [];
  const environments = path.join(repoRoot, "environments");
  for (const env of readdirSync(environments, { withFileTypes: true }).filter((e) => e.isDirectory())) {
    for (const name of readdirSync(path.join(environments, env.name)).filter((n) =>
      n.endsWith(".sops.yaml"),
    )) {
      const file = path.join(environments, env.name, name);
      const { data } = await decryptSops(readFileSync(file, "utf8"), file, keys);
      values.push(...stringLeaves(data).filter((v) => v.length >= 6));
    }
  }
  return values;
}

function stringLeaves(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (value && typeof value === "object") return Object.values(value).flatMap(stringLeaves);
  return [];
}

/** A secret in the forms it could leak in: as is and base64 (Kubernetes Secret data). */
export function leakForms(secret: string): string[] {
  return [secret, Buffer.from(secret).toString("base64")];
}
