// helmfile's extra helm flags — helmDefaults `args` (every helm command),
// `syncArgs` (upgrade), `templateArgs` (template) — as releases' `defaults.args`
// per command. helmfile adds templateArgs to its diff render too, but releases'
// diff renders with `helm upgrade --dry-run`, which has no template-only flags
// (--api-versions, --include-crds…): they stay with template. helmfile joins
// each list with spaces and splits it again into flags; so does this.
// `diffArgs` are flags of the helm-diff plugin, which releases' diff does not
// use: left, like any list holding a flag releases controls itself (values,
// wait, timeout…).
import { controlledFlag } from "../../config/helm-options.js";
import type { HelmCommandKind } from "../../model/project.js";
import { type KeyContext, left, literal } from "./release-keys.js";

export type HelmArgs = Partial<Record<HelmCommandKind, string[]>>;

/** helmDefaults keys of extra flags, in the order their flags are given to helm. */
export const HELM_ARGS_KEYS = ["args", "syncArgs", "templateArgs", "diffArgs"] as const;

const COMMANDS: Record<(typeof HELM_ARGS_KEYS)[number], readonly HelmCommandKind[]> = {
  args: ["sync", "template", "diff", "lint"],
  syncArgs: ["sync"],
  templateArgs: ["template"],
  diffArgs: [],
};

/** One helmDefaults key's flags added to `into`; a finding instead when they cannot carry over. */
export function addHelmArgs(
  key: (typeof HELM_ARGS_KEYS)[number],
  value: unknown,
  into: HelmArgs,
  ctx: KeyContext,
): void {
  if (key === "diffArgs") {
    left(
      ctx,
      "diffArgs are flags of the helm-diff plugin; releases' diff renders with helm upgrade --dry-run instead",
      "flags of helm upgrade --dry-run go under defaults.args.diff",
    );
    return;
  }
  const v = literal(value, ctx);
  if (v === undefined) return;
  const list =
    typeof v === "string" ? [v] : Array.isArray(v) && v.every((a) => typeof a === "string") ? v : undefined;
  if (list === undefined) {
    left(ctx, `${key} must be a list of strings`);
    return;
  }
  const flags = list.join(" ").split(/\s+/).filter(Boolean);
  const controlled = flags.map(controlledFlag).find((c) => c !== undefined);
  if (controlled) {
    left(
      ctx,
      `${controlled.flag} is not allowed in releases' args: ${controlled.instead}`,
      `write the other flags under defaults.args.${COMMANDS[key].join(" / ")}`,
    );
    return;
  }
  for (const kind of COMMANDS[key]) into[kind] = [...(into[kind] ?? []), ...flags];
}
