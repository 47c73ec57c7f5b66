// Handlebars as releases uses it: no HTML escaping, strict (an unknown variable
// is an error naming file, line and variable), the helpers a Helm user reaches
// for, and secret lookups (`vault`, `sops`) that never do I/O while rendering:
// a first render collects them, the caller resolves them all at once, and the
// final render reads the answers (see values/render-releases.ts).

import type { Templates } from "../config/load.js";
import { ReleasesError, type SourceLocation, TemplateError } from "../errors.js";
import { yaml } from "../util/lazy-yaml.js";
import Handlebars from "./handlebars.js";
import {
  firstBrokenMustache,
  handlebarsSpelling,
  isGoSyntax,
  lineAndColumn,
  mustaches,
} from "./mustaches.js";

export type Lookup =
  | { kind: "vault"; path: string; key: string }
  | { kind: "sops"; file: string; key: string };

export function lookupKey(lookup: Lookup): string {
  return lookup.kind === "vault" ? `vault:${lookup.path}#${lookup.key}` : `sops:${lookup.file}#${lookup.key}`;
}

/** Answers secret lookups during a render; `at` is where the lookup is written. */
export interface LookupHandler {
  lookup(lookup: Lookup, at: SourceLocation): unknown;
}

export interface TemplateEngine extends Templates {
  /** Renders `text`; `origin` is where the text starts (a file, or a field's line and column). */
  render(text: string, origin: SourceLocation, context: object, lookups?: LookupHandler): string;
}

interface HelperOptions {
  loc?: { start: { line: number; column: number } };
  data?: { root?: { __origin?: SourceLocation; __lookups?: LookupHandler } };
}

type Env = Readonly<Record<string, string | undefined>>;

export function createTemplates(options: { env: Env }): TemplateEngine {
  const hb = Handlebars.create();
  registerHelpers(hb, options.env);
  const cache = new Map<string, HandlebarsTemplateDelegate>();

  const render = (text: string, origin: SourceLocation, context: object, lookups?: LookupHandler): string => {
    if (!text.includes("{{")) return text;
    let template = cache.get(text);
    try {
      if (!template) {
        rejectGoSyntax(text, origin);
        template = hb.compile(text, { strict: true, noEscape: true });
        cache.set(text, template);
      }
      // The origin and lookup handler travel in the root context so helpers can name locations.
      return template({ ...context, __origin: origin, __lookups: lookups });
    } catch (error) {
      throw toTemplateError(error, text, origin);
    }
  };
  return {
    render,
    renderString: (text, location, context) => render(text, location, context),
    renderFile: (text, file, context) => render(text, { file }, context),
  };
}

/** The location inside a template, shifted by where the template itself starts. */
function at(origin: SourceLocation, line: number, column: number): SourceLocation {
  if (origin.line === undefined) return { ...origin, line, column: column + 1 };
  return {
    ...origin,
    line: origin.line + line - 1,
    column: line === 1 ? (origin.column ?? 1) + column : column + 1,
  };
}

function helperLocation(options: HelperOptions): SourceLocation {
  const origin = options.data?.root?.__origin ?? { file: "<template>" };
  const start = options.loc?.start;
  return start ? at(origin, start.line, start.column) : origin;
}

function toTemplateError(error: unknown, text: string, origin: SourceLocation): ReleasesError {
  // Our own errors (a helper's TemplateError, a lookup handler's SecretError) already say where.
  if (error instanceof ReleasesError) return error;
  const e = error as { message?: string; lineNumber?: number; column?: number };
  const message = String(e.message ?? error);
  const notDefined = /^"([^"]+)" not defined in/.exec(message);
  if (notDefined && e.lineNumber !== undefined) {
    const variable = pathAt(text, e.lineNumber, e.column ?? 0) ?? notDefined[1];
    const open = openingBraces(text, e.lineNumber, e.column ?? 0);
    return new TemplateError(`unknown variable "${variable}"`, {
      location: at(origin, open.line, open.column),
      hint: "check the spelling, or use (default <fallback> <value>) for optional values",
    });
  }
  const parse = PARSE_ERROR.exec(message);
  if (parse) {
    // Point at the `{{` of the first mustache that does not parse on its own.
    const broken = firstBrokenMustache(text);
    if (broken) {
      const { line, column } = lineAndColumn(text, broken.mustache.offset);
      const detail = PARSE_ERROR.exec(broken.detail)?.[2] ?? broken.detail;
      return new TemplateError(`template syntax error: ${describeParseError(detail)}`, {
        location: at(origin, line, column),
      });
    }
    return new TemplateError(`template syntax error: ${describeParseError(parse[2]!)}`, {
      location: at(origin, Number(parse[1]), 0),
    });
  }
  const mismatch = /^(\S+) doesn't match (\S+) - (\d+):(\d+)/.exec(message);
  if (mismatch) {
    return new TemplateError(`template syntax error: {{/${mismatch[2]}}} closes {{#${mismatch[1]}}}`, {
      location: at(origin, Number(mismatch[3]), Number(mismatch[4])),
    });
  }
  const reading = /Cannot read properties of (?:undefined|null) \(reading '([^']+)'\)/.exec(message);
  if (reading) {
    return new TemplateError(`unknown variable: a value on the way to "${reading[1]}" is not defined`, {
      location: origin,
      hint: "check every part of the dotted path",
    });
  }
  return new TemplateError(`template error: ${message.split("\n")[0]}`, { location: origin, cause: error });
}

/** The `{{` of the mustache holding line:column (column 0-based), so every template error points at one. */
function openingBraces(text: string, line: number, column: number): { line: number; column: number } {
  const lines = text.split("\n");
  const offset = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + column;
  const holding = mustaches(text)
    .filter((m) => m.offset <= offset)
    .at(-1);
  return holding ? lineAndColumn(text, holding.offset) : { line, column };
}

const PARSE_ERROR = /^Parse error on line (\d+):\n[\s\S]*\n(Expecting [^\n]*|[^\n]*)$/;

/** `{{ .Values.x }}` and friends: Helm and Helmfile habits, answered with the handlebars spelling. */
function rejectGoSyntax(text: string, origin: SourceLocation): void {
  for (const { offset, body } of mustaches(text)) {
    if (body === undefined || !isGoSyntax(body)) continue;
    const { line, column } = lineAndColumn(text, offset);
    const spelling = handlebarsSpelling(body);
    throw new TemplateError(
      `Go template syntax {{${body}}}: templates here are handlebars${spelling ? `, write ${spelling}` : ""}`,
      {
        location: at(origin, line, column),
        hint: spelling
          ? "values.x, environment.name, environment.values.x, release.name; helpers take their arguments after the name: {{quote values.x}}"
          : "handlebars blocks: {{#if values.x}}…{{else}}…{{/if}}, {{#each values.list}}{{this}}{{/each}}; to pass {{ }} to a chart as text, write \\{{ … }}",
      },
    );
  }
}

/** Handlebars' "Expecting 'A', 'B', got 'X'" in words; its list of expected tokens helps nobody. */
function describeParseError(detail: string): string {
  const got = /got '([^']+)'$/.exec(detail)?.[1];
  if (got === "EOF") {
    return detail.includes("OPEN_ENDBLOCK")
      ? "the template ends inside a block: a {{/…}} is missing"
      : "unexpected end of template";
  }
  if (got === "CLOSE") return "unexpected }}";
  if (got === "INVALID") return "unexpected character inside {{ }} (a }} is missing or malformed?)";
  return got ? `unexpected ${got}` : detail.slice(0, 160);
}

/** The dotted path written at line:column of a template, for error messages. */
function pathAt(text: string, line: number, column: number): string | undefined {
  let found: string | undefined;
  const visit = (node: unknown): void => {
    if (found || node === null || typeof node !== "object") return;
    const n = node as { type?: string; original?: string; loc?: { start: { line: number; column: number } } };
    if (n.type === "PathExpression" && n.loc?.start.line === line && n.loc.start.column === column) {
      found = n.original;
      return;
    }
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) value.forEach(visit);
      else if (value && typeof value === "object" && value !== n.loc) visit(value);
    }
  };
  try {
    visit(Handlebars.parse(text));
  } catch {
    return undefined;
  }
  return found;
}

function registerHelpers(hb: typeof Handlebars, env: Env): void {
  // Every helper gets handlebars' options object last; `args` strips it.
  const args = (all: unknown[]) => all.slice(0, -1);
  const opts = (all: unknown[]) => all.at(-1) as HelperOptions;
  const empty = (v: unknown) =>
    v === undefined ||
    v === null ||
    v === "" ||
    (Array.isArray(v) && v.length === 0) ||
    (typeof v === "object" && v !== null && !Array.isArray(v) && Object.keys(v).length === 0);
  const text = (v: unknown) => (typeof v === "string" ? v : v === undefined || v === null ? "" : String(v));
  const indentBy = (n: unknown, v: unknown) => {
    const pad = " ".repeat(Number(n));
    return text(v)
      .split("\n")
      .map((l) => (l === "" ? l : pad + l))
      .join("\n");
  };

  const helpers: Record<string, (...all: unknown[]) => unknown> = {
    toYaml: (...all) => {
      const [v] = args(all);
      return v === undefined ? "" : yaml().stringify(v, { lineWidth: 0 }).replace(/\n$/, "");
    },
    toJson: (...all) => JSON.stringify(args(all)[0] ?? null),
    indent: (...all) => indentBy(args(all)[0], args(all)[1]),
    nindent: (...all) => `\n${indentBy(args(all)[0], args(all)[1])}`,
    // sprig: default FALLBACK VALUE, where 0 and false count as empty too
    default: (...all) => {
      const [fallback, value] = args(all);
      return empty(value) || value === 0 || value === false ? fallback : value;
    },
    required: (...all) => {
      const [message, value] = args(all);
      if (empty(value))
        throw new TemplateError(text(message) || "a required value is missing", {
          location: helperLocation(opts(all)),
        });
      return value;
    },
    quote: (...all) => JSON.stringify(text(args(all)[0])),
    b64enc: (...all) => Buffer.from(text(args(all)[0])).toString("base64"),
    b64dec: (...all) => Buffer.from(text(args(all)[0]), "base64").toString("utf8"),
    lower: (...all) => text(args(all)[0]).toLowerCase(),
    upper: (...all) => text(args(all)[0]).toUpperCase(),
    env: (...all) => {
      const [name, fallback] = args(all);
      const value = env[text(name)];
      if (value !== undefined) return value;
      if (fallback !== undefined) return fallback;
      throw new TemplateError(`environment variable ${text(name)} is not set`, {
        location: helperLocation(opts(all)),
        hint: `export ${text(name)}, or give a fallback: {{env "${text(name)}" "value"}}`,
      });
    },
    eq: (...all) => args(all)[0] === args(all)[1],
    ne: (...all) => args(all)[0] !== args(all)[1],
    lt: (...all) => (args(all)[0] as number) < (args(all)[1] as number),
    le: (...all) => (args(all)[0] as number) <= (args(all)[1] as number),
    gt: (...all) => (args(all)[0] as number) > (args(all)[1] as number),
    ge: (...all) => (args(all)[0] as number) >= (args(all)[1] as number),
    and: (...all) => args(all).every(Boolean),
    or: (...all) => args(all).some(Boolean),
    not: (...all) => !args(all)[0],
    vault: (...all) => {
      const [path, key] = args(all);
      return secretLookup({ kind: "vault", path: text(path), key: text(key) }, opts(all));
    },
    sops: (...all) => {
      const [file, key] = args(all);
      return secretLookup({ kind: "sops", file: text(file), key: text(key) }, opts(all));
    },
  };
  for (const [name, fn] of Object.entries(helpers)) hb.registerHelper(name, fn);
}

function secretLookup(lookup: Lookup, options: HelperOptions): unknown {
  const location = helperLocation(options);
  const handler = options.data?.root?.__lookups;
  if (lookup.kind === "vault" ? !lookup.path || !lookup.key : !lookup.file || !lookup.key) {
    throw new TemplateError(
      `${lookup.kind} takes two arguments: {{${lookup.kind} "<${lookup.kind === "vault" ? "path" : "file"}>" "<key>"}}`,
      {
        location,
      },
    );
  }
  if (!handler) {
    throw new TemplateError(`${lookup.kind} lookups are only allowed in values files`, {
      location,
      hint: "move the secret into a release's values file (.hbs)",
    });
  }
  return handler.lookup(lookup, location);
}
