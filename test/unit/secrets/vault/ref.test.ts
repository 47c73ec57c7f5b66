import { describe, expect, it } from "vitest";
import { TemplateError } from "../../../../src/errors.js";
import { refKey, vaultRef } from "../../../../src/secrets/vault/ref.js";

describe("Vault references", () => {
  it("are keyed as path#key", () => {
    expect(refKey({ path: "secret/data/app1/db", key: "password" })).toBe("secret/data/app1/db#password");
  });

  it.each([
    { path: "secret/app1/db", expected: "secret/app1/db", why: "a plain path is kept" },
    { path: "/secret/app1/db/", expected: "secret/app1/db", why: "leading and trailing slashes are dropped" },
    { path: " kv1/app1/db ", expected: "kv1/app1/db", why: "surrounding spaces are dropped" },
  ])("$why", ({ path, expected }) => {
    expect(vaultRef(path, "password")).toEqual({ path: expected, key: "password" });
  });

  it.each([
    { path: "", key: "k", why: "empty path" },
    { path: "secret", key: "k", why: "a mount without a secret" },
    { path: "secret//db", key: "k", why: "an empty segment" },
    { path: "secret/../sys/db", key: "k", why: "a parent segment" },
    { path: "secret/db?version=1", key: "k", why: "a query" },
    { path: "secret/db", key: " ", why: "an empty key" },
  ])("rejects $why as a template error at the given location", ({ path, key }) => {
    const location = { file: "values/app1.yaml.hbs", line: 3 };
    expect(() => vaultRef(path, key, location)).toThrow(TemplateError);
    try {
      vaultRef(path, key, location);
    } catch (e) {
      expect((e as TemplateError).location).toEqual(location);
      expect((e as TemplateError).hint).toContain("{{vault");
    }
  });
});
