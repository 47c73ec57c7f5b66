// The file-level operations behind `releases secrets …`: read, transform with
// the pure functions, write back atomically with the original mode. Only
// ciphertext is written here; plaintext goes to the caller.
import { randomBytes } from "node:crypto";
import { rename, stat, unlink, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { readTextFile, readTextFileAs, UnreadableFile, unreadableAs } from "../../config/files.js";
import { SecretError } from "../../errors.js";
import type { AgeIdentities } from "../age-keys.js";
import type { KeySpec } from "./data-key.js";
import { openSops, parseSops, plaintextOf } from "./decrypt.js";
import { encryptSops } from "./encrypt.js";
import type { Env } from "./keys/index.js";
import { currentKeys, type KeyTarget, type RekeyResult, rotate, updateKeys } from "./rekey.js";
import { type CreationRule, parseSopsConfig, ruleForFile, type SopsConfig } from "./rules.js";

export const SOPS_CONFIG_NAME = ".sops.yaml";

/** A secrets file's text; a missing, special (device, FIFO, directory), huge or non-UTF-8 file is a SecretError. */
export function readText(path: string): Promise<string> {
  return readTextFileAs(path, SecretError);
}

/** Replace `path` with `text` in one rename, keeping its mode (0600 for new files). */
export async function writeAtomically(path: string, text: string): Promise<void> {
  const mode = await stat(path).then(
    (s) => s.mode & 0o777,
    () => 0o600,
  );
  const tmp = join(dirname(path), `.${randomBytes(6).toString("hex")}.releases-tmp`);
  try {
    await writeFile(tmp, text, { mode, flag: "wx" });
    await rename(tmp, path);
  } catch (error) {
    await unlink(tmp).catch(() => undefined);
    throw new SecretError(`cannot write the file (${(error as NodeJS.ErrnoException).code ?? "error"})`, {
      location: { file: path },
      cause: error,
    });
  }
}

/** `.sops.yaml` in `startDir` or the nearest parent, as sops looks for it from the working directory. */
export async function findSopsConfig(
  startDir: string,
): Promise<{ config: SopsConfig; dir: string } | undefined> {
  let dir = resolve(startDir);
  for (;;) {
    const path = join(dir, SOPS_CONFIG_NAME);
    const text = await readTextFile(path).catch((error: unknown) => {
      // Only a missing file moves the search up; a directory or FIFO named .sops.yaml is an error.
      if (error instanceof UnreadableFile && (error.code === "ENOENT" || error.code === "ENOTDIR"))
        return undefined;
      throw unreadableAs(error, SecretError);
    });
    if (text !== undefined) return { config: parseSopsConfig(text, path), dir };
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export interface RuleLookup {
  cwd: string;
  /** An explicit config file instead of the search from cwd. */
  configPath?: string;
}

export async function creationRuleFor(file: string, lookup: RuleLookup): Promise<CreationRule> {
  const absolute = resolve(lookup.cwd, file);
  let found: { config: SopsConfig; dir: string } | undefined;
  if (lookup.configPath) {
    const path = resolve(lookup.cwd, lookup.configPath);
    found = { config: parseSopsConfig(await readText(path), path), dir: dirname(path) };
  } else {
    found = await findSopsConfig(lookup.cwd);
  }
  if (!found) {
    throw new SecretError(`no ${SOPS_CONFIG_NAME} found from ${lookup.cwd} upwards`, {
      location: { file },
      hint: "create one with creation_rules naming age recipients, or pass --age",
    });
  }
  return ruleForFile(found.config, found.dir, absolute);
}

export interface EncryptFileOptions extends RuleLookup {
  /** Keys given on the command line (one group), overriding .sops.yaml. */
  keys?: KeySpec[];
  output?: string;
  /** The environment gpg and Vault transit keys are reached through. */
  env?: Env;
}

export async function encryptFile(file: string, options: EncryptFileOptions): Promise<string> {
  const path = resolve(options.cwd, file);
  const plaintext = await readText(path);
  const rule = options.keys?.length ? undefined : await creationRuleFor(path, options);
  const text = await encryptSops(plaintext, path, {
    groups: options.keys?.length ? [options.keys] : rule?.groups,
    shamirThreshold: rule?.shamirThreshold,
    rules: rule?.rules,
    env: options.env,
  });
  const target = options.output ? resolve(options.cwd, options.output) : path;
  await writeAtomically(target, text);
  return target;
}

/** The plaintext of a SOPS file; the caller decides where it may go. */
export async function decryptFileToText(file: string, keys: AgeIdentities, cwd: string): Promise<string> {
  const path = resolve(cwd, file);
  return plaintextOf(await openSops(await readText(path), path, keys));
}

export async function updateKeysFile(
  file: string,
  keys: AgeIdentities,
  lookup: RuleLookup,
): Promise<RekeyResult & { written: boolean }> {
  const path = resolve(lookup.cwd, file);
  const rule = await creationRuleFor(path, lookup);
  const result = await updateKeys(await readText(path), path, keys, rule);
  const written = result.change.added.length > 0 || result.change.removed.length > 0;
  if (written) await writeAtomically(path, result.text);
  return { ...result, written };
}

export interface RotateFileOptions {
  addRecipients?: string[];
  removeRecipients?: string[];
  now?: Date;
}

/**
 * Rotate a file's data key in place: new key, every value and the MAC
 * re-encrypted. For callers that redeploy consumers after a rotation.
 */
export async function rotateSopsFile(
  path: string,
  keys: AgeIdentities,
  options: RotateFileOptions = {},
): Promise<RekeyResult> {
  const absolute = resolve(path);
  const text = await readText(absolute);
  let target: KeyTarget | undefined;
  if (options.addRecipients?.length || options.removeRecipients?.length) {
    // --add-age/--rm-age change the first group's age keys.
    const current = currentKeys(parseSops(text, absolute).metadata);
    const removed = new Set(options.removeRecipients ?? []);
    const groups = current.groups.map((group, i) => {
      const kept = group.filter((k) => !(k.type === "age" && removed.has(k.id)));
      if (i > 0) return kept;
      const added = (options.addRecipients ?? []).filter(
        (r) => !kept.some((k) => k.type === "age" && k.id === r),
      );
      return [...kept, ...added.map((id) => ({ type: "age", id }))];
    });
    target = { groups, shamirThreshold: current.shamirThreshold };
  }
  const result = await rotate(text, absolute, keys, { target, now: options.now });
  await writeAtomically(absolute, result.text);
  return result;
}
