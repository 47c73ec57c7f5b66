// `releases values <release>`: the fully merged values one release would be
// deployed with — environment, templates, secrets, `set` — with every secret
// value replaced by <redacted>. Reads secrets (SOPS, Vault) but no cluster.
import type { Command } from "commander";
import { stringify } from "yaml";
import type { CommandContext } from "../context.js";
import { findRelease } from "../find-release.js";
import { openWorkspace, renderSelected } from "../workspace.js";

export function registerValues(program: Command, ctx: CommandContext): void {
  const { io, globals, redactor } = ctx;
  program
    .command("values")
    .argument("<release>", "name, or namespace/name")
    .description("print the merged values a release would be deployed with (secrets redacted)")
    .addHelpText(
      "after",
      `
Examples:
  releases values app1-back -e staging
  releases values backend/app1-back -e production -o json`,
    )
    .action(async (ref: string) => {
      const options = globals();
      const workspace = await openWorkspace(ctx);
      const release = findRelease(workspace.project.releases, ref);
      const [rendered] = await renderSelected(workspace, ctx, [release]);
      const values = redactor.redactTree(rendered!.values);
      io.stdout.write(
        options.output === "json"
          ? `${JSON.stringify(values, null, 2)}\n`
          : stringify(values, { lineWidth: 0 }),
      );
    });
}
