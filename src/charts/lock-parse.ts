// Reading releases.lock: its shape checked (zod, imported only by projects that
// have a lock, see chart-lock.ts) and its digest compared with its entries.
import { z } from "zod";
import { formatField, parseYaml } from "../config/yaml-source.js";
import { ConfigError } from "../errors.js";
import { type ChartLock, requirementsDigest } from "./lock-file.js";

const lockSchema = z.strictObject({
  generated: z.string().min(1),
  digest: z.string().regex(/^sha256:[0-9a-f]{64}$/, "sha256:<64 hex digits>"),
  charts: z.array(
    z.strictObject({
      repository: z.string().min(1),
      chart: z.string().min(1),
      constraint: z.string().min(1),
      version: z.string().min(1),
      digest: z.string().min(1),
    }),
  ),
});

/** The lock in `text`; a malformed file or one whose entries no longer match its digest is an error at its line. */
export function parseLock(text: string, file: string): ChartLock {
  const source = parseYaml(text, file);
  const result = lockSchema.safeParse(source.data);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
    throw new ConfigError(`malformed chart lock: ${issue.message}`, {
      location: { ...source.locate(path), field: formatField(path) || undefined },
      hint: "write it again with `releases deps`",
    });
  }
  const lock = result.data;
  if (requirementsDigest(lock.charts) !== lock.digest) {
    throw new ConfigError("the chart lock's entries do not match its digest (edited by hand?)", {
      location: { ...source.locate(["digest"]), field: "digest" },
      hint: "run `releases deps` to write it again",
    });
  }
  return lock;
}
