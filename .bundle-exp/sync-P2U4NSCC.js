import {
  countActions,
  deploy,
  readPlan
} from "./chunk-U4TBGQHR.js";
import {
  debugRequests
} from "./chunk-RILUZRHU.js";
import "./chunk-NFGW6MRI.js";
import {
  addRunOptions
} from "./chunk-AA6YABJK.js";
import {
  formatTable
} from "./chunk-O7C643CG.js";
import "./chunk-IGDKEUG5.js";
import {
  nothingSelected,
  prepareRendered
} from "./chunk-QSMOCHMN.js";
import "./chunk-RWJVQS3L.js";
import {
  Option
} from "./chunk-TJWVONZY.js";
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
import "./chunk-UHBPNIYZ.js";
import "./chunk-EZPMLSU3.js";
import "./chunk-WZBXSRHM.js";
import "./chunk-BFLBSBCJ.js";
import "./chunk-DE4Q4URJ.js";
import {
  UsageError
} from "./chunk-XLEZOOEL.js";
import "./chunk-4VNS5WPM.js";

// dist/plan/plan-preview.js
var PATHS_SHOWN = 5;
function planChanges(plan) {
  return plan.releases.some((r) => r.action !== "unchanged" && r.action !== "none");
}
function formatPlanPreview(plan, details) {
  const changing = plan.releases.filter((r) => r.action !== "unchanged" && r.action !== "none");
  const lines = [
    `plan: ${countActions(plan) || "no releases"}${changing.length === 0 ? "; nothing to change" : ""}`
  ];
  const actionWidth = Math.max(0, ...changing.map((r) => r.action.length));
  const idWidth = Math.max(0, ...changing.map((r) => r.id.length));
  for (const r of [...changing].sort((a, b) => a.stage - b.stage)) {
    lines.push(`  ${r.action.padEnd(actionWidth)}  ${r.id.padEnd(idWidth)}  ${releaseText(r, details.get(r.id))}`);
  }
  const resting = plan.releases.filter((r) => r.action === "unchanged" || r.action === "none");
  if (resting.length > 0 && changing.length > 0) {
    lines.push(`  ${list(resting.map((r) => r.id), PATHS_SHOWN)} ${resting.length === 1 ? "stays" : "stay"} as ${resting.length === 1 ? "it is" : "they are"}`);
  }
  return lines.join("\n");
}
function releaseText(r, detail) {
  const parts = [r.revision === null ? r.reason : `${r.reason} (revision ${r.revision})`];
  if (r.action === "install" || r.action === "upgrade") {
    if (detail)
      parts.push(`chart ${detail.chart}`);
    const values = detail?.values;
    if (values && "count" in values)
      parts.push(values.count === 0 ? "no values" : `${values.count} values`);
    else if (values)
      parts.push(changeText(values));
  }
  return parts.join("; ");
}
function changeText(change) {
  const parts = [
    change.changed.length > 0 ? `values changed: ${list(change.changed, PATHS_SHOWN)}` : void 0,
    change.added.length > 0 ? `added: ${list(change.added, PATHS_SHOWN)}` : void 0,
    change.removed.length > 0 ? `removed: ${list(change.removed, PATHS_SHOWN)}` : void 0
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(", ") : "values unchanged";
}
function list(items, shown) {
  const head = items.slice(0, shown).join(", ");
  return items.length > shown ? `${head} and ${items.length - shown} more` : head;
}

// dist/plan/values-change.js
function valuesChange(deployed, desired) {
  const change = { added: [], changed: [], removed: [] };
  compare(deployed, desired, "", change);
  return change;
}
function countValues(values) {
  if (isMap(values) && Object.keys(values).length === 0)
    return 0;
  return leaves(values);
}
function leaves(values) {
  if (isMap(values)) {
    const entries = Object.values(values);
    return entries.length === 0 ? 1 : entries.reduce((n, v) => n + leaves(v), 0);
  }
  return 1;
}
function compare(before, after, path, change) {
  if (isMap(before) && isMap(after)) {
    for (const key of /* @__PURE__ */ new Set([...Object.keys(before), ...Object.keys(after)])) {
      const at = path ? `${path}.${key}` : key;
      if (!(key in after))
        change.removed.push(at);
      else if (!(key in before))
        change.added.push(at);
      else
        compare(before[key], after[key], at, change);
    }
    return;
  }
  if (JSON.stringify(before) !== JSON.stringify(after))
    change.changed.push(path || "(all values)");
}
function isMap(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

// dist/cli/terminal.js
import { createInterface } from "node:readline/promises";
function stdinTerminal(io) {
  return {
    interactive: Boolean(io.stdin.isTTY),
    async ask(question) {
      const rl = createInterface({ input: io.stdin, output: io.stderr });
      try {
        return await rl.question(question);
      } finally {
        rl.close();
      }
    }
  };
}
function isYes(answer) {
  return /^\s*y(es)?\s*$/i.test(answer);
}

// dist/cli/review.js
function wantsQuestion(ctx, options) {
  const asked = options.interactive ?? isTrue(ctx.io.env.RELEASES_INTERACTIVE);
  if (!asked || options.yes)
    return false;
  if (!terminalOf(ctx).interactive) {
    throw new UsageError("--interactive asks on the terminal, and stdin is not one", {
      hint: "drop -i (or RELEASES_INTERACTIVE), or pass --yes to go ahead without asking"
    });
  }
  return true;
}
async function reviewPlan(ctx, plan, rendered, clusters, ask) {
  if (ctx.globals().output === "json" && !ask)
    return;
  const details = await releaseDetails(plan, rendered, clusters);
  ctx.io.stderr.write(`${formatPlanPreview(plan, details)}
`);
  if (!ask || !planChanges(plan))
    return;
  const answer = await terminalOf(ctx).ask("Go ahead with this plan? [y/N] ");
  if (!isYes(answer)) {
    throw new UsageError("not confirmed; nothing was changed", { hint: "pass --yes to skip the question" });
  }
}
async function releaseDetails(plan, rendered, clusters) {
  const byId = new Map(rendered.map((r) => [r.release.id, r]));
  const upgrades = plan.releases.filter((r) => r.action === "upgrade").map((r) => r.id);
  const deployed = upgrades.length > 0 ? await clusters.read(upgrades, { decode: true }) : /* @__PURE__ */ new Map();
  const details = /* @__PURE__ */ new Map();
  for (const p of plan.releases) {
    const r = byId.get(p.id);
    if (!r || p.action !== "install" && p.action !== "upgrade")
      continue;
    const chart = `${r.release.chart.display}${r.release.version ? ` ${r.release.version}` : ""}`;
    const live = deployed.get(p.id);
    details.set(p.id, {
      chart,
      values: p.action === "upgrade" && live !== void 0 ? valuesChange(live.config ?? {}, r.values) : { count: countValues(r.values) }
    });
  }
  return details;
}
function terminalOf(ctx) {
  return ctx.io.terminal ?? stdinTerminal(ctx.io);
}
function isTrue(value) {
  return value === "1" || value?.toLowerCase() === "true";
}

// dist/cli/commands/sync.js
function addReviewOptions(command) {
  return command.addOption(new Option("-i, --interactive", "show the plan and ask once before changing anything (default: $RELEASES_INTERACTIVE)").conflicts(["yes", "dryRun"])).option("-y, --yes", "do not ask (CI): go ahead with the plan", false);
}
var UPDATE_LOCK = "move releases.lock to the newest chart versions allowed first (releases deps --update)";
function registerSync(program, ctx) {
  addRunOptions(program.command("sync").description("install or upgrade every selected release, in dependency order, in parallel where the graph allows").addHelpText("after", `
Each release is upgraded atomically (rolled back on failure) with its timeout,
its tests run when it sets tests: true, and releases that need a failed one are
skipped. Needs outside the selection must already be deployed.

Examples:
  releases sync -e production
  releases sync -e staging -l tier=core
  releases sync -e development -l app=app1 --include-needs
  releases sync -e production --concurrency 8 --fail-fast`)).option("--dry-run", "print what would be done to each release, in order; change nothing", false).option("--update-lock", UPDATE_LOCK, false);
  addReviewOptions(program.commands.at(-1)).action((options) => syncOrApply(ctx, options, "sync"));
  addRunOptions(program.command("apply").description("like sync, but leave releases whose desired state is already deployed alone (no helm call)").option("--force", "upgrade every selected release, changed or not", false).option("--ignore-drift", "leave releases whose live objects drifted alone (no drift check)", false).addHelpText("after", `
A release is unchanged when its fingerprint \u2014 chart (content or version),
merged values, helm settings and a digest of the secrets it consumes \u2014 equals
the one stored on its deployed revision, and its live objects have not drifted
from what helm deployed (changed or deleted by hand; see driftDetection).

Examples:
  releases apply -e production
  releases apply -e staging -l app=app2
  releases apply -e production --force`)).option("--dry-run", "print what would be done to each release, in order; change nothing", false).option("--update-lock", UPDATE_LOCK, false);
  addReviewOptions(program.commands.at(-1)).action((options) => syncOrApply(ctx, options, options.force ? "sync" : "apply"));
}
async function syncOrApply(ctx, options, mode) {
  if (options.dryRun && options.updateLock) {
    throw new UsageError("--update-lock writes releases.lock: run `releases deps --update` before a --dry-run");
  }
  const ask = !options.dryRun && wantsQuestion(ctx, options);
  const { workspace, rendered } = await prepareRendered(ctx, options.helmBinary, {
    updateLock: options.updateLock
  });
  if (nothingSelected(workspace, ctx))
    return;
  if (options.dryRun) {
    const clusters = ctx.session.clustersOf(workspace.project);
    const drift = mode === "apply" && !options.ignoreDrift ? "unchanged" : void 0;
    const { plan } = await readPlan(ctx, clusters, workspace, rendered, mode, {
      recover: options.recover,
      drift
    });
    printPlan(ctx, plan);
    await debugRequests(ctx, clusters, workspace.selection.ids);
    return;
  }
  await deploy(ctx, {
    workspace,
    rendered,
    mode,
    command: options.force ? "apply --force" : mode,
    options,
    review: (plan, clusters) => reviewPlan(ctx, plan, rendered, clusters, ask)
  });
}
function printPlan(ctx, plan) {
  const out = ctx.io.stdout;
  if (ctx.globals().output === "json") {
    out.write(`${JSON.stringify({ dryRun: true, ...plan }, null, 2)}
`);
    return;
  }
  const rows = [...plan.releases].sort((a, b) => a.stage - b.stage).map((p) => [
    String(p.stage),
    p.id,
    p.action,
    p.revision === null ? "-" : String(p.revision),
    p.stuck && !p.recover ? `stuck ${p.stuck}: needs --recover` : p.reason
  ]);
  out.write(`${formatTable(["STAGE", "RELEASE", "ACTION", "REVISION", "WHY"], rows)}
`);
  for (const need of plan.needsOutside) {
    out.write(`needs, outside the selection: ${need.id} (${need.status})
`);
  }
  for (const blocker of plan.blockers)
    out.write(`would stop: ${blocker.message}
`);
  out.write(`
dry run: ${countActions(plan)}; nothing was changed
`);
}
export {
  printPlan,
  registerSync
};
