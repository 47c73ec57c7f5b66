// What the two rotations share: finding the releases that consume a secret
// (rendering every selected release, which also proves every other secret
// resolves before anything is written), and saying who they are.
import type { Release } from "../model/project.js";
import { consumes, type SecretTarget } from "../run/consumers.js";
import type { CommandContext } from "./context.js";
import { deploy } from "./deploy.js";
import type { RunOptions } from "./run-options.js";
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

/**
 * Changes a secret and redeploys its consumers (sync: dependency order, atomic,
 * with their tests): `change` runs under the lock once every check passed, so
 * a held lock or a stuck consumer leaves the secret untouched. With `rerender`,
 * the consumers are rendered again after the change (their values changed).
 */
export async function changeThenRedeploy(
  ctx: CommandContext,
  workspace: Workspace,
  consumers: readonly Release[],
  options: RunOptions,
  change: () => Promise<void>,
  rerender: boolean,
  command: string,
): Promise<void> {
  await deploy(ctx, {
    workspace,
    rendered: await renderSelected(workspace, ctx, consumers),
    mode: "sync",
    command,
    options,
    beforeChanges: async () => {
      await change();
      return rerender ? renderSelected(workspace, ctx, consumers) : undefined;
    },
  });
}
