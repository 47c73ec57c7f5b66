import type { SourceReader } from "../../../src/import/state/load.js";

/** A project as a map of path → text under /p; directories are implied by the paths. */
export function memoryReader(files: Record<string, string>, root = "/p"): SourceReader {
  const abs = Object.fromEntries(Object.entries(files).map(([k, v]) => [`${root}/${k}`, v]));
  return {
    read: async (path) => abs[path],
    list: async (dir) => {
      const prefix = `${dir.replace(/\/$/, "")}/`;
      const names = new Set<string>();
      for (const p of Object.keys(abs))
        if (p.startsWith(prefix)) names.add(p.slice(prefix.length).split("/")[0]!);
      return names.size ? [...names].sort() : undefined;
    },
  };
}
