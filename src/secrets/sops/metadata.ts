// The `sops:` metadata block: which keys hold the data key (or its Shamir shares), when the
// file was last encrypted, the encrypted MAC and the encryption rules. Parsed
// from and written to a plain object; each format decides how that object looks.
import { SecretError } from "../../errors.js";
import { KEY_TYPES, type MasterKey } from "./keys/index.js";
import { DEFAULT_UNENCRYPTED_SUFFIX, type EncryptionRules, RULE_FIELDS } from "./tree.js";

export const SOPS_VERSION = "3.13.2";

export interface SopsMetadata {
  /** Who holds the data key: one group (each key holds the whole key), or several holding Shamir shares. */
  keyGroups: MasterKey[][];
  /** How many groups' shares rebuild the data key; set only with several groups. */
  shamirThreshold?: number;
  lastModified: string;
  mac: string;
  rules: EncryptionRules;
  version: string;
}

function fail(file: string, message: string, field = "sops"): never {
  throw new SecretError(message, { location: { file, field } });
}

function asString(raw: Record<string, unknown>, name: string, file: string): string | undefined {
  const v = raw[name];
  if (v === undefined || v === null || v === "") return undefined;
  if (typeof v !== "string") fail(file, `must be a string`, `sops.${name}`);
  return v;
}

/** The keys of one group: each key type's list under its field. */
function parseGroup(raw: Record<string, unknown>, file: string, where: string): MasterKey[] {
  if (raw.merge !== undefined && raw.merge !== null) {
    fail(file, "merged key groups are not supported", `${where}.merge`);
  }
  const keys: MasterKey[] = [];
  for (const type of KEY_TYPES) {
    const list = raw[type.field];
    if (list === undefined || list === null) continue;
    if (!Array.isArray(list)) fail(file, "must be a list", `${where}${type.field}`);
    list.forEach((entry, i) => {
      keys.push(type.parse(entry, file, `${where}${type.field}[${i}]`));
    });
  }
  return keys;
}

export function parseMetadata(raw: unknown, file: string): SopsMetadata {
  if (raw === undefined || raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw new SecretError("not a SOPS file: the sops metadata is missing", {
      location: { file },
      hint: "encrypt it first with `releases secrets encrypt`",
    });
  }
  const m = raw as Record<string, unknown>;
  let keyGroups: MasterKey[][];
  let shamirThreshold: number | undefined;
  if (Array.isArray(m.key_groups) && m.key_groups.length > 0) {
    keyGroups = m.key_groups.map((group, i) => {
      if (group === null || typeof group !== "object" || Array.isArray(group)) {
        fail(file, "must be a mapping", `sops.key_groups[${i}]`);
      }
      return parseGroup(group as Record<string, unknown>, file, `sops.key_groups[${i}].`);
    });
    const threshold = m.shamir_threshold;
    if (threshold !== undefined && threshold !== null && threshold !== 0) {
      if (
        typeof threshold !== "number" ||
        !Number.isInteger(threshold) ||
        threshold < 1 ||
        threshold > keyGroups.length
      ) {
        fail(file, `must be a whole number from 1 to ${keyGroups.length}`, "sops.shamir_threshold");
      }
      shamirThreshold = threshold;
    }
    if (keyGroups.length > 1) shamirThreshold ??= keyGroups.length;
  } else {
    keyGroups = [parseGroup(m, file, "sops.")];
  }
  if (keyGroups.some((g) => g.length === 0)) fail(file, "no keys found in the file", "sops");
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
  return {
    keyGroups,
    ...(keyGroups.length > 1 ? { shamirThreshold } : {}),
    lastModified,
    mac: asString(m, "mac", file) ?? "",
    rules,
    version: asString(m, "version", file) ?? SOPS_VERSION,
  };
}

/** One group's keys under their fields, in sops's order; `always` fields are written even when empty. */
function groupObject(keys: readonly MasterKey[], always: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const type of KEY_TYPES) {
    const entries = keys.filter((k) => k.type === type.field).map((k) => k.entry);
    if (entries.length > 0 || always.includes(type.field)) out[type.field] = entries;
  }
  return out;
}

/** The metadata as SOPS writes it, fields in the order of its Go struct. */
export function metadataObject(md: SopsMetadata): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let flat: Record<string, unknown> = {};
  if (md.keyGroups.length > 1) {
    out.shamir_threshold = md.shamirThreshold ?? md.keyGroups.length;
    out.key_groups = md.keyGroups.map((g) => groupObject(g, []));
  } else {
    flat = groupObject(md.keyGroups[0] ?? [], ["age"]);
  }
  for (const field of ["kms", "gcp_kms", "azure_kv", "hc_vault", "age"])
    if (flat[field]) out[field] = flat[field];
  out.lastmodified = md.lastModified;
  out.mac = md.mac;
  if (flat.pgp) out.pgp = flat.pgp;
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
