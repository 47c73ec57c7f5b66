// A release's `retries` (its own, else its file's defaults) as a RetryPolicy.
// Each retry follows the rollback of the failed attempt, which helm does only
// in atomic mode: retries without atomic are refused at their line.
import { ConfigError, type SourceLocation } from "../errors.js";
import type { RetryPolicy } from "../model/project.js";
import { parseDuration } from "./duration.js";
import type { RawDefaults, RawRelease } from "./schema.js";
import type { FieldPath } from "./yaml-source.js";

export const DEFAULT_BACKOFF_SECONDS = 5;
/** The longest wait between two attempts, however many there were. */
export const MAX_BACKOFF_SECONDS = 300;

export function retryPolicy(
  r: RawRelease,
  defaults: RawDefaults,
  atomic: boolean,
  locate: (field: FieldPath) => SourceLocation,
  releaseLocation: SourceLocation,
): RetryPolicy | undefined {
  const raw = r.retries ?? defaults.retries;
  if (raw === undefined) return undefined;
  const policy: RetryPolicy =
    typeof raw === "number"
      ? { count: raw, backoffSeconds: DEFAULT_BACKOFF_SECONDS }
      : {
          count: raw.count,
          backoffSeconds: raw.backoff === undefined ? DEFAULT_BACKOFF_SECONDS : parseDuration(raw.backoff),
        };
  if (policy.count === 0) return undefined;
  if (!atomic) {
    const location =
      r.atomic === false
        ? locate(["atomic"])
        : r.retries !== undefined
          ? locate(["retries"])
          : releaseLocation;
    throw new ConfigError(`${r.name}: retries need atomic: true (each failed attempt is rolled back first)`, {
      location,
      hint: "set atomic: true, or drop retries for this release (retries: 0)",
    });
  }
  return policy;
}

/** The wait before retry `n` (1-based): the backoff, doubled for each retry before it, at most 5 minutes. */
export function backoffSeconds(policy: RetryPolicy, n: number): number {
  return Math.min(policy.backoffSeconds * 2 ** (n - 1), MAX_BACKOFF_SECONDS);
}
