import { describe, expect, it } from "vitest";
import { SecretError } from "../../../../src/errors.js";
import { emitDocument, parseDocument } from "../../../../src/secrets/sops/formats/index.js";
import {
  decryptSops,
  encryptSops,
  formatForPath,
  openSops,
  plaintextOf,
} from "../../../../src/secrets/sops/index.js";
import { fixture, recipient1, recipient2, testKeys, testKeys2 } from "./helpers.js";

describe("format by extension, as sops chooses it", () => {
  it.each([
    ["a.yaml", "yaml"],
    ["a.sops.yml", "yaml"],
    ["a.json", "json"],
    [".env", "dotenv"],
    ["prod.env", "dotenv"],
    ["secrets", "yaml"],
  ])("%s is %s", (path, format) => {
    expect(formatForPath(path)).toBe(format);
  });
});

describe("encrypt then decrypt", () => {
  const cases = {
    "s.yaml": "a: 1\nb:\n  c: [x, 2.5, true]\n  d: null\n",
    "s.json": '{"z": 1, "10": "ten", "2": {"k": [1, "x"]}}\n',
    "s.env": "A=1\nB=two words\nC=line\\nbreak\n",
  };
  it.each(Object.entries(cases))("round-trips %s for each of two recipients", async (file, plain) => {
    const text = await encryptSops(plain, file, { recipients: [recipient1, recipient2] });
    const a = await decryptSops(text, file, testKeys);
    const b = await decryptSops(text, file, testKeys2);
    expect(a.data).toEqual(b.data);
    const reparsed = await openSops(text, file, testKeys);
    expect(plaintextOf(reparsed).length).toBeGreaterThan(0);
  });

  it("keeps JSON key order (integer-like keys included), which the MAC depends on", async () => {
    const text = await encryptSops('{"z": 1, "10": "ten", "2": "two"}', "s.json", {
      recipients: [recipient1],
    });
    const opened = await openSops(text, "s.json", testKeys);
    expect(opened.branch.items.map((i) => (i.kind === "item" ? i.key : "#"))).toEqual(["z", "10", "2"]);
    expect(plaintextOf(opened)).toMatch(/"z"[\s\S]*"10"[\s\S]*"2"/);
  });

  it("encrypts YAML comments and restores them on decrypt", async () => {
    const text = await encryptSops("# about a\na: 1\nb:\n  # about c\n  c: 2\n", "s.yaml", {
      recipients: [recipient1],
    });
    expect(text).not.toContain("about");
    expect(text).toMatch(/#ENC\[AES256_GCM,.*type:comment\]/);
    const plain = plaintextOf(await openSops(text, "s.yaml", testKeys));
    expect(plain).toContain("# about a");
    expect(plain).toContain("# about c");
  });

  it("decrypts the comments sops encrypted", async () => {
    const plain = plaintextOf(await openSops(fixture("sops-encrypted.yaml"), "s.yaml", testKeys));
    expect(plain).toContain("# top comment");
    expect(plain).toContain("# the password");
    expect(plain).not.toContain("ENC[");
  });

  it("refuses to encrypt a file twice", async () => {
    const text = await encryptSops("a: 1\n", "s.yaml", { recipients: [recipient1] });
    await expect(encryptSops(text, "s.yaml", { recipients: [recipient1] })).rejects.toThrow(SecretError);
  });

  it("refuses without recipients, naming the file", async () => {
    await expect(encryptSops("a: 1\n", "s.yaml", { recipients: [] })).rejects.toThrow(
      /no keys to encrypt for/,
    );
  });

  it("rejects a key that cannot decrypt, naming the recipients but no secrets", async () => {
    const text = await encryptSops("a: secretvalue\n", "s.yaml", { recipients: [recipient2] });
    const error = await decryptSops(text, "s.yaml", testKeys).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SecretError);
    expect((error as SecretError).describe()).toContain(recipient2);
    expect((error as SecretError).describe()).not.toContain("secretvalue");
    expect((error as SecretError).describe()).not.toContain("AGE-SECRET-KEY");
  });

  it("rejects a plaintext file as not a SOPS file", async () => {
    await expect(decryptSops("a: 1\n", "p.yaml", testKeys)).rejects.toThrow(/not a SOPS file/);
  });
});

describe("dotenv as sops reads and writes it", () => {
  it("keeps comments, escapes newlines and flattens the metadata into sops_ keys", () => {
    const parsed = parseDocument("# c\nA=x\\ny\n", "a.env", "dotenv");
    expect(parsed.branch.items).toEqual([
      { kind: "comment", text: " c" },
      { kind: "item", key: "A", value: { kind: "scalar", type: "str", value: "x\ny" } },
    ]);
    const text = emitDocument(parsed.branch, "a.env", "dotenv", {
      age: [{ recipient: "age1x", enc: "l1\nl2\n" }],
      version: "3.13.2",
    });
    expect(text).toBe(
      "# c\nA=x\\ny\nsops_age__list_0__map_enc=l1\\nl2\\n\nsops_age__list_0__map_recipient=age1x\nsops_version=3.13.2\n",
    );
    expect(parseDocument(text, "a.env", "dotenv").metadata).toEqual({
      age: [{ recipient: "age1x", enc: "l1\nl2\n" }],
      version: "3.13.2",
    });
  });

  it("rejects a line without = with its line number", () => {
    expect(() => parseDocument("A=1\nnope\n", "a.env", "dotenv")).toThrow(
      expect.objectContaining({ location: { file: "a.env", line: 2 } }),
    );
  });
});

describe("YAML input", () => {
  it("reads a multi-document file as one branch that remembers its documents", () => {
    const parsed = parseDocument("a: 1\n---\nb: 2\nc: 3\n", "m.yaml", "yaml");
    expect(parsed.branch.documents).toEqual([1, 2]);
    expect(emitDocument(parsed.branch, "m.yaml", "yaml")).toBe("a: 1\n---\nb: 2\nc: 3\n");
  });

  it("rejects non-string keys, as sops does", () => {
    expect(() => parseDocument("1: a\n", "k.yaml", "yaml")).toThrow(/only string keys/);
  });

  it("resolves aliases into copies", async () => {
    const text = await encryptSops("base: &b {x: 1}\nother: *b\n", "a.yaml", { recipients: [recipient1] });
    expect((await decryptSops(text, "a.yaml", testKeys)).data).toEqual({ base: { x: 1 }, other: { x: 1 } });
  });
});
