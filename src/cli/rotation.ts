// What the two rotations share: finding the releases that consume a secret
// (rendering every selected release, which also proves every other secret
// resolves before anything is written), and saying who they are.
import type { Release } from "../model/project.js";
import { consumes, type SecretTarget } from "../run/consumers.js";
import type { CommandContext } from "./context.js";
import { renderSelected, type Workspace } from "./workspace.js";

export async function consumersOf(
  ctx: CommandContext,
  workspace: Workspace,
  target: SecretTarget,
): Promise<Release[]> {
  const rendered = await renderSelected(workspace, ctx);
  return rendered.filter((r) => consumes(r.consumed, target)).map((r) => r.release);
}

export function describeConsumers(releases: readonly Release[]): string {
  return `${releases.length} consumer(s): ${releases.map((r) => r.id).join(", ") || "none"}`;
}
