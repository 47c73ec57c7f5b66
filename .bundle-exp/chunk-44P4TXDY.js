import {
  ConfigError
} from "./chunk-XLEZOOEL.js";

// dist/config/problems.js
var MAX_PROBLEMS = 20;
var ConfigProblems = class extends ConfigError {
  problems;
  total;
  constructor(problems, total) {
    super(`${total} problems${total > problems.length ? ` (the first ${problems.length} shown)` : ""}`, {
      location: problems[0]?.location
    });
    this.problems = problems;
    this.total = total;
  }
  describe(cwd) {
    return [this.message, ...this.problems.map((p) => p.describe(cwd))].join("\n");
  }
};
var ProblemList = class {
  #problems = [];
  #total = 0;
  get size() {
    return this.#total;
  }
  add(problem) {
    this.#total++;
    if (this.#problems.length < MAX_PROBLEMS)
      this.#problems.push(problem);
  }
  /** Runs `work`; an input problem it throws (exit code 2) is recorded and `undefined` returned. */
  async attempt(work) {
    try {
      return await work();
    } catch (error) {
      if (isInputProblem(error)) {
        if (error instanceof ConfigProblems)
          for (const p of error.problems)
            this.add(p);
        else
          this.add(error);
        return void 0;
      }
      throw error;
    }
  }
  check() {
    if (this.#total === 0)
      return;
    if (this.#total === 1)
      throw this.#problems[0];
    throw new ConfigProblems([...this.#problems], this.#total);
  }
};
function isInputProblem(error) {
  return error instanceof Error && "exitCode" in error && error.exitCode === 2;
}

export {
  ConfigProblems,
  ProblemList
};
