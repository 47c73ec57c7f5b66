// Project files held in memory, keyed by absolute path: the file adapter the pure core is tested with.
import { resolve } from "node:path";
import type { ProjectFiles } from "../../../src/config/files.js";
import { globToRegExp } from "../../../src/config/glob.js";

export function memoryFiles(files: Record<string, string>): ProjectFiles {
  return {
    read: async (path) => {
      const text = files[path];
      if (text === undefined) throw new Error(`no such file ${path}`);
      return text;
    },
    exists: async (path) => path in files,
    glob: async (pattern, dir) => {
      const matcher = globToRegExp(resolve(dir, pattern));
      return Object.keys(files)
        .filter((path) => matcher.test(path))
        .sort();
    },
  };
}
