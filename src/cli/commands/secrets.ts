import { relative, resolve } from "node:path";
import { type Command, Option } from "commander";
import { localFiles } from "../../config/files.js";
import { ReleaseFailedError, UsageError } from "../../errors.js";
import { loadAgeIdentities } from "../../secrets/age-keys.js";
import { editSopsFile, shellEditor } from "../../secrets/sops/edit.js";
import { decryptFileToText, encryptFile, rotateSopsFile, updateKeysFile } from "../../secrets/sops/files.js";
import { parseTransitUri } from "../../secrets/sops/keys/hc-vault.js";
import type { RecipientChange } from "../../secrets/sops/rekey.js";
import type { CommandContext } from "../context.js";
import type { CliIO } from "../io.js";
import { changeThenRedeploy, consumersOf, describeConsumers } from "../rotation.js";
import { addRunOptions, type RunOptions } from "../run-options.js";
import { openWorkspace } from "../workspace.js";

interface ConfigOption {
  config?: string;
}

function recipientsOption(value: string, previous: string[]): string[] {
  const list = value
    .split(",")
    .map((r) => r.trim())
    .filter((r) => r !== "");
  if (list.some((r) => !r.startsWith("age1")))
    throw new UsageError(`"${value}" is not a list of age recipients (age1…)`);
  return [...previous, ...list];
}

interface EncryptKeyOptions {
  age: string[];
  pgp: string[];
  hcVaultTransit: string[];
}

function pgpOption(value: string, previous: string[]): string[] {
  const list = value
    .split(",")
    .map((f) => f.trim().replaceAll(" ", ""))
    .filter((f) => f !== "");
  if (list.some((f) => !/^(0x)?[0-9A-Fa-f]{16}([0-9A-Fa-f]{24})?$/.test(f)))
    throw new UsageError(`"${value}" is not a list of PGP key fingerprints (40 or 16 hex digits)`);
  return [...previous, ...list.map((f) => f.replace(/^0x/, "").toUpperCase())];
}

function transitOption(value: string, previous: string[]): string[] {
  const list = value
    .split(",")
    .map((u) => u.trim())
    .filter((u) => u !== "");
  if (list.some((u) => parseTransitUri(u) === undefined))
    throw new UsageError(
      `"${value}" is not a list of Vault transit key URIs (https://vault:8200/v1/<engine>/keys/<key>)`,
    );
  return [...previous, ...list];
}

function describeChange(io: CliIO, file: string, change: RecipientChange): void {
  for (const r of change.added) io.stderr.write(`${file}: + ${r}\n`);
  for (const r of change.removed) io.stderr.write(`${file}: - ${r}\n`);
}

export function registerSecrets(program: Command, ctx: CommandContext): void {
  const { io } = ctx;
  const secrets = program
    .command("secrets")
    .description(
      "encrypt, decrypt, edit and re-key SOPS files (age, PGP, Vault transit keys), without the sops binary",
    );
  const keys = () => loadAgeIdentities(io.env);

  secrets
    .command("encrypt <file>")
    .description("encrypt a plaintext YAML, JSON or .env file in place, for the recipients .sops.yaml names")
    .option(
      "--age <recipients>",
      "encrypt for these age recipients instead of .sops.yaml's (repeatable)",
      recipientsOption,
      [],
    )
    .option(
      "--pgp <fingerprints>",
      "encrypt for these PGP keys (fingerprints, through gpg) instead of .sops.yaml's (repeatable)",
      pgpOption,
      [],
    )
    .option(
      "--hc-vault-transit <uris>",
      "encrypt with these Vault transit keys (https://vault:8200/v1/<engine>/keys/<key>) instead of .sops.yaml's",
      transitOption,
      [],
    )
    .option("--output-file <path>", "write the encrypted file here instead of in place")
    .option("--config <path>", "the .sops.yaml to use (default: found from the working directory upwards)")
    .addHelpText(
      "after",
      `
Keys given with --age, --pgp and --hc-vault-transit form one key group (any one
of them decrypts the file), as with sops; without them, .sops.yaml's creation
rule for the file decides.

Examples:
  releases secrets encrypt environments/staging/secrets.sops.yaml
  releases secrets encrypt .env --age age1… --output-file .env.enc
  releases secrets encrypt secrets.sops.yaml --pgp 85D77543B3D624B63CEA9E6DBC17301B491B3F21`,
    )
    .action(async (file: string, options: ConfigOption & EncryptKeyOptions & { outputFile?: string }) => {
      const written = await encryptFile(file, {
        cwd: io.cwd,
        configPath: options.config,
        keys: [
          ...options.age.map((id) => ({ type: "age", id })),
          ...options.pgp.map((id) => ({ type: "pgp", id })),
          ...options.hcVaultTransit.map((id) => ({ type: "hc_vault", id })),
        ],
        output: options.outputFile,
        env: io.env,
      });
      io.stderr.write(`encrypted ${written}\n`);
    });

  secrets
    .command("decrypt <file>")
    .description("print the decrypted file on stdout (after verifying its MAC)")
    .action(async (file: string) => {
      io.stdout.write(await decryptFileToText(file, await keys(), io.cwd));
    });

  secrets
    .command("edit <file>")
    .description("decrypt to a private file in memory (/dev/shm), run $EDITOR, re-encrypt if it changed")
    .action(async (file: string) => {
      const path = resolveFrom(io, file);
      const { changed } = await editSopsFile(path, await keys(), { runEditor: shellEditor(io.env) });
      io.stderr.write(changed ? `updated ${path}\n` : `no changes to ${path}\n`);
    });

  secrets
    .command("updatekeys <file>")
    .description(
      "wrap the file's data key for the recipients .sops.yaml now names (values and MAC unchanged)",
    )
    .option("--config <path>", "the .sops.yaml to use (default: found from the working directory upwards)")
    .action(async (file: string, options: ConfigOption) => {
      const result = await updateKeysFile(file, await keys(), { cwd: io.cwd, configPath: options.config });
      describeChange(io, file, result.change);
      io.stderr.write(result.written ? `updated keys of ${file}\n` : `${file}: keys already up to date\n`);
    });

  addRunOptions(
    secrets
      .command("rotate <file>")
      .description(
        "generate a new data key and re-encrypt every value and the MAC, then redeploy the file's consumers",
      )
      .option("--add-age <recipients>", "also encrypt for these age recipients", recipientsOption, [])
      .option("--rm-age <recipients>", "stop encrypting for these age recipients", recipientsOption, [])
      .addHelpText(
        "after",
        `
When the project file (-f, default releases.yaml) exists, the releases of the
environment (-e) whose values consume this file are redeployed afterwards,
in dependency order, atomically, with their tests. --no-deploy skips that.

Examples:
  releases -e production secrets rotate environments/production/database.sops.yaml
  releases secrets rotate secrets.sops.yaml --rm-age age1old... --no-deploy`,
      )
      .addOption(new Option("--no-deploy", "change the secret only; do not redeploy its consumers")),
  ).action(async (file: string, options: RotateOptions) => {
    const path = resolveFrom(io, file);
    const rotate = async () => {
      const result = await rotateSopsFile(path, await keys(), {
        addRecipients: options.addAge,
        removeRecipients: options.rmAge,
      });
      describeChange(io, file, result.change);
      io.stderr.write(`rotated the data key of ${file}\n`);
    };
    if (options.deploy === false || !(await localFiles.exists(resolve(io.cwd, ctx.globals().file)))) {
      return rotate();
    }
    const workspace = await openWorkspace(ctx);
    const consumers = await consumersOf(ctx, workspace, {
      kind: "sops",
      file: relative(workspace.project.dir, path),
    });
    io.stderr.write(`${describeConsumers(consumers)}\n`);
    if (consumers.length === 0) return rotate();
    try {
      // The values stay the same (only their encryption changes): no second render.
      await changeThenRedeploy(ctx, workspace, consumers, options, rotate, false, "secrets rotate");
    } catch (error) {
      if (!(error instanceof ReleaseFailedError)) throw error;
      throw new ReleaseFailedError(`redeploy of the consumers of ${file} failed`, {
        hint: "the file is rotated and valid; failed releases were rolled back — fix them and run sync",
        cause: error,
      });
    }
  });
}

interface RotateOptions extends RunOptions {
  addAge: string[];
  rmAge: string[];
  deploy?: boolean;
}

function resolveFrom(io: CliIO, file: string): string {
  return resolve(io.cwd, file);
}
