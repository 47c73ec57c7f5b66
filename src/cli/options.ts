import { type Command, Option } from "commander";
import { UsageError } from "../errors.js";
import type { NeedsMode } from "../graph/selection.js";

export interface GlobalOptions {
  file: string;
  environment?: string;
  selector: string[];
  output: "text" | "json";
  includeNeeds: boolean;
  includeTransitiveNeeds: boolean;
  skipNeeds: boolean;
  debug: boolean;
  /** --state-values-set path=value[,…]: over the environment's values. */
  stateValuesSet: string[];
  /** --state-values-file FILE: YAML layered over the environment's values, before --state-values-set. */
  stateValuesFile: string[];
  /** --set path=value[,…]: over every selected release's values, after its own `set`. */
  set: string[];
}

const repeat = (value: string, previous: string[]) => [...previous, value];

export function addGlobalOptions(program: Command): Command {
  return program
    .option("-f, --file <path>", "the project file", "releases.yaml")
    .option("-e, --environment <name>", "the environment (default: $RELEASES_ENV, else `default`)")
    .option(
      "-l, --selector <key=value,...>",
      "select releases by label; terms are ANDed, repeated -l are ORed; built-in: name, namespace, chart",
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .addOption(new Option("-o, --output <format>", "output format").choices(["text", "json"]).default("text"))
    .option("--include-needs", "also act on the direct needs of selected releases", false)
    .option("--include-transitive-needs", "also act on every release the selected ones need", false)
    .option("--skip-needs", "ignore needs outside the selection", false)
    .option(
      "--state-values-set <path=value,...>",
      "set environment values (helm --set syntax); repeatable, applied after --state-values-file",
      repeat,
      [] as string[],
    )
    .option(
      "--state-values-file <file>",
      "a YAML file layered over the environment's values; repeatable, in order",
      repeat,
      [] as string[],
    )
    .option(
      "--set <path=value,...>",
      "set values of every selected release (helm --set syntax), over its own set; repeatable",
      repeat,
      [] as string[],
    )
    .option("--debug", "print helm commands and timings (secrets redacted)", false);
}

/** As in Helmfile, --include-needs with --include-transitive-needs is the transitive closure. */
export function needsMode(options: GlobalOptions): NeedsMode {
  const including = options.includeNeeds || options.includeTransitiveNeeds;
  if (options.skipNeeds && including) {
    throw new UsageError(
      `--skip-needs and ${options.includeNeeds ? "--include-needs" : "--include-transitive-needs"} exclude each other`,
    );
  }
  if (options.skipNeeds) return "skip";
  if (options.includeTransitiveNeeds) return "include-transitive";
  return options.includeNeeds ? "include" : "check";
}

export function positiveInt(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1)
      throw new UsageError(`${name} must be a positive integer, got "${value}"`);
    return n;
  };
}
