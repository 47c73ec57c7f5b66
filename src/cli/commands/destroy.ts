import { createInterface } from "node:readline/promises";
import type { Command } from "commander";
import { InterruptedError, ReleaseFailedError, UsageError } from "../../errors.js";
import { connectCluster } from "../../kube/cluster.js";
import { destroyRun } from "../../run/deploy-run.js";
import type { CliIO } from "../io.js";
import type { CommandContext } from "../program.js";
import { addRunOptions, createHelm, hookDeps, reportedRun } from "../run-setup.js";
import { nothingSelected, openWorkspace } from "../workspace.js";

interface DestroyOptions {
  helmBinary?: string;
  concurrency: number;
  failFast: boolean;
  lockTimeout: number;
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
    const globals = ctx.globals();
    const workspace = await openWorkspace(globals, ctx.io);
    if (nothingSelected(workspace, globals, ctx.io)) return;
    const ids = workspace.selection.ids;
    if (!options.yes && !(await confirm(ctx.io, ids, workspace.project.environment.name))) {
      throw new UsageError("not confirmed; nothing was uninstalled", {
        hint: "pass --yes to skip the question",
      });
    }
    const helm = await createHelm(ctx.io, options, ctx.redactor, globals.debug);
    const cluster = await connectCluster(workspace.project.environment.kubeContext, ctx.io.kube);
    const { summary, interrupted } = await reportedRun(ctx.io, globals, (emit, interrupts) =>
      destroyRun(workspace.selected, workspace.graph.restrict(new Set(ids)), {
        helm,
        cluster,
        environment: workspace.project.environment.name,
        kubeContext: workspace.project.environment.kubeContext,
        concurrency: options.concurrency,
        failFast: options.failFast,
        lockTimeoutSeconds: options.lockTimeout,
        emit,
        interrupts,
        hooks: hookDeps(ctx.io, ctx.redactor, workspace.project.environment.name, interrupts.hard.signal),
      }),
    );
    if (interrupted) throw new InterruptedError("interrupted");
    if (summary && !summary.ok) throw new ReleaseFailedError("some releases were not uninstalled");
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
