import {
  FLAG_OPTIONS,
  TRANSFORMER_KINDS
} from "./chunk-RWJVQS3L.js";
import {
  hookEvents
} from "./chunk-P7YCSQGL.js";
import "./chunk-T6BXHNBH.js";
import "./chunk-EOAQSOO2.js";
import {
  require_dist
} from "./chunk-NZJELPZH.js";
import {
  ExitCode,
  ExitStatus,
  UsageError
} from "./chunk-XLEZOOEL.js";
import {
  __toESM
} from "./chunk-4VNS5WPM.js";

// dist/cli/commands/import.js
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { dirname as dirname3, relative as relative2, resolve as resolve3 } from "node:path";

// dist/import/import.js
var import_yaml4 = __toESM(require_dist(), 1);
import { basename, dirname as dirname2, isAbsolute, join, relative, resolve as resolve2 } from "node:path";

// dist/import/finding.js
function shorten(text2, max = 80) {
  const one = text2.replace(/\s+/g, " ").trim();
  return one.length > max ? `${one.slice(0, max - 1)}\u2026` : one;
}
function leftMarker(file, line) {
  const where = line === void 0 ? file : `${file}:${line}`;
  return `(required "releases import left a Go template construct here: ${where} (see the import report)" null)`;
}
function sortedFindings(findings) {
  const seen = /* @__PURE__ */ new Set();
  const unique = findings.filter((f) => {
    const key = JSON.stringify([f.file, f.line, f.construct, f.why]);
    if (seen.has(key))
      return false;
    seen.add(key);
    return true;
  });
  return unique.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));
}

// dist/import/state/load.js
var import_yaml = __toESM(require_dist(), 1);
import { dirname, resolve } from "node:path";

// dist/import/gotmpl/functions.js
var SAME_HELPERS = /* @__PURE__ */ new Set([
  "default",
  "required",
  "quote",
  "toYaml",
  "toJson",
  "indent",
  "nindent",
  "b64enc",
  "b64dec",
  "lower",
  "upper",
  "ne",
  "lt",
  "le",
  "gt",
  "ge",
  "and",
  "or",
  "not"
]);
var HELPERS_TEXT = "toYaml, toJson, indent, nindent, default, required, quote, b64enc, b64dec, lower, upper, env, eq, ne, lt, le, gt, ge, and, or, not";
var ADVICE = [
  [
    ["exec", "envExec"],
    {
      why: "runs a command while rendering; releases templates never run commands",
      suggestion: 'run the command before releases (e.g. in CI), pass its output in an environment variable and read it with {{env "NAME"}}, or write it into an environment values file'
    }
  ],
  [
    ["readFile", "readDir", "readDirEntries", "isFile", "isDir"],
    {
      why: "reads the filesystem while rendering",
      suggestion: "list the file itself under the release's values: (a .hbs file if it needs templating), or inline its content"
    }
  ],
  [
    ["tpl"],
    {
      why: "renders a string as a template at run time",
      suggestion: "move the templated text into its own .hbs values file"
    }
  ],
  [
    ["include", "template", "define", "block"],
    {
      why: "named templates have no handlebars equivalent in releases",
      suggestion: "repeat the text where it is used, or share release fields with templates: and inherit: in releases.yaml"
    }
  ],
  [
    ["fromYaml", "fromJson", "toToml", "fromToml", "setValueAtPath", "mustFromJson"],
    {
      why: "parses or rebuilds data inside the template",
      suggestion: "keep the data as YAML in a values file and reference it under values:"
    }
  ],
  [
    [
      "list",
      "dict",
      "set",
      "unset",
      "merge",
      "mergeOverwrite",
      "append",
      "prepend",
      "concat",
      "keys",
      "values"
    ],
    {
      why: "builds lists or maps inside the template",
      suggestion: "write the data as YAML in a values file; releases merges values files the Helm way"
    }
  ],
  [
    ["printf", "print", "println", "cat"],
    {
      why: "formats a string inside an expression",
      suggestion: "write the parts side by side in the text, e.g. {{values.a}}-{{values.b}}"
    }
  ],
  [
    ["fetchSecretValue", "expandSecretRefs"],
    {
      why: "a vals reference other than ref+vault://path#key or ref+sops://file#/key (or outside a values file)",
      suggestion: 'in a values file use {{vault "secret/data/path" "key"}} or {{sops "file.sops.yaml" "dotted.key"}}'
    }
  ]
];
function adviceFor(fn) {
  for (const [names, advice] of ADVICE)
    if (names.includes(fn))
      return advice;
  return {
    why: `the function "${fn}" has no handlebars helper in releases`,
    suggestion: `compute the value in an environment values file, or use a helper releases has: ${HELPERS_TEXT}`
  };
}

// dist/import/gotmpl/expression.js
var isFailure = (c) => c?.failed === true;
var fail = (construct, why, suggestion) => ({
  failed: true,
  construct,
  why,
  suggestion
});
function rootPath(path) {
  const [a, b, ...rest] = path;
  if (a === "Values" || a === "StateValues")
    return ["values", ...path.slice(1)];
  if (a === "Environment" && b === "Values")
    return ["values", ...rest];
  if (a === "Environment" && b === "Name" && rest.length === 0)
    return ["environment", "name"];
  if (a === "Release" && (b === "Name" || b === "Namespace" || b === "Chart") && rest.length === 0)
    return ["release", b.toLowerCase()];
  if (a === "Release" && b === "Labels")
    return ["release", "labels", ...rest];
  const written = `.${path.join(".")}`;
  return fail(written, `${written} has no equivalent in releases templates`, "releases templates see values.\u2026, environment.name and release.name/namespace/labels/chart; put what you need into the environment values");
}
function convertPipeline(pipe, scope, output = false) {
  if (pipe.vars.length > 0) {
    return fail(pipe.vars.join(", "), "a variable declaration inside an expression", "use the value directly where it is needed");
  }
  let result;
  for (const [i, command] of pipe.commands.entries()) {
    result = convertCommand(command, scope, result, output && i === pipe.commands.length - 1);
    if (isFailure(result))
      return result;
  }
  return result;
}
function convertCommand(command, scope, piped, output) {
  const [head, ...rest] = command.args;
  if (head?.kind !== "ident") {
    if (piped !== void 0 || rest.length > 0)
      return fail("", "a value used as a function", "");
    return convertArg(head, scope);
  }
  if (!SAME_HELPERS.has(head.name) && !CONVERTED_FUNCTIONS.has(head.name)) {
    const advice = adviceFor(head.name);
    return fail(head.name, advice.why, advice.suggestion);
  }
  const args = rest.map((a) => convertArg(a, scope));
  if (piped !== void 0)
    args.push(piped);
  const bad = args.find(isFailure);
  if (bad)
    return bad;
  return convertCall(head.name, args, command.args.slice(1), scope, output);
}
var CONVERTED_FUNCTIONS = /* @__PURE__ */ new Set([
  "eq",
  "env",
  "requiredEnv",
  "toString",
  "squote",
  "get",
  "getOrNil",
  "index",
  "printf",
  "fetchSecretValue"
]);
function convertCall(fn, args, raw, scope, output) {
  const lit = (a) => a?.k === "lit" && a.text.startsWith('"') ? JSON.parse(a.text) : void 0;
  if (SAME_HELPERS.has(fn))
    return { k: "call", helper: fn, args };
  switch (fn) {
    case "eq":
      if (args.length <= 2)
        return { k: "call", helper: "eq", args };
      return {
        k: "call",
        helper: "or",
        args: args.slice(1).map((b) => ({ k: "call", helper: "eq", args: [args[0], b] }))
      };
    case "env":
      return { k: "call", helper: "env", args: [args[0], args[1] ?? { k: "lit", text: '""' }] };
    case "requiredEnv":
      return { k: "call", helper: "env", args: [args[0]] };
    case "toString":
      return args[0];
    case "squote":
      return output ? { k: "concat", parts: ["'", args[0], "'"] } : fail("squote", adviceFor("squote").why, "use quote");
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
function lookupCall(fn, args, _scope) {
  const keyText = (a) => a?.k === "lit" ? a.text.replace(/^"(.*)"$/, "$1") : void 0;
  if (fn === "index") {
    const [target, ...keys] = args;
    const segs = keys.map(keyText);
    if (target?.k !== "path" || segs.some((s) => s === void 0)) {
      return fail("index", "index with computed keys", "write the path out: values.a.b");
    }
    return { ...target, segs: [...target.segs, ...segs] };
  }
  const [key, ...more] = args;
  const map = more.at(-1);
  const fallback = fn === "get" && more.length === 2 ? more[0] : void 0;
  const path = keyText(key);
  if (map?.k !== "path" || path === void 0 || key?.k !== "lit") {
    return fail(fn, `${fn} with a computed path`, "write the path out: values.a.b");
  }
  const found = { ...map, segs: [...map.segs, ...path.split(".")] };
  return fallback ? { k: "call", helper: "default", args: [fallback, found] } : found;
}
function secretRef(ref, scope) {
  const advice = adviceFor("fetchSecretValue");
  if (!scope.secretLookups || ref === void 0)
    return fail("fetchSecretValue", advice.why, advice.suggestion);
  const parsed = parseVals(ref);
  if (!parsed)
    return fail("fetchSecretValue", advice.why, advice.suggestion);
  const str = (s) => ({ k: "lit", text: JSON.stringify(s) });
  return { k: "call", helper: parsed.kind, args: [str(parsed.where), str(parsed.key)] };
}
function parseVals(ref) {
  const m = /^ref\+(vault|sops):\/\/([^#?]+)#\/?([^?]+)$/.exec(ref);
  if (!m)
    return void 0;
  const [, kind, where, key] = m;
  if (kind === "vault" && key.includes("/"))
    return void 0;
  return { kind, where, key: key.split("/").join(".") };
}
function printf(args, raw) {
  const format = raw[0]?.kind === "string" ? raw[0].value : void 0;
  if (format === void 0)
    return fail("printf", "printf with a computed format", "");
  const parts = [];
  let next = 1;
  let text2 = "";
  for (let i = 0; i < format.length; i++) {
    if (format[i] !== "%") {
      text2 += format[i];
      continue;
    }
    const verb = format[++i];
    if (verb === "%")
      text2 += "%";
    else if (verb === "s" || verb === "d" || verb === "v") {
      if (text2)
        parts.push(text2);
      text2 = "";
      const arg2 = args[next++];
      if (!arg2)
        return fail("printf", "printf with fewer arguments than verbs", "");
      parts.push(arg2);
    } else
      return fail("printf", `printf verb %${verb}`, "write the parts side by side in the text");
  }
  if (text2)
    parts.push(text2);
  return { k: "concat", parts };
}
function convertArg(arg2, scope) {
  switch (arg2.kind) {
    case "string":
      return { k: "lit", text: JSON.stringify(arg2.value) };
    case "number":
      return /^-?\d+(\.\d+)?$/.test(arg2.raw) ? { k: "lit", text: arg2.raw } : fail(arg2.raw, "a number form handlebars lacks", "");
    case "bool":
      return { k: "lit", text: String(arg2.value) };
    case "nil":
      return { k: "lit", text: "null" };
    case "ident":
      return convertCall(arg2.name, [], [], scope, false);
    case "paren": {
      const inner = convertPipeline(arg2.pipe, scope);
      if (isFailure(inner) || arg2.path.length === 0)
        return inner;
      if (inner.k === "path")
        return { ...inner, segs: [...inner.segs, ...arg2.path] };
      return fail(`(\u2026).${arg2.path.join(".")}`, "a field of a computed value", "name the value's path directly");
    }
    case "field":
      return fieldArg(arg2.base, arg2.path, scope);
  }
}
function fieldArg(base, path, scope) {
  if (base === "$" || base === "." && scope.depth === 0) {
    const segs = rootPath(path);
    return isFailure(segs) ? segs : { k: "path", anchor: "root", depth: 0, segs };
  }
  if (base === ".")
    return { k: "path", anchor: "this", depth: scope.depth, segs: path };
  const bound = scope.vars.get(base);
  if (bound === void 0)
    return fail(base, `the variable ${base} is not declared here`, "");
  if (isFailure(bound) || path.length === 0)
    return bound;
  if (bound.k === "path")
    return { ...bound, segs: [...bound.segs, ...path] };
  return fail(`${base}.${path.join(".")}`, "a field of a computed value", "name the value's path directly");
}
var SIMPLE_SEGMENT = /^[A-Za-z_][A-Za-z0-9_-]*$/;
function renderHb(hb, depth, top = false) {
  switch (hb.k) {
    case "lit":
      return hb.text;
    case "path": {
      const segs = hb.segs.map((s) => SIMPLE_SEGMENT.test(s) ? s : `[${s}]`);
      if (hb.anchor === "param")
        return segs.join(".");
      if (hb.anchor === "root")
        return depth === 0 ? segs.join(".") : ["@root", ...segs].join(".");
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
function renderOutput(hb, depth) {
  if (hb.k === "concat") {
    return hb.parts.map((p) => typeof p === "string" ? p : renderOutput(p, depth)).join("");
  }
  return `{{${renderHb(hb, depth, true)}}}`;
}

// dist/import/gotmpl/lex.js
var LexError = class extends Error {
  line;
  constructor(message, line) {
    super(message);
    this.line = line;
  }
};
function lexTemplate(text2, firstLine = 1, trim = true) {
  const segments = [];
  let pos = 0;
  let line = firstLine;
  let trimNext = false;
  while (pos < text2.length) {
    const open = text2.indexOf("{{", pos);
    let literal2 = open === -1 ? text2.slice(pos) : text2.slice(pos, open);
    const literalLine = line;
    line += count(literal2, "\n");
    if (open === -1) {
      pushText(segments, trimNext ? literal2.trimStart() : literal2, literalLine);
      break;
    }
    const hasTrimLeft = text2[open + 2] === "-" && /\s/.test(text2[open + 3] ?? "");
    const close = findClose(text2, open + 2, line);
    const hasTrimRight = text2[close - 1] === "-" && /\s/.test(text2[close - 2] ?? "");
    const inner = text2.slice(open + (hasTrimLeft ? 3 : 2), hasTrimRight ? close - 1 : close);
    const trimLeft = trim && hasTrimLeft;
    const trimRight = trim && hasTrimRight;
    if (trimNext)
      literal2 = literal2.trimStart();
    if (trimLeft)
      literal2 = literal2.trimEnd();
    pushText(segments, literal2, literalLine);
    const source = text2.slice(open, close + 2);
    const lineStart = text2.lastIndexOf("\n", open - 1) + 1;
    let lineEnd = text2.indexOf("\n", close + 2);
    if (lineEnd === -1)
      lineEnd = text2.length;
    const ownLine = text2.slice(lineStart, open).trim() === "" && text2.slice(close + 2, lineEnd).trim() === "";
    segments.push({ kind: "action", body: inner.trim(), source, line, ownLine });
    line += count(source, "\n");
    pos = close + 2;
    trimNext = trimRight;
  }
  return segments;
}
function pushText(segments, text2, line) {
  if (text2 !== "")
    segments.push({ kind: "text", text: text2, line });
}
function findClose(text2, from, line) {
  let i = from;
  while (i < text2.length) {
    const c = text2[i];
    if (text2.startsWith("/*", i)) {
      const end = text2.indexOf("*/", i + 2);
      if (end === -1)
        break;
      i = end + 2;
    } else if (c === '"') {
      i++;
      while (i < text2.length && text2[i] !== '"')
        i += text2[i] === "\\" ? 2 : 1;
      i++;
    } else if (c === "`") {
      const end = text2.indexOf("`", i + 1);
      if (end === -1)
        break;
      i = end + 1;
    } else if (c === "}" && text2[i + 1] === "}") {
      return i;
    } else {
      i++;
    }
  }
  throw new LexError("unclosed action: a }} is missing", line);
}
function count(text2, needle) {
  return text2.split(needle).length - 1;
}

// dist/import/gotmpl/static.js
var UNKNOWN = Symbol("unknown");
function evaluateForEnvironment(pipe, envName) {
  if (pipe.vars.length > 0)
    return void 0;
  const value = pipeline(pipe, envName);
  return value === UNKNOWN ? void 0 : truthy(value);
}
function pipeline(pipe, env) {
  let piped;
  for (const command of pipe.commands) {
    const [head, ...rest] = command.args;
    if (!head)
      return UNKNOWN;
    if (head.kind !== "ident") {
      if (rest.length || piped !== void 0)
        return UNKNOWN;
      piped = arg(head, env);
      continue;
    }
    const args = rest.map((a) => arg(a, env));
    if (piped !== void 0)
      args.push(piped);
    if (args.includes(UNKNOWN))
      return UNKNOWN;
    piped = call(head.name, args);
  }
  return piped ?? UNKNOWN;
}
function call(fn, args) {
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
function arg(a, env) {
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
function truthy(v) {
  return v !== null && v !== false && v !== "" && v !== 0;
}

// dist/import/gotmpl/action.js
var ActionSyntaxError = class extends Error {
};
var UNSUPPORTED_KEYWORDS = /* @__PURE__ */ new Set(["define", "template", "block", "break", "continue"]);
function parseAction(body) {
  if (body.startsWith("/*"))
    return { kind: "comment" };
  const tokens = tokenize(body);
  const first = tokens[0];
  if (first?.t === "ident") {
    const rest = tokens.slice(1);
    switch (first.v) {
      case "if":
      case "range":
      case "with":
        return { kind: first.v, pipe: parsePipeline(rest) };
      case "else": {
        const next = rest[0];
        if (next?.t === "ident" && (next.v === "if" || next.v === "with")) {
          return { kind: "else", chain: { kind: next.v, pipe: parsePipeline(rest.slice(1)) } };
        }
        return { kind: "else" };
      }
      case "end":
        return { kind: "end" };
      default:
        if (UNSUPPORTED_KEYWORDS.has(first.v))
          return { kind: "unsupported", keyword: first.v };
    }
  }
  return { kind: "output", pipe: parsePipeline(tokens) };
}
function tokenize(body) {
  const tokens = [];
  let i = 0;
  const ident = /[A-Za-z_][A-Za-z0-9_]*/y;
  while (i < body.length) {
    const c = body[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"') {
      let j = i + 1;
      while (j < body.length && body[j] !== '"')
        j += body[j] === "\\" ? 2 : 1;
      if (j >= body.length)
        throw new ActionSyntaxError("unterminated string");
      tokens.push({ t: "str", v: JSON.parse(body.slice(i, j + 1).replace(/\\'/g, "'")) });
      i = j + 1;
    } else if (c === "`") {
      const j = body.indexOf("`", i + 1);
      if (j === -1)
        throw new ActionSyntaxError("unterminated raw string");
      tokens.push({ t: "str", v: body.slice(i + 1, j) });
      i = j + 1;
    } else if (/[0-9]/.test(c) || c === "-" && /[0-9]/.test(body[i + 1] ?? "")) {
      const m = /-?[0-9][0-9a-fA-FxX._]*/y;
      m.lastIndex = i;
      const raw = m.exec(body)[0];
      tokens.push({ t: "num", v: raw });
      i += raw.length;
    } else if (c === "." || c === "$") {
      let j = i;
      let base = ".";
      if (c === "$") {
        ident.lastIndex = i + 1;
        const name = ident.exec(body);
        base = `$${name && name.index === i + 1 ? name[0] : ""}`;
        j = i + base.length;
      }
      const path = [];
      while (body[j] === ".") {
        ident.lastIndex = j + 1;
        const m = ident.exec(body);
        if (!m || m.index !== j + 1) {
          if (c === "." && j === i && path.length === 0) {
            j++;
            break;
          }
          throw new ActionSyntaxError(`unexpected "." at ${j + 1}`);
        }
        path.push(m[0]);
        j = j + 1 + m[0].length;
      }
      const previous = tokens.at(-1);
      if (c === "." && previous?.t === "punct" && previous.v === ")" && i > 0 && body[i - 1] === ")") {
        tokens.push({ t: "field", v: ["", ...path] });
      } else if (c === ".") {
        tokens.push({ t: "field", v: path });
      } else {
        tokens.push({ t: "var", v: base });
        if (path.length)
          tokens.push({ t: "field", v: ["", ...path] });
      }
      i = j;
    } else if (/[A-Za-z_]/.test(c)) {
      ident.lastIndex = i;
      const name = ident.exec(body)[0];
      tokens.push({ t: "ident", v: name });
      i += name.length;
    } else if (body.startsWith(":=", i)) {
      tokens.push({ t: "punct", v: ":=" });
      i += 2;
    } else if ("|(),=".includes(c)) {
      tokens.push({ t: "punct", v: c });
      i++;
    } else {
      throw new ActionSyntaxError(`unexpected character ${JSON.stringify(c)}`);
    }
  }
  return tokens;
}
function parsePipeline(tokens) {
  let rest = tokens;
  const vars = [];
  let assign = false;
  const declEnd = rest.findIndex((t) => t.t === "punct" && (t.v === ":=" || t.v === "="));
  if (declEnd > 0 && rest.slice(0, declEnd).every((t) => t.t === "var" || t.t === "punct" && t.v === ",")) {
    for (const t of rest.slice(0, declEnd))
      if (t.t === "var")
        vars.push(t.v);
    assign = rest[declEnd].v === "=";
    rest = rest.slice(declEnd + 1);
  }
  const state = { tokens: rest, pos: 0 };
  const commands = parseCommands(state, false);
  if (state.pos < state.tokens.length)
    throw new ActionSyntaxError("unexpected )");
  return { vars, assign, commands };
}
function parseCommands(state, inParen) {
  const commands = [{ args: [] }];
  while (state.pos < state.tokens.length) {
    const tok = state.tokens[state.pos];
    if (tok.t === "punct" && tok.v === ")") {
      if (!inParen)
        break;
      return commands;
    }
    state.pos++;
    const current = commands.at(-1);
    if (tok.t === "punct" && tok.v === "|") {
      if (current.args.length === 0)
        throw new ActionSyntaxError("missing command before |");
      commands.push({ args: [] });
    } else if (tok.t === "punct" && tok.v === "(") {
      const inner = parseCommands(state, true);
      const close = state.tokens[state.pos];
      if (!(close?.t === "punct" && close.v === ")"))
        throw new ActionSyntaxError("unclosed (");
      state.pos++;
      let path = [];
      const after = state.tokens[state.pos];
      if (after?.t === "field" && after.v[0] === "") {
        path = after.v.slice(1);
        state.pos++;
      }
      current.args.push({ kind: "paren", pipe: { vars: [], assign: false, commands: inner }, path });
    } else if (tok.t === "str")
      current.args.push({ kind: "string", value: tok.v });
    else if (tok.t === "num")
      current.args.push({ kind: "number", raw: tok.v });
    else if (tok.t === "field")
      current.args.push({ kind: "field", base: ".", path: tok.v });
    else if (tok.t === "var") {
      const after = state.tokens[state.pos];
      let path = [];
      if (after?.t === "field" && after.v[0] === "") {
        path = after.v.slice(1);
        state.pos++;
      }
      current.args.push({ kind: "field", base: tok.v, path });
    } else if (tok.t === "ident") {
      if (tok.v === "true" || tok.v === "false")
        current.args.push({ kind: "bool", value: tok.v === "true" });
      else if (tok.v === "nil")
        current.args.push({ kind: "nil" });
      else
        current.args.push({ kind: "ident", name: tok.v });
    } else {
      throw new ActionSyntaxError(`unexpected ${tok.v}`);
    }
  }
  if (inParen)
    throw new ActionSyntaxError("unclosed (");
  if (commands.at(-1).args.length === 0)
    throw new ActionSyntaxError("empty command");
  return commands;
}

// dist/import/gotmpl/tree.js
function parseTemplate(text2, firstLine = 1) {
  let segments;
  try {
    segments = lexTemplate(text2, firstLine);
  } catch (error) {
    const line = error.line ?? firstLine;
    const seg = { kind: "action", body: "", source: text2, line, ownLine: false };
    return [{ kind: "bad", seg, why: error.message }];
  }
  return nest(segments);
}
function nest(segments) {
  const root = [];
  const stack = [];
  const out = () => stack.at(-1)?.target ?? root;
  for (const seg of segments) {
    if (seg.kind === "text") {
      out().push(seg);
      continue;
    }
    let action;
    try {
      action = parseAction(seg.body);
    } catch (error) {
      if (!(error instanceof ActionSyntaxError))
        throw error;
      out().push({ kind: "bad", seg, why: `cannot parse this action: ${error.message}` });
      continue;
    }
    switch (action.kind) {
      case "comment":
        break;
      case "output":
        out().push({ kind: "output", pipe: action.pipe, seg });
        break;
      case "unsupported":
        out().push({ kind: "bad", seg, why: `"${action.keyword}"`, keyword: action.keyword });
        break;
      case "if": {
        const body = [];
        const node = { kind: "if", branches: [{ pipe: action.pipe, body, seg }], seg };
        out().push(node);
        stack.push({ node, target: body });
        break;
      }
      case "range":
      case "with": {
        const body = [];
        const node = { kind: action.kind, pipe: action.pipe, body, seg };
        out().push(node);
        stack.push({ node, target: body });
        break;
      }
      case "else": {
        const open = stack.at(-1);
        if (!open) {
          root.push({ kind: "bad", seg, why: "{{ else }} outside a block" });
          break;
        }
        if (action.chain?.kind === "if" && open.node.kind === "if" && !open.node.elseBody) {
          const body = [];
          open.node.branches.push({ pipe: action.chain.pipe, body, seg });
          open.target = body;
        } else if (action.chain) {
          open.target.push({
            kind: "bad",
            seg,
            why: `"else ${action.chain.kind}" in a ${open.node.kind} block`
          });
        } else {
          open.node.elseBody = [];
          open.node.elseSeg = seg;
          open.target = open.node.elseBody;
        }
        break;
      }
      case "end": {
        const open = stack.pop();
        if (!open)
          root.push({ kind: "bad", seg, why: "{{ end }} without a block" });
        else
          open.node.endSeg = seg;
        break;
      }
    }
  }
  for (const open of stack) {
    root.push({ kind: "bad", seg: open.node.seg, why: `this ${open.node.kind} block has no {{ end }}` });
  }
  return root;
}

// dist/import/state/skeleton.js
var PLACEHOLDER = /__RIMPORT_\d+__/g;
var placeholderPattern = () => new RegExp(PLACEHOLDER.source, "g");
function stateSkeleton(text2, file, firstLine, counter) {
  const nodes = nest(lexTemplate(text2, firstLine, false));
  const out = { yaml: "", placeholders: /* @__PURE__ */ new Map(), blocks: [], findings: [], vars: /* @__PURE__ */ new Map() };
  const left2 = (line, source, why, suggestion) => out.findings.push({ file, line, construct: shorten(source), severity: "left", why, suggestion });
  const scope = () => ({ depth: 0, vars: out.vars, secretLookups: false });
  const walk = (list) => {
    for (const node of list) {
      if (node.kind === "text") {
        out.yaml += node.text;
        continue;
      }
      const seg = node.seg;
      if (!seg.ownLine && node.kind !== "bad") {
        const id = `__RIMPORT_${counter.n++}__`;
        const literal2 = node.kind === "output" && node.pipe.commands.length === 1 && node.pipe.commands[0].args.length === 1 && node.pipe.commands[0].args[0].kind === "string" ? node.pipe.commands[0].args[0].value : void 0;
        out.placeholders.set(id, { id, node, line: seg.line, literal: literal2, quoted: insideQuotes(out.yaml) });
        out.yaml += id + "\n".repeat(linesSpanned(node));
        continue;
      }
      switch (node.kind) {
        case "bad":
          left2(seg.line, seg.source, node.why);
          out.yaml += "\n".repeat(linesSpanned(node));
          break;
        case "output": {
          if (node.pipe.vars.length === 1 && !node.pipe.assign) {
            out.vars.set(node.pipe.vars[0], convertPipeline({ ...node.pipe, vars: [] }, scope()));
          } else {
            left2(seg.line, seg.source, "writes YAML text into the state file; releases.yaml is data, not a template", "write the YAML out, or move the values into a values file (.hbs) the release lists");
          }
          out.yaml += "\n".repeat(linesSpanned(node));
          break;
        }
        case "range":
        case "with":
          left2(seg.line, seg.source, node.kind === "range" ? "a loop in the state file that generates YAML (e.g. releases); it was left out" : "a with block in the state file; it was left out", "write the generated releases out one by one; share what they have in common with templates: and inherit:");
          out.yaml += "\n".repeat(linesSpanned(node));
          break;
        case "if": {
          const endLine = (node.endSeg?.line ?? seg.line) + newlines(node.endSeg?.source ?? "");
          out.yaml += "\n".repeat(newlines(seg.source));
          const [first, ...others] = node.branches;
          out.blocks.push({
            startLine: seg.line,
            endLine,
            source: seg.source,
            condition: others.length || node.elseBody ? otherBranches(node) : blockCondition(first.pipe, scope())
          });
          walk(first.body);
          const dropFrom = others[0]?.seg ?? node.elseSeg ?? node.endSeg;
          if (dropFrom)
            out.yaml += "\n".repeat(endLine - dropFrom.line);
          break;
        }
      }
    }
  };
  walk(nodes);
  return out;
}
function otherBranches(node) {
  const dropped = [...node.branches.slice(1).flatMap((b) => b.body), ...node.elseBody ?? []];
  const empty = dropped.every((n) => n.kind === "text" && n.text.trim() === "");
  return empty ? blockCondition(node.branches[0].pipe, { depth: 0, vars: /* @__PURE__ */ new Map(), secretLookups: false }) : { kind: "none", why: "an if with else branches around YAML; only its first branch was kept" };
}
function blockCondition(pipe, scope) {
  const converted = convertPipeline(pipe, scope);
  if (!isFailure(converted)) {
    const path = valuesPath(converted);
    if (path)
      return { kind: "values", path };
  }
  if (evaluateForEnvironment(pipe, "") !== void 0) {
    return {
      kind: "environment",
      slug: slugOf(pipe),
      holds: (environment) => evaluateForEnvironment(pipe, environment) === true
    };
  }
  return {
    kind: "none",
    why: "an if around YAML whose condition is neither a values path nor the environment's name"
  };
}
function valuesPath(hb) {
  if (hb.k === "path" && hb.anchor === "root" && hb.segs[0] === "values" && hb.segs.length > 1)
    return hb.segs.slice(1).join(".");
  if (hb.k === "call" && hb.helper === "default" && hb.args[0]?.k === "lit" && hb.args[0].text === "false")
    return valuesPath(hb.args[1]);
  return void 0;
}
function slugOf(pipe) {
  const words = [];
  for (const c of pipe.commands)
    for (const a of c.args) {
      if (a.kind === "ident")
        words.push(a.name);
      else if (a.kind === "string")
        words.push(a.value);
      else if (a.kind === "field" && a.path.join(".") === "Environment.Name")
        words.push("env");
    }
  return words.join("-").replace(/[^A-Za-z0-9-]+/g, "-").replace(/^-+|-+$/g, "").toLowerCase();
}
function newlines(text2) {
  return text2.split("\n").length - 1;
}
function linesSpanned(node) {
  if (node.kind === "text")
    return newlines(node.text);
  const end = "endSeg" in node && node.endSeg ? node.endSeg : node.seg;
  return end.line + newlines(end.source) - node.seg.line;
}
function insideQuotes(text2) {
  const line = text2.slice(text2.lastIndexOf("\n") + 1);
  let quote;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote === '"' && c === "\\")
      i++;
    else if (quote && c === quote)
      quote = void 0;
    else if (!quote && (c === '"' || c === "'"))
      quote = c;
    else if (!quote && c === "#")
      break;
  }
  return quote !== void 0;
}

// dist/import/state/load.js
async function loadState(file, display, reader, seen = []) {
  const text2 = await reader.read(file);
  if (text2 === void 0)
    return void 0;
  const shown = display(file);
  const state = {
    file,
    display: shown,
    data: {},
    placeholders: /* @__PURE__ */ new Map(),
    blocks: [],
    vars: /* @__PURE__ */ new Map(),
    findings: [],
    lines: createLines()
  };
  const templated = file.endsWith(".gotmpl");
  const counter = { n: 0 };
  for (const part of splitDocuments(text2)) {
    let yamlText = part.text;
    if (templated) {
      const skeleton = stateSkeleton(part.text, shown, part.firstLine, counter);
      yamlText = skeleton.yaml;
      for (const [id, p] of skeleton.placeholders)
        state.placeholders.set(id, p);
      state.blocks.push(...skeleton.blocks);
      for (const [k, v] of skeleton.vars)
        state.vars.set(k, v);
      state.findings.push(...skeleton.findings);
    }
    const data = parsePart(yamlText, part.firstLine, shown, state);
    if (!data)
      continue;
    for (const base of asList(data.bases)) {
      if (typeof base !== "string")
        continue;
      const path = resolve(dirname(file), base);
      if (seen.includes(path))
        continue;
      const loaded = await loadState(path, display, reader, [...seen, file]);
      if (!loaded) {
        state.findings.push({
          file: shown,
          line: state.lines.key(data, "bases"),
          construct: `bases: ${base}`,
          severity: "left",
          why: "the base file was not found"
        });
        continue;
      }
      mergeInto(state, loaded.data);
      state.findings.push(...loaded.findings);
      for (const [id, p] of loaded.placeholders)
        state.placeholders.set(id, p);
      state.blocks.push(...loaded.blocks);
      copyLines(state.lines, loaded.lines);
    }
    delete data.bases;
    mergeInto(state, data);
  }
  return state;
}
function splitDocuments(text2) {
  const parts = [];
  let current = [];
  let firstLine = 1;
  text2.split("\n").forEach((line, i) => {
    if (/^---\s*(#.*)?$/.test(line)) {
      parts.push({ text: current.join("\n"), firstLine });
      current = [];
      firstLine = i + 2;
    } else
      current.push(line);
  });
  parts.push({ text: current.join("\n"), firstLine });
  return parts.filter((p) => p.text.trim() !== "");
}
function parsePart(text2, firstLine, shown, state) {
  const lineCounter = new import_yaml.LineCounter();
  const doc = (0, import_yaml.parseDocument)(text2, { lineCounter, merge: true, prettyErrors: false });
  const lineAt = (offset) => lineCounter.linePos(offset).line + firstLine - 1;
  const [error] = doc.errors;
  if (error) {
    state.findings.push({
      file: shown,
      line: lineAt(error.pos[0]),
      construct: "YAML",
      severity: "left",
      why: `this document is not YAML after its templates were set aside: ${error.message.split("\n")[0]}`,
      suggestion: "templates that write YAML structure must be written out by hand"
    });
    return void 0;
  }
  const data = doc.toJS({ maxAliasCount: 1e3 });
  if (data === null || data === void 0)
    return void 0;
  if (typeof data !== "object" || Array.isArray(data)) {
    state.findings.push({
      file: shown,
      line: firstLine,
      construct: "YAML",
      severity: "left",
      why: "a state document must be a map"
    });
    return void 0;
  }
  annotate(doc.contents, data, state.lines, lineAt);
  return data;
}
function createLines() {
  const objects = /* @__PURE__ */ new WeakMap();
  const keys = /* @__PURE__ */ new WeakMap();
  return {
    objects,
    keys,
    of: (value) => value && typeof value === "object" ? objects.get(value) : void 0,
    key: (value, key) => value && typeof value === "object" ? keys.get(value)?.get(key) : void 0
  };
}
function copyLines(into, from) {
  const a = into;
  const b = from;
  const of = a.of;
  const key = a.key;
  a.of = (v) => of(v) ?? b.of(v);
  a.key = (v, k) => key(v, k) ?? b.key(v, k);
}
function annotate(node, value, table, lineAt) {
  if (!value || typeof value !== "object")
    return;
  const range = node?.range;
  if (range && !table.objects.has(value))
    table.objects.set(value, lineAt(range[0]));
  if ((0, import_yaml.isMap)(node)) {
    const keyLines = table.keys.get(value) ?? /* @__PURE__ */ new Map();
    table.keys.set(value, keyLines);
    for (const pair of node.items) {
      if (!(0, import_yaml.isScalar)(pair.key) || pair.key.value === "<<")
        continue;
      const k = String(pair.key.value);
      if (pair.key.range)
        keyLines.set(k, lineAt(pair.key.range[0]));
      annotate(pair.value, value[k], table, lineAt);
    }
  } else if ((0, import_yaml.isSeq)(node) && Array.isArray(value)) {
    node.items.forEach((item, i) => {
      annotate(item, value[i], table, lineAt);
    });
  }
}
function mergeInto(state, data) {
  for (const [key, value] of Object.entries(data)) {
    const current = state.data[key];
    if (isPlainObject(current) && isPlainObject(value)) {
      const merged = { ...current, ...value };
      const table = state.lines;
      table.objects.set(merged, state.lines.of(value) ?? state.lines.of(current) ?? 0);
      table.keys.set(merged, new Map([...table.keys.get(current) ?? [], ...table.keys.get(value) ?? []]));
      state.data[key] = merged;
    } else {
      state.data[key] = value;
    }
    const line = state.lines.key(data, key);
    if (line !== void 0) {
      const table = state.lines.keys;
      const own = table.get(state.data) ?? /* @__PURE__ */ new Map();
      own.set(key, line);
      table.set(state.data, own);
    }
  }
}
function isPlainObject(v) {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}
function asList(v) {
  return Array.isArray(v) ? v : [];
}

// dist/import/state/release.js
var import_yaml3 = __toESM(require_dist(), 1);

// dist/import/gotmpl/to-handlebars.js
function goTemplateToHandlebars(text2, options) {
  const nodes = parseTemplate(text2, options.firstLine ?? 1);
  return convertNodes(nodes, options);
}
function convertNodes(nodes, options) {
  const findings = [];
  const scope = { depth: 0, vars: /* @__PURE__ */ new Map(), secretLookups: options.secretLookups };
  const text2 = new Writer(options.file, findings).nodes(nodes, scope);
  return { text: text2, findings };
}
var Writer = class {
  file;
  findings;
  constructor(file, findings) {
    this.file = file;
    this.findings = findings;
  }
  nodes(nodes, outer) {
    const vars = new Map(outer.vars);
    const scope = { ...outer, vars };
    let out = "";
    for (const node of nodes)
      out += this.node(node, scope, vars);
    return out;
  }
  node(node, scope, vars) {
    switch (node.kind) {
      case "text":
        return node.text;
      case "bad":
        return this.left(node.seg.line, node.seg.source, describeBad(node), suggestionForBad(node));
      case "output": {
        if (node.pipe.vars.length > 0) {
          const { vars: names, assign } = node.pipe;
          const value2 = convertPipeline({ ...node.pipe, vars: [] }, scope);
          if (assign || names.length !== 1) {
            return this.left(node.seg.line, node.seg.source, "re-assigning a variable ($x = \u2026)", "compute the value in the environment values");
          }
          if (isFailure(value2))
            this.leftFinding(node.seg.line, node.seg.source, value2.why, value2.suggestion);
          vars.set(names[0], value2);
          return "";
        }
        const value = convertPipeline(node.pipe, scope, true);
        if (isFailure(value))
          return this.left(node.seg.line, node.seg.source, value.why, value.suggestion);
        return renderOutput(value, scope.depth);
      }
      case "if": {
        let out = "";
        for (const [i, branch] of node.branches.entries()) {
          const cond = this.condition(branch.pipe, scope, branch.seg.line, branch.seg.source);
          out += i === 0 ? `{{#if ${cond}}}` : `{{else if ${cond}}}`;
          out += this.nodes(branch.body, scope);
        }
        if (node.elseBody)
          out += `{{else}}${this.nodes(node.elseBody, scope)}`;
        return `${out}{{/if}}`;
      }
      case "range":
      case "with":
        return this.block(node, scope);
    }
  }
  block(node, scope) {
    const helper = node.kind === "range" ? "each" : "with";
    const { vars: names } = node.pipe;
    const subject = this.condition({ ...node.pipe, vars: [] }, scope, node.seg.line, node.seg.source);
    const inner = { ...scope, depth: scope.depth + 1, vars: new Map(scope.vars) };
    const params = [...names].reverse().map((n) => n.slice(1) || "root");
    names.forEach((name, i) => {
      inner.vars.set(name, {
        k: "path",
        anchor: "param",
        depth: inner.depth,
        segs: [params[names.length - 1 - i]]
      });
    });
    if (names.length > (node.kind === "range" ? 2 : 1)) {
      return this.left(node.seg.line, node.seg.source, "too many variables", "");
    }
    let out = `{{#${helper} ${subject}${params.length ? ` as |${params.join(" ")}|` : ""}}}`;
    out += this.nodes(node.body, inner);
    if (node.elseBody)
      out += `{{else}}${this.nodes(node.elseBody, scope)}`;
    return `${out}{{/${helper}}}`;
  }
  condition(pipe, scope, line, source) {
    const value = convertPipeline(pipe, scope);
    if (isFailure(value)) {
      this.leftFinding(line, source, value.why, value.suggestion);
      return leftMarker(this.file, line);
    }
    if (value.k === "concat")
      return leftMarker(this.file, line);
    return renderHb(value, scope.depth);
  }
  left(line, source, why, suggestion) {
    this.leftFinding(line, source, why, suggestion);
    return `{{!-- ${source.replace(/--/g, "- -")} --}}{{${leftMarker(this.file, line).slice(1, -1)}}}`;
  }
  leftFinding(line, source, why, suggestion) {
    this.findings.push({
      file: this.file,
      line,
      construct: shorten(source),
      severity: "left",
      why,
      suggestion: suggestion || void 0
    });
  }
};
function describeBad(node) {
  if (node.keyword === "define" || node.keyword === "template" || node.keyword === "block")
    return "named templates (define/template/block) have no handlebars equivalent in releases";
  if (node.keyword)
    return `"${node.keyword}" has no handlebars equivalent`;
  return node.why;
}
function suggestionForBad(node) {
  if (node.keyword === "define" || node.keyword === "template" || node.keyword === "block")
    return "repeat the text where it is used";
  return "";
}

// dist/import/values-file.js
var VALS_REF = /ref\+[a-z0-9]+:\/\/[^\s"',}\]]+/g;
function hasValsRefs(text2) {
  return new RegExp(VALS_REF.source).test(text2);
}
function convertValuesText(text2, file, template) {
  const findings = [];
  let out = template ? text2 : escapeBraces(text2);
  if (template) {
    const converted = goTemplateToHandlebars(text2, { file, secretLookups: true });
    out = converted.text;
    findings.push(...converted.findings);
  }
  return { text: replaceValsRefs(out, file, findings), findings };
}
function escapeBraces(text2) {
  return text2.replace(/\{\{/g, "\\{{");
}
function replaceValsRefs(text2, file, findings) {
  return text2.replace(VALS_REF, (ref, offset) => {
    const parsed = parseVals(ref);
    const line = text2.slice(0, offset).split("\n").length;
    if (!parsed) {
      findings.push({
        file,
        line,
        construct: shorten(ref),
        severity: "left",
        why: "a vals reference releases cannot resolve (releases reads Vault KV and SOPS files itself)",
        suggestion: 'store the secret in Vault or a SOPS file and write {{vault "path" "key"}} or {{sops "file" "key"}}'
      });
      return ref;
    }
    return `{{${parsed.kind} ${JSON.stringify(parsed.where)} ${JSON.stringify(parsed.key)}}}`;
  });
}

// dist/import/state/release-keys.js
var import_yaml2 = __toESM(require_dist(), 1);

// dist/import/state/strings.js
function resolveString(value, state, line) {
  const findings = [];
  let whole;
  let text2 = value.replace(placeholderPattern(), (id) => state.placeholders.get(id)?.literal ?? id);
  let templated = false;
  if (text2.includes("{{")) {
    const converted = goTemplateToHandlebars(text2, {
      file: state.display,
      firstLine: line,
      secretLookups: false
    });
    findings.push(...converted.findings);
    text2 = converted.text;
    templated = true;
  }
  const trimmed = text2.trim();
  text2 = text2.replace(placeholderPattern(), (id) => {
    const p = state.placeholders.get(id);
    if (!p)
      return id;
    templated = true;
    if (p.node.kind === "output") {
      const hb = convertPipeline(p.node.pipe, { depth: 0, vars: state.vars, secretLookups: false }, true);
      if (trimmed === id)
        whole = hb;
      if (!isFailure(hb))
        return renderOutput(hb, 0);
      findings.push({
        file: state.display,
        line: p.line,
        construct: shorten(p.node.seg.source),
        severity: "left",
        why: hb.why,
        suggestion: hb.suggestion || void 0
      });
      return `{{${leftMarker(state.display, p.line).slice(1, -1)}}}`;
    }
    const converted = convertNodes([p.node], { file: state.display, secretLookups: false });
    findings.push(...converted.findings);
    return converted.text;
  });
  return { text: text2, templated, whole: whole && !isFailure(whole) ? whole : void 0, findings };
}
function holdsTemplate(value) {
  if (typeof value === "string")
    return value.includes("{{") || placeholderPattern().test(value);
  if (Array.isArray(value))
    return value.some(holdsTemplate);
  if (value && typeof value === "object")
    return Object.values(value).some(holdsTemplate);
  return false;
}
function originalText(value, state) {
  return value.replace(placeholderPattern(), (id) => {
    const node = state.placeholders.get(id)?.node;
    return node && "seg" in node ? node.seg.source : id;
  });
}

// dist/import/state/release-keys.js
var HELM_OPTION_KEYS = FLAG_OPTIONS;
var NOT_BOOLEAN = /* @__PURE__ */ new Set(["serverSide", "description", "kubeVersion", "apiVersions"]);
var FLAG_KEYS = FLAG_OPTIONS.filter((key) => !NOT_BOOLEAN.has(key));
var RENDER_KEYS = ["hooks", "jsonPatches", "strategicMergePatches", "transformers"];
var HOOK_EVENTS = new Set(hookEvents);
var TARGET_KEYS = /* @__PURE__ */ new Set(["group", "version", "kind", "name", "namespace"]);
function left(ctx, why, suggestion, construct = ctx.construct) {
  ctx.findings.push({
    file: ctx.state.display,
    line: ctx.line,
    construct,
    severity: "left",
    why,
    suggestion
  });
  return void 0;
}
function text(value, ctx) {
  const r = resolveString(value, ctx.state, ctx.state.lines.of(value) ?? ctx.line);
  ctx.findings.push(...r.findings);
  return r;
}
function tree(value, ctx) {
  if (typeof value === "string")
    return holdsTemplate(value) ? text(value, ctx).text : value;
  if (Array.isArray(value))
    return value.map((v) => tree(v, ctx));
  if (isPlainObject(value))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, tree(v, ctx)]));
  return value;
}
function literal(value, ctx) {
  if (!holdsTemplate(value))
    return value;
  const shown = typeof value === "string" ? originalText(value, ctx.state) : "a template";
  return left(ctx, `${ctx.construct} is not a template in releases (${shown})`, "write the value out (values that differ per environment belong in the environment values)");
}
function helmOption(key, value, ctx) {
  const v = literal(value, ctx);
  if (v === void 0)
    return void 0;
  const bool = v === "true" ? true : v === "false" ? false : v;
  if (FLAG_KEYS.includes(key)) {
    if (typeof bool === "boolean")
      return bool;
    return left(ctx, `${key} must be true or false, not ${JSON.stringify(v)}`);
  }
  switch (key) {
    case "serverSide":
      if (typeof bool === "boolean" || bool === "auto")
        return bool;
      return left(ctx, `serverSide is true, false or auto in releases, not ${JSON.stringify(v)}`);
    case "description":
    case "kubeVersion":
      if (typeof v === "string" || typeof v === "number")
        return String(v);
      return left(ctx, `${key} must be a string`);
    case "apiVersions":
      if (Array.isArray(v) && v.every((a) => typeof a === "string" && a !== ""))
        return v;
      return left(ctx, "apiVersions must be a list of API versions (group/version or group/version/Kind)");
  }
  return left(ctx, `${key} is not a helm option releases has`);
}
function hooks(value, ctx) {
  if (!Array.isArray(value))
    return left(ctx, "hooks must be a list");
  const out = [];
  for (const [i, hook] of value.entries()) {
    const at = { ...ctx, line: ctx.state.lines.of(hook) ?? ctx.line, construct: `${ctx.construct}[${i}]` };
    if (!isPlainObject(hook)) {
      left(at, "a hook is a map of name, events, command, args, showlogs");
      continue;
    }
    const converted = convertHook(hook, at);
    if (converted)
      out.push(converted);
  }
  return out;
}
function convertHook(hook, ctx) {
  const out = {};
  const named = typeof hook.name === "string" ? `hook ${hook.name}` : ctx.construct;
  const at = { ...ctx, construct: named };
  for (const [key, value] of Object.entries(hook)) {
    const keyCtx = { ...at, line: ctx.state.lines.key(hook, key) ?? ctx.line };
    switch (key) {
      case "name":
      case "command": {
        if (key === "command" && isPlainObject(hook.kubectlApply))
          break;
        const v = literal(String(value), { ...keyCtx, construct: `${named} ${key}` });
        if (v !== void 0)
          out[key] = v;
        break;
      }
      case "events": {
        const events = (Array.isArray(value) ? value : [value]).map(String);
        const unknown = events.filter((e) => !HOOK_EVENTS.has(e));
        if (unknown.length)
          left(keyCtx, `releases has no hook event ${unknown.join(", ")} (it has ${[...HOOK_EVENTS].join(", ")})`, "run the command before or after releases instead", `${named} events: ${unknown.join(", ")}`);
        out.events = events.filter((e) => HOOK_EVENTS.has(e));
        break;
      }
      case "args":
        out.args = (Array.isArray(value) ? value : [value]).map((arg2) => hookArg(String(arg2), keyCtx, named));
        break;
      case "showlogs":
        if (typeof value === "boolean")
          out.showlogs = value;
        else
          left(keyCtx, "showlogs must be true or false", void 0, `${named} showlogs`);
        break;
      case "kubectlApply": {
        const apply = kubectlApply(value);
        if (!apply) {
          left(keyCtx, "kubectlApply takes one of filename or kustomize", "command: kubectl with args: [apply, -f, <file>]", `${named} kubectlApply`);
          return void 0;
        }
        out.command = "kubectl";
        out.args = apply.map((arg2) => text(arg2, keyCtx).text);
        break;
      }
      default:
        left(keyCtx, `hooks have no "${key}" in releases`, void 0, `${named} ${key}`);
    }
  }
  const relative3 = [out.command, ...out.args ?? []].filter((a) => typeof a === "string" && /^\.\.?\//.test(a));
  if (relative3.length)
    ctx.findings.push({
      file: ctx.state.display,
      line: ctx.line,
      construct: `${named}: ${relative3.join(" ")}`,
      severity: "note",
      why: "helmfile ran hooks in the state file's directory; releases runs them in the directory of the root releases.yaml: check these relative paths"
    });
  if (!Array.isArray(out.events) || out.events.length === 0 || typeof out.command !== "string") {
    left(at, "the hook has no event releases runs, or no command it can run; dropped");
    return void 0;
  }
  return out;
}
function kubectlApply(value) {
  if (!isPlainObject(value))
    return void 0;
  const keys = Object.keys(value);
  if (keys.length !== 1)
    return void 0;
  if (typeof value.filename === "string")
    return ["apply", "-f", value.filename];
  if (typeof value.kustomize === "string")
    return ["apply", "-k", value.kustomize];
  return void 0;
}
function hookArg(arg2, ctx, named) {
  const written = originalText(arg2, ctx.state);
  if (/\.(Event|HelmfileCommand)\b/.test(written)) {
    left(ctx, "hook args see environment, values and release in releases, not helmfile's .Event or .HelmfileCommand", "read $RELEASES_EVENT (and $RELEASES_EVENT_ERROR after a failure) in the command instead", `${named} args: ${written}`);
  }
  return text(arg2, ctx).text;
}
function patchFile(path, ctx) {
  if (path.endsWith(".gotmpl"))
    return left(ctx, `${path} is a Go template; releases reads patch files as YAML`, "render it into a plain YAML file, or write the patch inline (inline patches are templates)", `${ctx.construct}: ${path}`);
  return ctx.rewrite(text(path, ctx).text);
}
function jsonPatches(value, ctx) {
  if (!Array.isArray(value))
    return left(ctx, "jsonPatches must be a list");
  const out = [];
  for (const [i, entry] of value.entries()) {
    const at = { ...ctx, line: ctx.state.lines.of(entry) ?? ctx.line, construct: `${ctx.construct}[${i}]` };
    if (!isPlainObject(entry) || !isPlainObject(entry.target)) {
      left(at, "a JSON patch without a target: map", "add target: {kind: \u2026, name: \u2026}");
      continue;
    }
    const extra = Object.keys(entry.target).filter((k) => !TARGET_KEYS.has(k));
    const extraKeys = Object.keys(entry).filter((k) => !["target", "patch", "path"].includes(k));
    if (extra.length || extraKeys.length) {
      left(at, `releases patch targets are group, version, kind, name and namespace (not ${[...extra, ...extraKeys].join(", ")})`, "target the resources by kind and name (name is an anchored regular expression)");
      continue;
    }
    const target = tree(entry.target, at);
    if (typeof entry.path === "string") {
      const path = patchFile(entry.path, at);
      if (path !== void 0)
        out.push({ target, path });
      continue;
    }
    const patch = typeof entry.patch === "string" ? parseYaml(entry.patch) : entry.patch;
    if (!Array.isArray(patch) || !patch.every(isPlainObject)) {
      left(at, "a JSON patch whose patch: is not a list of RFC 6902 operations");
      continue;
    }
    out.push({ target, patch: tree(patch, at) });
  }
  return out;
}
function parseYaml(text2) {
  try {
    return (0, import_yaml2.parse)(text2);
  } catch {
    return void 0;
  }
}
function kustomizeObjects(key, value, ctx) {
  if (!Array.isArray(value))
    return left(ctx, `${key} must be a list`);
  const out = [];
  for (const [i, entry] of value.entries()) {
    const at = { ...ctx, line: ctx.state.lines.of(entry) ?? ctx.line, construct: `${ctx.construct}[${i}]` };
    if (typeof entry === "string") {
      const path = patchFile(entry, at);
      if (path !== void 0)
        out.push(path);
    } else if (!isPlainObject(entry)) {
      left(at, `a ${key} entry is an inline document or a file path`);
    } else if (key === "transformers" && !TRANSFORMER_KINDS.has(String(entry.kind))) {
      left(at, `releases runs the builtin LabelTransformer and AnnotationsTransformer, not ${String(entry.kind)}`, "express it as jsonPatches or strategicMergePatches", `${at.construct}: ${String(entry.kind)}`);
    } else
      out.push(tree(entry, at));
  }
  return out;
}
function filesOptional(value, ctx) {
  if (value === "Error")
    return false;
  if (value === "Warn" || value === "Info" || value === "Debug")
    return true;
  left(ctx, `missingFileHandler is Error, Warn, Info or Debug in helmfile, not ${JSON.stringify(value)}`);
  return void 0;
}

// dist/import/state/release.js
var SAME_SCALARS = ["wait", "atomic", "createNamespace", "historyMax", "timeout"];
var INHERITABLE = /* @__PURE__ */ new Set([
  "namespace",
  "chart",
  "version",
  "labels",
  "needs",
  "kubeContext",
  "values",
  "secrets",
  "set",
  "installed",
  "condition",
  ...SAME_SCALARS,
  ...HELM_OPTION_KEYS,
  ...RENDER_KEYS
]);
async function convertRelease(spec, ctx, kind) {
  const { state, findings } = ctx;
  const line = (key) => (key ? state.lines.key(spec, key) : void 0) ?? state.lines.of(spec);
  const left2 = (key, why, suggestion, construct = key) => findings.push({ file: state.display, line: line(key), construct, severity: "left", why, suggestion });
  const note = (key, why, construct = key) => findings.push({ file: state.display, line: line(key), construct, severity: "note", why });
  const str = (key, value) => {
    const r = resolveString(String(value), state, line(key));
    findings.push(...r.findings);
    return r;
  };
  const at = (key) => ({
    state,
    findings,
    line: line(key),
    construct: key,
    rewrite: (path) => ctx.paths.rewrite(path)
  });
  const set = (key, value) => {
    if (value !== void 0)
      out[key] = value;
  };
  const optional = "missingFileHandler" in spec ? filesOptional(spec.missingFileHandler, at("missingFileHandler")) : false;
  const out = {};
  const generatedValues = {};
  const name = typeof spec.name === "string" ? spec.name : void 0;
  for (const [key, value] of Object.entries(spec)) {
    switch (key) {
      case "name": {
        const r = str(key, value);
        if (r.templated)
          left2(key, "release names are not templates in releases", "write the name out");
        out.name = r.text;
        break;
      }
      case "namespace":
      case "version":
      case "kubeContext":
        out[key] = str(key, value).text;
        break;
      case "chart": {
        const text2 = str(key, value).text;
        out.chart = isLocalChart(text2, state) ? asLocalPath(ctx.paths.rewrite(text2)) : text2;
        break;
      }
      case "labels":
        if (isPlainObject(value)) {
          out.labels = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, str(key, v).text]));
        }
        break;
      case "needs":
        out.needs = asList(value).map((n) => {
          const r = str(key, n);
          const name2 = r.text.split("/").at(-1);
          if (r.templated && !name2.includes("{{")) {
            note(key, `needs "${originalText(String(n), state)}" became "${name2}": releases needs are not templates (a name alone is enough when it is unique)`);
            return name2;
          }
          return String(n);
        });
        break;
      case "values":
      case "secrets":
        out[key] = await filesList(key, value, ctx, line(key), generatedValues, name, optional === true);
        break;
      case "set":
      case "setString":
        {
          const set2 = {
            ...out.set ?? {},
            ...convertSet(key, value, ctx, line(key), generatedValues)
          };
          if (Object.keys(set2).length)
            out.set = set2;
        }
        break;
      case "installed":
      case "condition":
      case "wait":
      case "atomic":
      case "createNamespace":
      case "historyMax":
      case "timeout":
        scalar(key, value, out, ctx, line(key));
        break;
      case "inherit":
        out.inherit = asList(value).map((entry) => {
          if (typeof entry === "string" || !isPlainObject(entry))
            return entry;
          const except = asList(entry.except).filter((f) => {
            if (INHERITABLE.has(String(f)))
              return true;
            note(key, `except: ${f} is not a field releases has; dropped`);
            return false;
          });
          return except.length ? { template: entry.template, except } : { template: entry.template };
        });
        ctx.features.add("templates: and inherit:");
        break;
      case "missingFileHandler":
        if (optional && ("values" in spec || "secrets" in spec))
          note(key, `${String(value)}: the release's values and secrets files became {path, optional: true}`);
        break;
      case "hooks":
        set(key, hooks(value, at(key)));
        break;
      case "jsonPatches":
        set(key, jsonPatches(value, at(key)));
        break;
      case "strategicMergePatches":
      case "transformers":
        set(key, kustomizeObjects(key, value, at(key)));
        break;
      default:
        if (HELM_OPTION_KEYS.includes(key))
          set(key, helmOption(key, value, at(key)));
        else
          left2(key, `a ${kind} has no "${key}" key in releases`, "drop it, or find the releases way in the README's reference");
    }
  }
  if (Object.keys(generatedValues).length > 0) {
    const file = ctx.paths.generated(`${name ?? "template"}-values.yaml.hbs`, valuesText(generatedValues, ctx));
    out.values = [...out.values ?? [], file];
  }
  return out;
}
function asLocalPath(path) {
  return path.startsWith("/") || path.startsWith("./") || path.startsWith("../") ? path : `./${path}`;
}
function isLocalChart(chart, state) {
  if (chart.startsWith("./") || chart.startsWith("../") || chart.startsWith("/"))
    return true;
  if (chart.startsWith("oci://") || chart.includes("{{"))
    return false;
  const repos = asList(state.data.repositories).map((r) => isPlainObject(r) ? r.name : void 0);
  const [first, ...rest] = chart.split("/");
  return !(rest.length === 1 && repos.includes(first));
}
async function filesList(key, value, ctx, line, generated, releaseName, optional) {
  const out = [];
  for (const entry of asList(value)) {
    if (typeof entry === "string") {
      const text2 = resolveString(entry, ctx.state, ctx.state.lines.of(entry) ?? line);
      ctx.findings.push(...text2.findings);
      const path = await ctx.paths.valuesFile(text2.text, line, key);
      out.push(optional ? { path, optional: true } : path);
    } else if (isPlainObject(entry) && key === "values") {
      if (holdsTemplate(entry) || hasValsRefs(JSON.stringify(entry)))
        Object.assign(generated, entry);
      else
        out.push(entry);
    } else {
      ctx.findings.push({
        file: ctx.state.display,
        line,
        construct: key,
        severity: "left",
        why: `a ${key} entry releases cannot read`,
        suggestion: releaseName ? `list a file for ${releaseName}` : void 0
      });
    }
  }
  return out;
}
function convertSet(key, value, ctx, line, generated) {
  const set = {};
  for (const entry of asList(value)) {
    if (!isPlainObject(entry) || typeof entry.name !== "string")
      continue;
    const v = "values" in entry ? entry.values : entry.value;
    if ("file" in entry) {
      ctx.findings.push({
        file: ctx.state.display,
        line,
        construct: `${key}: ${entry.name} file: ${String(entry.file)}`,
        severity: "left",
        why: "--set-file has no equivalent in releases",
        suggestion: "put the file's content into a values file"
      });
    } else if (holdsTemplate(v)) {
      if (/[\\[\]]/.test(entry.name)) {
        ctx.findings.push({
          file: ctx.state.display,
          line,
          construct: `${key}: ${entry.name}`,
          severity: "left",
          why: "a templated set with an escaped or indexed path"
        });
        continue;
      }
      setPath(generated, entry.name.split("."), v);
      ctx.findings.push({
        file: ctx.state.display,
        line,
        construct: `${key}: ${entry.name}`,
        severity: "note",
        why: "a templated set value moved into the release's generated .hbs values file (last values layer; secrets still win over it)"
      });
    } else {
      set[entry.name] = key === "setString" && v !== null && typeof v !== "object" ? String(v) : v;
    }
  }
  return set;
}
function setPath(into, path, value) {
  let current = into;
  for (const part of path.slice(0, -1)) {
    if (!isPlainObject(current[part]))
      current[part] = {};
    current = current[part];
  }
  current[path.at(-1)] = value;
}
function scalar(key, value, out, ctx, line) {
  if (typeof value !== "string" || !holdsTemplate(value) || key === "condition") {
    out[key] = value;
    return;
  }
  const r = resolveString(value, ctx.state, line);
  ctx.findings.push(...r.findings);
  const whole = r.whole;
  if (key === "installed" && whole?.k === "path" && whole.anchor === "root" && whole.segs[0] === "values") {
    out.condition = whole.segs.slice(1).join(".");
    ctx.findings.push({
      file: ctx.state.display,
      line,
      construct: `installed: ${originalText(value, ctx.state)}`,
      severity: "note",
      why: `became condition: ${out.condition} (it must be true or false in every environment's values)`
    });
    return;
  }
  ctx.findings.push({
    file: ctx.state.display,
    line,
    construct: `${key}: ${originalText(value, ctx.state)}`,
    severity: "left",
    why: `${key} is not a template in releases`,
    suggestion: key === "installed" ? "use condition: <path to a boolean in the environment values>" : "write the value out (per environment: a release per environment is not needed; use values)"
  });
}
function valuesText(values, ctx) {
  const text2 = escapeBraces((0, import_yaml3.stringify)(values, { lineWidth: 0 }));
  const resolved = text2.replace(placeholderPattern(), (id) => {
    const p = ctx.state.placeholders.get(id);
    if (!p)
      return id;
    const r = resolveString(id, ctx.state, p.line);
    ctx.findings.push(...r.findings);
    if (!r.whole)
      return r.text;
    return p.quoted ? `{{quote ${renderHb(r.whole, 0)}}}` : r.text;
  });
  return replaceValsRefs(resolved, ctx.state.display, ctx.findings);
}

// dist/import/state/project.js
function emptyState() {
  return {
    environments: {},
    repositories: [],
    releases: [],
    helmfiles: [],
    flags: /* @__PURE__ */ new Map(),
    stateValues: []
  };
}
var DEFAULT_KEYS = /* @__PURE__ */ new Set(["wait", "atomic", "timeout", "createNamespace", "historyMax"]);
async function convertState(state, paths, findings, features) {
  const data = state.data;
  const ctx = { state, paths, findings, features };
  const keyLine = (key) => state.lines.key(data, key);
  const left2 = (key, why, suggestion, line = keyLine(key)) => findings.push({ file: state.display, line, construct: key, severity: "left", why, suggestion });
  const out = emptyState();
  for (const [key, value] of Object.entries(data)) {
    switch (key) {
      case "environments":
        if (isPlainObject(value))
          out.environments = await environments(value, ctx);
        break;
      case "repositories":
        out.repositories = asList(value).filter(isPlainObject).map((r) => repository(r, ctx));
        break;
      case "helmDefaults":
        if (isPlainObject(value)) {
          const converted = helmDefaults(value, ctx);
          out.kubeContext = converted.kubeContext;
          if (converted.defaults)
            out.defaults = { ...out.defaults, ...converted.defaults };
        }
        break;
      case "values":
        out.stateValues = await valuesList(value, ctx, keyLine(key), "values");
        break;
      case "templates":
        break;
      // converted below, only the ones a release inherits
      case "releases":
        for (const spec of asList(value).filter(isPlainObject)) {
          out.releases.push(await convertRelease(spec, ctx, "release"));
        }
        break;
      case "helmfiles":
        for (const entry of asList(value)) {
          const path = typeof entry === "string" ? entry : isPlainObject(entry) ? entry.path : void 0;
          const line = state.lines.of(entry) ?? keyLine(key);
          if (typeof path !== "string")
            continue;
          if (path.startsWith("git::") || path.includes("://")) {
            left2(key, `a remote helmfile (${path}) cannot be imported`, "fetch it into the repository and import it from there", line);
            continue;
          }
          if (isPlainObject(entry)) {
            for (const extra of ["selectors", "selectorsInherited", "values"]) {
              if (extra in entry)
                left2(`helmfiles: ${path} ${extra}`, `include: has no ${extra}; the file's releases all join the project`, "select with -l when you run releases", line);
            }
          }
          out.helmfiles.push({ path: resolveString(path, state, line).text, line });
        }
        break;
      case "apiVersions":
      case "kubeVersion": {
        const v = helmOption(key, value, keyContext(state, findings, paths, keyLine(key), key));
        if (v !== void 0)
          out.defaults = { ...out.defaults, [key]: v };
        break;
      }
      case "missingFileHandler":
        left2(key, "the top-level missingFileHandler governs helmfiles: paths; releases has no such switch", "a release's or an environment's missingFileHandler does convert (to {path, optional: true})");
        break;
      default:
        left2(key, `releases has no top-level "${key}"`, key === "hooks" ? "releases runs hooks per release: move them to the releases (or a template they inherit)" : void 0);
    }
  }
  const templates = isPlainObject(data.templates) ? data.templates : {};
  const inherited = new Set(out.releases.flatMap((r) => asList(r.inherit).map((i) => typeof i === "string" ? i : isPlainObject(i) ? String(i.template) : "")));
  for (const [name, spec] of Object.entries(templates)) {
    if (!inherited.has(name) || !isPlainObject(spec))
      continue;
    out.templates ??= {};
    out.templates[name] = await convertRelease(spec, ctx, "template");
  }
  const anchored = Object.keys(templates).filter((n) => !inherited.has(n));
  if (anchored.length) {
    findings.push({
      file: state.display,
      line: keyLine("templates"),
      construct: `templates: ${anchored.join(", ")}`,
      severity: "note",
      why: "no release inherits these; releases that use them through YAML anchors (<<: *name) got their fields merged in"
    });
  }
  applyBlocks(state, asList(data.releases).filter(isPlainObject), out, findings);
  return out;
}
async function environments(value, ctx) {
  const out = {};
  for (const [name, spec] of Object.entries(value)) {
    const env = {};
    const line = (key) => ctx.state.lines.key(spec, key) ?? ctx.state.lines.of(spec);
    const fields = isPlainObject(spec) ? spec : {};
    const handler = "missingFileHandler";
    const optional = handler in fields && filesOptional(fields[handler], keyContext(ctx.state, ctx.findings, ctx.paths, line(handler), `environments.${name}.${handler}`)) === true;
    for (const [key, v] of Object.entries(fields)) {
      if (key === "values" || key === "secrets") {
        env[key] = await valuesList(v, ctx, line(key), key, optional);
      } else if (key === "kubeContext") {
        env.kubeContext = v;
      } else if (key === handler) {
        if (optional && ("values" in fields || "secrets" in fields))
          ctx.findings.push({
            file: ctx.state.display,
            line: line(key),
            construct: `environments.${name}.${key}`,
            severity: "note",
            why: `${String(v)}: the environment's values and secrets files became {path, optional: true}`
          });
      } else {
        ctx.findings.push({
          file: ctx.state.display,
          line: line(key),
          construct: `environments.${name}.${key}`,
          severity: "left",
          why: `environments have no "${key}" in releases`
        });
      }
    }
    out[name] = env;
  }
  return out;
}
async function valuesList(value, ctx, line, kind, optional = false) {
  const list = [];
  for (const entry of asList(value)) {
    if (typeof entry === "string") {
      const r = resolveString(entry, ctx.state, line);
      ctx.findings.push(...r.findings);
      const path = await ctx.paths.valuesFile(r.text, line, kind);
      list.push(optional ? { path, optional: true } : path);
    } else
      list.push(entry);
  }
  return list;
}
function repository(r, ctx) {
  const out = { name: r.name };
  let url = String(r.url ?? "");
  if (r.oci === true && !url.startsWith("oci://"))
    url = `oci://${url}`;
  out.url = url;
  const line = ctx.state.lines.of(r);
  for (const [key, value] of Object.entries(r)) {
    if (key === "name" || key === "url" || key === "oci")
      continue;
    if (key === "username" || key === "password") {
      const r2 = resolveString(String(value), ctx.state, line);
      const env = r2.whole?.k === "call" && r2.whole.helper === "env" ? r2.whole.args[0] : void 0;
      if (env?.k === "lit") {
        out[`${key}Env`] = JSON.parse(env.text);
        continue;
      }
    }
    ctx.findings.push({
      file: ctx.state.display,
      line: ctx.state.lines.key(r, key) ?? line,
      construct: `repositories: ${String(r.name)} ${key}`,
      severity: "left",
      why: key === "username" || key === "password" ? "credentials must come from environment variables in releases" : `repositories have no "${key}" in releases`,
      suggestion: key === "username" || key === "password" ? `${key}Env: NAME_OF_THE_VARIABLE` : void 0
    });
  }
  return out;
}
function keyContext(state, findings, paths, line, construct) {
  return { state, findings, line, construct, rewrite: (path) => paths.rewrite(path) };
}
function helmDefaults(value, ctx) {
  const defaults = {};
  let kubeContext;
  for (const [key, v] of Object.entries(value)) {
    const line = ctx.state.lines.key(value, key);
    const construct = `helmDefaults.${key}`;
    if (DEFAULT_KEYS.has(key) && typeof v !== "string")
      defaults[key] = v;
    else if (key === "kubeContext" && typeof v === "string")
      kubeContext = v;
    else if (HELM_OPTION_KEYS.includes(key)) {
      const converted = helmOption(key, v, keyContext(ctx.state, ctx.findings, ctx.paths, line, construct));
      if (converted !== void 0)
        defaults[key] = converted;
    } else
      ctx.findings.push({
        file: ctx.state.display,
        line,
        construct,
        severity: "left",
        why: ARGS_KEYS.has(key) ? "helmfile passes these flags to helm as written; releases checks each command's flags" : `defaults have no "${key}" in releases`,
        suggestion: ARGS_KEYS.has(key) ? "list them under defaults.args.sync / template / diff / lint (flags releases controls, like --wait or --values, are refused there)" : void 0
      });
  }
  return { defaults: Object.keys(defaults).length ? defaults : void 0, kubeContext };
}
var ARGS_KEYS = /* @__PURE__ */ new Set(["args", "syncArgs", "diffArgs", "templateArgs"]);
function applyBlocks(state, specs, out, findings) {
  for (const block of state.blocks) {
    const inside = specs.map((spec, i) => ({ i, line: state.lines.of(spec) })).filter(({ line }) => line !== void 0 && line > block.startLine && line < block.endLine);
    const finding = (severity, why, suggestion) => findings.push({
      file: state.display,
      line: block.startLine,
      construct: block.source,
      severity,
      why,
      suggestion
    });
    if (inside.length === 0) {
      finding("left", "an if around YAML other than whole releases; its first branch was kept as if the condition held", "express the difference with values per environment");
      continue;
    }
    const condition = conditionFor(block, out);
    if (!condition) {
      finding("left", block.condition.kind === "none" ? block.condition.why : "", "set condition: on the releases (a boolean in the environment values)");
      continue;
    }
    for (const { i } of inside) {
      const release = out.releases[i];
      if (release.condition !== void 0 && release.condition !== condition) {
        finding("left", `release ${String(release.name)} already has condition: ${String(release.condition)}; releases takes one condition`);
        continue;
      }
      release.condition = condition;
    }
    finding("note", `became condition: ${condition} on ${inside.length} release(s) (a boolean that must be set in every environment's values)`);
  }
}
function conditionFor(block, out) {
  if (block.condition.kind === "values")
    return block.condition.path;
  if (block.condition.kind === "environment") {
    const flag = `imported.${block.condition.slug || "condition"}`;
    out.flags.set(flag, block.condition.holds);
    return flag;
  }
  return void 0;
}

// dist/import/import.js
var ImportSourceError = class extends Error {
};
var STATE_FILE = /\.(ya?ml)(\.gotmpl)?$|\.gotmpl$/;
async function planImport(request, reader) {
  const entry = await findEntry(request.source, reader);
  const rootDir = dirname2(entry.path);
  const outDir = request.outDir ?? rootDir;
  const display = (file) => relative(rootDir, file) || basename(file);
  const findings = [];
  const features = /* @__PURE__ */ new Set();
  const files = [];
  const written = /* @__PURE__ */ new Set();
  const write = (path, text2) => {
    if (written.has(path))
      return;
    written.add(path);
    files.push({ path, text: text2 });
  };
  const outOf = (source) => {
    const rel = relative(rootDir, source);
    return rel.startsWith("..") ? join(outDir, "imported", basename(source)) : join(outDir, rel);
  };
  const rootOut = join(outDir, "releases.yaml");
  const convertedFiles = /* @__PURE__ */ new Set();
  const pending = [];
  const states = [];
  let root;
  const rootIncludes = [];
  const subs = [];
  if (entry.kind === "dir") {
    for (const name of await reader.list(entry.path) ?? []) {
      if (STATE_FILE.test(name))
        pending.push({ file: join(entry.path, name), out: join(outDir, "releases.d", outName(name)) });
    }
    pending.sort((a, b) => a.file.localeCompare(b.file));
    rootIncludes.push(...pending.map((p) => relative(outDir, p.out)));
    if (pending.length)
      features.add("include:");
  } else {
    pending.push({ file: entry.path, out: rootOut });
  }
  const outputs = [];
  const done = /* @__PURE__ */ new Set();
  while (pending.length) {
    const { file, out } = pending.shift();
    if (done.has(file))
      continue;
    done.add(file);
    const state = await loadState(file, display, reader);
    if (!state) {
      findings.push({ file: display(file), construct: "helmfiles", severity: "left", why: "file not found" });
      continue;
    }
    states.push(state.display);
    findings.push(...state.findings);
    const paths = outputPaths(dirname2(file), dirname2(out), { converted: convertedFiles, outOf, reader, findings, write, display }, state.display);
    const converted = await convertState(state, paths, findings, features);
    const includes = [];
    for (const sub of converted.helmfiles) {
      for (const subFile of await expandGlob(resolve2(dirname2(file), sub.path), reader)) {
        const subOut = outOf(join(dirname2(subFile), outName(basename(subFile))));
        includes.push(relative(dirname2(out), subOut));
        pending.push({ file: subFile, out: subOut });
      }
      features.add("include:");
    }
    if (out === rootOut)
      root = converted;
    else
      subs.push(converted);
    outputs.push({
      out,
      state: converted,
      includes: out === rootOut ? [...rootIncludes, ...includes] : includes
    });
  }
  if (!root) {
    root = emptyState();
    outputs.unshift({ out: rootOut, state: root, includes: rootIncludes });
  }
  hoist(root, subs, findings);
  for (const { out, state, includes } of outputs) {
    const isRoot = out === rootOut;
    const doc = {};
    if (isRoot && Object.keys(state.environments).length)
      doc.environments = state.environments;
    if (isRoot && state.repositories.length)
      doc.repositories = state.repositories;
    if (includes.length)
      doc.include = includes;
    if (state.defaults)
      doc.defaults = state.defaults;
    if (state.templates)
      doc.templates = state.templates;
    if (state.releases.length || isRoot)
      doc.releases = state.releases;
    const header = `# yaml-language-server: $schema=https://releases.dev/schema/releases.schema.json
# Imported from helmfile by \`releases import\`; read its report before the first deploy.
`;
    files.unshift({ path: out, text: header + (0, import_yaml4.stringify)(doc, { lineWidth: 0 }) });
  }
  files.sort((a, b) => rank(a.path, rootOut) - rank(b.path, rootOut));
  return { files, findings: sortedFindings(findings), features: [...features], states };
}
function rank(path, rootOut) {
  if (path === rootOut)
    return 0;
  return path.endsWith(".hbs") ? 2 : 1;
}
async function findEntry(source, reader) {
  const names = await reader.list(source);
  if (names === void 0) {
    if (await reader.read(source) === void 0)
      throw new ImportSourceError(`${source}: no such file or directory`);
    return { kind: "file", path: source };
  }
  for (const candidate of ["helmfile.yaml", "helmfile.yaml.gotmpl"]) {
    if (names.includes(candidate))
      return { kind: "file", path: join(source, candidate) };
  }
  if (names.includes("helmfile.d"))
    return { kind: "dir", path: join(source, "helmfile.d") };
  if (names.some((n) => STATE_FILE.test(n)) && basename(source) === "helmfile.d")
    return { kind: "dir", path: source };
  throw new ImportSourceError(`${source}: no helmfile.yaml, helmfile.yaml.gotmpl or helmfile.d/ here`);
}
function outName(name) {
  if (/^helmfile\.ya?ml(\.gotmpl)?$/.test(name))
    return "releases.yaml";
  return name.replace(/\.gotmpl$/, "").replace(/\.yml$/, ".yaml");
}
async function expandGlob(pattern, reader) {
  if (!pattern.includes("*"))
    return [pattern];
  const parts = pattern.split("/");
  let found = [parts[0] === "" ? "/" : parts[0]];
  for (const part of parts.slice(1)) {
    const next = [];
    for (const dir of found) {
      if (!part.includes("*")) {
        next.push(join(dir, part));
        continue;
      }
      const re = new RegExp(`^${part.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[^/]*")}$`);
      for (const name of (await reader.list(dir) ?? []).sort())
        if (re.test(name))
          next.push(join(dir, name));
    }
    found = next;
  }
  const existing = [];
  for (const f of found)
    if (await reader.read(f) !== void 0)
      existing.push(f);
  return existing;
}
function outputPaths(srcDir, outFileDir, setup, stateFile) {
  const { outOf, reader, findings, write, display } = setup;
  const asWritten = (absolute) => relative(outFileDir, absolute);
  const rewrite = (path) => {
    if (isAbsolute(path) || srcDir === outFileDir)
      return path;
    if (path.startsWith("{{"))
      return path;
    return asWritten(resolve2(srcDir, path));
  };
  const convertFile = async (source, template, line) => {
    const target = outOf(template ? source.replace(/\.gotmpl$/, ".hbs") : `${source}.hbs`);
    if (setup.converted.has(source))
      return target;
    setup.converted.add(source);
    const text2 = await reader.read(source);
    if (text2 === void 0) {
      findings.push({
        file: display(source),
        line,
        construct: display(source),
        severity: "left",
        why: "the values file does not exist"
      });
      return target;
    }
    const converted = convertValuesText(text2, display(source), template);
    findings.push(...converted.findings);
    write(target, converted.text);
    return target;
  };
  return {
    rewrite,
    generated(name, text2) {
      const target = join(outFileDir, "imported", name);
      write(target, text2);
      return asWritten(target);
    },
    async valuesFile(path, line, kind) {
      const template = path.endsWith(".gotmpl");
      if (kind === "secrets")
        return rewrite(path);
      if (path.includes("{{")) {
        if (!template)
          return rewrite(path);
        for (const source2 of await templatedSources(path, srcDir, reader))
          await convertFile(source2, true, line);
        findings.push({
          file: stateFile,
          line,
          construct: path,
          severity: "note",
          why: "a templated values path; every matching .gotmpl file found was converted to .hbs beside it"
        });
        const hbs = path.replace(/\.gotmpl$/, ".hbs");
        return srcDir === outFileDir || hbs.startsWith("{{") ? hbs : `${dirname2(rewrite(hbs.replace(/\{\{[^}]*\}\}/g, "x")))}/${basename(hbs)}`;
      }
      const source = resolve2(srcDir, path);
      if (!template) {
        const text2 = await reader.read(source);
        if (text2 === void 0 || !hasValsRefs(text2))
          return rewrite(path);
      }
      return asWritten(await convertFile(source, template, line));
    }
  };
}
async function templatedSources(path, srcDir, reader) {
  const pattern = resolve2(srcDir, path.replace(/\{\{[^}]*\}\}/g, "*"));
  return expandGlob(pattern, reader);
}
function hoist(root, subs, findings) {
  for (const sub of subs) {
    for (const [name, env] of Object.entries(sub.environments)) {
      const mine = root.environments[name];
      if (!mine)
        root.environments[name] = env;
      else {
        for (const key of ["values", "secrets"]) {
          if (env[key])
            mine[key] = [...mine[key] ?? [], ...env[key]];
        }
      }
    }
    for (const repo of sub.repositories) {
      const same = root.repositories.find((r) => r.name === repo.name);
      if (!same)
        root.repositories.push(repo);
      else if (same.url !== repo.url)
        findings.push({
          file: "releases.yaml",
          construct: `repositories: ${String(repo.name)}`,
          severity: "left",
          why: `two helmfiles declare repository ${String(repo.name)} with different URLs`
        });
    }
    for (const [flag, holds] of sub.flags)
      root.flags.set(flag, holds);
    root.stateValues.push(...sub.stateValues);
    if (!root.kubeContext && sub.kubeContext)
      root.kubeContext = sub.kubeContext;
  }
  if (root.flags.size || root.kubeContext || root.stateValues.length) {
    if (Object.keys(root.environments).length === 0)
      root.environments.default = {};
  }
  for (const [name, env] of Object.entries(root.environments)) {
    if (root.kubeContext && env.kubeContext === void 0)
      env.kubeContext = root.kubeContext;
    if (root.stateValues.length)
      env.values = [...root.stateValues, ...env.values ?? []];
    if (root.flags.size) {
      const imported = {};
      for (const [flag, holds] of root.flags)
        imported[flag.replace(/^imported\./, "")] = holds(name);
      env.values = [...env.values ?? [], { imported }];
    }
  }
}

// dist/import/report.js
function importReportJson(plan, written) {
  const findings = sortedFindings(plan.findings);
  const left2 = findings.filter((f) => f.severity === "left");
  return {
    ok: left2.length === 0,
    states: plan.states,
    written: [...written],
    left: left2,
    notes: findings.filter((f) => f.severity === "note"),
    features: plan.features
  };
}
function formatImportReport(report) {
  const lines = [];
  lines.push(`imported ${report.states.join(", ") || "nothing"}`);
  lines.push("", `wrote ${report.written.length} file(s):`, ...report.written.map((f) => `  ${f}`));
  const item = (f) => {
    const where = f.line === void 0 ? f.file : `${f.file}:${f.line}`;
    const out = [`  ${where}  ${f.construct}`, `      ${f.why}`];
    if (f.suggestion)
      out.push(`      instead: ${f.suggestion}`);
    return out;
  };
  if (report.left.length) {
    lines.push("", `left for you (${report.left.length}): not converted; a converted template fails where one was, naming it`, ...report.left.flatMap(item));
  }
  if (report.notes.length)
    lines.push("", `notes (${report.notes.length}):`, ...report.notes.flatMap(item));
  if (report.features.length) {
    lines.push("", `uses ${report.features.join(", ")}: releases features being added now; releases.yaml loads once they have landed`);
  }
  lines.push("", report.left.length ? `${report.left.length} construct(s) left: fix them (see above), then run releases -e <env> template and compare` : "everything converted: run releases -e <env> template and compare with helmfile template");
  return `${lines.join("\n")}
`;
}

// dist/cli/commands/import.js
var localReader = {
  read: (path) => readFile(path, "utf8").catch(() => void 0),
  list: (dir) => readdir(dir).catch(() => void 0)
};
function registerImport(program, { io, globals }) {
  program.command("import").description("convert a helmfile project (helmfile.yaml, .gotmpl, helmfile.d/) into releases.yaml and .hbs values").option("--out <dir>", "where to write (default: the helmfile's directory)").option("--force", "overwrite files that exist", false).addHelpText("after", `
-f names the helmfile (a file, or a directory holding helmfile.yaml,
helmfile.yaml.gotmpl or helmfile.d/); without -f, the current directory.
Everything that could not be converted is listed with file:line, why and
what to write instead; the import still writes what it could and then
exits 2. Nothing is overwritten without --force.

Examples:
  releases import
  releases import -f helmfile.d --out ../releases-stack
  releases import -f deploy/helmfile.yaml.gotmpl --force`).action(async (options, command) => {
    const fromFlag = command.parent?.getOptionValueSource("file") === "cli";
    const source = resolve3(io.cwd, fromFlag ? globals().file : ".");
    let plan;
    try {
      plan = await planImport({ source, outDir: options.out ? resolve3(io.cwd, options.out) : void 0 }, localReader);
    } catch (error) {
      if (error instanceof ImportSourceError)
        throw new UsageError(error.message, { hint: "pass -f <helmfile.yaml|helmfile.d>" });
      throw error;
    }
    const shown = (path) => relative2(io.cwd, path) || path;
    if (!options.force) {
      const existing = [];
      for (const file of plan.files)
        if (await localReader.read(file.path) !== void 0)
          existing.push(shown(file.path));
      if (existing.length) {
        throw new UsageError(`would overwrite ${existing.join(", ")}`, {
          hint: "pass --force to overwrite, or --out <dir> to write elsewhere"
        });
      }
    }
    for (const file of plan.files) {
      await mkdir(dirname3(file.path), { recursive: true });
      await writeFile(file.path, file.text);
    }
    const report = importReportJson(plan, plan.files.map((f) => shown(f.path)));
    io.stdout.write(globals().output === "json" ? `${JSON.stringify(report, null, 2)}
` : formatImportReport(report));
    if (!report.ok)
      throw new ExitStatus(ExitCode.invalidInput);
  });
}
export {
  registerImport
};
