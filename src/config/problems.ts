// Every problem of a project reported in one run, up to a cap: a port with
// eight unknown keys must not take eight runs to fix.
import { ConfigError, type ReleasesError } from "../errors.js";

export const MAX_PROBLEMS = 20;

/** Several input problems at once; `describe` lists each on its own lines. */
export class ConfigProblems extends ConfigError {
  readonly problems: readonly ReleasesError[];
  readonly total: number;

  constructor(problems: readonly ReleasesError[], total: number) {
    super(`${total} problems${total > problems.length ? ` (the first ${problems.length} shown)` : ""}`, {
      location: problems[0]?.location,
    });
    this.problems = problems;
    this.total = total;
  }

  override describe(cwd?: string): string {
    return [this.message, ...this.problems.map((p) => p.describe(cwd))].join("\n");
  }
}

/** Collects input problems; `check` throws the lot (or the only one) if there are any. */
export class ProblemList {
  readonly #problems: ReleasesError[] = [];
  #total = 0;

  get size(): number {
    return this.#total;
  }

  add(problem: ReleasesError): void {
    this.#total++;
    if (this.#problems.length < MAX_PROBLEMS) this.#problems.push(problem);
  }

  /** Runs `work`; an input problem it throws (exit code 2) is recorded and `undefined` returned. */
  async attempt<T>(work: () => Promise<T> | T): Promise<T | undefined> {
    try {
      return await work();
    } catch (error) {
      if (isInputProblem(error)) {
        if (error instanceof ConfigProblems) for (const p of error.problems) this.add(p);
        else this.add(error);
        return undefined;
      }
      throw error;
    }
  }

  check(): void {
    if (this.#total === 0) return;
    if (this.#total === 1) throw this.#problems[0]!;
    throw new ConfigProblems([...this.#problems], this.#total);
  }
}

function isInputProblem(error: unknown): error is ReleasesError {
  return error instanceof Error && "exitCode" in error && (error as ReleasesError).exitCode === 2;
}
