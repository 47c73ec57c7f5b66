// `secrets edit`: the one place plaintext touches a filesystem. It goes to a
// 0600 file in a 0700 directory on /dev/shm (memory) when there is one, the
// editor runs on it, and the directory is removed on every way out: success,
// error, editor failure, SIGTERM/SIGHUP. The file is re-encrypted with the
// same data key, and unchanged values keep their ciphertext, so diffs stay small.
import { spawn } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { SecretError, UsageError } from "../../errors.js";
import type { AgeIdentities } from "../age-keys.js";
import { openSops, plaintextOf } from "./decrypt.js";
import { sealSops } from "./encrypt.js";
import { readText, writeAtomically } from "./files.js";
import { parseDocument } from "./formats/index.js";

/** Runs the editor on `path` and resolves to its exit status. */
export type EditorRunner = (path: string) => Promise<number>;

export interface EditOptions {
  runEditor: EditorRunner;
  /** Where the plaintext directory goes; default /dev/shm if present, else the OS temp dir. */
  tempBase?: string;
  now?: Date;
}

export interface EditResult {
  changed: boolean;
}

export function plaintextTempBase(): string {
  return existsSync("/dev/shm") ? "/dev/shm" : tmpdir();
}

/** `$SOPS_EDITOR`, `$EDITOR` or vi, run through sh so editors with arguments (`code -w`) work. */
export function shellEditor(env: Readonly<Record<string, string | undefined>>): EditorRunner {
  const editor = env.SOPS_EDITOR || env.EDITOR || "vi";
  return (path) =>
    new Promise((resolvePromise, reject) => {
      const child = spawn("sh", ["-c", `${editor} "$1"`, "sh", path], { stdio: "inherit", env: { ...env } });
      const forward = (signal: NodeJS.Signals) => child.kill(signal);
      process.on("SIGTERM", forward);
      process.on("SIGHUP", forward);
      // Ctrl-C belongs to the editor while it runs.
      const ignore = () => undefined;
      process.on("SIGINT", ignore);
      const done = () => {
        process.off("SIGTERM", forward);
        process.off("SIGHUP", forward);
        process.off("SIGINT", ignore);
      };
      child.on("error", (error) => {
        done();
        reject(new UsageError(`cannot run the editor "${editor}"`, { cause: error, hint: "set $EDITOR" }));
      });
      child.on("exit", (code, signal) => {
        done();
        resolvePromise(code ?? (signal ? 128 : 1));
      });
    });
}

/** Remove the plaintext directory even if the process is being terminated. */
function guard(dir: string): () => void {
  let removed = false;
  const cleanup = () => {
    if (removed) return;
    removed = true;
    rmSync(dir, { recursive: true, force: true });
  };
  const onSignal = (signal: NodeJS.Signals) => {
    cleanup();
    release();
    process.kill(process.pid, signal);
  };
  const signals: NodeJS.Signals[] = ["SIGTERM", "SIGHUP"];
  for (const s of signals) process.once(s, onSignal);
  process.once("exit", cleanup);
  const release = () => {
    for (const s of signals) process.off(s, onSignal);
    process.off("exit", cleanup);
  };
  return () => {
    cleanup();
    release();
  };
}

export async function editSopsFile(
  file: string,
  keys: AgeIdentities,
  options: EditOptions,
): Promise<EditResult> {
  const path = resolve(file);
  const opened = await openSops(await readText(path), path, keys);
  const before = plaintextOf(opened);
  const dir = await mkdtemp(join(options.tempBase ?? plaintextTempBase(), "releases-edit-"));
  const finish = guard(dir);
  try {
    const tempFile = join(dir, basename(path));
    await writeFile(tempFile, before, { mode: 0o600, flag: "wx" });
    const status = await options.runEditor(tempFile);
    if (status !== 0)
      throw new UsageError(`the editor exited with status ${status}; the file was not changed`);
    const after = await readFile(tempFile, "utf8");
    if (after === before) return { changed: false };
    const parsed = parseDocument(after, path, opened.format);
    if (parsed.metadata !== undefined) {
      throw new SecretError("the edited text must not contain a sops key; the file was not changed", {
        location: { file: path, field: "sops" },
      });
    }
    const text = sealSops({
      file: path,
      format: opened.format,
      branch: parsed.branch,
      rules: opened.metadata.rules,
      dataKey: opened.dataKey,
      keys: opened.metadata,
      stash: opened.stash,
      now: options.now,
    });
    await writeAtomically(path, text);
    return { changed: true };
  } finally {
    finish();
  }
}
