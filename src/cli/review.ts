// "See it, then do it": before `apply` or `sync` changes anything, the plan's
// changes are printed (stderr, beside the progress) — each release's action,
// why, its chart and which values change (paths, never values) — and with
// --interactive the person at the terminal says yes or no once for the whole
// plan. The lock is held meanwhile, so what was shown is what runs.
import { UsageError } from "../errors.js";
import type { DeployedRelease } from "../kube/release-record.js";
import type { DeployPlan } from "../plan/deploy-plan.js";
import { formatPlanPreview, planChanges, type ReleaseDetail } from "../plan/plan-preview.js";
import { countValues, valuesChange } from "../plan/values-change.js";
import type { RenderedRelease } from "../values/render-releases.js";
import type { CommandContext } from "./context.js";
import { isYes, stdinTerminal, type Terminal } from "./terminal.js";

export interface ReviewOptions {
  interactive?: boolean;
  yes?: boolean;
}

/** Whether the run asks; refuses -i without a terminal, before anything is read or rendered. */
export function wantsQuestion(ctx: CommandContext, options: ReviewOptions): boolean {
  const asked = options.interactive ?? isTrue(ctx.io.env.RELEASES_INTERACTIVE);
  if (!asked || options.yes) return false;
  if (!terminalOf(ctx).interactive) {
    throw new UsageError("--interactive asks on the terminal, and stdin is not one", {
      hint: "drop -i (or RELEASES_INTERACTIVE), or pass --yes to go ahead without asking",
    });
  }
  return true;
}

/** Whether the review prints the plan (and so the deployed values it compares with): not for -o json without -i. */
export function reviewShowsValues(ctx: CommandContext, ask: boolean): boolean {
  return ctx.globals().output !== "json" || ask; // the JSON report says what each release did
}

/**
 * Prints the plan's changes; with `ask`, throws unless the answer is yes.
 * `deployed`: the latest revisions read under the lock, their values decoded when reviewShowsValues.
 */
export async function reviewPlan(
  ctx: CommandContext,
  plan: DeployPlan,
  rendered: readonly RenderedRelease[],
  deployed: ReadonlyMap<string, DeployedRelease>,
  ask: boolean,
): Promise<void> {
  if (!reviewShowsValues(ctx, ask)) return;
  const details = releaseDetails(plan, rendered, deployed);
  ctx.io.stderr.write(`${formatPlanPreview(plan, details)}\n`);
  if (!ask || !planChanges(plan)) return;
  const answer = await terminalOf(ctx).ask("Go ahead with this plan? [y/N] ");
  if (!isYes(answer)) {
    throw new UsageError("not confirmed; nothing was changed", { hint: "pass --yes to skip the question" });
  }
}

/** Chart and values of the releases to install or upgrade; for upgrades, the values changed since the deployed revision. */
function releaseDetails(
  plan: DeployPlan,
  rendered: readonly RenderedRelease[],
  deployed: ReadonlyMap<string, DeployedRelease>,
): Map<string, ReleaseDetail> {
  const byId = new Map(rendered.map((r) => [r.release.id, r]));
  const details = new Map<string, ReleaseDetail>();
  for (const p of plan.releases) {
    const r = byId.get(p.id);
    if (!r || (p.action !== "install" && p.action !== "upgrade")) continue;
    const chart = `${r.release.chart.display}${r.release.version ? ` ${r.release.version}` : ""}`;
    const live = deployed.get(p.id);
    details.set(p.id, {
      chart,
      values:
        p.action === "upgrade" && live !== undefined
          ? valuesChange(live.config ?? {}, r.values)
          : { count: countValues(r.values) },
    });
  }
  return details;
}

function terminalOf(ctx: CommandContext): Terminal {
  return ctx.io.terminal ?? stdinTerminal(ctx.io);
}

function isTrue(value: string | undefined): boolean {
  return value === "1" || value?.toLowerCase() === "true";
}
