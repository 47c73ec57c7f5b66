import {
  yaml
} from "./chunk-EOAQSOO2.js";

// dist/charts/lock-file.js
import { createHash } from "node:crypto";
import { basename, dirname, join } from "node:path";
function lockFileOf(projectFile) {
  return join(dirname(projectFile), `${basename(projectFile).replace(/\.ya?ml$/, "")}.lock`);
}
function requirementKey(r) {
  return `${r.repository}#${r.chart}@${r.constraint}`;
}
function requirementsDigest(requirements) {
  const keys = [...new Set(requirements.map(requirementKey))].sort();
  return `sha256:${createHash("sha256").update(keys.join("\n")).digest("hex")}`;
}
function makeLock(charts, generated) {
  const sorted = [...charts].sort((a, b) => requirementKey(a) < requirementKey(b) ? -1 : 1);
  return { generated: generated.toISOString(), digest: requirementsDigest(sorted), charts: sorted };
}
function formatLock(lock) {
  const header = "# The chart versions `releases` deploys. Written by `releases deps`; commit it.\n# `releases deps --update` (or --update-lock on sync/apply) moves it to the newest versions allowed.\n";
  return header + yaml().stringify(lock, { lineWidth: 0 });
}

export {
  lockFileOf,
  requirementKey,
  requirementsDigest,
  makeLock,
  formatLock
};
