// The CLI run in-process with a chosen helm and a helm home of the project's
// own (no repository added, no cache), `--debug` on so the helm calls show.
import { join } from "node:path";
import { tool } from "../../toolchain/tools.js";
import { releasesIn } from "../../unit/secrets/run-in-process.js";

export interface ReleasesRun {
  code: number;
  out: string;
  err: string;
  /** The arguments of every helm process the run started. */
  calls: string[][];
}

export async function releasesWithHelm(cwd: string, helm: string, args: string[]): Promise<ReleasesRun> {
  const home = join(cwd, ".helm-home");
  const printed = await releasesIn(cwd, [...args, "--debug"], {
    RELEASES_HELM: tool(helm),
    HELM_CONFIG_HOME: join(home, "config"),
    HELM_CACHE_HOME: join(home, "cache"),
    HELM_DATA_HOME: join(home, "data"),
  });
  const calls = printed.stderr.split("\n").flatMap((line) => {
    const call = /^\[debug\] \S+ (.*) -> exit /.exec(line)?.[1];
    return call ? [call.split(" ")] : [];
  });
  return { code: printed.code, out: printed.stdout, err: printed.stderr, calls };
}
