import { describe, expect, it } from "vitest";
import { consumes, normaliseVaultPath, parseVaultTarget } from "../../../src/run/consumers.js";

describe("which releases consume a secret", () => {
  const consumed = [
    "sops:environments/dev/app2.sops.yaml#database.password",
    "vault:secret/data/app1/db#password",
  ];

  it.each([
    [{ kind: "sops" as const, file: "environments/dev/app2.sops.yaml" }, true],
    [{ kind: "sops" as const, file: "environments/dev/database.sops.yaml" }, false],
    [{ kind: "vault" as const, path: "secret/data/app1/db", key: "password" }, true],
    [{ kind: "vault" as const, path: "secret/app1/db", key: "password" }, true],
    [{ kind: "vault" as const, path: "/secret/app1/db/", key: "password" }, true],
    [{ kind: "vault" as const, path: "secret/app1/db", key: "username" }, false],
    [{ kind: "vault" as const, path: "secret/app2/db", key: "password" }, false],
  ])("%j → %s", (target, expected) => {
    expect(consumes(consumed, target)).toBe(expected);
  });

  it("treats a KV v2 path with and without data/ as one secret, and leaves other paths alone", () => {
    expect(normaliseVaultPath("secret/data/app1/db")).toBe("secret/app1/db");
    expect(normaliseVaultPath("kv1/app1/data/x")).toBe("kv1/app1/data/x");
  });

  it("parses path#key and rejects what is not", () => {
    expect(parseVaultTarget("secret/data/app1/db#password")).toEqual({
      path: "secret/data/app1/db",
      key: "password",
    });
    expect(parseVaultTarget("secret/app1/db")).toBeUndefined();
    expect(parseVaultTarget("#password")).toBeUndefined();
    expect(parseVaultTarget("secret/app1/db#")).toBeUndefined();
  });
});
