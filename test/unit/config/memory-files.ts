// Project files held in memory, keyed by absolute path: the file adapter the pure core is tested with.
import { resolve } from "node:path";
import type { ProjectFiles } from "../../../src/config/files.js";
import { globToRegExp } from "../../../src/config/glob.js";
import type { ReleasesError } from "../../../src/errors.js";
import type { ChartRef, Release } from "../../../src/model/project.js";

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
export async function failure(promise: Promise<unknown>): Promise<ReleasesError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!error) throw new Error("expected loading to fail");
  return error as ReleasesError;
}

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
    createNamespace: true,
    atomic: true,
    wait: true,
    timeout: 300,
    tests: false,
    historyMax: 10,
    location: { file: "/p/releases.yaml" },
    ...extra,
  };
}
