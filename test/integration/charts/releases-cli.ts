// The CLI run in-process with a chosen helm and a helm home of the project's
// own (no repository added, no cache), `--debug` on so the helm calls show.
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { runCli } from "../../../src/cli/program.js";
import { tool } from "../../toolchain/tools.js";

export interface ReleasesRun {
  code: number;
  out: string;
  err: string;
  /** The arguments of every helm process the run started. */
  calls: string[][];
}

export async function releasesWithHelm(cwd: string, helm: string, args: string[]): Promise<ReleasesRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (d) => {
    out += d;
  });
  stderr.on("data", (d) => {
    err += d;
  });
  const home = join(cwd, ".helm-home");
  const code = await runCli([...args, "--debug"], {
    stdout,
    stderr,
    stdin: new PassThrough(),
    cwd,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: cwd,
      RELEASES_HELM: tool(helm),
      HELM_CONFIG_HOME: join(home, "config"),
      HELM_CACHE_HOME: join(home, "cache"),
      HELM_DATA_HOME: join(home, "data"),
    },
  });
  const calls = err.split("\n").flatMap((line) => {
    const call = /^\[debug\] \S+ (.*) -> exit /.exec(line)?.[1];
    return call ? [call.split(" ")] : [];
  });
  return { code, out, err, calls };
}
