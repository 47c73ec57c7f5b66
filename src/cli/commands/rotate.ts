import type { Command } from "commander";
import { ReleaseFailedError, ReleasesError, UsageError } from "../../errors.js";
import { parseVaultTarget } from "../../run/consumers.js";
import type { CommandContext } from "../context.js";
import type { CliIO } from "../io.js";
import { changeThenRedeploy, consumersOf, describeConsumers } from "../rotation.js";
import { addRunOptions, type RunOptions } from "../run-options.js";
import { openWorkspace } from "../workspace.js";

interface RotateVaultOptions extends RunOptions {
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
    const { generateSecret } = await import("../../secrets/vault/index.js");
    const value = options.generate
      ? generateSecret()
      : options.value === "-"
        ? await readStdin(ctx.io)
        : options.value!;
    if (value === "") throw new UsageError("the new value is empty");
    ctx.redactor.register(value);

    const workspace = await openWorkspace(ctx);
    // Render once with the current secret to learn who consumes it; this also
    // proves every other secret resolves before anything is written.
    const consumers = await consumersOf(ctx, workspace, { kind: "vault", ...target });
    const vault = await ctx.session.vault();
    const current = await vault.readVersion(target.path);
    const name = `${target.path}#${target.key}`;
    const write = async () => {
      const version = await vault.writeKv2(
        target.path,
        { ...current.data, [target.key]: value },
        { cas: current.version },
      );
      ctx.io.stderr.write(
        `rotated ${name}: version ${current.version} -> ${version}; ${describeConsumers(consumers)}\n`,
      );
    };
    if (consumers.length === 0) return write();

    // The lock is held and every check passed before the write; from the write
    // on, any failure (helm, tests, lost lock, cluster gone, Ctrl-C) restores
    // the previous version.
    let written = false;
    try {
      const change = async () => {
        await write();
        written = true;
      };
      await changeThenRedeploy(ctx, workspace, consumers, options, change, true, "rotate vault");
    } catch (error) {
      if (!written) throw error;
      const restored = await vault.restoreVersion(target.path, current.version);
      ctx.io.stderr.write(
        `redeploy failed: restored ${name} to version ${current.version} (written as version ${restored}); ` +
          "consumers that did upgrade now hold a value that is not current: `releases apply` redeploys them\n",
      );
      const why = error instanceof ReleasesError ? error.message : String(error);
      if (error instanceof ReleasesError && !(error instanceof ReleaseFailedError)) throw error;
      throw new ReleaseFailedError(
        `redeploy of the consumers of ${name} failed (${why}); the secret was restored to version ${current.version}`,
        { hint: "the failed releases were rolled back; see the summary above", cause: error },
      );
    }
  });
}

async function readStdin(io: CliIO): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
}
