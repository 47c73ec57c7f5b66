// The options every command that calls helm takes, and those of the deploying
// commands (sync, apply, destroy, rotate, secrets rotate).
import { availableParallelism } from "node:os";
import { type Command, Option } from "commander";
import type { RecoverMode } from "../plan/deploy-plan.js";
import { positiveInt } from "./options.js";

export interface HelmOptions {
  helmBinary?: string;
}

export interface RunOptions extends HelmOptions {
  concurrency: number;
  failFast: boolean;
  lockTimeout: number;
  lockDuration: number;
  lockNamespace?: string;
  recover?: RecoverMode;
  /** false with --no-record: no undo record in the cluster. */
  record: boolean;
  /** Who the run's record names (default: $RELEASES_IDENTITY, else user@host). */
  identity?: string;
  /** apply: leave drifted releases alone (no drift check). */
  ignoreDrift?: boolean;
}

export function addHelmOption(command: Command): Command {
  return command.option(
    "--helm-binary <path>",
    "the helm binary, v3 or v4 (default: $RELEASES_HELM, else helm)",
  );
}

/** The deploying commands' options; `rollback` takes all but --recover (it refuses stuck releases). */
export function addRunOptions(command: Command, { recover = true }: { recover?: boolean } = {}): Command {
  addHelmOption(command)
    .option("--concurrency <n>", "releases deployed at once", positiveInt("--concurrency"), 4)
    .option("--fail-fast", "start nothing new after the first failure", false)
    .option(
      "--lock-timeout <seconds>",
      "wait this long for another run that holds the same releases",
      positiveInt("--lock-timeout"),
      60,
    )
    .option(
      "--lock-duration <seconds>",
      "how long the lock stays valid without renewal (renewed every third of it)",
      positiveInt("--lock-duration"),
      60,
    )
    .option("--lock-namespace <namespace>", "where the lock's Lease lives (default: defaults.lockNamespace)");
  if (recover) {
    command.addOption(
      new Option("--recover <mode>", "recover releases stuck in a pending state").choices([
        "rollback",
        "uninstall",
      ]),
    );
  }
  return command
    .option("--identity <who>", "who the run's record names (default: $RELEASES_IDENTITY, else user@host)")
    .option("--no-record", "keep no record of this run in the cluster (it cannot be undone by rollback)");
}

/** For commands that render with helm (template, lint, diff): helm processes at once. */
export function addRenderConcurrency(command: Command): Command {
  return command.option(
    "--concurrency <n>",
    "helm processes at once (default: the number of CPUs)",
    positiveInt("--concurrency"),
    availableParallelism(),
  );
}
