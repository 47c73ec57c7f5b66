// Finding the age identities that may decrypt SOPS data keys, the way `sops`
// does (age/keysource.go loadIdentities): SOPS_AGE_KEY, SOPS_AGE_KEY_FILE,
// SOPS_AGE_KEY_CMD and <user config dir>/sops/age/keys.txt are all read and
// their keys combined. Failing sources are remembered (by name, never content)
// so a later "no identity" error can say where we looked.
import { execFile } from "node:child_process";
import { homedir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { readTextFile } from "../config/files.js";

export interface AgeIdentities {
  /** AGE-SECRET-KEY-1… strings. Never print these. */
  readonly identities: readonly string[];
  /** Where keys were looked for, for error hints. */
  readonly searched: readonly string[];
  /** Sources that failed to load, as messages without key material. */
  readonly problems: readonly string[];
  /**
   * The environment the keys were found in, through which gpg (GNUPGHOME,
   * SOPS_GPG_EXEC) and Vault transit (VAULT_TOKEN…) keys are reached.
   */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export interface AgeKeyDeps {
  readFile(path: string): Promise<string>;
  runCommand(argv: readonly string[]): Promise<string>;
  platform: NodeJS.Platform;
  homedir(): string;
}

const run = promisify(execFile);

export const nodeAgeKeyDeps: AgeKeyDeps = {
  // A device or FIFO named as a key file is refused, never read.
  readFile: (path) => readTextFile(path),
  runCommand: async ([cmd, ...args]) => (await run(cmd!, args, { encoding: "utf8" })).stdout,
  platform: process.platform,
  homedir,
};

/** age's identity file format: one key per line, blank lines and `#` comments ignored. */
export function parseIdentityText(text: string): { identities: string[]; unsupported: number } {
  const identities: string[] = [];
  let unsupported = 0;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    if (/^AGE-SECRET-KEY-(PQ-)?1[0-9A-Z]+$/.test(line)) identities.push(line);
    else unsupported += 1;
  }
  return { identities, unsupported };
}

/** os.UserConfigDir, with sops' macOS exception for XDG_CONFIG_HOME. */
export function userConfigDir(
  env: Readonly<Record<string, string | undefined>>,
  deps: AgeKeyDeps,
): string | undefined {
  const xdg = env.XDG_CONFIG_HOME;
  if (deps.platform === "win32") return env.AppData || undefined;
  if (deps.platform === "darwin") {
    return xdg ? xdg : join(env.HOME || deps.homedir(), "Library", "Application Support");
  }
  if (xdg?.startsWith("/")) return xdg;
  const home = env.HOME || deps.homedir();
  return home ? join(home, ".config") : undefined;
}

/** Split a command line like Go's shlex: whitespace, single and double quotes, backslash escapes. */
export function splitCommand(line: string): string[] {
  const out: string[] = [];
  let current = "";
  let inWord = false;
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else current += c;
    } else if (quote === '"') {
      if (c === '"') quote = undefined;
      else if (c === "\\" && i + 1 < line.length) current += line[++i];
      else current += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (c === "\\" && i + 1 < line.length) {
      current += line[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) out.push(current);
      current = "";
      inWord = false;
    } else {
      current += c;
      inWord = true;
    }
  }
  if (inWord) out.push(current);
  return out;
}

export async function loadAgeIdentities(
  env: Readonly<Record<string, string | undefined>>,
  deps: AgeKeyDeps = nodeAgeKeyDeps,
): Promise<AgeIdentities> {
  const identities: string[] = [];
  const searched: string[] = [];
  const problems: string[] = [];
  const add = (text: string, source: string) => {
    const parsed = parseIdentityText(text);
    identities.push(...parsed.identities);
    if (parsed.unsupported > 0)
      problems.push(`${source}: ${parsed.unsupported} line(s) that are not age X25519 identities`);
  };

  if (env.SOPS_AGE_KEY !== undefined) {
    searched.push("SOPS_AGE_KEY");
    add(env.SOPS_AGE_KEY, "SOPS_AGE_KEY");
  }
  if (env.SOPS_AGE_KEY_FILE !== undefined) {
    const path = env.SOPS_AGE_KEY_FILE;
    searched.push(`SOPS_AGE_KEY_FILE (${path})`);
    try {
      add(await deps.readFile(path), path);
    } catch (error) {
      problems.push(
        `cannot read SOPS_AGE_KEY_FILE ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      );
    }
  }
  if (env.SOPS_AGE_KEY_CMD !== undefined) {
    searched.push("SOPS_AGE_KEY_CMD");
    const argv = splitCommand(env.SOPS_AGE_KEY_CMD);
    if (argv.length === 0) problems.push("SOPS_AGE_KEY_CMD is empty");
    else {
      try {
        add(await deps.runCommand(argv), "SOPS_AGE_KEY_CMD");
      } catch {
        problems.push(`SOPS_AGE_KEY_CMD (${argv[0]}) failed`);
      }
    }
  }
  const configDir = userConfigDir(env, deps);
  if (configDir) {
    const path = join(configDir, "sops", "age", "keys.txt");
    searched.push(path);
    try {
      add(await deps.readFile(path), path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== "ENOENT") problems.push(`cannot read ${path}: ${code ?? (error as Error).message}`);
    }
  }
  return { identities: [...new Set(identities)], searched, problems, env };
}
