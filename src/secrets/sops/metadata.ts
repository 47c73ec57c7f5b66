// The `sops:` metadata block: which age recipients hold the data key, when the
// file was last encrypted, the encrypted MAC and the encryption rules. Parsed
// from and written to a plain object; each format decides how that object looks.
import { SecretError } from "../../errors.js";
import { DEFAULT_UNENCRYPTED_SUFFIX, type EncryptionRules, RULE_FIELDS } from "./tree.js";

export const SOPS_VERSION = "3.13.2";

export interface AgeStanza {
  recipient: string;
  enc: string;
}

export interface SopsMetadata {
  age: AgeStanza[];
  lastModified: string;
  mac: string;
  rules: EncryptionRules;
  version: string;
  /** Entries for key types we do not handle (pgp, kms, …), kept verbatim on edit. */
  foreign: Record<string, unknown>;
}

const FOREIGN_KEY_TYPES = ["kms", "gcp_kms", "azure_kv", "hc_vault", "pgp"] as const;

function fail(file: string, message: string, field = "sops"): never {
  throw new SecretError(message, { location: { file, field } });
}

function asString(raw: Record<string, unknown>, name: string, file: string): string | undefined {
  const v = raw[name];
  if (v === undefined || v === null || v === "") return undefined;
  if (typeof v !== "string") fail(file, `must be a string`, `sops.${name}`);
  return v;
}

function ageStanzas(list: unknown, file: string, field: string): AgeStanza[] {
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) fail(file, "must be a list", field);
  return list.map((entry, i) => {
    const e = entry as Record<string, unknown> | null;
    if (typeof e?.recipient !== "string" || typeof e.enc !== "string") {
      fail(file, "needs a recipient and an enc string", `${field}[${i}]`);
    }
    return { recipient: e.recipient.trim(), enc: e.enc };
  });
}

export function parseMetadata(raw: unknown, file: string): SopsMetadata {
  if (raw === undefined || raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw new SecretError("not a SOPS file: the sops metadata is missing", {
      location: { file },
      hint: "encrypt it first with `releases secrets encrypt`",
    });
  }
  const m = raw as Record<string, unknown>;
  let age = ageStanzas(m.age, file, "sops.age");
  const groups = m.key_groups;
  if (Array.isArray(groups) && groups.length > 0) {
    if (groups.length > 1) {
      fail(file, "key groups with Shamir secret sharing are not supported", "sops.key_groups");
    }
    age = [
      ...age,
      ...ageStanzas((groups[0] as Record<string, unknown>)?.age, file, "sops.key_groups[0].age"),
    ];
  }
  const rules: EncryptionRules = {};
  for (const [name, prop] of RULE_FIELDS) {
    const v = asString(m, name, file);
    if (v !== undefined) rules[prop] = v;
  }
  const keyRules = [
    rules.unencryptedSuffix,
    rules.encryptedSuffix,
    rules.unencryptedRegex,
    rules.encryptedRegex,
  ];
  const count = keyRules.filter((v) => v !== undefined).length;
  if (count > 1) {
    fail(
      file,
      "only one of encrypted_suffix, unencrypted_suffix, encrypted_regex or unencrypted_regex may be set",
    );
  }
  if (count === 0) rules.unencryptedSuffix = DEFAULT_UNENCRYPTED_SUFFIX;
  const macOnly = m.mac_only_encrypted;
  if (macOnly === true || macOnly === "true") rules.macOnlyEncrypted = true;
  const lastModified = asString(m, "lastmodified", file);
  if (lastModified === undefined) fail(file, "is missing", "sops.lastmodified");
  const foreign: Record<string, unknown> = {};
  for (const type of FOREIGN_KEY_TYPES) {
    const v = m[type];
    if (Array.isArray(v) && v.length > 0) foreign[type] = v;
  }
  if (age.length === 0 && Object.keys(foreign).length === 0)
    fail(file, "no keys found in the file", "sops.age");
  return {
    age,
    lastModified,
    mac: asString(m, "mac", file) ?? "",
    rules,
    version: asString(m, "version", file) ?? SOPS_VERSION,
    foreign,
  };
}

/** The metadata as SOPS writes it, fields in the order of its Go struct. */
export function metadataObject(md: SopsMetadata): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const type of ["kms", "gcp_kms", "azure_kv", "hc_vault"])
    if (md.foreign[type]) out[type] = md.foreign[type];
  out.age = md.age.map((a) => ({ recipient: a.recipient, enc: a.enc }));
  out.lastmodified = md.lastModified;
  out.mac = md.mac;
  if (md.foreign.pgp) out.pgp = md.foreign.pgp;
  for (const [name, prop] of RULE_FIELDS) if (md.rules[prop] !== undefined) out[name] = md.rules[prop];
  if (md.rules.macOnlyEncrypted) out.mac_only_encrypted = true;
  out.version = md.version;
  return out;
}

/** RFC 3339 in UTC without fractions, as Go's time.Format(time.RFC3339) writes it. */
export function rfc3339(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/**
 * The MAC's additional data is `lastmodified` re-formatted by Go: fractions
 * dropped, a zero offset written as `Z`.
 */
export function macAad(lastModified: string): string {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.exec(lastModified);
  if (!m) return lastModified;
  const zone = m[3]!.toUpperCase() === "Z" || m[3] === "+00:00" || m[3] === "-00:00" ? "Z" : m[3]!;
  return `${m[1]}${zone}`;
}
