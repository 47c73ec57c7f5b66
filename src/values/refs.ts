// References in values, as helmfile users write them for vals: a string value
// that is exactly `ref+vault://path#key`, `ref+sops://file#/json/pointer` or
// `ref+envsubst://$VAR` stands for the secret it names. Parsing and finding
// them is pure; render-releases resolves them with the run's `{{vault}}`
// lookups (one Vault read per path) and records them as consumed secrets.
import { ConfigError, SecretError, type SourceLocation } from "../errors.js";
import { vaultRef } from "../secrets/vault/ref.js";
import { isMap, type Values } from "./merge.js";

export type ValueRef =
  | { backend: "vault"; text: string; path: string; key: string }
  | { backend: "sops"; text: string; file: string; pointer: string[] }
  | { backend: "envsubst"; text: string; template: string };

const PREFIX = "ref+";
const SHAPE = /^ref\+([^:/]*):\/\/([\s\S]*)$/;
const VAULT_HINT = "write ref+vault://<mount>/<path>#<key>, e.g. ref+vault://secret/data/app#password";
const SUPPORTED = "ref+vault://<path>#<key>, ref+sops://<file>#/<json/pointer> and ref+envsubst://$VAR";

export function isRef(value: unknown): value is string {
  return typeof value === "string" && value.startsWith(PREFIX);
}

/**
 * The reference a value stands for; an unknown backend or a malformed
 * reference is an error at `at` naming `usedBy`, the release that has it.
 */
export function parseRef(text: string, at: SourceLocation, usedBy: string): ValueRef {
  const m = SHAPE.exec(text.endsWith("+") ? text.slice(0, -1) : text);
  const of = `${JSON.stringify(text)} (used by ${usedBy})`;
  if (!m) {
    throw new ConfigError(`malformed reference ${of}`, {
      location: at,
      hint: `references are written ${SUPPORTED}`,
    });
  }
  const [, backend, rest] = m as unknown as [string, string, string];
  const hash = rest.indexOf("#");
  const body = hash < 0 ? rest : rest.slice(0, hash);
  const fragment = hash < 0 ? undefined : rest.slice(hash + 1);
  if (body.includes("?")) {
    throw new ConfigError(`reference ${of}: query parameters are not supported`, {
      location: at,
      hint: "Vault's address, token and namespace come from VAULT_ADDR, VAULT_TOKEN and VAULT_NAMESPACE",
    });
  }
  switch (backend) {
    case "vault": {
      const key = (fragment ?? "").replace(/^\//, "");
      try {
        const ref = vaultRef(body, key, at, VAULT_HINT);
        return { backend, text, path: ref.path, key: ref.key };
      } catch (error) {
        throw new ConfigError(`${(error as Error).message} (used by ${usedBy})`, {
          location: at,
          hint: VAULT_HINT,
        });
      }
    }
    case "sops": {
      if (body === "" || fragment === undefined || !fragment.startsWith("/") || fragment === "/") {
        throw new ConfigError(`reference ${of} names no value in the file`, {
          location: at,
          hint: "write ref+sops://<file>#/<json/pointer>, e.g. ref+sops://environments/prod/secrets.yaml#/db/password",
        });
      }
      const pointer = fragment
        .slice(1)
        .split("/")
        .map((p) => p.replaceAll("~1", "/").replaceAll("~0", "~"));
      return { backend, text, file: body, pointer };
    }
    case "envsubst":
      return { backend, text, template: rest };
    default:
      throw new ConfigError(`unknown reference backend "${backend}" in ${of}`, {
        location: at,
        hint: `supported: ${SUPPORTED}; other vals backends cannot be reached from releases`,
      });
  }
}

export interface RefUse {
  ref: ValueRef;
  at: SourceLocation;
}

/** Every reference in a values tree, parsed; `locate` says where one is written. */
export function findRefs(tree: unknown, locate: (text: string) => SourceLocation, usedBy: string): RefUse[] {
  const out: RefUse[] = [];
  const walk = (node: unknown) => {
    if (isRef(node)) {
      const at = locate(node);
      out.push({ ref: parseRef(node, at, usedBy), at });
    } else if (Array.isArray(node)) node.forEach(walk);
    else if (isMap(node)) Object.values(node).forEach(walk);
  };
  walk(tree);
  return out;
}

/** A copy of `tree` with each reference replaced by what `resolve` gives for it. */
export function replaceRefs<T>(tree: T, resolve: (text: string) => unknown): T {
  const walk = (node: unknown): unknown => {
    if (isRef(node)) return resolve(node);
    if (Array.isArray(node)) return node.map(walk);
    if (isMap(node)) return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v)]));
    return node;
  };
  return walk(tree) as T;
}

/** `$VAR` and `${VAR}` expanded from `variable`; an unset variable is a secret error, never an empty secret. */
export function envsubst(
  ref: Extract<ValueRef, { backend: "envsubst" }>,
  variable: (name: string) => string | undefined,
  at: SourceLocation,
): { value: string; variables: string[] } {
  const variables: string[] = [];
  const value = ref.template.replace(
    /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g,
    (_m, braced?: string, bare?: string) => {
      const name = (braced ?? bare)!;
      const found = variable(name);
      if (found === undefined) {
        throw new SecretError(`environment variable ${name} is not set (${ref.text})`, {
          location: at,
          hint: `set ${name} in the environment releases runs in`,
        });
      }
      variables.push(name);
      return found;
    },
  );
  return { value, variables };
}

/** The 1-based line and column of `needle`'s first occurrence in `text`, for error locations. */
export function positionOf(text: string, needle: string): { line: number; column: number } | undefined {
  const index = text.indexOf(needle);
  if (index < 0) return undefined;
  const before = text.slice(0, index);
  const line = before.split("\n").length;
  return { line, column: index - before.lastIndexOf("\n") };
}

/** `Values` at a JSON pointer's segments, or undefined. */
export function atPointer(data: Values | undefined, pointer: readonly string[]): unknown {
  let current: unknown = data;
  for (const part of pointer) {
    if (Array.isArray(current) && /^\d+$/.test(part)) current = current[Number(part)];
    else if (isMap(current) && Object.hasOwn(current, part)) current = current[part];
    else return undefined;
  }
  return current;
}
