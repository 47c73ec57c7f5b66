import { describe, expect, it } from "vitest";
import { parsePullReport } from "../../../src/charts/oci-versions.js";
import { parseIndex } from "../../../src/charts/repository-index.js";
import { ConfigError } from "../../../src/errors.js";

describe("a repository's index.yaml", () => {
  it("lists every version of every chart with its archive's digest", () => {
    const index = parseIndex(
      [
        "apiVersion: v1",
        "entries:",
        "  paced:",
        "    - { name: paced, version: 0.1.1, digest: abc123 }",
        "    - { name: paced, version: 0.1.0 }",
        "  empty: null",
        "generated: '2026-12-01T00:00:00Z'",
      ].join("\n"),
      "http://repo",
    );
    expect(index.get("paced")).toEqual([
      { version: "0.1.1", digest: "sha256:abc123" },
      { version: "0.1.0", digest: "" },
    ]);
    expect(index.get("empty")).toEqual([]);
  });

  it("is refused when it is not an index", () => {
    expect(() => parseIndex("<html>", "http://repo")).toThrow(ConfigError);
    expect(() => parseIndex("a: [", "http://repo")).toThrow(/not a chart repository index/);
  });
});

describe("helm pull's report of an OCI chart", () => {
  it("gives the version pulled and the manifest digest", () => {
    const digest = `sha256:${"0123456789abcdef".repeat(4)}`;
    expect(parsePullReport(`Pulled: registry.acme.dev:5000/charts/app:1.4.2\nDigest: ${digest}\n`)).toEqual({
      version: "1.4.2",
      digest,
    });
    expect(parsePullReport("something else")).toBeUndefined();
  });
});
