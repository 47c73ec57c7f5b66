// Which releases a drift check is for (pure). `apply` needs it only for the
// releases its plan would leave unchanged — any other is redeployed anyway —
// and `status` reports it for every deployed release. A release with
// `driftDetection.mode: disabled` is never checked.
import type { DeployPlan, DesiredRelease } from "./deploy-plan.js";

export type DriftScope = "unchanged" | "deployed";

export function driftScope(
  plan: DeployPlan,
  desired: readonly DesiredRelease[],
  scope: DriftScope,
): string[] {
  const mode = new Map(desired.map((d) => [d.id, d.driftMode ?? "enabled"]));
  return plan.releases
    .filter((p) => mode.get(p.id) !== "disabled")
    .filter((p) =>
      scope === "unchanged" ? p.action === "unchanged" : p.status === "deployed" && p.action !== "uninstall",
    )
    .map((p) => p.id);
}
