import {
  ProblemList
} from "./chunk-44P4TXDY.js";
import {
  lockFileOf
} from "./chunk-INHVRDHZ.js";
import {
  localFiles
} from "./chunk-DE4Q4URJ.js";

// dist/charts/chart-lock.js
import { relative } from "node:path";
async function readChartLock(projectFile, files = localFiles) {
  const file = lockFileOf(projectFile);
  if (!await files.exists(file))
    return void 0;
  const { parseLock } = await import("./lock-parse-JWM7EZVH.js");
  return parseLock(await files.read(file), file);
}
async function lockedVersions(releases, project) {
  const lock = await readChartLock(project.file);
  if (!lock)
    return [...releases];
  const { lockedReleases } = await import("./locked-versions-4FVDDEIH.js");
  const problems = new ProblemList();
  const name = relative(project.dir, lockFileOf(project.file));
  const locked = lockedReleases(releases, project.repositories, lock, name, (p) => problems.add(p));
  problems.check();
  return locked;
}

export {
  readChartLock,
  lockedVersions
};
