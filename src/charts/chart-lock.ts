// releases.lock on disk: read (when there is one) and applied to a run's
// releases, and written by `releases deps`.
import { relative } from "node:path";
import { localFiles } from "../config/files.js";
import { ProblemList } from "../config/problems.js";
import type { Project, Release } from "../model/project.js";
import type { ChartFiles } from "./dependencies.js";
import { type ChartLock, lockFileOf } from "./lock-file.js";

/** The project's lock, or undefined when it has none (helm then resolves versions as before). */
export async function readChartLock(
  projectFile: string,
  files: ChartFiles = localFiles,
): Promise<ChartLock | undefined> {
  const file = lockFileOf(projectFile);
  if (!(await files.exists(file))) return undefined;
  // zod and semver are loaded only by projects that have a lock (a tenth of a second of start-up).
  const { parseLock } = await import("./lock-parse.js");
  return parseLock(await files.read(file), file);
}

/** `releases` with their locked chart versions; every release the lock does not cover is reported at once. */
export async function lockedVersions(releases: readonly Release[], project: Project): Promise<Release[]> {
  const lock = await readChartLock(project.file);
  if (!lock) return [...releases];
  const { lockedReleases } = await import("./locked-versions.js");
  const problems = new ProblemList();
  const name = relative(project.dir, lockFileOf(project.file));
  const locked = lockedReleases(releases, project.repositories, lock, name, (p) => problems.add(p));
  problems.check();
  return locked;
}
