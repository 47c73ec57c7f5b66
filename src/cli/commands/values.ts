// `releases values <release>`: the fully merged values one release would be
// deployed with — environment, templates, secrets, `set` — with every secret
// value replaced by <redacted>. Reads secrets (SOPS, Vault) but no cluster.
import type { Command } from "commander";
import { stringify } from "yaml";
import { localFiles } from "../../config/files.js";
import { UsageError } from "../../errors.js";
import type { Release } from "../../model/project.js";
import { createManifestRenderer } from "../../render/manifests.js";
import { closest } from "../../util/suggest.js";
import { renderReleases } from "../../values/render-releases.js";
import { createTemplates } from "../../values/templates.js";
import type { CommandContext } from "../program.js";
import { createSecretSources } from "../secret-sources.js";
import { openWorkspace } from "../workspace.js";

/** The release `ref` names: `namespace/name`, or a `name` only one release has. */
export function findRelease(releases: readonly Release[], ref: string): Release {
  const byId = releases.find((r) => r.id === ref);
  if (byId) return byId;
  const named = ref.includes("/") ? [] : releases.filter((r) => r.name === ref);
  if (named.length === 1) return named[0]!;
  if (named.length > 1) {
    throw new UsageError(`ambiguous release "${ref}": it names ${named.map((r) => r.id).join(", ")}`, {
      hint: "write it as namespace/name",
    });
  }
  const candidates = releases.map((r) => (ref.includes("/") ? r.id : r.name));
  const match = closest(ref, candidates);
  throw new UsageError(`unknown release "${ref}"${match ? ` (did you mean "${match}"?)` : ""}`, {
    hint: "`releases list` shows the releases of the environment",
  });
}

export function registerValues(program: Command, { io, globals, redactor }: CommandContext): void {
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
      const { project } = await openWorkspace(options, io);
      const release = findRelease(project.releases, ref);
      const [rendered] = await renderReleases(project, [release], {
        templates: createTemplates({ env: io.env }),
        files: localFiles,
        secrets: createSecretSources(io.env),
        redactor,
        manifests: createManifestRenderer(io.env),
      });
      const values = redactor.redactTree(rendered!.values);
      io.stdout.write(
        options.output === "json"
          ? `${JSON.stringify(values, null, 2)}\n`
          : stringify(values, { lineWidth: 0 }),
      );
    });
}
