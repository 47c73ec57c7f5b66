import { relative } from "node:path";
import type { Command } from "commander";
import { requirementKey } from "../../charts/lock-file.js";
import { formatTable } from "../../report/table.js";
import { lockCharts } from "../chart-lock.js";
import type { CommandContext } from "../context.js";
import { addHelmOption, type HelmOptions } from "../run-options.js";

interface DepsOptions extends HelmOptions {
  update: boolean;
}

export function registerDeps(program: Command, ctx: CommandContext): void {
  addHelmOption(
    program
      .command("deps")
      .description(
        "lock the versions of repository and OCI charts in releases.lock (every environment), resolving ranges",
      )
      .option("--update", "move every chart to the newest version its constraint allows", false)
      .addHelpText(
        "after",
        `
Without --update, charts already locked keep their version; new ones are
resolved; entries no release asks for any more are dropped. sync, apply,
diff, template and lint then deploy exactly the locked versions.

Examples:
  releases deps
  releases deps --update`,
      ),
  ).action(async (options: DepsOptions) => {
    const result = await lockCharts(ctx, { update: options.update, helmBinary: options.helmBinary });
    const before = new Map((result.previous?.charts ?? []).map((c) => [requirementKey(c), c.version]));
    const file = relative(ctx.io.cwd, result.file) || result.file;
    if (ctx.globals().output === "json") {
      ctx.io.stdout.write(`${JSON.stringify({ file, written: result.written, ...result.lock }, null, 2)}\n`);
      return;
    }
    const rows = result.lock.charts.map((c) => {
      const was = before.get(requirementKey(c));
      return [
        `${c.repository}/${c.chart}`,
        c.constraint,
        c.version,
        was === undefined ? "new" : was === c.version ? "" : `was ${was}`,
      ];
    });
    if (rows.length > 0) {
      ctx.io.stdout.write(`${formatTable(["CHART", "CONSTRAINT", "VERSION", ""], rows)}\n`);
    }
    ctx.io.stdout.write(
      result.written
        ? `wrote ${file} (${rows.length} charts)\n`
        : `${file} is up to date (${rows.length} charts)\n`,
    );
  });
}
