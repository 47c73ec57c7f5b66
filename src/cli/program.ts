// The commander program. Commands are registered from commands/*.ts; this is
// the one place that turns errors into messages and exit codes.
import { Command, CommanderError } from "commander";
import { ConfigProblems } from "../config/problems.js";
import { ExitCode, type ExitCodeValue, ExitStatus, ReleasesError, relativeToCwd } from "../errors.js";
import { Redactor } from "../secrets/redactor.js";
import type { CommandContext, Registration } from "./context.js";
import type { CliIO } from "./io.js";
import { addGlobalOptions, type GlobalOptions } from "./options.js";
import { Session } from "./session.js";

/**
 * Every command's names and the module that registers it, in the order help lists them. A
 * run loads only the module of the command it invokes: `list` does not load helm, Kubernetes,
 * SOPS or diff code. Help, an unknown command or none at all load them all.
 */
const commands: readonly { names: readonly string[]; load: () => Promise<Registration> }[] = [
  { names: ["list"], load: async () => (await import("./commands/list.js")).registerList },
  { names: ["graph"], load: async () => (await import("./commands/graph.js")).registerGraph },
  { names: ["values"], load: async () => (await import("./commands/values.js")).registerValues },
  { names: ["sync", "apply"], load: async () => (await import("./commands/sync.js")).registerSync },
  { names: ["diff"], load: async () => (await import("./commands/diff.js")).registerDiff },
  {
    names: ["template", "lint"],
    load: async () => (await import("./commands/template.js")).registerTemplate,
  },
  { names: ["deps"], load: async () => (await import("./commands/deps.js")).registerDeps },
  { names: ["test"], load: async () => (await import("./commands/test.js")).registerTest },
  { names: ["status"], load: async () => (await import("./commands/status.js")).registerStatus },
  { names: ["destroy"], load: async () => (await import("./commands/destroy.js")).registerDestroy },
  { names: ["rotate"], load: async () => (await import("./commands/rotate.js")).registerRotate },
  { names: ["rollback"], load: async () => (await import("./commands/rollback.js")).registerRollback },
  { names: ["history"], load: async () => (await import("./commands/history.js")).registerHistory },
  { names: ["secrets"], load: async () => (await import("./commands/secrets.js")).registerSecrets },
  { names: ["init"], load: async () => (await import("./commands/init.js")).registerInit },
  { names: ["import"], load: async () => (await import("./commands/import.js")).registerImport },
];

/** The registrations `argv` needs: its command's alone when it names one, else every command's. */
async function registrationsFor(argv: readonly string[]): Promise<Registration[]> {
  const named = invokedCommand(argv);
  const chosen = commands.filter((c) => named === undefined || c.names.includes(named));
  return Promise.all((chosen.length > 0 ? chosen : commands).map((c) => c.load()));
}

/**
 * The first operand of `argv` once the global options (and their values) are taken out, as
 * commander reads it: the command's name. Undefined when an unknown option comes first or the
 * options do not parse; commander then reports that with every command registered.
 */
function invokedCommand(argv: readonly string[]): string | undefined {
  const probe = addGlobalOptions(new Command())
    .exitOverride()
    .configureOutput({ writeOut: () => {}, writeErr: () => {} });
  try {
    // An unknown option before the command sends every later argument to `unknown`.
    return probe.parseOptions([...argv]).operands[0];
  } catch {
    return undefined;
  }
}

export function buildProgram(
  ctx: Pick<CommandContext, "io" | "redactor">,
  registrations: readonly Registration[],
): Command {
  const program = new Command("releases");
  const globals = () => program.opts<GlobalOptions>();
  const session = new Session(ctx.io, ctx.redactor, () => globals().debug);
  const context: CommandContext = { ...ctx, globals, session };
  addGlobalOptions(program)
    .description(
      "Deploy a stack of Helm releases: layered values, SOPS and Vault secrets, a needs graph run in parallel.",
    )
    .version(ctx.io.env.npm_package_version ?? "0.1.0", "--version")
    .showSuggestionAfterError()
    .configureOutput({
      writeOut: (s) => ctx.io.stdout.write(s),
      writeErr: (s) => ctx.io.stderr.write(s),
    })
    .exitOverride();
  for (const register of registrations) register(program, context);
  for (const command of program.commands) command.exitOverride();
  return program;
}

export async function runCli(argv: readonly string[], rawIO: CliIO): Promise<ExitCodeValue | number> {
  const redactor = new Redactor();
  // Every byte the commands print passes the run's redactor: one filter for logs,
  // reports, diffs, helm output and errors alike.
  let stdoutUsed = false;
  const io: CliIO = {
    ...rawIO,
    stdout: redacting(rawIO.stdout, redactor, () => {
      stdoutUsed = true;
    }),
    stderr: redacting(rawIO.stderr, redactor),
  };
  const program = buildProgram({ io, redactor }, await registrationsFor(argv));
  try {
    await program.parseAsync([...argv], { from: "user" });
    return ExitCode.ok;
  } catch (error) {
    let code = reportError(error, io, redactor);
    // `diff --detailed-exitcode` keeps 2 for "there are changes": a usage error there is 5.
    // (An ExitStatus is the command's own verdict: diff's "there are changes" stays 2.)
    if (
      code === ExitCode.invalidInput &&
      !(error instanceof ExitStatus) &&
      argv.includes("--detailed-exitcode")
    )
      code = ExitCode.diffInvalidInput;
    // With -o json, a run that stopped before printing its report still leaves
    // one JSON document on stdout for the machine reading it.
    if (code !== ExitCode.ok && !stdoutUsed && program.opts<GlobalOptions>().output === "json") {
      io.stdout.write(`${JSON.stringify(errorJson(error, code, io.cwd), null, 2)}\n`);
    }
    return code;
  }
}

function errorJson(error: unknown, exitCode: number, cwd: string): Record<string, unknown> {
  const known = error instanceof ReleasesError && !(error instanceof ExitStatus);
  return {
    ok: false,
    exitCode,
    error: known
      ? {
          kind: error.name,
          message: error.message,
          location: error.location
            ? { ...error.location, file: relativeToCwd(error.location.file, cwd) }
            : null,
          hint: error.hint ?? null,
          ...problemsJson(error, cwd),
        }
      : {
          kind: error instanceof CommanderError ? "UsageError" : "InternalError",
          message: String((error as Error)?.message ?? error),
        },
  };
}

/** Every problem of a run that found several (config/problems.ts), each with its own location. */
function problemsJson(error: ReleasesError, cwd: string): { problems?: unknown[] } {
  if (!(error instanceof ConfigProblems)) return {};
  return {
    problems: error.problems.map((p) => ({
      kind: p.name,
      message: p.message,
      location: p.location ? { ...p.location, file: relativeToCwd(p.location.file, cwd) } : null,
      hint: p.hint ?? null,
    })),
  };
}

function reportError(error: unknown, io: CliIO, redactor: Redactor): number {
  if (error instanceof CommanderError) {
    // Help and version are "errors" to commander; its message was already printed.
    if (error.code === "commander.helpDisplayed" || error.code === "commander.version") return ExitCode.ok;
    if (error.code === "commander.help") return ExitCode.ok;
    return ExitCode.invalidInput;
  }
  if (error instanceof ExitStatus) return error.exitCode;
  if (error instanceof ReleasesError) {
    io.stderr.write(`releases: ${redactor.redact(error.describe(io.cwd))}\n`);
    return error.exitCode;
  }
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  io.stderr.write(`releases: internal error (a bug, please report it):\n${redactor.redact(detail)}\n`);
  return ExitCode.internal;
}

/** `stream` with every written chunk redacted; everything else (isTTY, columns, events) is the stream's own. */
export function redacting<S extends NodeJS.WritableStream>(
  stream: S,
  redactor: Redactor,
  onWrite?: () => void,
): S {
  const write = (chunk: unknown, ...rest: unknown[]) => {
    onWrite?.();
    const text = typeof chunk === "string" ? chunk : Buffer.isBuffer(chunk) ? chunk.toString("utf8") : chunk;
    return (stream.write as (...args: unknown[]) => boolean)(
      typeof text === "string" ? redactor.redact(text) : text,
      ...rest,
    );
  };
  return new Proxy(stream, {
    get(target, prop) {
      if (prop === "write") return write;
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
