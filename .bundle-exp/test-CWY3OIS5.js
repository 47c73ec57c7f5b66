import {
  diagnoseTest,
  reporterFor
} from "./chunk-NFGW6MRI.js";
import {
  addHelmOption
} from "./chunk-AA6YABJK.js";
import "./chunk-O7C643CG.js";
import {
  runGraph
} from "./chunk-IGDKEUG5.js";
import {
  nothingSelected,
  openWorkspace
} from "./chunk-QSMOCHMN.js";
import "./chunk-RWJVQS3L.js";
import {
  positiveInt
} from "./chunk-TJWVONZY.js";
import "./chunk-3DJX7KBG.js";
import "./chunk-44P4TXDY.js";
import "./chunk-PP4OAP52.js";
import "./chunk-GH6ZRYFL.js";
import "./chunk-CFB6N6L3.js";
import "./chunk-VQSVI6AM.js";
import "./chunk-7Q7BMIIO.js";
import "./chunk-EOAQSOO2.js";
import {
  releaseTarget,
  testArgs
} from "./chunk-UHBPNIYZ.js";
import "./chunk-EZPMLSU3.js";
import "./chunk-BFLBSBCJ.js";
import "./chunk-DE4Q4URJ.js";
import {
  ReleaseFailedError
} from "./chunk-XLEZOOEL.js";
import "./chunk-4VNS5WPM.js";

// dist/cli/commands/test.js
function registerTest(program, ctx) {
  addHelmOption(program.command("test").description("run the helm tests of the selected releases").option("--concurrency <n>", "releases tested at once", positiveInt("--concurrency"), 4).addHelpText("after", `
Examples:
  releases test -e staging
  releases test -e production -l app=app1`)).action(async (options) => {
    const workspace = await openWorkspace(ctx);
    if (nothingSelected(workspace, ctx))
      return;
    const helm = await ctx.session.helm(options.helmBinary);
    const reporter = reporterFor(ctx);
    const byId = new Map(workspace.selected.map((r) => [r.id, r]));
    const emit = reporter.listener;
    for (const id of workspace.selection.ids)
      emit({ type: "queued", id });
    await runGraph(workspace.graph.restrict(new Set(workspace.selection.ids)), { concurrency: options.concurrency }, async (id) => {
      const release = byId.get(id);
      emit({ type: "started", id, action: "test", at: Date.now() });
      const target = releaseTarget(release);
      const out = await helm.run(testArgs(target, release.timeout), { allowFailure: true });
      if (out.code === 0) {
        emit({ type: "succeeded", id, action: "test", at: Date.now() });
        return true;
      }
      const reason = out.stderr.trim().split("\n").findLast((l) => l.trim() !== "") ?? `exit ${out.code}`;
      const diagnosis = await diagnoseTest(ctx, target, `${out.stderr}
${out.stdout}`);
      emit({ type: "failed", id, action: "test", error: reason, diagnosis, at: Date.now() });
      return false;
    });
    const summary = reporter.finish();
    if (!summary.ok)
      throw new ReleaseFailedError("some tests failed");
  });
}
export {
  registerTest
};
