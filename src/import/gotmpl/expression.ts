// One Go template pipeline (`.Values.x | default "a" | quote`) as a handlebars
// expression (`quote (default "a" values.x)`), or the reason it cannot be one.
import type { Arg, Command, Pipeline } from "./action.js";
import { adviceFor, SAME_HELPERS } from "./functions.js";

export type Hb =
  /** A path from the root context, from `this` at block depth `depth`, or from a block parameter. */
  | { k: "path"; anchor: "root" | "this" | "param"; depth: number; segs: string[] }
  | { k: "call"; helper: string; args: Hb[] }
  | { k: "lit"; text: string }
  /** Text and expressions side by side (printf in output position). */
  | { k: "concat"; parts: Array<string | Hb> };

export interface Failure {
  failed: true;
  construct: string;
  why: string;
  suggestion: string;
}

export type Converted = Hb | Failure;

export const isFailure = (c: unknown): c is Failure => (c as Failure | undefined)?.failed === true;

export interface Scope {
  /** Blocks that changed `.` (range, with) around this point. */
  depth: number;
  /** Go variables in reach: block parameters and inlined `$x := …` declarations. */
  vars: ReadonlyMap<string, Converted>;
  /** Values files may read Vault and SOPS; release fields may not. */
  secretLookups: boolean;
}

const fail = (construct: string, why: string, suggestion: string): Failure => ({
  failed: true,
  construct,
  why,
  suggestion,
});

/** helmfile's template context → releases' handlebars context. */
function rootPath(path: readonly string[]): string[] | Failure {
  const [a, b, ...rest] = path;
  if (a === "Values" || a === "StateValues") return ["values", ...path.slice(1)];
  if (a === "Environment" && b === "Values") return ["values", ...rest];
  if (a === "Environment" && b === "Name" && rest.length === 0) return ["environment", "name"];
  if (a === "Release" && (b === "Name" || b === "Namespace" || b === "Chart") && rest.length === 0)
    return ["release", b.toLowerCase()];
  if (a === "Release" && b === "Labels") return ["release", "labels", ...rest];
  const written = `.${path.join(".")}`;
  return fail(
    written,
    `${written} has no equivalent in releases templates`,
    "releases templates see values.…, environment.name and release.name/namespace/labels/chart; put what you need into the environment values",
  );
}

export function convertPipeline(pipe: Pipeline, scope: Scope, output = false): Converted {
  if (pipe.vars.length > 0) {
    return fail(
      pipe.vars.join(", "),
      "a variable declaration inside an expression",
      "use the value directly where it is needed",
    );
  }
  let result: Converted | undefined;
  for (const [i, command] of pipe.commands.entries()) {
    result = convertCommand(command, scope, result, output && i === pipe.commands.length - 1);
    if (isFailure(result)) return result;
  }
  return result!;
}

function convertCommand(
  command: Command,
  scope: Scope,
  piped: Converted | undefined,
  output: boolean,
): Converted {
  const [head, ...rest] = command.args;
  if (head?.kind !== "ident") {
    if (piped !== undefined || rest.length > 0) return fail("", "a value used as a function", "");
    return convertArg(head!, scope);
  }
  if (!SAME_HELPERS.has(head.name) && !CONVERTED_FUNCTIONS.has(head.name)) {
    const advice = adviceFor(head.name);
    return fail(head.name, advice.why, advice.suggestion);
  }
  const args: Converted[] = rest.map((a) => convertArg(a, scope));
  if (piped !== undefined) args.push(piped);
  const bad = args.find(isFailure);
  if (bad) return bad;
  return convertCall(head.name, args as Hb[], command.args.slice(1), scope, output);
}

const CONVERTED_FUNCTIONS = new Set([
  "eq",
  "env",
  "requiredEnv",
  "toString",
  "squote",
  "get",
  "getOrNil",
  "index",
  "printf",
  "fetchSecretValue",
]);

function convertCall(fn: string, args: Hb[], raw: Arg[], scope: Scope, output: boolean): Converted {
  const lit = (a: Hb | undefined) =>
    a?.k === "lit" && a.text.startsWith('"') ? (JSON.parse(a.text) as string) : undefined;
  if (SAME_HELPERS.has(fn)) return { k: "call", helper: fn, args };
  switch (fn) {
    case "eq":
      // Go's eq a b c is true when a equals any of b, c
      if (args.length <= 2) return { k: "call", helper: "eq", args };
      return {
        k: "call",
        helper: "or",
        args: args.slice(1).map((b) => ({ k: "call", helper: "eq", args: [args[0]!, b] })),
      };
    case "env":
      return { k: "call", helper: "env", args: [args[0]!, args[1] ?? { k: "lit", text: '""' }] };
    case "requiredEnv":
      return { k: "call", helper: "env", args: [args[0]!] };
    case "toString":
      return args[0]!;
    case "squote":
      return output
        ? { k: "concat", parts: ["'", args[0]!, "'"] }
        : fail("squote", adviceFor("squote").why, "use quote");
    case "get":
    case "getOrNil":
    case "index":
      return lookupCall(fn, args, scope);
    case "printf":
      return output ? printf(args, raw) : fail("printf", adviceFor(fn).why, adviceFor(fn).suggestion);
    case "fetchSecretValue":
      return secretRef(lit(args[0]), scope);
  }
  const advice = adviceFor(fn);
  return fail(fn, advice.why, advice.suggestion);
}

/** `get "a.b" default map`, `getOrNil "a.b" map`, `index map "a" 0`: a longer path. */
function lookupCall(fn: string, args: Hb[], _scope: Scope): Converted {
  const keyText = (a: Hb | undefined) => (a?.k === "lit" ? a.text.replace(/^"(.*)"$/, "$1") : undefined);
  if (fn === "index") {
    const [target, ...keys] = args;
    const segs = keys.map(keyText);
    if (target?.k !== "path" || segs.some((s) => s === undefined)) {
      return fail("index", "index with computed keys", "write the path out: values.a.b");
    }
    return { ...target, segs: [...target.segs, ...(segs as string[])] };
  }
  const [key, ...more] = args;
  const map = more.at(-1);
  const fallback = fn === "get" && more.length === 2 ? more[0] : undefined;
  const path = keyText(key);
  if (map?.k !== "path" || path === undefined || key?.k !== "lit") {
    return fail(fn, `${fn} with a computed path`, "write the path out: values.a.b");
  }
  const found: Hb = { ...map, segs: [...map.segs, ...path.split(".")] };
  return fallback ? { k: "call", helper: "default", args: [fallback, found] } : found;
}

/** vals references releases resolves natively: Vault KV and SOPS files. */
export function secretRef(ref: string | undefined, scope: Scope): Converted {
  const advice = adviceFor("fetchSecretValue");
  if (!scope.secretLookups || ref === undefined)
    return fail("fetchSecretValue", advice.why, advice.suggestion);
  const parsed = parseVals(ref);
  if (!parsed) return fail("fetchSecretValue", advice.why, advice.suggestion);
  const str = (s: string): Hb => ({ k: "lit", text: JSON.stringify(s) });
  return { k: "call", helper: parsed.kind, args: [str(parsed.where), str(parsed.key)] };
}

/** `ref+vault://secret/data/x#key` or `ref+sops://file.yaml#/a/b`, as releases' lookups. */
export function parseVals(ref: string): { kind: "vault" | "sops"; where: string; key: string } | undefined {
  const m = /^ref\+(vault|sops):\/\/([^#?]+)#\/?([^?]+)$/.exec(ref);
  if (!m) return undefined;
  const [, kind, where, key] = m as unknown as [string, "vault" | "sops", string, string];
  if (kind === "vault" && key.includes("/")) return undefined;
  return { kind, where, key: key.split("/").join(".") };
}

function printf(args: Hb[], raw: Arg[]): Converted {
  const format = raw[0]?.kind === "string" ? raw[0].value : undefined;
  if (format === undefined) return fail("printf", "printf with a computed format", "");
  const parts: Array<string | Hb> = [];
  let next = 1;
  let text = "";
  for (let i = 0; i < format.length; i++) {
    if (format[i] !== "%") {
      text += format[i];
      continue;
    }
    const verb = format[++i];
    if (verb === "%") text += "%";
    else if (verb === "s" || verb === "d" || verb === "v") {
      if (text) parts.push(text);
      text = "";
      const arg = args[next++];
      if (!arg) return fail("printf", "printf with fewer arguments than verbs", "");
      parts.push(arg);
    } else return fail("printf", `printf verb %${verb}`, "write the parts side by side in the text");
  }
  if (text) parts.push(text);
  return { k: "concat", parts };
}

function convertArg(arg: Arg, scope: Scope): Converted {
  switch (arg.kind) {
    case "string":
      return { k: "lit", text: JSON.stringify(arg.value) };
    case "number":
      return /^-?\d+(\.\d+)?$/.test(arg.raw)
        ? { k: "lit", text: arg.raw }
        : fail(arg.raw, "a number form handlebars lacks", "");
    case "bool":
      return { k: "lit", text: String(arg.value) };
    case "nil":
      return { k: "lit", text: "null" };
    case "ident":
      return convertCall(arg.name, [], [], scope, false);
    case "paren": {
      const inner = convertPipeline(arg.pipe, scope);
      if (isFailure(inner) || arg.path.length === 0) return inner;
      if (inner.k === "path") return { ...inner, segs: [...inner.segs, ...arg.path] };
      return fail(
        `(…).${arg.path.join(".")}`,
        "a field of a computed value",
        "name the value's path directly",
      );
    }
    case "field":
      return fieldArg(arg.base, arg.path, scope);
  }
}

function fieldArg(base: string, path: string[], scope: Scope): Converted {
  if (base === "$" || (base === "." && scope.depth === 0)) {
    const segs = rootPath(path);
    return isFailure(segs) ? segs : { k: "path", anchor: "root", depth: 0, segs };
  }
  if (base === ".") return { k: "path", anchor: "this", depth: scope.depth, segs: path };
  const bound = scope.vars.get(base);
  if (bound === undefined) return fail(base, `the variable ${base} is not declared here`, "");
  if (isFailure(bound) || path.length === 0) return bound;
  if (bound.k === "path") return { ...bound, segs: [...bound.segs, ...path] };
  return fail(`${base}.${path.join(".")}`, "a field of a computed value", "name the value's path directly");
}

const SIMPLE_SEGMENT = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** The expression as handlebars source at block depth `depth`; `top`: directly inside {{ }}. */
export function renderHb(hb: Hb, depth: number, top = false): string {
  switch (hb.k) {
    case "lit":
      return hb.text;
    case "path": {
      const segs = hb.segs.map((s) => (SIMPLE_SEGMENT.test(s) ? s : `[${s}]`));
      if (hb.anchor === "param") return segs.join(".");
      if (hb.anchor === "root") return depth === 0 ? segs.join(".") : ["@root", ...segs].join(".");
      const up = "../".repeat(Math.max(0, depth - hb.depth));
      return `${up}${["this", ...segs].join(".")}`;
    }
    case "call": {
      const inner = [hb.helper, ...hb.args.map((a) => renderHb(a, depth))].join(" ");
      return top ? inner : `(${inner})`;
    }
    case "concat":
      throw new Error("concat renders only as output");
  }
}

/** The expression in output position: `{{quote values.x}}`, or text and mustaches side by side for printf. */
export function renderOutput(hb: Hb, depth: number): string {
  if (hb.k === "concat") {
    return hb.parts.map((p) => (typeof p === "string" ? p : renderOutput(p, depth))).join("");
  }
  return `{{${renderHb(hb, depth, true)}}}`;
}
