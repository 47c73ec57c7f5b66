import type { Command } from "commander";
import { ReleaseFailedError } from "../../errors.js";
import { runGraph } from "../../graph/schedule.js";
import { releaseTarget, testArgs } from "../../helm/args.js";
import type { CommandContext } from "../context.js";
import { diagnoseTest } from "../diagnostics.js";
import { reporterFor } from "../interrupts.js";
import { positiveInt } from "../options.js";
import { addHelmOption } from "../run-options.js";
import { nothingSelected, openWorkspace } from "../workspace.js";

export function registerTest(program: Command, ctx: CommandContext): void {
  addHelmOption(
    program
      .command("test")
      .description("run the helm tests of the selected releases")
      .option("--concurrency <n>", "releases tested at once", positiveInt("--concurrency"), 4)
      .addHelpText(
        "after",
        `
Examples:
  releases test -e staging
  releases test -e production -l app=app1`,
      ),
  ).action(async (options: { helmBinary?: string; concurrency: number }) => {
    const workspace = await openWorkspace(ctx);
    if (nothingSelected(workspace, ctx)) return;
    const helm = await ctx.session.helm(options.helmBinary);
    const reporter = reporterFor(ctx);
    const byId = new Map(workspace.selected.map((r) => [r.id, r]));
    const emit = reporter.listener;
    for (const id of workspace.selection.ids) emit({ type: "queued", id });
    await runGraph(
      workspace.graph.restrict(new Set(workspace.selection.ids)),
      { concurrency: options.concurrency },
      async (id) => {
        const release = byId.get(id)!;
        emit({ type: "started", id, action: "test", at: Date.now() });
        const target = releaseTarget(release);
        const out = await helm.run(testArgs(target, release.timeout), { allowFailure: true });
        if (out.code === 0) {
          emit({ type: "succeeded", id, action: "test", at: Date.now() });
          return true;
        }
        const reason =
          out.stderr
            .trim()
            .split("\n")
            .findLast((l) => l.trim() !== "") ?? `exit ${out.code}`;
        const diagnosis = await diagnoseTest(ctx, target, `${out.stderr}\n${out.stdout}`);
        emit({ type: "failed", id, action: "test", error: reason, diagnosis, at: Date.now() });
        return false;
      },
    );
    const summary = reporter.finish();
    if (!summary.ok) throw new ReleaseFailedError("some tests failed");
  });
}
