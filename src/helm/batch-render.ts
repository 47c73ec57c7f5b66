// The adapter to releases-render (tools/render): helm template for a batch of
// releases in one process linking helm v3's library. It sits beside the helm
// binary releases runs (scripts/toolchain links both into .toolchain/bin), or,
// when helm is found on PATH, on PATH. It is used only when it links exactly
// the chosen helm's version, so the output is what that helm prints.
// Values travel on its stdin only, as they do to helm.
import { access, constants } from "node:fs/promises";
import path from "node:path";
import { detectHelm, spawnHelm } from "./client.js";

export const BATCH_RENDERER = "releases-render";

export interface BatchJob {
  /** The `helm template` argument list (batch-choice.ts checked releases-render takes it). */
  args: readonly string[];
  valuesYaml: string;
}

export type BatchResult =
  | { manifest: string }
  /** helm's error text (what `helm template` prints after "Error: "). */
  | { error: string }
  /** releases-render does not take this job: run `helm template` for it. */
  | { refused: string };

export interface BatchRenderer {
  binary: string;
  render(jobs: readonly BatchJob[], concurrency: number): Promise<BatchResult[]>;
}

type Env = Readonly<Record<string, string | undefined>>;

/** releases-render beside `helmBinary` (a path) or on PATH (a bare name); undefined when there is none. */
export async function locateBatchRenderer(helmBinary: string, env: Env): Promise<string | undefined> {
  const dirs = helmBinary.includes(path.sep)
    ? [path.dirname(helmBinary)]
    : (env.PATH ?? "").split(path.delimiter).filter(Boolean);
  for (const dir of dirs) {
    const file = path.join(dir, BATCH_RENDERER);
    try {
      await access(file, constants.X_OK);
      return file;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

/**
 * The batch renderer for `helm`, or why there is none: RELEASES_RENDER=off, not
 * found, or linking another helm version than `helm version --short` prints
 * (`helmVersion`, when the caller has it already).
 */
export async function openBatchRenderer(
  helmBinary: string,
  env: Env,
  helmVersion?: string,
): Promise<BatchRenderer | { unavailable: string }> {
  if (env.RELEASES_RENDER === "off") return { unavailable: "RELEASES_RENDER=off" };
  const binary = await locateBatchRenderer(helmBinary, env);
  if (!binary) return { unavailable: `no ${BATCH_RENDERER} beside ${helmBinary}` };
  // The helm version the session already detected, else asked here the same way.
  const [ours, helms] = await Promise.all([
    run(binary, ["version"], "", env),
    helmVersion ??
      detectHelm(helmBinary, env).then(
        (helm) => helm.version,
        () => undefined,
      ),
  ]);
  const linked = ours.code === 0 ? ours.stdout.trim().split("+")[0]! : undefined;
  if (linked === undefined || linked !== helms) {
    return { unavailable: `${BATCH_RENDERER} links helm ${linked ?? "?"}, ${helmBinary} is ${helms ?? "?"}` };
  }
  return { binary, render: (jobs, concurrency) => renderBatch(binary, jobs, concurrency, env) };
}

async function renderBatch(
  binary: string,
  jobs: readonly BatchJob[],
  concurrency: number,
  env: Env,
): Promise<BatchResult[]> {
  if (jobs.length === 0) return [];
  const out = await run(binary, ["-j", String(concurrency)], JSON.stringify(jobs), env);
  if (out.code !== 0) {
    throw new Error(`${binary} failed (exit code ${out.code}): ${out.stderr.trim()}`);
  }
  const results = new Array<BatchResult | undefined>(jobs.length);
  for (const line of out.stdout.split("\n")) {
    if (line === "") continue;
    const { index, manifest, error, refused } = JSON.parse(line) as {
      index: number;
      manifest?: string;
      error?: string;
      refused?: string;
    };
    results[index] =
      manifest !== undefined ? { manifest } : error !== undefined ? { error } : { refused: refused ?? "" };
  }
  const missing = results.indexOf(undefined);
  if (missing >= 0) throw new Error(`${binary} gave no result for job ${missing}`);
  return results as BatchResult[];
}

const run = (binary: string, args: readonly string[], stdin: string, env: Env) =>
  spawnHelm(binary, args, { ...env }, { stdin });
