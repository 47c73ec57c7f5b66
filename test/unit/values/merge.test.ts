import { describe, expect, it } from "vitest";
import { ConfigError, UsageError } from "../../../src/errors.js";
import {
  getPath,
  helmValuesDocument,
  mergeLayers,
  mergeValues,
  parseSetPath,
  setPath,
} from "../../../src/values/merge.js";

describe("layering values the way helm does", () => {
  it.each([
    {
      why: "maps merge deeply",
      layers: [{ a: { b: 1, c: { d: 2 } } }, { a: { c: { e: 3 } } }],
      merged: { a: { b: 1, c: { d: 2, e: 3 } } },
    },
    {
      why: "lists are replaced, not concatenated",
      layers: [{ hosts: ["a", "b"] }, { hosts: ["c"] }],
      merged: { hosts: ["c"] },
    },
    {
      why: "a list of maps is replaced whole",
      layers: [{ env: [{ name: "A", value: "1" }] }, { env: [{ name: "B" }] }],
      merged: { env: [{ name: "B" }] },
    },
    {
      why: "null is kept so helm deletes the chart default",
      layers: [{ resources: { limits: { cpu: "1" } } }, { resources: { limits: null } }],
      merged: { resources: { limits: null } },
    },
    {
      why: "a later map replaces an earlier scalar",
      layers: [{ a: "text" }, { a: { b: 1 } }],
      merged: { a: { b: 1 } },
    },
    {
      why: "a later scalar replaces an earlier map",
      layers: [{ a: { b: 1 } }, { a: 2 }],
      merged: { a: 2 },
    },
    {
      why: "later layers win over earlier ones",
      layers: [{ replicas: 1, tag: "a" }, { replicas: 2 }, { replicas: 3 }],
      merged: { replicas: 3, tag: "a" },
    },
    {
      why: "a map over null fills it again",
      layers: [{ a: null }, { a: { b: 1 } }],
      merged: { a: { b: 1 } },
    },
    { why: "no layers is an empty map", layers: [], merged: {} },
  ])("$why", ({ layers, merged }) => {
    expect(mergeLayers(layers)).toEqual(merged);
  });

  it("modifies neither input", () => {
    const base = { a: { b: 1 } };
    const overlay = { a: { c: 2 } };
    mergeValues(base, overlay);
    expect(base).toEqual({ a: { b: 1 } });
    expect(overlay).toEqual({ a: { c: 2 } });
  });
});

describe("set paths like helm --set", () => {
  it.each([
    { path: "image.tag", parts: ["image", "tag"] },
    { path: "a\\.b", parts: ["a.b"] },
    { path: "annotations.kubernetes\\.io/role", parts: ["annotations", "kubernetes.io/role"] },
    { path: "list[1].x", parts: ["list", 1, "x"] },
    { path: "list[0]", parts: ["list", 0] },
    { path: "m[2][3]", parts: ["m", 2, 3] },
    { path: "single", parts: ["single"] },
    { path: "a\\,b\\=c", parts: ["a,b=c"] },
  ])("parses $path", ({ path, parts }) => {
    expect(parseSetPath(path)).toEqual(parts);
  });

  it.each([
    { path: "a..b", message: 'set: empty segment in "a..b"' },
    { path: ".a", message: 'set: empty segment in ".a"' },
    { path: "list[x]", message: 'set: bad list index in "list[x]"' },
    { path: "list[-1]", message: 'set: bad list index in "list[-1]"' },
    { path: "list[1", message: 'set: bad list index in "list[1"' },
    { path: "list[1]x", message: 'set: unexpected "x" after a list index in "list[1]x"' },
    { path: "[0]", message: 'set: bad list index in "[0]"' },
    { path: "a.", message: 'set: empty segment in "a."' },
    { path: "list[70000]", message: "list index 70000 is over helm's maximum of 65536" },
  ])("rejects $path", ({ path, message }) => {
    expect(() => parseSetPath(path)).toThrow(UsageError);
    expect(() => parseSetPath(path)).toThrow(message);
  });

  it.each([
    {
      why: "writes a nested key and keeps its siblings",
      values: { image: { repository: "nginx", tag: "1.0" } },
      path: "image.tag",
      value: "2.0",
      result: { image: { repository: "nginx", tag: "2.0" } },
    },
    {
      why: "creates missing maps",
      values: {},
      path: "a.b.c",
      value: 1,
      result: { a: { b: { c: 1 } } },
    },
    {
      why: "writes a key with a literal dot",
      values: {},
      path: "labels.app\\.kubernetes\\.io/name",
      value: "web",
      result: { labels: { "app.kubernetes.io/name": "web" } },
    },
    {
      why: "writes into a list element, keeping the others",
      values: {
        list: [
          { x: 1, y: 1 },
          { x: 2, y: 2 },
        ],
      },
      path: "list[1].x",
      value: 9,
      result: {
        list: [
          { x: 1, y: 1 },
          { x: 9, y: 2 },
        ],
      },
    },
    {
      why: "pads a short list with nulls like helm",
      values: {},
      path: "list[2]",
      value: "c",
      result: { list: [null, null, "c"] },
    },
    {
      why: "replaces a list element that is not a map by a map, as helm does",
      values: { list: ["x", "y"] },
      path: "list[1].b",
      value: true,
      result: { list: ["x", { b: true }] },
    },
    {
      why: "writes into nested lists",
      values: { m: [[1, 2]] },
      path: "m[0][1]",
      value: 9,
      result: { m: [[1, 9]] },
    },
    {
      why: "replaces a whole list or map by a value",
      values: { list: [1, 2], map: { a: 1 } },
      path: "list",
      value: "flat",
      result: { list: "flat", map: { a: 1 } },
    },
    {
      why: "can set null to delete a chart default",
      values: { resources: { limits: { cpu: 1 } } },
      path: "resources.limits",
      value: null,
      result: { resources: { limits: null } },
    },
  ])("$why", ({ values, path, value, result }) => {
    const before = structuredClone(values);
    expect(setPath(values, path, value)).toEqual(result);
    expect(values).toEqual(before);
  });

  it.each([
    { why: "a key under a list", values: { ports: [80] }, path: "ports.http", found: '"ports" is a list' },
    {
      why: "a key under a string",
      values: { image: "nginx" },
      path: "image.tag",
      found: '"image" is a string',
    },
    {
      why: "a key under a null",
      values: { resources: null },
      path: "resources.cpu",
      found: '"resources" is null',
    },
    { why: "an index into a map", values: { env: { A: "1" } }, path: "env[0]", found: '"env" is a map' },
    { why: "an index into a number", values: { n: 3 }, path: "n[0].x", found: '"n" is a number' },
    {
      why: "a key under a list inside a list",
      values: { a: [{ b: [1] }] },
      path: "a[0].b.c",
      found: '"a[0].b" is a list',
    },
    {
      why: "an index into a nested non-list",
      values: { m: [3] },
      path: "m[0][1]",
      found: '"m[0]" is a number',
    },
  ])("refuses $why, as helm does, naming the release and the path", ({ values, path, found }) => {
    const at = { file: "/p/releases.yaml", line: 3, field: "releases[0] (web)" };
    let error: unknown;
    try {
      setPath(values, path, "x", { release: "apps/web", location: at });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toMatch(
      new RegExp(
        `^set "${path.replace(/[[\].]/g, "\\$&")}" of release apps/web: ${found.replace(/[[\].]/g, "\\$&")} in the values, so helm --set cannot`,
      ),
    );
    expect((error as ConfigError).location).toEqual(at);
  });

  it("set wins over every layer", () => {
    const merged = mergeLayers([
      { image: { tag: "env" } },
      { image: { tag: "release" } },
      { image: { tag: "secret" } },
    ]);
    expect(setPath(merged, "image.tag", "set")).toEqual({ image: { tag: "set" } });
  });
});

describe("getPath", () => {
  it.each([
    { path: "a.b", value: 1 },
    { path: "a", value: { b: 1 } },
    { path: "a.c", value: undefined },
    { path: "a.b.c", value: undefined },
    { path: "x", value: undefined },
  ])("reads $path", ({ path, value }) => {
    expect(getPath({ a: { b: 1 } }, path)).toEqual(value);
  });
});

describe("the values document piped to helm", () => {
  it("is JSON, so strings YAML 1.1 would retype (yes, n, 0777, 1_000) stay strings", () => {
    const values = {
      s: ["yes", "n", "0777", "1_000", "~", "multi\nline", "\u2028"],
      n: 1.5,
      z: null,
      m: { "": 1 },
    };
    const text = helmValuesDocument(values);
    expect(text).toBe(`${JSON.stringify(values)}\n`);
    expect(JSON.parse(text)).toEqual(values);
  });

  it("falls back to YAML for NaN and infinities, which JSON cannot hold", () => {
    expect(helmValuesDocument({ a: Number.NaN, b: Number.POSITIVE_INFINITY })).toBe("a: .nan\nb: .inf\n");
  });
});
