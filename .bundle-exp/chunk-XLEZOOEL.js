// dist/errors.js
var ExitCode = {
  ok: 0,
  releaseFailed: 1,
  invalidInput: 2,
  secretUnavailable: 3,
  clusterState: 4,
  /** `diff --detailed-exitcode` only: invalid input (2 there means "there are changes"). */
  diffInvalidInput: 5,
  internal: 70,
  interrupted: 130
};
function relativeToCwd(file, cwd) {
  const base = cwd?.replace(/\/$/, "");
  return base && file.startsWith(`${base}/`) ? file.slice(base.length + 1) : file;
}
function formatLocation(loc, cwd) {
  let out = relativeToCwd(loc.file, cwd);
  if (loc.line !== void 0) {
    out += `:${loc.line}`;
    if (loc.column !== void 0)
      out += `:${loc.column}`;
  }
  if (loc.field)
    out += ` ${loc.field}`;
  return out;
}
var ReleasesError = class extends Error {
  exitCode = ExitCode.internal;
  location;
  hint;
  constructor(message, details = {}) {
    super(message, details.cause === void 0 ? void 0 : { cause: details.cause });
    this.name = new.target.name;
    this.location = details.location;
    this.hint = details.hint;
  }
  /** `file:line:col field: message` followed by the hint on its own line; files below `cwd` relative to it. */
  describe(cwd) {
    const where = this.location ? `${formatLocation(this.location, cwd)}: ` : "";
    return `${where}${this.message}${this.hint ? `
  hint: ${this.hint}` : ""}`;
  }
};
var ConfigError = class extends ReleasesError {
  exitCode = ExitCode.invalidInput;
};
var TemplateError = class extends ReleasesError {
  exitCode = ExitCode.invalidInput;
};
var GraphError = class extends ReleasesError {
  exitCode = ExitCode.invalidInput;
};
var UsageError = class extends ReleasesError {
  exitCode = ExitCode.invalidInput;
};
var SecretError = class extends ReleasesError {
  exitCode = ExitCode.secretUnavailable;
};
var ClusterStateError = class extends ReleasesError {
  exitCode = ExitCode.clusterState;
};
var ReleaseFailedError = class extends ReleasesError {
  exitCode = ExitCode.releaseFailed;
};
var InterruptedError = class extends ReleasesError {
  exitCode = ExitCode.interrupted;
};
var HelmError = class extends ReleasesError {
  args;
  helmExitCode;
  stderr;
  exitCode = ExitCode.releaseFailed;
  constructor(message, args, helmExitCode, stderr, details = {}) {
    super(message, details);
    this.args = args;
    this.helmExitCode = helmExitCode;
    this.stderr = stderr;
  }
};
var ExitStatus = class extends ReleasesError {
  exitCode;
  constructor(code) {
    super("");
    this.exitCode = code;
  }
};

export {
  ExitCode,
  relativeToCwd,
  ReleasesError,
  ConfigError,
  TemplateError,
  GraphError,
  UsageError,
  SecretError,
  ClusterStateError,
  ReleaseFailedError,
  InterruptedError,
  HelmError,
  ExitStatus
};
