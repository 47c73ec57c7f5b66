// The SOPS data key: 32 random bytes held by key groups. With one group each
// key wraps the whole data key; with several, the key is split into Shamir
// shares (one per group, `shamir_threshold` of them needed) and each key of a
// group wraps that group's share — as sops.go does. The key types themselves
// (age, PGP, Vault transit, cloud KMS) live in ./keys/.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { SecretError } from "../../errors.js";
import type { AgeIdentities } from "../age-keys.js";
import { whereLooked } from "./keys/age.js";
import { type KeyAccess, KeyUnavailable, keyType, type MasterKey } from "./keys/index.js";
import { combine, split } from "./keys/shamir.js";
import { SUPPORTED_KEYS } from "./keys/unreachable.js";
import type { SopsMetadata } from "./metadata.js";

export const DATA_KEY_SIZE = 32;

/** A key to wrap for: its metadata field and who holds it (recipient, fingerprint, URI). */
export interface KeySpec {
  type: string;
  id: string;
}

export function generateDataKey(): Uint8Array {
  return new Uint8Array(randomBytes(DATA_KEY_SIZE));
}

/** The access the process has: its age identities and, through their environment, gpg and Vault. */
export function keyAccess(keys: AgeIdentities): KeyAccess {
  const env = keys.env ?? {};
  return {
    age: keys,
    env,
    gpg: (args, input) => runGpg(env, args, input),
    fetch: (...args) => fetch(...args),
  };
}

type KeyGroups = Pick<SopsMetadata, "keyGroups" | "shamirThreshold">;

/** Wraps `dataKey` for every key of every group (splitting it first when there are several groups). */
export async function wrapDataKey(
  dataKey: Uint8Array,
  groups: readonly (readonly KeySpec[])[],
  threshold: number | undefined,
  access: KeyAccess,
  file: string,
): Promise<KeyGroups> {
  if (groups.length === 0 || groups.some((g) => g.length === 0)) {
    throw new SecretError("no keys to encrypt for", {
      location: { file },
      hint: "add a creation rule with age, pgp or hc_vault_transit_uri keys to .sops.yaml, or pass --age",
    });
  }
  const shamirThreshold = groups.length > 1 ? (threshold ?? groups.length) : undefined;
  if (shamirThreshold !== undefined && (shamirThreshold < 2 || shamirThreshold > groups.length)) {
    throw new SecretError(`shamir_threshold must be from 2 to ${groups.length}, the number of key groups`, {
      location: { file },
    });
  }
  const parts = shamirThreshold === undefined ? [dataKey] : split(dataKey, groups.length, shamirThreshold);
  const keyGroups = await Promise.all(
    groups.map((group, g) =>
      Promise.all(
        group.map((spec) => {
          const type = keyType(spec.type);
          if (!type.wrap) {
            throw new SecretError(
              `cannot encrypt for ${type.name} key ${spec.id}: releases cannot reach ${type.name}`,
              {
                location: { file },
                hint: `use ${SUPPORTED_KEYS} keys`,
              },
            );
          }
          return type.wrap(parts[g]!, spec.id, access, file);
        }),
      ),
    ),
  );
  return { keyGroups, ...(shamirThreshold ? { shamirThreshold } : {}) };
}

/** The data key from the first key of each group that opens, combining shares when the file has several groups. */
export async function unwrapDataKey(groups: KeyGroups, access: KeyAccess, file: string): Promise<Uint8Array> {
  const needed = groups.keyGroups.length > 1 ? (groups.shamirThreshold ?? groups.keyGroups.length) : 1;
  const parts: Uint8Array[] = [];
  const reasons: string[] = [];
  for (const group of groups.keyGroups) {
    if (parts.length === needed) break;
    const part = await firstThatOpens(group, access, reasons);
    if (part) parts.push(part);
  }
  if (parts.length < needed) {
    const all = groups.keyGroups.flat();
    if (needed === 1 && all.every((k) => k.type === "age")) throw ageOnlyFailure(all, access.age, file);
    throw new SecretError(
      needed === 1
        ? "none of the file's keys can decrypt the data key"
        : `only ${parts.length} of the ${needed} key groups needed could be opened`,
      {
        location: { file, field: "sops" },
        hint: reasons.join("; "),
      },
    );
  }
  const dataKey = needed === 1 ? parts[0]! : combine(parts);
  if (dataKey.length !== DATA_KEY_SIZE) {
    throw new SecretError("the data key has the wrong size: the file's keys were altered", {
      location: { file, field: "sops" },
    });
  }
  return dataKey;
}

async function firstThatOpens(
  group: readonly MasterKey[],
  access: KeyAccess,
  reasons: string[],
): Promise<Uint8Array | undefined> {
  // Keys in the order they are cheapest to try: age in-process, then gpg, then the network.
  const order = ["age", "pgp", "hc_vault"];
  const rank = (k: MasterKey) => (order.includes(k.type) ? order.indexOf(k.type) : order.length);
  // Failures with one reason (every age recipient against the same identities) are told once.
  const failed = new Map<string, { name: string; message: string; ids: string[] }>();
  for (const key of [...group].sort((a, b) => rank(a) - rank(b))) {
    const type = keyType(key.type);
    try {
      return await type.unwrap(key, access);
    } catch (error) {
      if (!(error instanceof KeyUnavailable)) throw error;
      const reason = `${type.name}: ${error.message}`;
      const entry = failed.get(reason) ?? { name: type.name, message: error.message, ids: [] };
      entry.ids.push(key.id);
      failed.set(reason, entry);
    }
  }
  for (const { name, message, ids } of failed.values()) reasons.push(`${name} ${ids.join(", ")}: ${message}`);
  return undefined;
}

/** The messages of a file held by age keys only, as they read before other key types existed. */
function ageOnlyFailure(keys: readonly MasterKey[], age: AgeIdentities, file: string): SecretError {
  if (age.identities.length === 0) {
    return new SecretError("no age identity found to decrypt the data key", {
      location: { file },
      hint: noAgeIdentityHint(age),
    });
  }
  return new SecretError("none of the available age identities can decrypt the data key", {
    location: { file, field: "sops.age" },
    hint: `the file is encrypted for ${keys.map((k) => k.id).join(", ")}; ${noAgeIdentityHint(age)}`,
  });
}

export function noAgeIdentityHint(keys: AgeIdentities): string {
  return `${whereLooked(keys)}; set SOPS_AGE_KEY_FILE to a key file holding a matching identity`;
}

function runGpg(
  env: KeyAccess["env"],
  args: readonly string[],
  input: Uint8Array | string,
): Promise<{ code: number; stdout: Buffer; stderr: string }> {
  return new Promise((resolve) => {
    const binary = env.SOPS_GPG_EXEC || "gpg";
    const child = spawn(binary, args, { env: env as NodeJS.ProcessEnv, stdio: ["pipe", "pipe", "pipe"] });
    const out: Buffer[] = [];
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on("error", (error) =>
      resolve({ code: -1, stdout: Buffer.alloc(0), stderr: `cannot run ${binary}: ${error.message}` }),
    );
    child.on("close", (code) => resolve({ code: code ?? -1, stdout: Buffer.concat(out), stderr }));
    child.stdin.on("error", () => {});
    child.stdin.end(input);
  });
}
