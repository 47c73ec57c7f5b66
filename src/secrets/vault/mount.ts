// Which secrets engine a path lives in, and how to address it. KV v2 keeps
// data under `<mount>/data/…` and wraps it as `{ data, metadata }`; KV v1 and
// other engines are read at the path as written. The vault CLI asks
// `sys/internal/ui/mounts/<path>` for this; so do we, once per mount.

export interface VaultMount {
  /** Mount path with a trailing slash, e.g. `secret/`. */
  path: string;
  /** Engine type, e.g. `kv`, `generic`, `database`. */
  type: string;
  /** 2 for KV v2; 1 for KV v1 and every other engine. */
  kvVersion: 1 | 2;
}

export interface ReadTarget {
  /** Path for the HTTP API, after `/v1/`. */
  apiPath: string;
  /** `kv2` responses carry the secret in `data.data` and the version in `data.metadata`. */
  shape: "kv2" | "plain";
}

export interface Kv2Paths {
  /** `<mount>data/<rest>` */
  data: string;
  /** `<mount>metadata/<rest>` */
  metadata: string;
  /** The path the vault CLI would show: `<mount><rest>`. */
  logical: string;
}

/** Parses the body of `sys/internal/ui/mounts/<path>`; undefined when it does not describe a mount. */
export function mountFromUiResponse(body: unknown): VaultMount | undefined {
  const data = (body as { data?: { path?: unknown; type?: unknown; options?: { version?: unknown } | null } })
    ?.data;
  if (!data || typeof data.path !== "string" || data.path === "") return undefined;
  const path = data.path.endsWith("/") ? data.path : `${data.path}/`;
  const type = typeof data.type === "string" ? data.type : "";
  const kvVersion = type === "kv" && String(data.options?.version ?? "1") === "2" ? 2 : 1;
  return { path, type, kvVersion };
}

/** The mount among `known` that contains `path` (Vault forbids nested mounts, so at most one does). */
export function findMount(known: readonly VaultMount[], path: string): VaultMount | undefined {
  return known.find((m) => `${path}/`.startsWith(m.path));
}

/**
 * Where to read `path`. Under KV v2, `secret/app1/db` and `secret/data/app1/db`
 * are the same secret; a path already starting with `data/` is taken as the API path.
 */
export function readTarget(path: string, mount: VaultMount): ReadTarget {
  if (mount.kvVersion !== 2) return { apiPath: path, shape: "plain" };
  return { apiPath: kv2Paths(path, mount).data, shape: "kv2" };
}

export function kv2Paths(path: string, mount: VaultMount): Kv2Paths {
  let rest = path.slice(mount.path.length);
  if (rest.startsWith("data/")) rest = rest.slice("data/".length);
  return {
    data: `${mount.path}data/${rest}`,
    metadata: `${mount.path}metadata/${rest}`,
    logical: `${mount.path}${rest}`,
  };
}
