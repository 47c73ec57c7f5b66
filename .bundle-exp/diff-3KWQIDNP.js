import {
  readPlan
} from "./chunk-U4TBGQHR.js";
import {
  debugRequests,
  mapLimit,
  withHelmChart
} from "./chunk-RILUZRHU.js";
import "./chunk-NFGW6MRI.js";
import {
  addHelmOption,
  addRenderConcurrency
} from "./chunk-AA6YABJK.js";
import "./chunk-O7C643CG.js";
import "./chunk-IGDKEUG5.js";
import {
  nothingSelected,
  openWorkspace,
  prepareRendered,
  renderSelected
} from "./chunk-QSMOCHMN.js";
import "./chunk-RWJVQS3L.js";
import "./chunk-TJWVONZY.js";
import "./chunk-RBSEO7UU.js";
import "./chunk-3DJX7KBG.js";
import "./chunk-44P4TXDY.js";
import "./chunk-WVLY2SAW.js";
import "./chunk-PP4OAP52.js";
import "./chunk-GH6ZRYFL.js";
import "./chunk-CFB6N6L3.js";
import "./chunk-VQSVI6AM.js";
import "./chunk-7Q7BMIIO.js";
import "./chunk-EOAQSOO2.js";
import {
  dryRunArgs,
  releaseTarget
} from "./chunk-UHBPNIYZ.js";
import "./chunk-EZPMLSU3.js";
import "./chunk-WZBXSRHM.js";
import "./chunk-BFLBSBCJ.js";
import "./chunk-DE4Q4URJ.js";
import {
  ExitCode,
  ExitStatus
} from "./chunk-XLEZOOEL.js";
import "./chunk-4VNS5WPM.js";

// dist/cli/commands/diff-live.js
async function diffLive(ctx, options) {
  const globals = ctx.globals();
  const workspace = await openWorkspace(ctx);
  if (nothingSelected(workspace, ctx))
    return;
  const rendered = await renderSelected(workspace, ctx, workspace.selected, options.helmBinary);
  const clusters = ctx.session.clustersOf(workspace.project);
  const { plan, drift } = await readPlan(ctx, clusters, workspace, rendered, "apply", { drift: "deployed" });
  const { liveDiffs } = await import("./live-diff-XJDJRA3C.js");
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
      problems: report?.drift.problems ?? []
    }));
    ctx.io.stdout.write(`${JSON.stringify(json, null, 2)}
`);
  } else {
    for (const { id, diffs } of drifted) {
      ctx.io.stdout.write(`${id}: ${diffs.length} object(s) drifted
`);
      for (const d of diffs)
        ctx.io.stdout.write(ctx.redactor.redact(d.patch));
    }
    for (const { id, report } of results) {
      if (report?.drift.problems.length)
        ctx.io.stderr.write(`${id}: could not check: ${report.drift.problems.join("; ")}
`);
    }
    ctx.io.stderr.write(drifted.length === 0 ? "no drift\n" : `${drifted.length} of ${results.length} release(s) drifted
`);
  }
  if (options.detailedExitcode && drifted.length > 0)
    throw new ExitStatus(ExitCode.invalidInput);
}

// dist/cli/commands/diff.js
function registerDiff(program, ctx) {
  addRenderConcurrency(addHelmOption(program.command("diff").description("show, as a unified diff, what sync would change in the deployed manifests (Secret data redacted)").option("--detailed-exitcode", "exit 2 when there are changes, 0 when there are none; invalid input then exits 5", false).option("--live", "show instead what changed in the cluster since the deploy: live objects against the deployed manifests", false).addHelpText("after", `
--live compares each deployed release's live objects with what its stored
manifest makes of them (a server-side dry-run apply where they differ): objects
deleted and fields changed by hand, live (-) against deployed (+); apply
redeploys such releases. Ignored fields (see driftDetection) are not shown.

Examples:
  releases diff -e production
  releases diff -e staging -l app=app1 --detailed-exitcode
  releases diff -e production --live`))).action((options) => options.live ? diffLive(ctx, options) : diff(ctx, options));
}
async function diff(ctx, options) {
  const globals = ctx.globals();
  const { workspace, rendered, helm } = await prepareRendered(ctx, options.helmBinary, {
    addRepositories: true
  });
  if (nothingSelected(workspace, ctx))
    return;
  const clusters = ctx.session.clustersOf(workspace.project);
  const { plan, deployed } = await readPlan(ctx, clusters, workspace, rendered, "sync", { decode: true });
  const planned = new Map(plan.releases.map((p) => [p.id, p]));
  const { diffManifests } = await import("./manifest-diff-JIFRFTUB.js");
  const results = await mapLimit(rendered, options.concurrency, async (r) => {
    const { release } = r;
    const action = planned.get(release.id)?.action;
    const current = action === "install" || action === "none" ? "" : deployed.get(release.id)?.manifest ?? "";
    let desired = "";
    if (release.installed) {
      const out = await withHelmChart(r, { major: helm.major }, (chart) => helm.run(dryRunArgs(releaseTarget(release), chart.source, release.helm, chart.postRenderer), {
        stdin: r.valuesYaml,
        env: chart.env
      }));
      desired = JSON.parse(out.stdout).manifest ?? "";
    }
    return { id: release.id, diffs: diffManifests(current, desired, release.namespace, release.id) };
  });
  const changed = results.filter((r) => r.diffs.length > 0);
  if (globals.output === "json") {
    const json = results.map((r) => ({
      release: r.id,
      changes: r.diffs.map((d) => ({
        resource: d.resource,
        change: d.change,
        patch: ctx.redactor.redact(d.patch)
      }))
    }));
    ctx.io.stdout.write(`${JSON.stringify(json, null, 2)}
`);
  } else {
    for (const { id, diffs } of changed) {
      ctx.io.stdout.write(`${id}: ${diffs.length} resource(s) change
`);
      for (const d of diffs)
        ctx.io.stdout.write(ctx.redactor.redact(d.patch));
    }
    ctx.io.stderr.write(changed.length === 0 ? "no changes\n" : `${changed.length} of ${results.length} release(s) would change
`);
  }
  if (options.detailedExitcode && changed.length > 0)
    throw new ExitStatus(ExitCode.invalidInput);
}
export {
  registerDiff
};
