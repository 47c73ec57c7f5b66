// Parses the inside of one Go template action (`if .Values.x`, `.Values.y | quote`,
// `range $k, $v := .Values.m`) into a small syntax tree. Only what text/template
// accepts; what it means is decided in to-handlebars.ts.

export type Arg =
  /** `.A.B` (base "dot"), `$.A` (base "$"), `$x.A` (base "$x") */
  | { kind: "field"; base: string; path: string[] }
  | { kind: "string"; value: string }
  | { kind: "number"; raw: string }
  | { kind: "bool"; value: boolean }
  | { kind: "nil" }
  | { kind: "ident"; name: string }
  | { kind: "paren"; pipe: Pipeline; path: string[] };

export interface Command {
  args: Arg[];
}

export interface Pipeline {
  /** `$a, $b :=` (declare) or `$a =` (assign) */
  vars: string[];
  assign: boolean;
  commands: Command[];
}

export type Action =
  | { kind: "comment" }
  | { kind: "output"; pipe: Pipeline }
  | { kind: "if" | "range" | "with"; pipe: Pipeline }
  | { kind: "else"; chain?: { kind: "if" | "with"; pipe: Pipeline } }
  | { kind: "end" }
  | { kind: "unsupported"; keyword: string };

export class ActionSyntaxError extends Error {}

type Token =
  | { t: "str"; v: string }
  | { t: "num"; v: string }
  | { t: "field"; v: string[] }
  | { t: "var"; v: string }
  | { t: "ident"; v: string }
  | { t: "punct"; v: string };

const UNSUPPORTED_KEYWORDS = new Set(["define", "template", "block", "break", "continue"]);

export function parseAction(body: string): Action {
  if (body.startsWith("/*")) return { kind: "comment" };
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
        if (UNSUPPORTED_KEYWORDS.has(first.v)) return { kind: "unsupported", keyword: first.v };
    }
  }
  return { kind: "output", pipe: parsePipeline(tokens) };
}

function tokenize(body: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const ident = /[A-Za-z_][A-Za-z0-9_]*/y;
  while (i < body.length) {
    const c = body[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"') {
      let j = i + 1;
      while (j < body.length && body[j] !== '"') j += body[j] === "\\" ? 2 : 1;
      if (j >= body.length) throw new ActionSyntaxError("unterminated string");
      tokens.push({ t: "str", v: JSON.parse(body.slice(i, j + 1).replace(/\\'/g, "'")) as string });
      i = j + 1;
    } else if (c === "`") {
      const j = body.indexOf("`", i + 1);
      if (j === -1) throw new ActionSyntaxError("unterminated raw string");
      tokens.push({ t: "str", v: body.slice(i + 1, j) });
      i = j + 1;
    } else if (/[0-9]/.test(c) || (c === "-" && /[0-9]/.test(body[i + 1] ?? ""))) {
      const m = /-?[0-9][0-9a-fA-FxX._]*/y;
      m.lastIndex = i;
      const raw = m.exec(body)![0];
      tokens.push({ t: "num", v: raw });
      i += raw.length;
    } else if (c === "." || c === "$") {
      // `.`, `.A.B`, `$`, `$x`, `$x.A`, and `.A` right after `)`
      let j = i;
      let base = ".";
      if (c === "$") {
        ident.lastIndex = i + 1;
        const name = ident.exec(body);
        base = `$${name && name.index === i + 1 ? name[0] : ""}`;
        j = i + base.length;
      }
      const path: string[] = [];
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
        tokens.push({ t: "field", v: ["", ...path] }); // a field of the parenthesised value
      } else if (c === ".") {
        tokens.push({ t: "field", v: path });
      } else {
        tokens.push({ t: "var", v: base });
        if (path.length) tokens.push({ t: "field", v: ["", ...path] });
      }
      i = j;
    } else if (/[A-Za-z_]/.test(c)) {
      ident.lastIndex = i;
      const name = ident.exec(body)![0];
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

function parsePipeline(tokens: Token[]): Pipeline {
  let rest = tokens;
  const vars: string[] = [];
  let assign = false;
  const declEnd = rest.findIndex((t) => t.t === "punct" && (t.v === ":=" || t.v === "="));
  if (declEnd > 0 && rest.slice(0, declEnd).every((t) => t.t === "var" || (t.t === "punct" && t.v === ","))) {
    for (const t of rest.slice(0, declEnd)) if (t.t === "var") vars.push(t.v);
    assign = (rest[declEnd] as { v: string }).v === "=";
    rest = rest.slice(declEnd + 1);
  }
  const state = { tokens: rest, pos: 0 };
  const commands = parseCommands(state, false);
  if (state.pos < state.tokens.length) throw new ActionSyntaxError("unexpected )");
  return { vars, assign, commands };
}

function parseCommands(state: { tokens: Token[]; pos: number }, inParen: boolean): Command[] {
  const commands: Command[] = [{ args: [] }];
  while (state.pos < state.tokens.length) {
    const tok = state.tokens[state.pos]!;
    if (tok.t === "punct" && tok.v === ")") {
      if (!inParen) break;
      return commands;
    }
    state.pos++;
    const current = commands.at(-1)!;
    if (tok.t === "punct" && tok.v === "|") {
      if (current.args.length === 0) throw new ActionSyntaxError("missing command before |");
      commands.push({ args: [] });
    } else if (tok.t === "punct" && tok.v === "(") {
      const inner = parseCommands(state, true);
      const close = state.tokens[state.pos];
      if (!(close?.t === "punct" && close.v === ")")) throw new ActionSyntaxError("unclosed (");
      state.pos++;
      let path: string[] = [];
      const after = state.tokens[state.pos];
      if (after?.t === "field" && after.v[0] === "") {
        path = after.v.slice(1);
        state.pos++;
      }
      current.args.push({ kind: "paren", pipe: { vars: [], assign: false, commands: inner }, path });
    } else if (tok.t === "str") current.args.push({ kind: "string", value: tok.v });
    else if (tok.t === "num") current.args.push({ kind: "number", raw: tok.v });
    else if (tok.t === "field") current.args.push({ kind: "field", base: ".", path: tok.v });
    else if (tok.t === "var") {
      const after = state.tokens[state.pos];
      let path: string[] = [];
      if (after?.t === "field" && after.v[0] === "") {
        path = after.v.slice(1);
        state.pos++;
      }
      current.args.push({ kind: "field", base: tok.v, path });
    } else if (tok.t === "ident") {
      if (tok.v === "true" || tok.v === "false") current.args.push({ kind: "bool", value: tok.v === "true" });
      else if (tok.v === "nil") current.args.push({ kind: "nil" });
      else current.args.push({ kind: "ident", name: tok.v });
    } else {
      throw new ActionSyntaxError(`unexpected ${tok.v}`);
    }
  }
  if (inParen) throw new ActionSyntaxError("unclosed (");
  if (commands.at(-1)!.args.length === 0) throw new ActionSyntaxError("empty command");
  return commands;
}
