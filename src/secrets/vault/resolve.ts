// Resolving references: look up each mount once, plan one read per API path,
// read them in parallel (bounded), pick the keys. Every failure is collected
// and reported together, naming references and their uses, never values.
import { SecretError } from "../../errors.js";
import { toFailure, type VaultFailure } from "./failure.js";
import { type ReadTarget, readTarget, type VaultMount } from "./mount.js";
import { distinctPaths, groupByFirstSegment, type PlannedRead, planReads } from "./plan.js";
import { settleBounded } from "./pool.js";
import { combineProblems, type Problem } from "./problems.js";
import type { VaultUse } from "./ref.js";

/** What resolving needs from the connection. */
export interface SecretReader {
  readonly address: string;
  /** The mount holding `path`; undefined when Vault does not say (read the path as written). */
  mountOf(path: string): Promise<VaultMount | undefined>;
  read(apiPath: string): Promise<unknown>;
  /** After a 403: is the token itself refused? */
  tokenRejected(): Promise<boolean>;
}

export async function resolveUses(
  uses: readonly VaultUse[],
  reader: SecretReader,
  concurrency: number,
): Promise<Map<string, string>> {
  const problems: Problem[] = [];
  const targets = await lookUpTargets(distinctPaths(uses), reader, concurrency);
  for (const [path, target] of targets) {
    if ("failure" in target) {
      const failed = uses.filter((u) => u.ref.path === path);
      problems.push({ kind: "request", failure: target.failure, apiPath: path, uses: failed });
    }
  }
  const reads = planReads(uses, (path) => {
    const target = targets.get(path);
    return target && !("failure" in target) ? target : undefined;
  });
  const bodies = await settleBounded(reads, concurrency, (read) => reader.read(read.target.apiPath));

  throwLoginFailure(bodies);
  const values = new Map<string, string>();
  reads.forEach((read, i) => {
    const body = bodies[i]!;
    if (body.status === "rejected") {
      problems.push({
        kind: "request",
        failure: toFailure(body.reason),
        apiPath: read.target.apiPath,
        uses: read.uses,
      });
    } else {
      pickKeys(read, body.value, values, problems);
    }
  });

  if (problems.some((p) => p.kind === "request" && p.failure.kind === "http" && p.failure.status === 403)) {
    const rejected = await reader.tokenRejected();
    for (const p of problems) if (p.kind === "request") p.tokenRejected = rejected;
  }
  const error = combineProblems(problems, reader.address);
  if (error) throw error;
  return values;
}

type TargetOrFailure = ReadTarget | { failure: VaultFailure };

/** Paths sharing a first segment are looked up one after another, so the first lookup's mount serves the rest. */
async function lookUpTargets(
  paths: readonly string[],
  reader: SecretReader,
  concurrency: number,
): Promise<Map<string, TargetOrFailure>> {
  const targets = new Map<string, TargetOrFailure>();
  const settled = await settleBounded(groupByFirstSegment(paths), concurrency, async (group) => {
    for (const path of group) {
      try {
        const mount = await reader.mountOf(path);
        targets.set(path, mount ? readTarget(path, mount) : { apiPath: path, shape: "plain" });
      } catch (e) {
        if (e instanceof SecretError) throw e;
        targets.set(path, { failure: toFailure(e) });
      }
    }
  });
  throwLoginFailure(settled);
  return targets;
}

/** A login failure (credentials, not a path) is already a SecretError and stands for the whole run. */
function throwLoginFailure(settled: readonly PromiseSettledResult<unknown>[]): void {
  const login = settled.find((r) => r.status === "rejected" && r.reason instanceof SecretError);
  if (login?.status === "rejected") throw login.reason;
}

function pickKeys(read: PlannedRead, body: unknown, values: Map<string, string>, problems: Problem[]): void {
  const data = secretData(body, read.target);
  if (!data) {
    const failure: VaultFailure = { kind: "http", status: 404, errors: [] };
    problems.push({ kind: "request", failure, apiPath: read.target.apiPath, uses: read.uses });
    return;
  }
  for (const planned of read.keys) {
    if (!Object.hasOwn(data, planned.key)) {
      const existingKeys = Object.keys(data).sort();
      problems.push({
        kind: "key",
        key: planned.key,
        apiPath: read.target.apiPath,
        existingKeys,
        uses: planned.uses,
      });
      continue;
    }
    const value = asText(data[planned.key]);
    for (const key of planned.refKeys) values.set(key, value);
  }
}

/** The key/value map of a read response; undefined when the secret is absent or deleted. */
export function secretData(body: unknown, target: ReadTarget): Record<string, unknown> | undefined {
  const outer = (body as { data?: unknown } | undefined)?.data;
  const data = target.shape === "kv2" ? (outer as { data?: unknown } | undefined)?.data : outer;
  return data && typeof data === "object" && !Array.isArray(data)
    ? (data as Record<string, unknown>)
    : undefined;
}

function asText(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === null || value === undefined) return "";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}
