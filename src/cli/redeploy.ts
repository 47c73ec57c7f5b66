// The second half of a rotation run: find the releases whose rendered values
// consumed a secret, and redeploy exactly those (sync: dependency order,
// atomic, with their tests), with the deploy options of sync.
import { type Command, Option } from "commander";
import type { Release } from "../model/project.js";
import { consumes, type SecretTarget } from "../run/consumers.js";
import type { RenderedRelease } from "../values/render-releases.js";
import type { CommandContext } from "./program.js";
import { renderSelected } from "./run-setup.js";
import type { Workspace } from "./workspace.js";

export interface Consumers {
  workspace: Workspace;
  releases: Release[];
}

/** Renders the selected releases (so every secret they need resolves first) and picks the consumers of `target`. */
export async function findConsumers(
  ctx: CommandContext,
  workspace: Workspace,
  target: SecretTarget,
): Promise<Consumers> {
  const rendered: RenderedRelease[] = await renderSelected(workspace, ctx.io, ctx.redactor);
  return { workspace, releases: rendered.filter((r) => consumes(r.consumed, target)).map((r) => r.release) };
}

export function describeConsumers(releases: readonly Release[]): string {
  return `${releases.length} consumer(s): ${releases.map((r) => r.id).join(", ") || "none"}`;
}

/** --concurrency etc. as on sync, for commands that deploy after changing a secret. */
export function addDeployOptions(command: Command): Command {
  return command.addOption(
    new Option("--no-deploy", "change the secret only; do not redeploy its consumers"),
  );
}
