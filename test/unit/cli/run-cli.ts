// Runs the CLI in-process against a fixture project, capturing what it writes.
import { PassThrough } from "node:stream";
import { fileURLToPath } from "node:url";
import type { CliIO } from "../../../src/cli/io.js";
import { runCli } from "../../../src/cli/program.js";

export const PROJECTS = fileURLToPath(new URL("../../fixtures/projects/", import.meta.url)).replace(
  /\/$/,
  "",
);

class Capture extends PassThrough {
  text = "";
  override write(chunk: unknown, ...rest: unknown[]): boolean {
    this.text += String(chunk);
    return super.write(chunk as string, ...(rest as []));
  }
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** `releases <argv>` run with `project` (a directory under test/fixtures/projects) as its working directory. */
export function cli(
  project: string,
  argv: readonly string[],
  env: Record<string, string> = {},
): Promise<CliResult> {
  return cliIn(`${PROJECTS}/${project}`, argv, env);
}

/** `releases <argv>` run with `cwd` (any directory) as its working directory. */
export async function cliIn(
  cwd: string,
  argv: readonly string[],
  env: Record<string, string> = {},
): Promise<CliResult> {
  const stdout = new Capture();
  const stderr = new Capture();
  const io: CliIO = { stdout, stderr, stdin: new PassThrough(), env, cwd };
  const code = await runCli(argv, io);
  return { code, stdout: stdout.text, stderr: stderr.text };
}
