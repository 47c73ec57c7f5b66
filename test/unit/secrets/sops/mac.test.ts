import { describe, expect, it } from "vitest";
import { SecretError } from "../../../../src/errors.js";
import { decryptSops } from "../../../../src/secrets/sops/index.js";
import { fixture, testKeys } from "./helpers.js";

// sops-encrypted.* were written by the real sops 3.13.2 (see test/fixtures/sops/README.md).
const yaml = fixture("sops-encrypted.yaml");
const json = fixture("sops-encrypted.json");
const env = fixture("sops-encrypted.env");

async function rejection(text: string, file = "secrets.yaml"): Promise<SecretError> {
  const error = await decryptSops(text, file, testKeys).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SecretError);
  return error as SecretError;
}

const lineOf = (text: string, key: string) =>
  text.split("\n").find((l) => l.trimStart().startsWith(`${key}:`))!;

describe("decrypting a file sops wrote", () => {
  it.each([
    ["yaml", yaml],
    ["json", json],
    ["env", env],
  ])("verifies the MAC and returns typed values (%s)", async (ext, text) => {
    const { data } = await decryptSops(text, `secrets.${ext}`, testKeys);
    if (ext === "yaml") {
      expect(data).toMatchObject({
        db: {
          password: "hunter2",
          port: 5432,
          ratio: 1.5,
          whole: 2,
          enabled: true,
          empty: "",
          nothing: null,
        },
        list: ["a", 1, { nested: "x" }],
        multi: "line1\nline2\n",
      });
      expect((data.db as Record<string, unknown>).user_unencrypted).toBe("admin");
    } else if (ext === "json") {
      expect(data).toEqual({
        b: "x",
        a: { n: 42, f: 1.25, t: false, l: [1, "two", { k: "v" }] },
        "10": "ten",
        "2": "two",
      });
    } else {
      expect(data).toEqual({
        API_KEY: "abc123",
        MULTI: "line1\nline2",
        EMPTY: "",
        PLAIN_unencrypted: "visible",
      });
    }
  });
});

describe("the MAC rejects a file whose values were", () => {
  it("altered (an unencrypted value changed)", async () => {
    const error = await rejection(yaml.replace("user_unencrypted: admin", "user_unencrypted: root"));
    expect(error.message).toContain("MAC mismatch");
    expect(error.location?.file).toBe("secrets.yaml");
  });

  it("altered (ciphertext bytes changed) — the value itself fails to authenticate", async () => {
    const line = lineOf(yaml, "password");
    const tampered = line.replace(/data:(.)/, (_, c: string) => `data:${c === "A" ? "B" : "A"}`);
    const error = await rejection(yaml.replace(line, tampered));
    expect(error.location?.field).toBe("db.password");
  });

  it("added (a new unencrypted key)", async () => {
    const error = await rejection(yaml.replace("multi:", "extra_unencrypted: x\nmulti:"));
    expect(error.message).toContain("MAC mismatch");
  });

  it("added (an encrypted value copied under a new key)", async () => {
    const copy = lineOf(yaml, "password").replace("password:", "password2:");
    await rejection(yaml.replace(lineOf(yaml, "password"), `${lineOf(yaml, "password")}\n${copy}`));
  });

  it("removed (an encrypted key)", async () => {
    const error = await rejection(yaml.replace(`${lineOf(yaml, "port")}\n`, ""));
    expect(error.message).toContain("MAC mismatch");
  });

  it("removed (an unencrypted key)", async () => {
    await rejection(yaml.replace(`${lineOf(yaml, "user_unencrypted")}\n`, ""));
  });

  it("reordered (two keys swapped with their values)", async () => {
    const port = lineOf(yaml, "port");
    const ratio = lineOf(yaml, "ratio");
    const swapped = yaml.replace(`${port}\n${ratio}`, `${ratio}\n${port}`);
    expect(swapped).not.toBe(yaml);
    const error = await rejection(swapped);
    expect(error.message).toContain("MAC mismatch");
  });

  it("reordered in a dotenv file", async () => {
    const lines = env.split("\n");
    const a = lines.findIndex((l) => l.startsWith("API_KEY="));
    const m = lines.findIndex((l) => l.startsWith("MULTI="));
    [lines[a], lines[m]] = [lines[m]!, lines[a]!];
    const error = await rejection(lines.join("\n"), "secrets.env");
    expect(error.message).toContain("MAC mismatch");
  });

  it("moved (one key's ciphertext put under another key)", async () => {
    const line = lineOf(json, '"n"').replace('"n"', '"nn"');
    await rejection(json.replace(lineOf(json, '"n"'), line), "secrets.json");
  });

  it("never shows a value in the error", async () => {
    const errors = [
      await rejection(yaml.replace("user_unencrypted: admin", "user_unencrypted: root")),
      await rejection(
        yaml.replace(lineOf(yaml, "password"), lineOf(yaml, "password").replace("type:str", "type:int")),
      ),
    ];
    for (const e of errors) {
      for (const secret of ["hunter2", "5432", "admin", "root", "line1"])
        expect(e.describe()).not.toContain(secret);
    }
  });

  it("has a MAC that is missing", async () => {
    const mac = lineOf(yaml, "mac");
    const error = await rejection(yaml.replace(mac, "    mac: ''"));
    expect(error.message).toContain("MAC mismatch");
  });

  it("has a lastmodified changed after encryption", async () => {
    const lm = lineOf(yaml, "lastmodified");
    await rejection(yaml.replace(lm, '    lastmodified: "2020-01-01T00:00:00Z"'));
  });
});
