import { describe, expect, it } from "vitest";
import { ConfigError, SecretError } from "../../../src/errors.js";
import { envsubst, findRefs, parseRef, positionOf, replaceRefs } from "../../../src/values/refs.js";

const at = { file: "/p/values/app.yaml", line: 3, column: 11 };

describe("parsing ref+ references", () => {
  it.each([
    ["ref+vault://secret/data/app#password", { backend: "vault", path: "secret/data/app", key: "password" }],
    ["ref+vault://secret/app#/password", { backend: "vault", path: "secret/app", key: "password" }],
    ["ref+vault://secret/app#password+", { backend: "vault", path: "secret/app", key: "password" }],
    [
      "ref+sops://environments/prod/secrets.yaml#/db/password",
      { backend: "sops", file: "environments/prod/secrets.yaml", pointer: ["db", "password"] },
    ],
    ["ref+sops://s.yaml#/a~1b/c~0d/0", { backend: "sops", file: "s.yaml", pointer: ["a/b", "c~d", "0"] }],
    ["ref+envsubst://$DB_PASSWORD", { backend: "envsubst", template: "$DB_PASSWORD" }],
    [
      "ref+envsubst://$" + "{USER}:$" + "{PASS}",
      { backend: "envsubst", template: "$" + "{USER}:$" + "{PASS}" },
    ],
  ])("%s", (text, expected) => {
    expect(parseRef(text, at, "apps/web")).toEqual({ text, ...expected });
  });

  it.each([
    ["ref+awssecrets://prod/db#password", 'unknown reference backend "awssecrets"'],
    ["ref+gcpsecrets://p/s", 'unknown reference backend "gcpsecrets"'],
    ["ref+vault://secret#password", "names a mount but no secret under it"],
    ["ref+vault://secret/app", "the key is empty"],
    ["ref+vault://secret/app?address=http://x#password", "query parameters are not supported"],
    ["ref+sops://secrets.yaml", "names no value in the file"],
    ["ref+sops://secrets.yaml#db.password", "names no value in the file"],
    ["ref+vault:secret/app#password", "malformed reference"],
  ])("rejects %s as invalid input naming the release, file and line", (text, message) => {
    const error = (() => {
      try {
        parseRef(text, at, "apps/web");
      } catch (e) {
        return e;
      }
    })() as ConfigError;
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain(message);
    expect(error.message).toContain("(used by apps/web)");
    expect(error.describe("/p")).toMatch(/^values\/app\.yaml:3:11: /);
  });
});

describe("finding and replacing references in values", () => {
  const tree = {
    db: { password: "ref+vault://secret/app#password", host: "db" },
    list: ["ref+envsubst://$TOKEN", "plain", 3],
    note: "see ref+vault://x/y#z inside text", // not exactly a reference: left alone
  };

  it("finds every string that is exactly a reference, with where it is written", () => {
    const found = findRefs(tree, (text) => ({ file: "f.yaml", field: text }), "apps/web");
    expect(found.map((u) => [u.ref.backend, u.at.field])).toEqual([
      ["vault", "ref+vault://secret/app#password"],
      ["envsubst", "ref+envsubst://$TOKEN"],
    ]);
  });

  it("replaces them by their values and keeps everything else", () => {
    const out = replaceRefs(tree, (text) => (text.includes("vault") ? "pw-1" : "tok-1"));
    expect(out).toEqual({
      db: { password: "pw-1", host: "db" },
      list: ["tok-1", "plain", 3],
      note: tree.note,
    });
    expect(tree.db.password).toBe("ref+vault://secret/app#password");
  });

  it("locates a reference in the file text", () => {
    expect(positionOf("a: 1\nb:\n  c: ref+vault://s/a#k\n", "ref+vault://s/a#k")).toEqual({
      line: 3,
      column: 6,
    });
    expect(positionOf("a: 1\n", "ref+x://y")).toBeUndefined();
  });
});

describe("ref+envsubst", () => {
  const ref = (template: string) => ({
    backend: "envsubst" as const,
    text: `ref+envsubst://${template}`,
    template,
  });
  it("expands $VAR and $" + "{VAR}", () => {
    const vars: Record<string, string> = { USER: "app", PASS: "pw-9" };
    expect(envsubst(ref("$" + "{USER}:$PASS"), (n) => vars[n], at)).toEqual({
      value: "app:pw-9",
      variables: ["USER", "PASS"],
    });
  });
  it("refuses an unset variable as a secret error instead of an empty secret", () => {
    expect(() => envsubst(ref("$MISSING"), () => undefined, at)).toThrow(SecretError);
    expect(() => envsubst(ref("$MISSING"), () => undefined, at)).toThrow(
      "environment variable MISSING is not set",
    );
  });
});
