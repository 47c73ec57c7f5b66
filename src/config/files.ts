// The one way the core reads project files. Tests and the library can pass
// their own; the CLI uses the local filesystem.
import { access, readdir, readFile } from "node:fs/promises";
import { join, relative, resolve, sep } from "node:path";
import { globBase, globToRegExp } from "./glob.js";

export interface ProjectFiles {
  read(path: string): Promise<string>;
  exists(path: string): Promise<boolean>;
  /** Absolute paths of the files matching `pattern` (relative to `dir`), sorted. */
  glob(pattern: string, dir: string): Promise<string[]>;
}

/** Directories a glob never descends into. */
const SKIPPED = new Set(["node_modules", ".git"]);

export const localFiles: ProjectFiles = {
  read: (path) => readFile(path, "utf8"),
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
