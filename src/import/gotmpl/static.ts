// Conditions that depend only on the environment's name (`eq .Environment.Name
// "production"`) can be decided at import time, once per environment.
import type { Arg, Pipeline } from "./action.js";

const UNKNOWN = Symbol("unknown");
type Value = string | number | boolean | null | typeof UNKNOWN;

/** The condition's value in environment `envName`, or undefined when it reads anything else. */
export function evaluateForEnvironment(pipe: Pipeline, envName: string): boolean | undefined {
  if (pipe.vars.length > 0) return undefined;
  const value = pipeline(pipe, envName);
  return value === UNKNOWN ? undefined : truthy(value);
}

function pipeline(pipe: Pipeline, env: string): Value {
  let piped: Value | undefined;
  for (const command of pipe.commands) {
    const [head, ...rest] = command.args;
    if (!head) return UNKNOWN;
    if (head.kind !== "ident") {
      if (rest.length || piped !== undefined) return UNKNOWN;
      piped = arg(head, env);
      continue;
    }
    const args = rest.map((a) => arg(a, env));
    if (piped !== undefined) args.push(piped);
    if (args.includes(UNKNOWN)) return UNKNOWN;
    piped = call(head.name, args);
  }
  return piped ?? UNKNOWN;
}

function call(fn: string, args: Value[]): Value {
  const [a, ...rest] = args;
  switch (fn) {
    case "eq":
      return rest.some((b) => b === a);
    case "ne":
      return a !== args[1];
    case "and":
      return args.every(truthy);
    case "or":
      return args.some(truthy);
    case "not":
      return !truthy(a ?? null);
    case "hasPrefix":
      return typeof args[1] === "string" && typeof a === "string" && args[1].startsWith(a);
    case "hasSuffix":
      return typeof args[1] === "string" && typeof a === "string" && args[1].endsWith(a);
    case "contains":
      return typeof args[1] === "string" && typeof a === "string" && args[1].includes(a);
    default:
      return UNKNOWN;
  }
}

function arg(a: Arg, env: string): Value {
  switch (a.kind) {
    case "string":
      return a.value;
    case "bool":
      return a.value;
    case "number":
      return Number(a.raw);
    case "nil":
      return null;
    case "field":
      return (a.base === "." || a.base === "$") && a.path.join(".") === "Environment.Name" ? env : UNKNOWN;
    case "paren":
      return a.path.length ? UNKNOWN : pipeline(a.pipe, env);
    default:
      return UNKNOWN;
  }
}

function truthy(v: Value): boolean {
  return v !== null && v !== false && v !== "" && v !== 0;
}
