// `.sops.yaml` creation rules: the first rule whose path_regex matches the
// file's path (relative to the config's directory) — or that has none — names
// the age recipients and encryption rules for new files and for updatekeys.
import { isAbsolute, relative, sep } from "node:path";
import { parseDocument } from "yaml";
import { SecretError } from "../../errors.js";
import { type EncryptionRules, goRegExp, RULE_FIELDS } from "./tree.js";

export interface CreationRule {
  pathRegex?: string;
  recipients: string[];
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
    throw new SecretError("must be a comma-separated string or a list of age recipients", {
      location: { file, field },
    });
  }
  return (items as string[]).map((r) => r.trim()).filter((r) => r !== "");
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
    let recipients = recipientList(r.age, file, `${field}.age`);
    if (Array.isArray(r.key_groups)) {
      if (r.key_groups.length > 1) {
        throw new SecretError("key groups with Shamir secret sharing are not supported", {
          location: { file, field: `${field}.key_groups` },
        });
      }
      const group = r.key_groups[0] as Record<string, unknown> | undefined;
      recipients = [...recipients, ...recipientList(group?.age, file, `${field}.key_groups[0].age`)];
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
    return { pathRegex, recipients: [...new Set(recipients)], rules, index };
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
