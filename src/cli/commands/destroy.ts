import { createInterface } from "node:readline/promises";
import type { Command } from "commander";
import { UsageError } from "../../errors.js";
import type { CommandContext } from "../context.js";
import { deploy } from "../deploy.js";
import type { CliIO } from "../io.js";
import { addRunOptions, type RunOptions } from "../run-options.js";
import { nothingSelected, openWorkspace, unrendered } from "../workspace.js";

interface DestroyOptions extends RunOptions {
  yes: boolean;
}

export function registerDestroy(program: Command, ctx: CommandContext): void {
  addRunOptions(
    program
      .command("destroy")
      .description("uninstall the selected releases, dependents before what they need")
      .option("-y, --yes", "do not ask for confirmation", false)
      .addHelpText(
        "after",
        `
Examples:
  releases destroy -e development --yes
  releases destroy -e staging -l app=app1`,
      ),
  ).action(async (options: DestroyOptions) => {
    const workspace = await openWorkspace(ctx);
    if (nothingSelected(workspace, ctx)) return;
    const ids = workspace.selection.ids;
    if (!options.yes && !(await confirm(ctx.io, ids, workspace.project.environment.name))) {
      throw new UsageError("not confirmed; nothing was uninstalled", {
        hint: "pass --yes to skip the question",
      });
    }
    // Uninstalling needs no values: each release is planned from its identity alone.
    await deploy(ctx, {
      workspace,
      rendered: workspace.selected.map(unrendered),
      mode: "destroy",
      command: "destroy",
      options,
    });
  });
}

async function confirm(io: CliIO, ids: readonly string[], environment: string): Promise<boolean> {
  if (!io.stdin.isTTY) {
    throw new UsageError("destroy needs confirmation and stdin is not a terminal", { hint: "pass --yes" });
  }
  io.stderr.write(
    `This uninstalls ${ids.length} release(s) from environment "${environment}":\n  ${ids.join("\n  ")}\n`,
  );
  const rl = createInterface({ input: io.stdin, output: io.stderr });
  try {
    const answer = await rl.question('Type "yes" to continue: ');
    return answer.trim() === "yes";
  } finally {
    rl.close();
  }
}
