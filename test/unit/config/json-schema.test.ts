import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { projectJsonSchema } from "../../../src/config/schema.js";

describe("the published JSON Schema", () => {
  const committed = JSON.parse(
    readFileSync(new URL("../../../schema/releases.schema.json", import.meta.url), "utf8"),
  );

  it("is the one the validating definition generates (run `npm run build` after changing the schema)", () => {
    expect(committed).toEqual(projectJsonSchema());
  });

  it("describes releases with their fields and rejects unknown keys, as releases does", () => {
    const release = committed.properties.releases.items;
    expect(release.required).toEqual(["name"]);
    expect(release.anyOf).toEqual([{ required: ["chart"] }, { required: ["inherit"] }]);
    expect(Object.keys(release.properties)).toEqual(
      expect.arrayContaining(["needs", "labels", "values", "secrets", "set", "inherit"]),
    );
    expect(release.additionalProperties).toBe(false);
    expect(Object.keys(committed.properties)).toEqual(
      expect.arrayContaining(["include", "templates", "defaults", "releases"]),
    );
  });
});
