// Where the tests find the pinned tools and the local test environment. Tests
// call binaries by absolute path from .toolchain/bin, so a run never picks up
// whatever helm or sops happens to be installed on the machine.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const toolchainBin = path.join(repoRoot, ".toolchain", "bin");
export const fixtureCharts = path.join(repoRoot, "test", "fixtures", "charts");

/** Absolute path of a pinned tool; throws with the fix if it was never built. */
export function tool(name: string): string {
  const file = path.join(toolchainBin, name);
  if (!existsSync(file)) {
    throw new Error(`${file} is missing: run scripts/toolchain (scripts/test does it for you)`);
  }
  return file;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

const execFileAsync = promisify(execFile);

/** Runs a pinned tool and resolves with its exit code and output, also when it fails. */
export async function run(
  name: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<RunResult> {
  try {
    const { stdout, stderr } = await execFileAsync(tool(name), args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      timeout: options.timeoutMs ?? 0,
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number | string; stdout?: string; stderr?: string };
    if (typeof failed.code !== "number") throw error;
    return { code: failed.code, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
  }
}
