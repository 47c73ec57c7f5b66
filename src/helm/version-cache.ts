// helm's version, remembered per binary. Asking costs a helm process at the
// start of every command that calls helm — 0.1–0.2 s, on the critical path of
// a one-release sync. A native executable (ELF, Mach-O, PE) is known by its
// real path, device, inode, size and change times: replacing or upgrading it
// changes one of them, and it is asked again. A script, or a link to a binary
// of another name (a version manager's shim picks a helm per directory: asdf,
// mise, aqua), is asked every time. The file holds
// versions only: $XDG_CACHE_HOME/releases/helm-versions.json, else
// ~/.cache/releases/…; without either, or when it cannot be read or written,
// helm is asked as before.
import {
  accessSync,
  closeSync,
  constants,
  fstatSync,
  openSync,
  readFileSync,
  readSync,
  realpathSync,
} from "node:fs";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { basename, delimiter, dirname, isAbsolute, join } from "node:path";
import type { HelmMajor } from "./args.js";

export interface HelmVersion {
  major: HelmMajor;
  /** As `helm version --short` prints it, without `+g<commit>`: `v3.21.4`. */
  version: string;
}

type Env = Readonly<Record<string, string | undefined>>;

/** Entries kept: a machine has a few helms; the oldest goes first. */
const KEPT = 16;

/** Where versions are remembered; undefined when the environment names no cache or home directory. */
export function versionCacheFile(env: Env): string | undefined {
  const base = env.XDG_CACHE_HOME || (env.HOME ? join(env.HOME, ".cache") : undefined);
  return base && isAbsolute(base) ? join(base, "releases", "helm-versions.json") : undefined;
}

/** The first bytes of a native executable: ELF, Mach-O (32/64-bit, either byte order, universal) or PE. */
export function isNativeExecutable(head: Uint8Array): boolean {
  const word = head.length >= 4 ? Buffer.from(head).readUInt32BE(0) : 0;
  return (
    word === 0x7f454c46 ||
    [0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe, 0xcafebabe].includes(word) ||
    (head[0] === 0x4d && head[1] === 0x5a)
  );
}

/** A remembered entry, when it is one `helm version` could have given. */
export function validVersion(entry: unknown): HelmVersion | undefined {
  const { major, version } = (entry ?? {}) as Partial<HelmVersion>;
  const match = typeof version === "string" ? /^v(\d+)\.\d+\.\d+\S*$/.exec(version) : null;
  return match && (major === 3 || major === 4) && Number(match[1]) === major
    ? { major, version: version! }
    : undefined;
}

/**
 * `binary`'s version: remembered, else `detect()` (which runs it) remembered.
 * `cached` says which, for --debug.
 */
export async function cachedHelmVersion(
  binary: string,
  env: Env,
  detect: () => Promise<HelmVersion>,
): Promise<HelmVersion & { cached: boolean; unwritten?: string }> {
  const file = versionCacheFile(env);
  // Synchronous (a few small reads): a command parsing its project meanwhile would hold back the callbacks.
  const identity = file === undefined ? undefined : identityOf(binary, env);
  if (file === undefined || identity === undefined) return { ...(await detect()), cached: false };
  const remembered = readEntries(file);
  const entry = remembered[identity.path] as { stamp?: unknown } | undefined;
  const hit = entry?.stamp === identity.stamp ? validVersion(entry) : undefined;
  if (hit) return { ...hit, cached: true };
  const detected = await detect();
  // One entry per real path: a replaced binary's entry goes with it.
  const kept = Object.entries(remembered)
    .filter(([path]) => path !== identity.path)
    .slice(-(KEPT - 1));
  const fresh = { stamp: identity.stamp, major: detected.major, version: detected.version };
  // Unwritable (a read-only home, a file another user owns): helm is asked next time too, and
  // --debug says why; nothing else depends on it.
  const unwritten = await writeEntries(file, Object.fromEntries([...kept, [identity.path, fresh]])).then(
    () => undefined,
    (error: unknown) =>
      `cannot remember it in ${file}: ${error instanceof Error ? error.message : String(error)}`,
  );
  return { ...detected, cached: false, unwritten };
}

/**
 * The binary the way spawn finds it (a path as given, a bare name on PATH): its real path, and
 * a stamp that changes when it is replaced. Undefined for a script, or when unsure.
 */
function identityOf(binary: string, env: Env): { path: string; stamp: string } | undefined {
  try {
    const path = locate(binary, env);
    if (path === undefined) return undefined;
    const real = realpathSync(path);
    // A link to a binary of another name is a multiplexer (mise, aqua): it picks a helm per directory.
    if (!basename(real).startsWith("helm")) return undefined;
    const fd = openSync(real, "r");
    try {
      const head = new Uint8Array(4);
      readSync(fd, head, 0, 4, 0);
      if (!isNativeExecutable(head)) return undefined;
      const s = fstatSync(fd, { bigint: true });
      return { path: real, stamp: [s.dev, s.ino, s.size, s.mtimeNs, s.ctimeNs].join(":") };
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined; // not found or unreadable: spawning it says why
  }
}

function locate(binary: string, env: Env): string | undefined {
  if (binary.includes("/")) return isAbsolute(binary) ? binary : undefined; // relative: the cwd spawn uses is not ours to know
  for (const dir of (env.PATH ?? "").split(delimiter)) {
    if (!isAbsolute(dir)) return undefined; // searched from a cwd: not ours to know
    const candidate = join(dir, binary);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here: the next directory
    }
  }
  return undefined;
}

function readEntries(file: string): Record<string, unknown> {
  try {
    const { binaries } = JSON.parse(readFileSync(file, "utf8")) as { binaries?: unknown };
    return binaries && typeof binaries === "object" && !Array.isArray(binaries)
      ? (binaries as Record<string, unknown>)
      : {};
  } catch {
    return {}; // absent or damaged: asked again, and written anew
  }
}

async function writeEntries(file: string, binaries: Record<string, unknown>): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const partial = `${file}.${process.pid}.tmp`;
  try {
    await writeFile(partial, `${JSON.stringify({ version: 1, binaries }, null, 2)}\n`, { mode: 0o600 });
    await rename(partial, file); // whole or not at all, with two commands writing at once
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}
