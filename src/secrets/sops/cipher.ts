// The SOPS value cipher: AES-256-GCM with a 32-byte nonce, the value's path as
// additional data, and the `ENC[AES256_GCM,data:…,iv:…,tag:…,type:…]` encoding.
// Plaintext bytes follow Go's formatting so the MAC and `sops` agree with us.
import {
  type CipherKey,
  createCipheriv,
  createDecipheriv,
  createSecretKey,
  type KeyObject,
  randomBytes,
} from "node:crypto";
import type { SopsScalar } from "./tree.js";

export const NONCE_SIZE = 32;
const TAG_SIZE = 16;
const ENC_PATTERN = /^ENC\[AES256_GCM,data:(.+),iv:(.+),tag:(.+),type:(.+)\]/;

export type ValueType = SopsScalar["type"] | "comment";

export interface EncryptedValue {
  data: Buffer;
  iv: Buffer;
  tag: Buffer;
  type: string;
}

/** Not an error: undefined when `text` is not in SOPS' encrypted form. */
export function parseEncrypted(text: string): EncryptedValue | undefined {
  const m = ENC_PATTERN.exec(text);
  if (!m) return undefined;
  return {
    data: Buffer.from(m[1]!, "base64"),
    iv: Buffer.from(m[2]!, "base64"),
    tag: Buffer.from(m[3]!, "base64"),
    type: m[4]!,
  };
}

export function isEncrypted(text: string): boolean {
  return ENC_PATTERN.test(text);
}

/** Go's strconv.FormatFloat(v, 'f', -1, 64): shortest digits, never an exponent. */
export function formatFloat(v: number): string {
  if (Number.isNaN(v)) return "NaN";
  if (v === Number.POSITIVE_INFINITY) return "+Inf";
  if (v === Number.NEGATIVE_INFINITY) return "-Inf";
  const text = String(v);
  const e = text.indexOf("e");
  if (e < 0) return text;
  const negative = text.startsWith("-");
  const mantissa = text.slice(negative ? 1 : 0, e);
  const exponent = Number(text.slice(e + 1));
  const [intPart, fracPart = ""] = mantissa.split(".");
  const digits = intPart! + fracPart;
  const point = intPart!.length + exponent;
  let out: string;
  if (point <= 0) out = `0.${"0".repeat(-point)}${digits}`;
  else if (point >= digits.length) out = digits + "0".repeat(point - digits.length);
  else out = `${digits.slice(0, point)}.${digits.slice(point)}`;
  return negative ? `-${out}` : out;
}

/** The bytes SOPS hashes into the MAC and encrypts for a scalar (sops.ToBytes). */
export function scalarText(s: SopsScalar): string {
  switch (s.type) {
    case "str":
      return s.value;
    case "int":
      return s.value.toString();
    case "float":
      return formatFloat(s.value);
    case "bool":
      return s.value ? "True" : "False";
  }
}

export class ValueCipherError extends Error {}

/** A KeyObject made once per file: passing raw bytes makes Node build one per value. */
export function valueKey(dataKey: Uint8Array): KeyObject {
  return createSecretKey(dataKey);
}

/**
 * Encrypt one scalar or comment. Empty strings stay empty, as in SOPS.
 * `iv` lets an edit keep the ciphertext of unchanged values.
 */
export function encryptValue(
  plain: SopsScalar | { type: "comment"; value: string },
  key: CipherKey,
  aad: string,
  iv: Uint8Array = randomBytes(NONCE_SIZE),
): string {
  const text = plain.type === "comment" ? plain.value : scalarText(plain);
  if ((plain.type === "str" || plain.type === "comment") && text === "") return "";
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_SIZE });
  cipher.setAAD(Buffer.from(aad, "utf8"));
  const data = Buffer.concat([cipher.update(text, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return `ENC[AES256_GCM,data:${data.toString("base64")},iv:${Buffer.from(iv).toString("base64")},tag:${tag.toString("base64")},type:${plain.type}]`;
}

export interface DecryptedValue {
  plain: SopsScalar | { type: "comment"; value: string };
  iv: Buffer;
}

/** Decrypt one `ENC[…]` value. Throws ValueCipherError (no plaintext in it) on any failure. */
export function decryptValue(text: string, key: CipherKey, aad: string): DecryptedValue | undefined {
  if (text === "") return undefined;
  const enc = parseEncrypted(text);
  if (!enc) throw new ValueCipherError("value is not in SOPS' encrypted form");
  if (enc.iv.length === 0 || enc.tag.length !== TAG_SIZE) throw new ValueCipherError("malformed iv or tag");
  let bytes: Buffer;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, enc.iv, { authTagLength: TAG_SIZE });
    decipher.setAAD(Buffer.from(aad, "utf8"));
    decipher.setAuthTag(enc.tag);
    bytes = Buffer.concat([decipher.update(enc.data), decipher.final()]);
  } catch {
    throw new ValueCipherError("authentication failed (wrong key, moved or altered value)");
  }
  const s = bytes.toString("utf8");
  return { plain: typedValue(s, enc.type), iv: enc.iv };
}

function typedValue(s: string, type: string): DecryptedValue["plain"] {
  switch (type) {
    case "str":
      return { kind: "scalar", type: "str", value: s };
    case "comment":
      return { type: "comment", value: s };
    case "int":
    case "int64":
      if (!/^[+-]?\d+$/.test(s)) throw new ValueCipherError(`invalid ${type} plaintext`);
      return { kind: "scalar", type: "int", value: BigInt(s) };
    case "float": {
      const v = goParseFloat(s);
      if (v === undefined) throw new ValueCipherError("invalid float plaintext");
      return { kind: "scalar", type: "float", value: v };
    }
    case "bool": {
      // strconv.ParseBool
      if (["1", "t", "T", "TRUE", "true", "True"].includes(s))
        return { kind: "scalar", type: "bool", value: true };
      if (["0", "f", "F", "FALSE", "false", "False"].includes(s))
        return { kind: "scalar", type: "bool", value: false };
      throw new ValueCipherError("invalid bool plaintext");
    }
    default:
      throw new ValueCipherError(`unsupported value type "${type}"`);
  }
}

function goParseFloat(s: string): number | undefined {
  if (s === "NaN") return Number.NaN;
  if (s === "+Inf" || s === "Inf") return Number.POSITIVE_INFINITY;
  if (s === "-Inf") return Number.NEGATIVE_INFINITY;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return undefined;
  return Number(s);
}
