// What went wrong talking to Vault, reduced to facts that are safe to print.
// The errors node-vault and axios throw carry the request (with the token in
// its headers and login secrets in its body), so they are never kept or
// chained as a cause: `toFailure` copies out the status, Vault's error
// strings or the network error code, and drops the rest.

export type VaultFailure =
  | { kind: "unreachable"; code: string; detail: string }
  | { kind: "tls"; code: string; detail: string }
  | { kind: "http"; status: number; errors: string[] };

/** Thrown inside the adapter; turned into a SecretError naming the reference at the boundary. */
export class VaultRequestError extends Error {
  constructor(readonly failure: VaultFailure) {
    super(describeFailure(failure));
    this.name = "VaultRequestError";
  }
}

const TLS_CODES = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|HOSTNAME|ALTNAME/i;

export function toFailure(error: unknown): VaultFailure {
  if (error instanceof VaultRequestError) return error.failure;
  const e = error as {
    response?: { statusCode?: unknown; body?: { errors?: unknown } };
    code?: unknown;
    message?: unknown;
    cause?: { code?: unknown };
  };
  if (e && typeof e.response?.statusCode === "number") {
    const errors = Array.isArray(e.response.body?.errors)
      ? e.response.body.errors.map((x) => clip(String(x)))
      : [];
    return { kind: "http", status: e.response.statusCode, errors };
  }
  const code = String(e?.code ?? e?.cause?.code ?? "ERROR");
  // axios puts the URL, never headers or body, in its message; still, keep only the first line, clipped.
  const detail = clip(String(e?.message ?? code).split("\n", 1)[0]!);
  return TLS_CODES.test(code) ? { kind: "tls", code, detail } : { kind: "unreachable", code, detail };
}

export function describeFailure(failure: VaultFailure): string {
  switch (failure.kind) {
    case "unreachable":
    case "tls":
      return failure.detail.includes(failure.code) ? failure.detail : `${failure.code}: ${failure.detail}`;
    case "http":
      return `HTTP ${failure.status}${failure.errors.length ? `: ${failure.errors.join("; ")}` : ""}`;
  }
}

/** Worth another try: Vault's eventual-consistency 412 and server errors, as the CLI retries. */
export function isRetryable(failure: VaultFailure): boolean {
  return failure.kind === "http" && (failure.status === 412 || failure.status >= 500);
}

function clip(text: string): string {
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
