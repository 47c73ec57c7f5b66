// parseYaml reads plain files through a fast parser and everything else through
// `yaml`; both must give the same data, and the same errors with positions.
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { type FieldPath, parseYaml, parseYamlDocument } from "../../../src/config/yaml-source.js";
import { ConfigError } from "../../../src/errors.js";

/** What `yaml` alone makes of `text` (the reference), or "error". */
function reference(text: string): unknown {
  const doc = parseDocument(text, { merge: true, uniqueKeys: true });
  if (doc.errors.length > 0) return "error";
  try {
    return doc.toJS({ maxAliasCount: 1000 });
  } catch {
    return "error"; // an undefined alias
  }
}

function parsed(text: string): unknown {
  try {
    return parseYaml(text, "values.yaml").data;
  } catch (error) {
    if (error instanceof ConfigError) return "error";
    throw error;
  }
}

const SCALARS = [
  ...[
    "1",
    "-1",
    "+1",
    "0",
    "-0",
    "017",
    "0o17",
    "0O17",
    "0x1F",
    "0X1f",
    "0b101",
    "1_000",
    "9007199254740993",
  ],
  ...[
    "1e3",
    "1E3",
    "1.",
    ".5",
    "-.5",
    "1.5e-3",
    "1e",
    "e3",
    ".inf",
    "-.inf",
    ".Inf",
    ".nan",
    ".NaN",
    "nan",
    "0.",
  ],
  ...[
    "true",
    "True",
    "TRUE",
    "tRue",
    "yes",
    "no",
    "on",
    "off",
    "y",
    "n",
    "null",
    "Null",
    "NULL",
    "nULL",
    "~",
    "",
  ],
  ...["2001-12-14", "2001-12-14t21:59:43.10-05:00", "12:30", "1:20:30", "0.1.2", "1,000", "'q'", '"d"', "<<"],
  ...[
    "!!str 1",
    '!!int "3"',
    "!!float 3",
    "!!bool true",
    "!foo bar",
    "!!binary aGVsbG8=",
    "a #c",
    "a#b",
    "ü",
  ],
];

const DOCUMENTS = [
  "a: &x {b: 1}\nc:\n  <<: *x\n  d: 2\n",
  "a: &x {b: 1}\nc:\n  <<: [*x, {e: 3}]\n  b: 2\n",
  "'<<': 1\n",
  "1: a\n'1': b\n",
  "__proto__: {x: 1}\n",
  "%YAML 1.1\n---\na: yes\n",
  "",
  "# only a comment\n",
  "---\n",
  "a: |\n  x\n  y\n",
  "a: >-\n  x\n  y\n\n  z\n",
  'a: "\\x41\\u00e9\\U0001F600\\N\\_"\n',
  "a: 'it''s'\n",
  "a: b c\n  d\n",
  "a: [1, 2,]\n",
  "a: [a: 1]\n",
  "a: &a 1\nb: *a\n",
  "a:\n- 1\n- 2\n",
  "a:\n  - b: 1\n    c: 2\n",
  "a: 'multi\n  line'\n",
  'a: "x\\\n  y"\n',
  "? a\n",
  "null: 1\n~: 2\ntrue: 3\n1.5: 4\n",
  "a: [b, [c, {d: e}]]\n",
  // errors in both
  "a: 1\na: 2\n",
  "a:\tb\n\tc: d\n",
  "a: *nope\n",
  "---\na: 1\n---\nb: 2\n",
  "a: b: c\n",
  "a: @b\n",
  "a:\n  b: 1\n c: 2\n",
];

describe("the fast path parses exactly as yaml does", () => {
  it.each(SCALARS.flatMap((s) => [`k: ${s}\n`, `- ${s}\n`, `{k: ${s}}\n`]))("%j", (text) => {
    expect(parsed(text)).toEqual(reference(text));
  });
  it.each(DOCUMENTS)("%j", (text) => {
    expect(parsed(text)).toEqual(reference(text));
  });
});

describe("errors keep yaml's positions", () => {
  it("a duplicate key names its line and column", () => {
    expect(() => parseYaml("a: 1\nb:\n  c: 1\n  c: 2\n", "v.yaml")).toThrow(
      expect.objectContaining({
        message: "YAML syntax error: Map keys must be unique",
        location: { file: "v.yaml", line: 4, column: 3 },
      }),
    );
  });

  it("an alias to an undefined anchor is a syntax error", () => {
    expect(() => parseYaml("a: *nope\n", "v.yaml")).toThrow(
      expect.objectContaining({
        message: "YAML syntax error: Unresolved alias (the anchor must be set before the alias): nope",
        location: { file: "v.yaml" },
      }),
    );
  });

  it("locate finds a value parsed by the fast path", () => {
    const source = parseYaml("a: 1\nlist:\n  - x\n  - {y: 2}\n", "v.yaml");
    expect(source.locate(["list", 1, "y"])).toEqual({
      file: "v.yaml",
      line: 4,
      column: 9,
      field: "list[1].y",
    });
  });
});

describe("a large map loads in linear time", () => {
  // A duplicate sends the file through `yaml` (about a second here on a loaded machine).
  it("a 20,000-key map with a duplicate at its end reports the duplicate", { timeout: 60_000 }, () => {
    const keys = Array.from({ length: 20_000 }, (_, i) => `k${i}: ${i}`);
    const text = `${keys.join("\n")}\nk7: again\n`;
    expect(() => parseYaml(text, "v.yaml")).toThrow(
      expect.objectContaining({ location: { file: "v.yaml", line: 20_001, column: 1 } }),
    );
  });
});

/** Every path into `data`, parents first. */
function pathsOf(data: unknown, prefix: FieldPath = []): FieldPath[] {
  const out: FieldPath[] = [prefix];
  if (Array.isArray(data)) {
    for (const [i, v] of data.entries()) out.push(...pathsOf(v, [...prefix, i]));
  } else if (data !== null && typeof data === "object") {
    for (const [k, v] of Object.entries(data)) out.push(...pathsOf(v, [...prefix, k]));
  }
  return out;
}

const PROJECTS = fileURLToPath(new URL("../../fixtures/projects/", import.meta.url));
const POSITIONED = [
  ...readdirSync(PROJECTS)
    .filter((name) => !["duplicate-key", "yaml-syntax"].includes(name)) // those do not parse
    .map((name) => ({ name, text: readFileSync(`${PROJECTS}${name}/releases.yaml`, "utf8") })),
  {
    name: "every style",
    text: [
      "plain: value",
      "'single': 'it''s'",
      '"double": "a\\tb"',
      "block: |",
      "  line one",
      "  line two",
      "folded: >-",
      "  folded text",
      "anchored: &anchor {x: 1, 'y': [a, \"b\"]}",
      "alias: *anchor",
      "merged:",
      "  <<: *anchor",
      "  z: 3",
      "list:",
      "- a",
      "- - nested",
      "  - {k: v}",
      "-   spaced: 1",
      "    more: [1, 2]",
      "empty:",
      "nulls: ~",
      "? explicit",
      ": value",
      '"quoted key": 1',
      "# comment",
      "after: comment # trailing",
    ].join("\n"),
  },
];

describe("positions from the fast path are yaml's", () => {
  it.each(POSITIONED)("$name: every path, its key and its quoted content", ({ text }) => {
    const fast = parseYaml(text, "f.yaml");
    const reference = parseYamlDocument(text, "f.yaml");
    for (const path of pathsOf(reference.data)) {
      for (const options of [{}, { key: true }, { content: true }]) {
        expect({ path, options, at: fast.locate(path, options) }).toEqual({
          path,
          options,
          at: reference.locate(path, options),
        });
      }
    }
  });
});
