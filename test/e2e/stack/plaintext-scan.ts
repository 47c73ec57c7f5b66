// Looks for secret values in files: every regular file under the given roots
// written since a moment (older files cannot come from the run being watched),
// read whole up to a size limit. Unreadable entries and ones that vanish while
// walking (other processes' temp files) are skipped.
import { lstat, readdir, readFile } from "node:fs/promises";
import path from "node:path";

const MAX_BYTES = 16 * 1024 * 1024;

export interface Leak {
  file: string;
  /** Index into the `needles` the scan was given (never the value itself). */
  needle: number;
}

export async function scanForSecrets(roots: string[], needles: string[], since: number): Promise<Leak[]> {
  const leaks: Leak[] = [];
  const buffers = needles.map((n) => Buffer.from(n));
  const visit = async (dir: string): Promise<void> => {
    let entries: import("node:fs").Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    await Promise.all(
      entries.map(async (entry) => {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) return visit(file);
        if (!entry.isFile()) return;
        try {
          const stat = await lstat(file);
          if (stat.mtimeMs < since || stat.size > MAX_BYTES) return;
          const content = await readFile(file);
          buffers.forEach((needle, index) => {
            if (content.includes(needle)) leaks.push({ file, needle: index });
          });
        } catch {
          // gone or unreadable
        }
      }),
    );
  };
  await Promise.all(roots.map(visit));
  return leaks;
}
