// Reading and writing metadata entries: string fields checked, order kept as sops writes it.
import { SecretError } from "../../../errors.js";
import type { MasterKey } from "./types.js";

/** The entry's string fields `required` checked, the entry kept as written. */
export function parseEntry(
  type: string,
  entry: unknown,
  file: string,
  where: string,
  required: readonly string[],
  idOf: (e: Record<string, string>) => string,
): MasterKey {
  const e = entry as Record<string, unknown> | null;
  if (e === null || typeof e !== "object" || Array.isArray(e)) {
    throw new SecretError("must be a mapping", { location: { file, field: where } });
  }
  for (const name of required) {
    if (typeof e[name] !== "string" || e[name] === "") {
      throw new SecretError(`needs a ${name} string`, { location: { file, field: `${where}.${name}` } });
    }
  }
  return { type, id: idOf(e as Record<string, string>).trim(), entry: { ...e } };
}

/** RFC 3339 in UTC without fractions, as sops writes `created_at`. */
export function createdAt(now = new Date()): string {
  return now.toISOString().replace(/\.\d{3}Z$/, "Z");
}
