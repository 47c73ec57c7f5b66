import {
  external_exports
} from "./chunk-T6BXHNBH.js";
import {
  requirementsDigest
} from "./chunk-INHVRDHZ.js";
import {
  formatField,
  parseYaml
} from "./chunk-7Q7BMIIO.js";
import "./chunk-EOAQSOO2.js";
import "./chunk-BFLBSBCJ.js";
import {
  ConfigError
} from "./chunk-XLEZOOEL.js";
import "./chunk-4VNS5WPM.js";

// dist/charts/lock-parse.js
var lockSchema = external_exports.strictObject({
  generated: external_exports.string().min(1),
  digest: external_exports.string().regex(/^sha256:[0-9a-f]{64}$/, "sha256:<64 hex digits>"),
  charts: external_exports.array(external_exports.strictObject({
    repository: external_exports.string().min(1),
    chart: external_exports.string().min(1),
    constraint: external_exports.string().min(1),
    version: external_exports.string().min(1),
    digest: external_exports.string().min(1)
  }))
});
function parseLock(text, file) {
  const source = parseYaml(text, file);
  const result = lockSchema.safeParse(source.data);
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = issue.path.filter((p) => typeof p !== "symbol");
    throw new ConfigError(`malformed chart lock: ${issue.message}`, {
      location: { ...source.locate(path), field: formatField(path) || void 0 },
      hint: "write it again with `releases deps`"
    });
  }
  const lock = result.data;
  if (requirementsDigest(lock.charts) !== lock.digest) {
    throw new ConfigError("the chart lock's entries do not match its digest (edited by hand?)", {
      location: { ...source.locate(["digest"]), field: "digest" },
      hint: "run `releases deps` to write it again"
    });
  }
  return lock;
}
export {
  parseLock
};
