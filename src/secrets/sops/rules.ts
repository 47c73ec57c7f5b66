// `.sops.yaml` creation rules: the first rule whose path_regex matches the
// file's path (relative to the config's directory) — or that has none — names
// the keys (age, pgp, hc_vault_transit_uri, key_groups with shamir_threshold)
// and encryption rules for new files and for updatekeys.
import { isAbsolute, relative, sep } from "node:path";
import { parseDocument } from "yaml";
import { SecretError } from "../../errors.js";
import type { KeySpec } from "./data-key.js";
import { type EncryptionRules, goRegExp, RULE_FIELDS } from "./tree.js";

export interface CreationRule {
  pathRegex?: string;
  /** The keys new files are encrypted for: one group, or several sharing the data key. */
  groups: KeySpec[][];
  /** With several groups: how many are needed to decrypt (default: all). */
  shamirThreshold?: number;
  rules: EncryptionRules;
  /** Index in creation_rules, for messages. */
  index: number;
}

export interface SopsConfig {
  file: string;
  creationRules: CreationRule[];
}

function recipientList(value: unknown, file: string, field: string): string[] {
  if (value === undefined || value === null) return [];
  const items = typeof value === "string" ? value.split(",") : Array.isArray(value) ? value : undefined;
  if (!items || items.some((i) => typeof i !== "string")) {
    throw new SecretError("must be a comma-separated string or a list of keys", {
      location: { file, field },
    });
  }
  return (items as string[]).map((r) => r.trim()).filter((r) => r !== "");
}

/** Rule fields naming keys, and the key type each names (`kms`… are refused when encrypting). */
const FLAT_KEY_FIELDS = [
  ["age", "age"],
  ["pgp", "pgp"],
  ["hc_vault_transit_uri", "hc_vault"],
  ["kms", "kms"],
  ["gcp_kms", "gcp_kms"],
  ["azure_keyvault", "azure_kv"],
] as const;
/** Inside key_groups, Vault is spelled `hc_vault` (sops config.go). */
const GROUP_KEY_FIELDS = [
  ["age", "age"],
  ["pgp", "pgp"],
  ["hc_vault", "hc_vault"],
  ["kms", "kms"],
  ["gcp_kms", "gcp_kms"],
  ["azure_keyvault", "azure_kv"],
] as const;

function keySpecs(
  raw: Record<string, unknown>,
  fields: typeof FLAT_KEY_FIELDS | typeof GROUP_KEY_FIELDS,
  file: string,
  where: string,
): KeySpec[] {
  const specs: KeySpec[] = [];
  for (const [name, type] of fields) {
    for (const item of recipientList(entryIds(raw[name]), file, `${where}${name}`))
      specs.push({ type, id: item });
  }
  return specs;
}

/** Cloud KMS entries in rules are maps (`arn:`, `resource_id:`…): name them by their first string. */
function entryIds(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  return value.map((v) =>
    v !== null && typeof v === "object" ? Object.values(v).find((x) => typeof x === "string") : v,
  );
}

export function parseSopsConfig(text: string, file: string): SopsConfig {
  const doc = parseDocument(text);
  const error = doc.errors[0];
  if (error)
    throw new SecretError(`invalid YAML: ${error.code}`, {
      location: { file, line: error.linePos?.[0]?.line },
    });
  let raw: Record<string, unknown>;
  try {
    raw = (doc.toJS() ?? {}) as Record<string, unknown>;
  } catch (cause) {
    // yaml refuses aliases that expand exponentially ("billion laughs") with a ReferenceError.
    throw new SecretError("too many alias expansions", { location: { file }, cause });
  }
  const list = raw.creation_rules;
  if (list !== undefined && !Array.isArray(list)) {
    throw new SecretError("must be a list", { location: { file, field: "creation_rules" } });
  }
  const creationRules = (list ?? []).map((entry: unknown, index: number): CreationRule => {
    const field = `creation_rules[${index}]`;
    if (!entry || typeof entry !== "object")
      throw new SecretError("must be a mapping", { location: { file, field } });
    const r = entry as Record<string, unknown>;
    let groups: KeySpec[][] = [keySpecs(r, FLAT_KEY_FIELDS, file, `${field}.`)];
    let shamirThreshold: number | undefined;
    if (Array.isArray(r.key_groups) && r.key_groups.length > 0) {
      // Non-empty key_groups override the rule's flat keys, as in sops.
      groups = r.key_groups.map((group: unknown, g: number) => {
        if (!group || typeof group !== "object" || Array.isArray(group)) {
          throw new SecretError("must be a mapping", {
            location: { file, field: `${field}.key_groups[${g}]` },
          });
        }
        return keySpecs(
          group as Record<string, unknown>,
          GROUP_KEY_FIELDS,
          file,
          `${field}.key_groups[${g}].`,
        );
      });
      const t = r.shamir_threshold;
      if (t !== undefined && t !== null) {
        if (typeof t !== "number" || !Number.isInteger(t) || t < 1 || t > groups.length) {
          throw new SecretError(
            `must be a whole number from 1 to ${groups.length}, the number of key groups`,
            {
              location: { file, field: `${field}.shamir_threshold` },
            },
          );
        }
        shamirThreshold = t;
      }
    }
    const rules: EncryptionRules = {};
    for (const [name, prop] of RULE_FIELDS) {
      const v = r[name];
      if (v === undefined || v === null || v === "") continue;
      if (typeof v !== "string")
        throw new SecretError("must be a string", { location: { file, field: `${field}.${name}` } });
      rules[prop] = v;
    }
    if (r.mac_only_encrypted === true) rules.macOnlyEncrypted = true;
    const pathRegex = typeof r.path_regex === "string" && r.path_regex !== "" ? r.path_regex : undefined;
    if (pathRegex) {
      try {
        goRegExp(pathRegex);
      } catch (cause) {
        throw new SecretError("invalid regular expression", {
          location: { file, field: `${field}.path_regex` },
          cause,
        });
      }
    }
    groups = groups.map((g) =>
      g.filter((k, i) => g.findIndex((o) => o.type === k.type && o.id === k.id) === i),
    );
    return { pathRegex, groups, ...(shamirThreshold ? { shamirThreshold } : {}), rules, index };
  });
  return { file, creationRules };
}

/**
 * The rule for `filePath` (absolute), matched as sops does: the path relative
 * to the config's directory when the file is inside it, else the path as is.
 */
export function ruleForFile(config: SopsConfig, configDir: string, filePath: string): CreationRule {
  const rel = relative(configDir, filePath);
  const candidate = !rel.startsWith("..") && !isAbsolute(rel) ? rel.split(sep).join("/") : filePath;
  const rule = config.creationRules.find((r) => !r.pathRegex || goRegExp(r.pathRegex).test(candidate));
  if (!rule) {
    throw new SecretError(`no creation rule in ${config.file} matches this file`, {
      location: { file: filePath },
      hint: "add a creation rule whose path_regex matches it, or one without path_regex",
    });
  }
  return rule;
}
