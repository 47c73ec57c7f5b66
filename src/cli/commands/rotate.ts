import type { Command } from "commander";
import { localFiles } from "../../config/files.js";
import { ReleaseFailedError, UsageError } from "../../errors.js";
import { createManifestRenderer } from "../../render/manifests.js";
import { parseVaultTarget } from "../../run/consumers.js";
import { renderReleases } from "../../values/render-releases.js";
import { createTemplates } from "../../values/templates.js";
import type { CliIO } from "../io.js";
import type { CommandContext } from "../program.js";
import { describeConsumers, findConsumers } from "../redeploy.js";
import { addRunOptions, createHelm } from "../run-setup.js";
import { createSecretSources } from "../secret-sources.js";
import { openWorkspace } from "../workspace.js";
import { runSync, type SyncOptions } from "./sync.js";

interface RotateVaultOptions extends SyncOptions {
  value?: string;
  generate: boolean;
}

export function registerRotate(program: Command, ctx: CommandContext): void {
  const rotate = program
    .command("rotate")
    .description("rotate a secret, then redeploy exactly the releases that consume it");
  addRunOptions(
    rotate
      .command("vault <path#key>")
      .description("write a new KV v2 version of a Vault secret key and redeploy its consumers")
      .option(
        "--value <value>",
        "the new value; `-` reads it from stdin (never pass a real secret as an argument)",
      )
      .option("--generate", "generate a random 32-character value", false)
      .addHelpText(
        "after",
        `
The consumers are the releases whose rendered values read this key. They are
redeployed in dependency order, atomically, with their tests. If that fails,
the secret is restored to its previous version (as a new version) and the run
exits 1 saying so.

Examples:
  releases rotate vault secret/data/app1/db#password --generate -e staging
  printf '%s' "$NEW" | releases rotate vault secret/app1/db#password --value - -e production`,
      ),
  ).action(async (text: string, options: RotateVaultOptions) => {
    const target = parseVaultTarget(text);
    if (!target)
      throw new UsageError(`"${text}" is not <path>#<key>`, { hint: "e.g. secret/data/app1/db#password" });
    if (options.generate === (options.value !== undefined)) {
      throw new UsageError("pass exactly one of --value and --generate");
    }
    const { generateSecret, VaultClient } = await import("../../secrets/vault/index.js");
    const value = options.generate
      ? generateSecret()
      : options.value === "-"
        ? await readStdin(ctx.io)
        : options.value!;
    if (value === "") throw new UsageError("the new value is empty");
    ctx.redactor.register(value);

    const globals = ctx.globals();
    const workspace = await openWorkspace(globals, ctx.io);
    // Render once with the current secret to learn who consumes it; this also
    // proves every other secret resolves before anything is written.
    const consumers = (await findConsumers(ctx, workspace, { kind: "vault", ...target })).releases;
    const helm = await createHelm(ctx.io, options, ctx.redactor, globals.debug);

    const vault = VaultClient.fromEnv(ctx.io.env);
    const current = await vault.readVersion(target.path);
    const version = await vault.writeKv2(
      target.path,
      { ...current.data, [target.key]: value },
      { cas: current.version },
    );
    ctx.io.stderr.write(
      `rotated ${target.path}#${target.key}: version ${current.version} -> ${version}; ${describeConsumers(consumers)}\n`,
    );
    if (consumers.length === 0) return;

    const rendered = await renderReleases(workspace.project, consumers, {
      templates: createTemplates({ env: ctx.io.env }),
      files: localFiles,
      secrets: createSecretSources(ctx.io.env),
      redactor: ctx.redactor,
      manifests: createManifestRenderer(ctx.io.env),
    });
    const { summary, interrupted } = await runSync(ctx, { workspace, rendered, helm }, options, false);
    if (summary?.ok && !interrupted) return;
    const restored = await vault.restoreVersion(target.path, current.version);
    ctx.io.stderr.write(
      `redeploy failed: restored ${target.path}#${target.key} to version ${current.version} (written as version ${restored})\n`,
    );
    throw new ReleaseFailedError(
      `redeploy of the consumers of ${target.path}#${target.key} failed; the secret was restored to version ${current.version}`,
      { hint: "the failed releases were rolled back; see the summary above" },
    );
  });
}

async function readStdin(io: CliIO): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
}
