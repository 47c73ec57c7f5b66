// Runs the real `sops` from the repository's toolchain (.toolchain/bin), with a
// test-only age key and an empty config so the project's .sops.yaml is ignored.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));
export const sopsBinary = join(repoRoot, ".toolchain", "bin", "sops");
export const fixtures = join(repoRoot, "test", "fixtures", "sops");
export const testKeyFile = join(fixtures, "age-test-key.txt");
export const testKeyFile2 = join(fixtures, "age-test-key-2.txt");

export function requireSops(): void {
  if (!existsSync(sopsBinary)) {
    throw new Error(`sops not found at ${sopsBinary}: build the toolchain first (scripts/toolchain)`);
  }
}

export function publicKeyOf(keyFile: string): string {
  const m = /# public key: (age1\w+)/.exec(readFileSync(keyFile, "utf8"));
  if (!m) throw new Error(`no public key comment in ${keyFile}`);
  return m[1]!;
}

const emptyConfigDir = mkdtempSync(join(tmpdir(), "sops-it-config-"));
const emptyConfig = join(emptyConfigDir, "empty.sops.yaml");
writeFileSync(emptyConfig, "{}\n");

export interface SopsRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function sops(
  args: readonly string[],
  options: { keyFile?: string; cwd?: string; config?: string; env?: Record<string, string> } = {},
): SopsRun {
  requireSops();
  const result = spawnSync(sopsBinary, ["--config", options.config ?? emptyConfig, ...args], {
    cwd: options.cwd ?? emptyConfigDir,
    encoding: "utf8",
    env: {
      PATH: process.env.PATH ?? "",
      HOME: emptyConfigDir,
      SOPS_AGE_KEY_FILE: options.keyFile ?? testKeyFile,
      ...options.env,
    },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
