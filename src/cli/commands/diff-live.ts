// `diff --live`: what changed in the cluster since helm deployed each release
// — objects deleted, fields changed by hand — as unified diffs of the live
// objects against what the deployed manifests make of them. The same drift
// check `status` and `apply` plan with. Releases are rendered first so every
// secret of the run is known to the redactor; Secret data never shows.
import { ExitCode, ExitStatus } from "../../errors.js";
import type { CommandContext } from "../context.js";
import { readPlan } from "../deploy.js";
import { debugRequests } from "../drift.js";
import { nothingSelected, openWorkspace, renderSelected } from "../workspace.js";

export async function diffLive(
  ctx: CommandContext,
  options: { helmBinary?: string; detailedExitcode: boolean },
): Promise<void> {
  const globals = ctx.globals();
  const workspace = await openWorkspace(ctx);
  if (nothingSelected(workspace, ctx)) return;
  const rendered = await renderSelected(workspace, ctx, workspace.selected, options.helmBinary);
  const clusters = ctx.session.clustersOf(workspace.project);
  const { plan, drift } = await readPlan(ctx, clusters, workspace, rendered, "apply", { drift: "deployed" });
  const { liveDiffs } = await import("../../drift/live-diff.js"); // the diff library loads only here
  const results = plan.releases.map((p) => {
    const report = drift?.get(p.id);
    return { id: p.id, report, diffs: report ? liveDiffs(report.details, p.id) : [] };
  });
  await debugRequests(ctx, clusters, workspace.selection.ids);
  const drifted = results.filter((r) => r.report?.drift.state === "drifted");
  if (globals.output === "json") {
    const json = results.map(({ id, report, diffs }) => ({
      release: id,
      drift: report?.drift.state ?? "not checked",
      changes: diffs.map((d) => ({ ...d, patch: ctx.redactor.redact(d.patch) })),
      ignored: report?.drift.ignored ?? [],
      problems: report?.drift.problems ?? [],
    }));
    ctx.io.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  } else {
    for (const { id, diffs } of drifted) {
      ctx.io.stdout.write(`${id}: ${diffs.length} object(s) drifted\n`);
      for (const d of diffs) ctx.io.stdout.write(ctx.redactor.redact(d.patch));
    }
    for (const { id, report } of results) {
      if (report?.drift.problems.length)
        ctx.io.stderr.write(`${id}: could not check: ${report.drift.problems.join("; ")}\n`);
    }
    ctx.io.stderr.write(
      drifted.length === 0 ? "no drift\n" : `${drifted.length} of ${results.length} release(s) drifted\n`,
    );
  }
  if (options.detailedExitcode && drifted.length > 0) throw new ExitStatus(ExitCode.invalidInput);
}
