import {
  ConfigError
} from "./chunk-XLEZOOEL.js";

// dist/config/files.js
import { constants } from "node:fs";
import { access, open, readdir } from "node:fs/promises";
import { join, relative, resolve, sep } from "node:path";

// dist/config/glob.js
function isGlob(pattern) {
  return /[*?[{]/.test(pattern);
}
function globBase(pattern) {
  const segments = pattern.split("/");
  const firstMagic = segments.findIndex(isGlob);
  return segments.slice(0, firstMagic < 0 ? segments.length : firstMagic).join("/");
}
function globToRegExp(pattern) {
  let out = "";
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === "*" && pattern[i + 1] === "*" && (i === 0 || pattern[i - 1] === "/")) {
      const slash = pattern[i + 2] === "/";
      out += slash ? "(?:[^/]+/)*" : ".*";
      i += slash ? 2 : 1;
    } else if (ch === "*")
      out += "[^/]*";
    else if (ch === "?")
      out += "[^/]";
    else if (ch === "{") {
      const end = pattern.indexOf("}", i);
      if (end < 0)
        out += "\\{";
      else {
        out += `(?:${pattern.slice(i + 1, end).split(",").map(escapeRegExp).join("|")})`;
        i = end;
      }
    } else if (ch === "[") {
      const end = pattern.indexOf("]", i + 1);
      if (end < 0)
        out += "\\[";
      else {
        const body = pattern.slice(i + 1, end).replace(/^!/, "^").replace(/\\/g, "\\\\");
        out += `[${body}]`;
        i = end;
      }
    } else
      out += escapeRegExp(ch);
  }
  return new RegExp(`^${out}$`);
}
function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

// dist/config/files.js
var MAX_FILE_BYTES = 32 * 1024 * 1024;
var UnreadableFile = class extends Error {
  file;
  line;
  code;
  constructor(message, file, line, code) {
    super(message);
    this.file = file;
    this.line = line;
    this.code = code;
    this.name = "UnreadableFile";
  }
};
var decoder = new TextDecoder("utf-8", { fatal: true });
async function readTextFile(path, maxBytes = MAX_FILE_BYTES) {
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw fromErrno(error, path);
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile())
      throw new UnreadableFile(`not a regular file (${kindOf(stats)})`, path);
    if (stats.size > maxBytes)
      throw new UnreadableFile(tooLarge(stats.size, maxBytes), path);
    const buffer = Buffer.allocUnsafe(Math.min(stats.size, maxBytes) + 1);
    let length = 0;
    for (; ; ) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0)
        break;
      length += bytesRead;
      if (length === buffer.length) {
        if (length > maxBytes)
          throw new UnreadableFile(tooLarge(length, maxBytes), path);
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
function decodeText(bytes, file) {
  try {
    return decoder.decode(bytes);
  } catch {
    const bad = firstInvalidUtf8(bytes);
    let line = 1;
    for (let i = 0; i < bad; i++)
      if (bytes[i] === 10)
        line++;
    throw new UnreadableFile(`not UTF-8 text (invalid byte 0x${bytes[bad].toString(16).padStart(2, "0")} at byte ${bad}; a binary file?)`, file, line);
  }
}
function firstInvalidUtf8(bytes) {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const need = b < 128 ? 0 : b >= 194 && b <= 223 ? 1 : b >= 224 && b <= 239 ? 2 : b >= 240 && b <= 244 ? 3 : -1;
    if (need < 0)
      return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === void 0 || c < 128 || c > 191)
        return i;
    }
    const next = bytes[i + 1] ?? 0;
    if (b === 224 && next < 160 || b === 237 && next > 159)
      return i;
    if (b === 240 && next < 144 || b === 244 && next > 143)
      return i;
    i += need + 1;
  }
  return Math.max(0, bytes.length - 1);
}
function tooLarge(size, max) {
  const mib = (n) => `${(n / 1024 / 1024).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MiB`;
  return `file too large: ${mib(size)}, over the limit of ${mib(max)}`;
}
function kindOf(stats) {
  if (stats.isDirectory())
    return "a directory";
  if (stats.isFIFO())
    return "a FIFO";
  if (stats.isCharacterDevice())
    return "a character device";
  if (stats.isBlockDevice())
    return "a block device";
  if (stats.isSocket())
    return "a socket";
  return "not a file";
}
function fromErrno(error, path) {
  const code = error.code ?? "error";
  const what = {
    ENOENT: "file not found",
    EACCES: "permission denied",
    EISDIR: "not a regular file (a directory)",
    ENXIO: "not a regular file (a socket or device without a reader)"
  };
  return new UnreadableFile(what[code] ?? `cannot read the file (${code})`, path, void 0, code);
}
function unreadableAs(error, ErrorClass) {
  if (!(error instanceof UnreadableFile))
    return error;
  return new ErrorClass(error.message, { location: { file: error.file, line: error.line }, cause: error });
}
function readTextFileAs(path, ErrorClass) {
  return readTextFile(path).catch((error) => {
    throw unreadableAs(error, ErrorClass);
  });
}
var SKIPPED = /* @__PURE__ */ new Set(["node_modules", ".git"]);
var localFiles = {
  read: (path) => readTextFileAs(path, ConfigError),
  exists: (path) => access(path).then(() => true, () => false),
  glob: async (pattern, dir) => {
    const base = resolve(dir, globBase(pattern));
    const matcher = globToRegExp(resolve(dir, pattern).split(sep).join("/"));
    const entries = await readdir(base, { recursive: true, withFileTypes: true }).catch(() => []);
    return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)).filter((file) => !relative(base, file).split(sep).some((part) => SKIPPED.has(part))).filter((file) => matcher.test(file.split(sep).join("/"))).sort();
  }
};

export {
  isGlob,
  UnreadableFile,
  readTextFile,
  unreadableAs,
  readTextFileAs,
  localFiles
};
