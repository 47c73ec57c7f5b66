// Project files held in memory, keyed by absolute path: the file adapter the pure core is tested with.
import { resolve } from "node:path";
import type { ProjectFiles } from "../../../src/config/files.js";
import { globToRegExp } from "../../../src/config/glob.js";
import { loadProject } from "../../../src/config/load.js";
import { DEFAULT_SETTINGS } from "../../../src/config/release.js";
import type { ReleasesError } from "../../../src/errors.js";
import type { ChartRef, Release } from "../../../src/model/project.js";
import { createTemplates } from "../../../src/values/templates.js";

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

/** The error `promise` rejects with; fails the test when it resolves. */
/** Loads `/p/releases.yaml` made of `lines`, beside a local chart `./charts/web`. */
export function loadLines(lines: string[]) {
  return loadProject({
    file: "/p/releases.yaml",
    templates: createTemplates({ env: {} }),
    files: memoryFiles({ "/p/releases.yaml": lines.join("\n"), "/p/charts/web/Chart.yaml": "name: web\n" }),
  });
}

export async function failure(promise: Promise<unknown>): Promise<ReleasesError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!error) throw new Error("expected loading to fail");
  return error as ReleasesError;
}

/** The built-in helm settings of a release (DEFAULT_SETTINGS without the namespace). */
export const BUILT_IN_SETTINGS = (({ namespace: _, ...settings }) => settings)(DEFAULT_SETTINGS);

/** A loaded release as config/ builds it, with the built-in settings; `extra` overrides. */
export function releaseFixture(name: string, chart: ChartRef, extra: Partial<Release> = {}): Release {
  return {
    id: `apps/${name}`,
    name,
    namespace: "apps",
    chart,
    labels: {},
    needs: [],
    values: [],
    secrets: [],
    set: {},
    installed: true,
    ...BUILT_IN_SETTINGS,
    location: { file: "/p/releases.yaml" },
    ...extra,
  };
}
