// Every expected failure is a ReleasesError subclass carrying where it came from
// (file, line, column, field), a hint, and the exit code the CLI maps it to.
// Anything else that reaches the CLI boundary is a bug and exits 70.
// Messages never contain secret values: callers pass names and paths, not data.

export const ExitCode = {
  ok: 0,
  releaseFailed: 1,
  invalidInput: 2,
  secretUnavailable: 3,
  clusterState: 4,
  /** `diff --detailed-exitcode` only: invalid input (2 there means "there are changes"). */
  diffInvalidInput: 5,
  internal: 70,
  interrupted: 130,
} as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

export interface SourceLocation {
  file: string;
  line?: number;
  column?: number;
  /** Dotted path of the field, e.g. `releases[2].needs[0]`. */
  field?: string;
}

/** `file` relative to `cwd` when it lies below it (as users typed it), else unchanged. */
export function relativeToCwd(file: string, cwd?: string): string {
  const base = cwd?.replace(/\/$/, "");
  return base && file.startsWith(`${base}/`) ? file.slice(base.length + 1) : file;
}

/** `file:line:col field`; with `cwd`, a file below it is shown relative to it. */
export function formatLocation(loc: SourceLocation, cwd?: string): string {
  let out = relativeToCwd(loc.file, cwd);
  if (loc.line !== undefined) {
    out += `:${loc.line}`;
    if (loc.column !== undefined) out += `:${loc.column}`;
  }
  if (loc.field) out += ` ${loc.field}`;
  return out;
}

export interface ErrorDetails {
  location?: SourceLocation;
  hint?: string;
  cause?: unknown;
}

export class ReleasesError extends Error {
  readonly exitCode: ExitCodeValue = ExitCode.internal;
  readonly location?: SourceLocation;
  readonly hint?: string;

  constructor(message: string, details: ErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    this.location = details.location;
    this.hint = details.hint;
  }

  /** `file:line:col field: message` followed by the hint on its own line; files below `cwd` relative to it. */
  describe(cwd?: string): string {
    const where = this.location ? `${formatLocation(this.location, cwd)}: ` : "";
    return `${where}${this.message}${this.hint ? `\n  hint: ${this.hint}` : ""}`;
  }
}

/** releases.yaml or an environment file is malformed, mistyped or inconsistent. */
export class ConfigError extends ReleasesError {
  override readonly exitCode = ExitCode.invalidInput;
}

/** A handlebars template failed to compile or render. */
export class TemplateError extends ReleasesError {
  override readonly exitCode = ExitCode.invalidInput;
}

/** The needs graph is invalid: unknown or ambiguous need, duplicate release, cycle. */
export class GraphError extends ReleasesError {
  override readonly exitCode = ExitCode.invalidInput;
}

/** The command line itself is wrong: malformed selector, unknown environment, bad flag value. */
export class UsageError extends ReleasesError {
  override readonly exitCode = ExitCode.invalidInput;
}

/** A secret could not be read, verified or resolved (SOPS MAC, missing key, Vault). */
export class SecretError extends ReleasesError {
  override readonly exitCode = ExitCode.secretUnavailable;
}

/** The cluster is not in a state we may act on: pending release, lock held, missing need. */
export class ClusterStateError extends ReleasesError {
  override readonly exitCode = ExitCode.clusterState;
}

/** One or more releases failed during a deploying command. */
export class ReleaseFailedError extends ReleasesError {
  override readonly exitCode = ExitCode.releaseFailed;
}

/** The user interrupted the run (Ctrl-C). */
export class InterruptedError extends ReleasesError {
  override readonly exitCode = ExitCode.interrupted;
}

/** A helm invocation failed. `args` are already redacted; `stderr` too. */
export class HelmError extends ReleasesError {
  override readonly exitCode = ExitCode.releaseFailed;
  constructor(
    message: string,
    readonly args: readonly string[],
    readonly helmExitCode: number | null,
    readonly stderr: string,
    details: ErrorDetails = {},
  ) {
    super(message, details);
  }
}

/** An expected, already reported outcome that only sets the exit code (e.g. `diff --detailed-exitcode`). */
export class ExitStatus extends ReleasesError {
  override readonly exitCode: ExitCodeValue;
  constructor(code: ExitCodeValue) {
    super("");
    this.exitCode = code;
  }
}

export function exitCodeOf(error: unknown): ExitCodeValue {
  return error instanceof ReleasesError ? error.exitCode : ExitCode.internal;
}
