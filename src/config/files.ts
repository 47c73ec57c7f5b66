// The one way the core reads project files. Tests and the library can pass
// their own; the CLI uses the local filesystem.
import { access, readFile } from "node:fs/promises";

export interface ProjectFiles {
  read(path: string): Promise<string>;
  exists(path: string): Promise<boolean>;
}

export const localFiles: ProjectFiles = {
  read: (path) => readFile(path, "utf8"),
  exists: (path) =>
    access(path).then(
      () => true,
      () => false,
    ),
};
