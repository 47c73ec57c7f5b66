// `releases <argv>` in-process in a project directory, capturing what it prints.
import { PassThrough } from "node:stream";
import { runCli } from "../../../src/cli/program.js";

export interface Printed {
  code: number;
  stdout: string;
  stderr: string;
}

export async function releasesIn(
  cwd: string,
  argv: readonly string[],
  env: Record<string, string>,
): Promise<Printed> {
  const capture = () => {
    const stream = new PassThrough();
    let text = "";
    stream.on("data", (chunk: Buffer) => {
      text += chunk.toString();
    });
    return { stream, text: () => text };
  };
  const out = capture();
  const err = capture();
  const code = await runCli(argv, {
    stdout: out.stream,
    stderr: err.stream,
    stdin: new PassThrough(),
    env: { PATH: process.env.PATH ?? "", HOME: cwd, ...env },
    cwd,
  });
  await new Promise((resolve) => setImmediate(resolve));
  return { code, stdout: out.text(), stderr: err.text() };
}
