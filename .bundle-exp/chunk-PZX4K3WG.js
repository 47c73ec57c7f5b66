import {
  yaml
} from "./chunk-EOAQSOO2.js";
import {
  ReleasesError,
  TemplateError
} from "./chunk-XLEZOOEL.js";

// dist/values/handlebars.js
import { createRequire } from "node:module";
var Handlebars = createRequire(import.meta.url)("handlebars/dist/handlebars.js");
var handlebars_default = Handlebars;

// dist/values/mustaches.js
function mustaches(text) {
  const out = [];
  let from = 0;
  for (; ; ) {
    const offset = text.indexOf("{{", from);
    if (offset < 0)
      return out;
    if (text[offset - 1] === "\\") {
      from = offset + 2;
      continue;
    }
    if (text.startsWith("{{{{", offset))
      return out;
    if (text.startsWith("{{!", offset)) {
      const long = text.startsWith("{{!--", offset);
      const end = text.indexOf(long ? "--}}" : "}}", offset + 3);
      if (end < 0)
        return out;
      from = end + (long ? 4 : 2);
      continue;
    }
    const triple = text[offset + 2] === "{";
    const close = text.indexOf(triple ? "}}}" : "}}", offset + 2);
    if (close < 0) {
      out.push({ offset });
      return out;
    }
    out.push({ offset, body: text.slice(offset + (triple ? 3 : 2), close) });
    from = close + (triple ? 3 : 2);
  }
}
var GO_FIELDS = [
  [/(^|[\s(])\.Environment\.Name\b/g, "$1environment.name"],
  [/(^|[\s(])\.Environment\.Values\b/g, "$1environment.values"],
  [/(^|[\s(])\.(?:State)?Values\b/g, "$1values"],
  [
    /(^|[\s(])\.Release\.(Name|Namespace|Labels|Chart)\b/g,
    (_, pre, field) => `${pre}release.${field.toLowerCase()}`
  ]
];
function isGoSyntax(body) {
  const b = body.trim();
  return /^-\s|\s-$/.test(b) || /(^|[\s(])\.[A-Za-z]/.test(b) || /(^|[\s(])\$[A-Za-z_]?/.test(b) || /\s\|\s/.test(b) || /^(end|range\s.*|with\s.*|if\s.*|define\s.*|template\s.*|include\s.*)$/.test(b);
}
function handlebarsSpelling(body) {
  let b = body.trim().replace(/^-\s*/, "").replace(/\s*-$/, "");
  if (/^(end|range|with|if|else|define|template|include)\b/.test(b) || b.includes("$"))
    return void 0;
  for (const [pattern, replacement] of GO_FIELDS)
    b = b.replace(pattern, replacement);
  if (/(^|[\s(])\.[A-Za-z]/.test(b))
    return void 0;
  const stages = b.split(/\s+\|\s+/);
  let expression = stages[0];
  for (const stage of stages.slice(1)) {
    const composed = `${stage} ${/\s/.test(expression) ? `(${expression})` : expression}`;
    expression = composed;
  }
  return `{{${expression.trim()}}}`;
}
function firstBrokenMustache(text) {
  for (const mustache of mustaches(text)) {
    if (mustache.body === void 0)
      return { mustache, detail: "a {{ is not closed by }}" };
    const body = mustache.body.replace(/^~|~$/g, "").trim();
    if (/^[/!]|^else\b|^\^$/.test(body))
      continue;
    const block = /^[#^]\*?\s*([^\s}]+)/.exec(body);
    const probe = `{{${mustache.body}}}${block ? `{{/${block[1]}}}` : ""}`;
    try {
      handlebars_default.parse(probe);
    } catch (error) {
      return { mustache, detail: String(error.message) };
    }
  }
  return void 0;
}
function lineAndColumn(text, offset) {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { line, column: offset - (before.lastIndexOf("\n") + 1) };
}

// dist/values/templates.js
function lookupKey(lookup) {
  return lookup.kind === "vault" ? `vault:${lookup.path}#${lookup.key}` : `sops:${lookup.file}#${lookup.key}`;
}
function createTemplates(options) {
  const hb = handlebars_default.create();
  registerHelpers(hb, options.env);
  const cache = /* @__PURE__ */ new Map();
  const render = (text, origin, context, lookups) => {
    if (!text.includes("{{"))
      return text;
    let template = cache.get(text);
    try {
      if (!template) {
        rejectGoSyntax(text, origin);
        template = hb.compile(text, { strict: true, noEscape: true });
        cache.set(text, template);
      }
      return template({ ...context, __origin: origin, __lookups: lookups });
    } catch (error) {
      throw toTemplateError(error, text, origin);
    }
  };
  return {
    render,
    renderString: (text, location, context) => render(text, location, context),
    renderFile: (text, file, context) => render(text, { file }, context)
  };
}
function at(origin, line, column) {
  if (origin.line === void 0)
    return { ...origin, line, column: column + 1 };
  return {
    ...origin,
    line: origin.line + line - 1,
    column: line === 1 ? (origin.column ?? 1) + column : column + 1
  };
}
function helperLocation(options) {
  const origin = options.data?.root?.__origin ?? { file: "<template>" };
  const start = options.loc?.start;
  return start ? at(origin, start.line, start.column) : origin;
}
function toTemplateError(error, text, origin) {
  if (error instanceof ReleasesError)
    return error;
  const e = error;
  const message = String(e.message ?? error);
  const notDefined = /^"([^"]+)" not defined in/.exec(message);
  if (notDefined && e.lineNumber !== void 0) {
    const variable = pathAt(text, e.lineNumber, e.column ?? 0) ?? notDefined[1];
    const open = openingBraces(text, e.lineNumber, e.column ?? 0);
    return new TemplateError(`unknown variable "${variable}"`, {
      location: at(origin, open.line, open.column),
      hint: "check the spelling, or use (default <fallback> <value>) for optional values"
    });
  }
  const parse = PARSE_ERROR.exec(message);
  if (parse) {
    const broken = firstBrokenMustache(text);
    if (broken) {
      const { line, column } = lineAndColumn(text, broken.mustache.offset);
      const detail = PARSE_ERROR.exec(broken.detail)?.[2] ?? broken.detail;
      return new TemplateError(`template syntax error: ${describeParseError(detail)}`, {
        location: at(origin, line, column)
      });
    }
    return new TemplateError(`template syntax error: ${describeParseError(parse[2])}`, {
      location: at(origin, Number(parse[1]), 0)
    });
  }
  const mismatch = /^(\S+) doesn't match (\S+) - (\d+):(\d+)/.exec(message);
  if (mismatch) {
    return new TemplateError(`template syntax error: {{/${mismatch[2]}}} closes {{#${mismatch[1]}}}`, {
      location: at(origin, Number(mismatch[3]), Number(mismatch[4]))
    });
  }
  const reading = /Cannot read properties of (?:undefined|null) \(reading '([^']+)'\)/.exec(message);
  if (reading) {
    return new TemplateError(`unknown variable: a value on the way to "${reading[1]}" is not defined`, {
      location: origin,
      hint: "check every part of the dotted path"
    });
  }
  return new TemplateError(`template error: ${message.split("\n")[0]}`, { location: origin, cause: error });
}
function openingBraces(text, line, column) {
  const lines = text.split("\n");
  const offset = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + column;
  const holding = mustaches(text).filter((m) => m.offset <= offset).at(-1);
  return holding ? lineAndColumn(text, holding.offset) : { line, column };
}
var PARSE_ERROR = /^Parse error on line (\d+):\n[\s\S]*\n(Expecting [^\n]*|[^\n]*)$/;
function rejectGoSyntax(text, origin) {
  for (const { offset, body } of mustaches(text)) {
    if (body === void 0 || !isGoSyntax(body))
      continue;
    const { line, column } = lineAndColumn(text, offset);
    const spelling = handlebarsSpelling(body);
    throw new TemplateError(`Go template syntax {{${body}}}: templates here are handlebars${spelling ? `, write ${spelling}` : ""}`, {
      location: at(origin, line, column),
      hint: spelling ? "values.x, environment.name, environment.values.x, release.name; helpers take their arguments after the name: {{quote values.x}}" : "handlebars blocks: {{#if values.x}}\u2026{{else}}\u2026{{/if}}, {{#each values.list}}{{this}}{{/each}}; to pass {{ }} to a chart as text, write \\{{ \u2026 }}"
    });
  }
}
function describeParseError(detail) {
  const got = /got '([^']+)'$/.exec(detail)?.[1];
  if (got === "EOF") {
    return detail.includes("OPEN_ENDBLOCK") ? "the template ends inside a block: a {{/\u2026}} is missing" : "unexpected end of template";
  }
  if (got === "CLOSE")
    return "unexpected }}";
  if (got === "INVALID")
    return "unexpected character inside {{ }} (a }} is missing or malformed?)";
  return got ? `unexpected ${got}` : detail.slice(0, 160);
}
function pathAt(text, line, column) {
  let found;
  const visit = (node) => {
    if (found || node === null || typeof node !== "object")
      return;
    const n = node;
    if (n.type === "PathExpression" && n.loc?.start.line === line && n.loc.start.column === column) {
      found = n.original;
      return;
    }
    for (const value of Object.values(node)) {
      if (Array.isArray(value))
        value.forEach(visit);
      else if (value && typeof value === "object" && value !== n.loc)
        visit(value);
    }
  };
  try {
    visit(handlebars_default.parse(text));
  } catch {
    return void 0;
  }
  return found;
}
function registerHelpers(hb, env) {
  const args = (all) => all.slice(0, -1);
  const opts = (all) => all.at(-1);
  const empty = (v) => v === void 0 || v === null || v === "" || Array.isArray(v) && v.length === 0 || typeof v === "object" && v !== null && !Array.isArray(v) && Object.keys(v).length === 0;
  const text = (v) => typeof v === "string" ? v : v === void 0 || v === null ? "" : String(v);
  const indentBy = (n, v) => {
    const pad = " ".repeat(Number(n));
    return text(v).split("\n").map((l) => l === "" ? l : pad + l).join("\n");
  };
  const helpers = {
    toYaml: (...all) => {
      const [v] = args(all);
      return v === void 0 ? "" : yaml().stringify(v, { lineWidth: 0 }).replace(/\n$/, "");
    },
    toJson: (...all) => JSON.stringify(args(all)[0] ?? null),
    indent: (...all) => indentBy(args(all)[0], args(all)[1]),
    nindent: (...all) => `
${indentBy(args(all)[0], args(all)[1])}`,
    // sprig: default FALLBACK VALUE, where 0 and false count as empty too
    default: (...all) => {
      const [fallback, value] = args(all);
      return empty(value) || value === 0 || value === false ? fallback : value;
    },
    required: (...all) => {
      const [message, value] = args(all);
      if (empty(value))
        throw new TemplateError(text(message) || "a required value is missing", {
          location: helperLocation(opts(all))
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
      if (value !== void 0)
        return value;
      if (fallback !== void 0)
        return fallback;
      throw new TemplateError(`environment variable ${text(name)} is not set`, {
        location: helperLocation(opts(all)),
        hint: `export ${text(name)}, or give a fallback: {{env "${text(name)}" "value"}}`
      });
    },
    eq: (...all) => args(all)[0] === args(all)[1],
    ne: (...all) => args(all)[0] !== args(all)[1],
    lt: (...all) => args(all)[0] < args(all)[1],
    le: (...all) => args(all)[0] <= args(all)[1],
    gt: (...all) => args(all)[0] > args(all)[1],
    ge: (...all) => args(all)[0] >= args(all)[1],
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
    }
  };
  for (const [name, fn] of Object.entries(helpers))
    hb.registerHelper(name, fn);
}
function secretLookup(lookup, options) {
  const location = helperLocation(options);
  const handler = options.data?.root?.__lookups;
  if (lookup.kind === "vault" ? !lookup.path || !lookup.key : !lookup.file || !lookup.key) {
    throw new TemplateError(`${lookup.kind} takes two arguments: {{${lookup.kind} "<${lookup.kind === "vault" ? "path" : "file"}>" "<key>"}}`, {
      location
    });
  }
  if (!handler) {
    throw new TemplateError(`${lookup.kind} lookups are only allowed in values files`, {
      location,
      hint: "move the secret into a release's values file (.hbs)"
    });
  }
  return handler.lookup(lookup, location);
}

export {
  lookupKey,
  createTemplates
};
