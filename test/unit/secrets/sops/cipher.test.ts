import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  decryptValue,
  encryptValue,
  formatFloat,
  parseEncrypted,
  ValueCipherError,
} from "../../../../src/secrets/sops/cipher.js";
import type { SopsScalar } from "../../../../src/secrets/sops/tree.js";

const key = randomBytes(32);
const s = <T extends SopsScalar["type"]>(type: T, value: Extract<SopsScalar, { type: T }>["value"]) =>
  ({ kind: "scalar", type, value }) as SopsScalar;

describe("the SOPS value cipher", () => {
  it.each([
    [s("str", "hunter2"), "str"],
    [s("str", "multi\nline ünïcode"), "str"],
    [s("int", 5432n), "int"],
    [s("int", -9007199254740993n), "int"],
    [s("float", 1.5), "float"],
    [s("bool", true), "bool"],
    [s("bool", false), "bool"],
  ])("round-trips %o with type %s", (plain, type) => {
    const text = encryptValue(plain, key, "db:password:");
    expect(text).toMatch(new RegExp(`^ENC\\[AES256_GCM,data:[^,]*,iv:[^,]+,tag:[^,]+,type:${type}\\]$`));
    expect(decryptValue(text, key, "db:password:")?.plain).toEqual(plain);
  });

  it("uses a 32-byte nonce and a 16-byte tag", () => {
    const enc = parseEncrypted(encryptValue(s("str", "x"), key, "a:"))!;
    expect(enc.iv.length).toBe(32);
    expect(enc.tag.length).toBe(16);
  });

  it("encrypts booleans as True/False, as the Python and Go versions do", () => {
    const enc = parseEncrypted(encryptValue(s("bool", true), key, "a:"))!;
    expect(enc.data.length).toBe("True".length);
  });

  it("leaves empty strings unencrypted", () => {
    expect(encryptValue(s("str", ""), key, "a:")).toBe("");
    expect(decryptValue("", key, "a:")).toBeUndefined();
  });

  it("binds a value to its path: another path's additional data fails", () => {
    const text = encryptValue(s("str", "v"), key, "a:b:");
    expect(() => decryptValue(text, key, "a:c:")).toThrow(ValueCipherError);
  });

  it("fails with the wrong key without revealing the value", () => {
    const text = encryptValue(s("str", "topsecret"), key, "a:");
    expect(() => decryptValue(text, randomBytes(32), "a:")).toThrow(ValueCipherError);
    try {
      decryptValue(text, randomBytes(32), "a:");
    } catch (e) {
      expect(String(e)).not.toContain("topsecret");
    }
  });

  it("keeps the ciphertext when re-encrypting with the same IV (edit keeps diffs small)", () => {
    const first = encryptValue(s("str", "v"), key, "a:");
    const iv = parseEncrypted(first)!.iv;
    expect(encryptValue(s("str", "v"), key, "a:", iv)).toBe(first);
  });

  it("rejects text that is not in the encrypted form", () => {
    expect(() => decryptValue("plain", key, "a:")).toThrow(ValueCipherError);
  });
});

describe("formatFloat follows Go's FormatFloat(v, 'f', -1, 64)", () => {
  it.each([
    [1.5, "1.5"],
    [2, "2"],
    [-0.25, "-0.25"],
    [1e21, "1000000000000000000000"],
    [1.5e-7, "0.00000015"],
    [123456789.125, "123456789.125"],
    [Number.POSITIVE_INFINITY, "+Inf"],
    [Number.NaN, "NaN"],
  ])("%d → %s", (v, text) => {
    expect(formatFloat(v)).toBe(text);
  });
});
