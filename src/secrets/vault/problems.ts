// Turns what failed while resolving into SecretErrors that name the reference,
// who uses it and where, the address and the API path; never a value or token.
import { SecretError, type SourceLocation } from "../../errors.js";
import { describeFailure, type VaultFailure } from "./failure.js";
import { refKey, type VaultUse } from "./ref.js";

export type Problem =
  | {
      kind: "request";
      failure: VaultFailure;
      apiPath: string;
      uses: readonly VaultUse[];
      tokenRejected?: boolean;
    }
  | { kind: "key"; key: string; apiPath: string; existingKeys: readonly string[]; uses: readonly VaultUse[] };

/** A reference and its first use, e.g. `secret/app1/db#password (used by backend/app1 at values.yaml:4), +2 more uses`. */
export function describeUses(uses: readonly VaultUse[]): string {
  const first = uses[0];
  if (!first) return "no references";
  const where =
    first.location?.line !== undefined
      ? `${first.location.file}:${first.location.line}`
      : first.location?.file;
  const more = uses.length > 1 ? `, +${uses.length - 1} more use${uses.length > 2 ? "s" : ""}` : "";
  return `${refKey(first.ref)} (used by ${first.usedBy}${where ? ` at ${where}` : ""})${more}`;
}

export function problemError(problem: Problem, address: string): SecretError {
  const location = problem.uses[0]?.location;
  const refs = describeUses(problem.uses);
  if (problem.kind === "key") {
    const existing = problem.existingKeys.length
      ? `keys there: ${problem.existingKeys.join(", ")}`
      : "the secret there has no keys";
    return new SecretError(
      `key ${JSON.stringify(problem.key)} not found at Vault path ${problem.apiPath} for ${refs}; ${existing}`,
      {
        location,
        hint: "Use one of the existing keys, or add this one (`vault kv patch <path> <key>=…`).",
      },
    );
  }
  return requestError(problem.failure, {
    address,
    apiPath: problem.apiPath,
    subject: refs,
    location,
    tokenRejected: problem.tokenRejected,
  });
}

export interface RequestContext {
  address: string;
  apiPath: string;
  /** What was being done, e.g. a reference and its use, or `writing a new version of secret/app1/db`. */
  subject: string;
  location?: SourceLocation;
  tokenRejected?: boolean;
}

/** A failed request as a SecretError; the subject says what it was for. */
export function requestError(failure: VaultFailure, context: RequestContext): SecretError {
  const { address, apiPath, subject, location } = context;
  switch (failure.kind) {
    case "unreachable":
      return new SecretError(
        `cannot reach Vault at ${address} (${describeFailure(failure)}) for ${subject}`,
        {
          location,
          hint: "Check VAULT_ADDR and that the server is up (`vault status`).",
        },
      );
    case "tls":
      return new SecretError(
        `TLS with Vault at ${address} failed (${describeFailure(failure)}) for ${subject}`,
        {
          location,
          hint: "Set VAULT_CACERT (or VAULT_CAPATH) to the CA that signed the server's certificate.",
        },
      );
    case "http":
      break;
  }
  if (failure.status === 403 && context.tokenRejected) {
    return new SecretError(`Vault at ${address} rejected the token (HTTP 403) for ${subject}`, {
      location,
      hint: "The token is expired, revoked or wrong: check VAULT_TOKEN or ~/.vault-token, or log in again.",
    });
  }
  if (failure.status === 403 && failure.errors.some((e) => e.includes("preflight capability check"))) {
    // The mount lookup answers 403 both for a mount that does not exist and for one the token may not see.
    return new SecretError(`no Vault mount this token can access holds ${apiPath} (needed for ${subject})`, {
      location,
      hint: "Check the mount name (`vault secrets list`) and that the token's policies grant access under it.",
    });
  }
  if (failure.status === 403) {
    return new SecretError(`permission denied on Vault path ${apiPath} for ${subject}`, {
      location,
      hint: `The token's policies must grant the needed capability ("read", or "create"/"update" to write) on ${apiPath}.`,
    });
  }
  if (failure.status === 404) {
    return new SecretError(`Vault path ${apiPath} does not exist (needed for ${subject})`, {
      location,
      hint: "Check the path for typos and the mount; KV v2 paths may be written with or without `data/`.",
    });
  }
  return new SecretError(
    `Vault at ${address} answered ${describeFailure(failure)} on ${apiPath} for ${subject}`,
    {
      location,
    },
  );
}

/** One error for the run. A server-wide failure (unreachable, TLS, bad token) is reported once. */
export function combineProblems(problems: readonly Problem[], address: string): SecretError | undefined {
  const global = problems.find(
    (p) =>
      p.kind === "request" && (p.failure.kind !== "http" || (p.failure.status === 403 && p.tokenRejected)),
  );
  if (global) return problemError(global, address);
  const errors = problems.map((p) => problemError(p, address));
  if (errors.length <= 1) return errors[0];
  const first = errors[0]!;
  return new SecretError(
    `${errors.length} Vault references could not be resolved:\n${errors.map((e) => `  - ${e.describe().replace(/\n\s*hint: .*/, "")}`).join("\n")}`,
    { location: first.location, hint: first.hint, cause: new AggregateError(errors) },
  );
}
