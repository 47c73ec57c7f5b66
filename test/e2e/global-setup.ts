// Starts the e2e environment once for the whole e2e project: a kwok cluster
// named "releases-test" (scripts/cluster) and a Vault dev server named
// "releases-test" on its own port (scripts/vault), so a demo cluster or Vault
// ("releases") keeps running untouched (RELEASES_E2E_NAME and
// RELEASES_E2E_VAULT_PORT override the name and port). Workers get KUBECONFIG, VAULT_ADDR,
// VAULT_TOKEN and PATH (.toolchain/bin first) through process.env: Vitest
// copies process.env into each worker when it starts it, after global setup.
//
// What setup started is always torn down: by the returned teardown after the
// run (also when tests fail), by the signal handlers on Ctrl-C/SIGTERM, and
// when setup itself fails half-way; what was already running is reused and
// left alone. RELEASES_E2E_KEEP=1 leaves them running for a faster
// next run (scripts/cluster up and scripts/vault up are idempotent).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { repoRoot, toolchainBin } from "../toolchain/tools.js";

// RELEASES_E2E_NAME lets two suites run side by side (each with its own cluster, Vault and port).
const NAME = process.env.RELEASES_E2E_NAME ?? "releases-test";
const VAULT_PORT = process.env.RELEASES_E2E_VAULT_PORT ?? "8210";

function script(name: string, args: string[]): string {
  return execFileSync(path.join(repoRoot, "scripts", name), args, {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, RELEASES_VAULT_PORT: VAULT_PORT },
  }).trim();
}

// What this run started, and so must stop. A cluster or Vault that was already
// up (another run in the same checkout, or RELEASES_E2E_KEEP=1 earlier) is
// reused and left running: teardown stops exactly what setup started.
const startedHere = new Set<"cluster" | "vault">();

function isUp(name: "cluster" | "vault"): boolean {
  try {
    script(name, ["status", "--name", NAME]);
    return true;
  } catch {
    return false;
  }
}

function up(name: "cluster" | "vault"): string {
  if (!isUp(name)) startedHere.add(name);
  return script(name, ["up", "--name", NAME]);
}

function tearDown(): void {
  if (process.env.RELEASES_E2E_KEEP === "1") return;
  for (const name of ["vault", "cluster"] as const) {
    if (!startedHere.delete(name)) continue;
    try {
      script(name, ["down", "--name", NAME]);
    } catch (error) {
      console.error(`[e2e] scripts/${name} down failed:`, error);
    }
  }
}

export default function setup(): () => void {
  const onSignal = (signal: NodeJS.Signals) => {
    tearDown();
    process.kill(process.pid, signal);
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);

  try {
    const started = Date.now();
    const kubeconfig = up("cluster");
    const vaultEnv = readFileSync(up("vault"), "utf8");
    process.env.KUBECONFIG = kubeconfig;
    for (const [, key, value] of vaultEnv.matchAll(/^export (VAULT_ADDR|VAULT_TOKEN)=(.*)$/gm)) {
      process.env[key!] = value!;
    }
    // As scripts/env does: helm keeps its cache and config under .toolchain, not $HOME.
    for (const [key, dir] of [
      ["HELM_CACHE_HOME", "cache"],
      ["HELM_CONFIG_HOME", "config"],
      ["HELM_DATA_HOME", "data"],
    ] as const) {
      process.env[key] ??= path.join(repoRoot, ".toolchain", "helm", dir);
    }
    if (!process.env.PATH?.startsWith(`${toolchainBin}${path.delimiter}`)) {
      process.env.PATH = `${toolchainBin}${path.delimiter}${process.env.PATH ?? ""}`;
    }
    console.error(`[e2e] cluster and vault ready in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  } catch (error) {
    tearDown();
    throw error;
  }

  return () => {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    tearDown();
  };
}
