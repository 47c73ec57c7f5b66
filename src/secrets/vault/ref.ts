// A Vault reference as written in a template, `{{vault "secret/app1/db" "password"}}`,
// or in a value, `ref+vault://secret/app1/db#password`.
// The path is what the user wrote (with or without KV v2's `data/`); the mount
// lookup decides the API path later, so two spellings of one secret still
// share one read.
import { type SourceLocation, TemplateError } from "../../errors.js";

export interface VaultRef {
  /** Logical path as written, without leading or trailing slashes. */
  path: string;
  /** Key inside the secret's data. */
  key: string;
}

/** One place a reference is used, so an error can name it. */
export interface VaultUse {
  ref: VaultRef;
  /** Who needs the value, e.g. the release id `backend/app1`. */
  usedBy: string;
  /** Where the reference is written, e.g. the template file and line. */
  location?: SourceLocation;
}

/** The key values are returned under: `path#key`. */
export function refKey(ref: VaultRef): string {
  return `${ref.path}#${ref.key}`;
}

/** Checks and normalises a reference; a malformed one is a template error at `location`. */
export function vaultRef(
  path: string,
  key: string,
  location?: SourceLocation,
  hint = 'Write {{vault "<mount>/<path>" "<key>"}}, e.g. {{vault "secret/app1/db" "password"}}.',
): VaultRef {
  const normalised = path.trim().replace(/^\/+|\/+$/g, "");
  const problem = pathProblem(normalised) ?? (key.trim() === "" ? "the key is empty" : undefined);
  if (problem) {
    throw new TemplateError(`invalid Vault reference ${JSON.stringify(`${path}#${key}`)}: ${problem}`, {
      location,
      hint,
    });
  }
  return { path: normalised, key };
}

function pathProblem(path: string): string | undefined {
  if (path === "") return "the path is empty";
  const segments = path.split("/");
  if (segments.length < 2) return "the path names a mount but no secret under it";
  if (segments.some((s) => s === "")) return "the path has an empty segment";
  if (segments.some((s) => s === "." || s === "..")) return "the path contains '.' or '..'";
  if (/[?#\s]/.test(path)) return "the path contains '?', '#' or whitespace";
  return undefined;
}
