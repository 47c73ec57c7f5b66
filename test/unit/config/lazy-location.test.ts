// A plain file's locations are worked out on first read (lazyLocation), yet
// read, copied and printed exactly like the eager ones of the `yaml` path.
import { describe, expect, it } from "vitest";
import { parseYaml, parseYamlDocument } from "../../../src/config/yaml-source.js";

const text = `releases:
  - name: web
    chart: ./charts/web
    labels:
      tier: "{{values.tier}}"
`;

describe("lazy locations", () => {
  const paths = [
    [],
    ["releases", 0],
    ["releases", 0, "chart"],
    ["releases", 0, "labels", "tier"],
    ["releases", 0, "missing", "deeper"],
    ["nowhere"],
  ];

  it.each(paths.map((p) => [p.join("."), p]))("at %s print, copy and compare as eager ones", (_, path) => {
    for (const options of [{}, { key: true }, { content: true }]) {
      const lazy = parseYaml(text, "releases.yaml").locate(path, options);
      const eager = parseYamlDocument(text, "releases.yaml").locate(path, options);
      expect(JSON.stringify(lazy)).toBe(JSON.stringify(eager));
      expect({ ...lazy }).toEqual({ ...eager });
      expect(lazy.line).toBe(eager.line);
    }
  });

  it("point at the line and column of the field", () => {
    const at = parseYaml(text, "releases.yaml").locate(["releases", 0, "labels", "tier"], { content: true });
    expect({ ...at }).toEqual({
      file: "releases.yaml",
      line: 5,
      column: 14,
      field: "releases[0].labels.tier",
    });
  });
});
