// What every command is given: its IO, the run's redactor, the global options
// (read after parsing) and the session that owns the adapters it needs.
import type { Command } from "commander";
import type { Redactor } from "../secrets/redactor.js";
import type { CliIO } from "./io.js";
import type { GlobalOptions } from "./options.js";
import type { Session } from "./session.js";

export interface CommandContext {
  io: CliIO;
  globals: () => GlobalOptions;
  redactor: Redactor;
  session: Session;
}

export type Registration = (program: Command, ctx: CommandContext) => void;
