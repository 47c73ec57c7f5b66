import { describe, expect, it } from "vitest";
import { SecretError } from "../../../../src/errors.js";
import { encryptSops, parseSopsConfig, ruleForFile } from "../../../../src/secrets/sops/index.js";
import { compileRules, type EncryptionRules } from "../../../../src/secrets/sops/tree.js";
import { recipient1, recipient2 } from "./helpers.js";

describe("which values are encrypted", () => {
  it.each<[EncryptionRules, string[], boolean, string]>([
    [{ unencryptedSuffix: "_unencrypted" }, ["db", "password"], true, "everything by default"],
    [{ unencryptedSuffix: "_unencrypted" }, ["user_unencrypted"], false, "a key with the unencrypted suffix"],
    [
      { unencryptedSuffix: "_unencrypted" },
      ["cfg_unencrypted", "password"],
      false,
      "anything below such a key",
    ],
    [{ encryptedSuffix: "_secret" }, ["password"], false, "encrypted_suffix: others stay plain"],
    [{ encryptedSuffix: "_secret" }, ["db_secret", "x"], true, "encrypted_suffix on a parent key"],
    [{ encryptedRegex: "^(data|stringData)$" }, ["data", "x"], true, "encrypted_regex match"],
    [{ encryptedRegex: "^(data|stringData)$" }, ["metadata", "name"], false, "encrypted_regex miss"],
    [{ unencryptedRegex: "^name$" }, ["meta", "name"], false, "unencrypted_regex on any path key"],
    [{ unencryptedRegex: "(?i)^NAME$" }, ["name"], false, "a Go (?i) flag group"],
  ])("%j at %j → %s (%s)", (rules, path, expected) => {
    expect(compileRules(rules).shouldEncrypt(path, [[]], false)).toBe(expected);
  });

  it("encrypted_comment_regex encrypts what follows a matching comment, not the comment itself", () => {
    const rules = compileRules({ encryptedCommentRegex: "sops:enc" });
    expect(rules.shouldEncrypt(["a"], [["sops:enc"]], false)).toBe(true);
    expect(rules.shouldEncrypt(["a"], [["sops:enc"]], true)).toBe(false);
    expect(rules.shouldEncrypt(["a"], [[]], false)).toBe(false);
  });

  it("encrypted_suffix leaves other values readable in the file", async () => {
    const text = await encryptSops("password_secret: p\nhost: h\n", "a.yaml", {
      recipients: [recipient1],
      rules: { encryptedSuffix: "_secret" },
    });
    expect(text).toContain("host: h");
    expect(text).not.toMatch(/password_secret: p\b/);
    expect(text).toContain("encrypted_suffix: _secret");
    expect(text).not.toContain("unencrypted_suffix");
  });

  it("refuses two key rules at once", async () => {
    await expect(
      encryptSops("a: 1\n", "a.yaml", {
        recipients: [recipient1],
        rules: { encryptedSuffix: "_s", encryptedRegex: "x" },
      }),
    ).rejects.toThrow(SecretError);
  });
});

describe(".sops.yaml creation rules", () => {
  const config = parseSopsConfig(
    `creation_rules:
  - path_regex: ^environments/production/.*\\.yaml$
    age: ${recipient1}, ${recipient2}
    encrypted_regex: ^(data|password)$
  - path_regex: \\.env$
    key_groups:
      - age:
          - ${recipient2}
    mac_only_encrypted: true
  - age: ${recipient1}
`,
    "/p/.sops.yaml",
  );

  it.each([
    ["/p/environments/production/db.yaml", 0],
    ["/p/environments/staging/db.yaml", 2],
    ["/p/app/.env", 1],
  ])("%s uses rule %d (path relative to the config's directory)", (file, index) => {
    expect(ruleForFile(config, "/p", file).index).toBe(index);
  });

  it("reads comma-separated and listed age recipients and the rule options", () => {
    const age = (id: string) => ({ type: "age", id });
    expect(config.creationRules[0]).toMatchObject({
      groups: [[age(recipient1), age(recipient2)]],
      rules: { encryptedRegex: "^(data|password)$" },
    });
    expect(config.creationRules[1]).toMatchObject({
      groups: [[age(recipient2)]],
      rules: { macOnlyEncrypted: true },
    });
  });

  it("reads pgp fingerprints, Vault transit URIs, and key groups with a Shamir threshold", () => {
    const rules = parseSopsConfig(
      `creation_rules:
  - path_regex: ^flat/
    pgp: "85D7 7543 B3D6 24B6 3CEA 9E6D BC17 301B 491B 3F21, FBC7B9E2A4F9289AC0C1D4843D16CEE4A27381B4"
    hc_vault_transit_uri: http://127.0.0.1:8200/v1/transit/keys/sops
    age: ${recipient1}
  - key_groups:
      - age: [${recipient1}]
        pgp: [FBC7B9E2A4F9289AC0C1D4843D16CEE4A27381B4]
      - hc_vault: [http://127.0.0.1:8200/v1/transit/keys/sops]
      - age: [${recipient2}]
    shamir_threshold: 2
`,
      "/p/.sops.yaml",
    ).creationRules;
    expect(rules[0]!.groups).toEqual([
      [
        { type: "age", id: recipient1 },
        { type: "pgp", id: "85D7 7543 B3D6 24B6 3CEA 9E6D BC17 301B 491B 3F21" },
        { type: "pgp", id: "FBC7B9E2A4F9289AC0C1D4843D16CEE4A27381B4" },
        { type: "hc_vault", id: "http://127.0.0.1:8200/v1/transit/keys/sops" },
      ],
    ]);
    expect(rules[1]).toMatchObject({
      shamirThreshold: 2,
      groups: [
        [
          { type: "age", id: recipient1 },
          { type: "pgp", id: "FBC7B9E2A4F9289AC0C1D4843D16CEE4A27381B4" },
        ],
        [{ type: "hc_vault", id: "http://127.0.0.1:8200/v1/transit/keys/sops" }],
        [{ type: "age", id: recipient2 }],
      ],
    });
  });

  it("refuses a Shamir threshold above the number of groups", () => {
    expect(() =>
      parseSopsConfig(
        `creation_rules:\n  - key_groups: [{age: [${recipient1}]}, {age: [${recipient2}]}]\n    shamir_threshold: 3\n`,
        "/p/.sops.yaml",
      ),
    ).toThrow(
      expect.objectContaining({
        location: { file: "/p/.sops.yaml", field: "creation_rules[0].shamir_threshold" },
      }),
    );
  });

  it("fails naming the file when no rule matches", () => {
    const only = parseSopsConfig(
      `creation_rules:\n  - path_regex: ^x/\n    age: ${recipient1}\n`,
      "/p/.sops.yaml",
    );
    expect(() => ruleForFile(only, "/p", "/p/y/a.yaml")).toThrow(
      expect.objectContaining({ location: expect.objectContaining({ file: "/p/y/a.yaml" }) }),
    );
  });

  it("points at the field of a malformed rule", () => {
    expect(() => parseSopsConfig("creation_rules:\n  - age: 42\n", "/p/.sops.yaml")).toThrow(
      expect.objectContaining({ location: { file: "/p/.sops.yaml", field: "creation_rules[0].age" } }),
    );
  });
});
