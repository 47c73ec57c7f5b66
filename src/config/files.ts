// The one way the core reads project files. Tests and the library can pass
// their own; the CLI uses the local filesystem.
//
// Every file the user names (releases.yaml, values files, secrets files,
// .sops.yaml) is read through `readTextFile`: only a regular file, at most
// MAX_FILE_BYTES, and valid UTF-8. The check is made on the opened handle
// (opened non-blocking, so a FIFO does not wait for a writer) before a byte is
// read: /dev/zero, /dev/urandom, a FIFO or a directory is refused at once
// instead of being read forever or failing deep inside a parser.
import { constants } from "node:fs";
import { access, open, readdir } from "node:fs/promises";
import { join, relative, resolve, sep } from "node:path";
import { ConfigError, type ErrorDetails, type ReleasesError } from "../errors.js";
import { globBase, globToRegExp } from "./glob.js";

export interface ProjectFiles {
  read(path: string): Promise<string>;
  exists(path: string): Promise<boolean>;
  /** Absolute paths of the files matching `pattern` (relative to `dir`), sorted. */
  glob(pattern: string, dir: string): Promise<string[]>;
}

/** Larger than any real values file; a bigger one is almost certainly a mistake (a dump, a binary). */
export const MAX_FILE_BYTES = 32 * 1024 * 1024;

/** Why a file cannot be read as text; callers turn it into their own error class (config: exit 2, secrets: exit 3). */
export class UnreadableFile extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly line?: number,
    readonly code?: string,
  ) {
    super(message);
    this.name = "UnreadableFile";
  }
}

const decoder = new TextDecoder("utf-8", { fatal: true });

/** The text of the regular file at `path`, or an UnreadableFile saying why not. */
export async function readTextFile(path: string, maxBytes = MAX_FILE_BYTES): Promise<string> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw fromErrno(error, path);
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new UnreadableFile(`not a regular file (${kindOf(stats)})`, path);
    if (stats.size > maxBytes) throw new UnreadableFile(tooLarge(stats.size, maxBytes), path);
    // Read at most one byte past the limit: a file that grows while we read is caught too.
    const buffer = Buffer.allocUnsafe(Math.min(stats.size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length === buffer.length) {
        if (length > maxBytes) throw new UnreadableFile(tooLarge(length, maxBytes), path);
        break;
      }
    }
    return decodeText(buffer.subarray(0, length), path);
  } catch (error) {
    throw error instanceof UnreadableFile ? error : fromErrno(error, path);
  } finally {
    await handle.close();
  }
}

/** `bytes` as UTF-8, or an UnreadableFile naming the line of the first invalid byte. */
export function decodeText(bytes: Uint8Array, file: string): string {
  try {
    return decoder.decode(bytes);
  } catch {
    const bad = firstInvalidUtf8(bytes);
    let line = 1;
    for (let i = 0; i < bad; i++) if (bytes[i] === 0x0a) line++;
    throw new UnreadableFile(
      `not UTF-8 text (invalid byte 0x${bytes[bad]!.toString(16).padStart(2, "0")} at byte ${bad}; a binary file?)`,
      file,
      line,
    );
  }
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const need =
      b < 0x80
        ? 0
        : b >= 0xc2 && b <= 0xdf
          ? 1
          : b >= 0xe0 && b <= 0xef
            ? 2
            : b >= 0xf0 && b <= 0xf4
              ? 3
              : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < 0x80 || c > 0xbf) return i;
    }
    // Overlong and surrogate forms the decoder rejects too.
    const next = bytes[i + 1] ?? 0;
    if ((b === 0xe0 && next < 0xa0) || (b === 0xed && next > 0x9f)) return i;
    if ((b === 0xf0 && next < 0x90) || (b === 0xf4 && next > 0x8f)) return i;
    i += need + 1;
  }
  return Math.max(0, bytes.length - 1);
}

function tooLarge(size: number, max: number): string {
  const mib = (n: number) => `${(n / 1024 / 1024).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MiB`;
  return `file too large: ${mib(size)}, over the limit of ${mib(max)}`;
}

function kindOf(stats: {
  isDirectory(): boolean;
  isFIFO(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
  isSocket(): boolean;
}): string {
  if (stats.isDirectory()) return "a directory";
  if (stats.isFIFO()) return "a FIFO";
  if (stats.isCharacterDevice()) return "a character device";
  if (stats.isBlockDevice()) return "a block device";
  if (stats.isSocket()) return "a socket";
  return "not a file";
}

function fromErrno(error: unknown, path: string): UnreadableFile {
  const code = (error as NodeJS.ErrnoException).code ?? "error";
  const what: Record<string, string> = {
    ENOENT: "file not found",
    EACCES: "permission denied",
    EISDIR: "not a regular file (a directory)",
    ENXIO: "not a regular file (a socket or device without a reader)",
  };
  return new UnreadableFile(what[code] ?? `cannot read the file (${code})`, path, undefined, code);
}

type ErrorClass = new (message: string, details: ErrorDetails) => ReleasesError;

/** An UnreadableFile as the caller's error class naming the file (and the line for bad text); others unchanged. */
export function unreadableAs(error: unknown, ErrorClass: ErrorClass): unknown {
  if (!(error instanceof UnreadableFile)) return error;
  return new ErrorClass(error.message, { location: { file: error.file, line: error.line }, cause: error });
}

/** `readTextFile`, failing with the caller's error class. */
export function readTextFileAs(path: string, ErrorClass: ErrorClass): Promise<string> {
  return readTextFile(path).catch((error: unknown) => {
    throw unreadableAs(error, ErrorClass);
  });
}

/** Directories a glob never descends into. */
const SKIPPED = new Set(["node_modules", ".git"]);

export const localFiles: ProjectFiles = {
  read: (path) => readTextFileAs(path, ConfigError),
  exists: (path) =>
    access(path).then(
      () => true,
      () => false,
    ),
  glob: async (pattern, dir) => {
    const base = resolve(dir, globBase(pattern));
    const matcher = globToRegExp(resolve(dir, pattern).split(sep).join("/"));
    const entries = await readdir(base, { recursive: true, withFileTypes: true }).catch(() => []);
    return entries
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name))
      .filter(
        (file) =>
          !relative(base, file)
            .split(sep)
            .some((part) => SKIPPED.has(part)),
      )
      .filter((file) => matcher.test(file.split(sep).join("/")))
      .sort();
  },
};
