// The Vault client the rest of the program is given: resolve template
// references in bulk, and read, write and restore KV v2 versions for rotation.
// It never logs; its errors name paths, references and the address, never
// values or the token.
import { randomInt } from "node:crypto";
import { SecretError } from "../../errors.js";
import { VaultConnection } from "./connection.js";
import { toFailure, type VaultFailure, VaultRequestError } from "./failure.js";
import { findMount, kv2Paths, mountFromUiResponse, type VaultMount } from "./mount.js";
import { requestError } from "./problems.js";
import type { VaultUse } from "./ref.js";
import { resolveUses, secretData } from "./resolve.js";
import { type Env, readVaultSettings, type VaultSettings } from "./settings.js";

type HttpFailure = Extract<VaultFailure, { kind: "http" }>;

export interface VaultClientOptions {
  /** Reads in flight at once (default 16). */
  concurrency?: number;
}

export interface SecretVersion {
  version: number;
  data: Record<string, unknown>;
}

export class VaultClient {
  readonly #connection: VaultConnection;
  readonly #concurrency: number;
  /** Mounts seen so far; Vault forbids nested mounts, so a prefix match is exact. */
  readonly #mounts: VaultMount[] = [];

  constructor(settings: VaultSettings, options: VaultClientOptions = {}) {
    this.#connection = new VaultConnection(settings);
    this.#concurrency = options.concurrency ?? 16;
  }

  /** Settings from VAULT_* variables (see settings.ts); nothing is read from the network until first use. */
  static fromEnv(env: Env = process.env, options: VaultClientOptions = {}): VaultClient {
    return new VaultClient(readVaultSettings(env), options);
  }

  get address(): string {
    return this.#connection.address;
  }

  /** HTTP requests sent so far (mount lookups, reads, logins and retries). */
  get requests(): number {
    return this.#connection.requests;
  }

  /** Values keyed by `refKey`. One read per secret path, however many keys and uses; all failures in one SecretError. */
  resolve(uses: readonly VaultUse[]): Promise<Map<string, string>> {
    if (uses.length === 0) return Promise.resolve(new Map());
    return resolveUses(
      uses,
      {
        address: this.address,
        mountOf: (path) => this.#mountOf(path),
        read: (apiPath) => this.#connection.read(apiPath),
        tokenRejected: () => this.#connection.tokenRejected(),
      },
      this.#concurrency,
    );
  }

  /** The latest version of a KV v2 secret (or `version`), with its data. */
  async readVersion(path: string, version?: number): Promise<SecretVersion> {
    const paths = await this.#kv2(path, "read");
    const which = version === undefined ? "the latest version" : `version ${version}`;
    const body = await this.#call(
      paths.data,
      `reading ${which} of ${paths.logical}`,
      () => this.#connection.read(paths.data, version === undefined ? "" : `?version=${version}`),
      {
        404: () =>
          new SecretError(`${which} of Vault secret ${paths.logical} does not exist`, {
            hint: VERSIONS_HINT,
          }),
      },
    );
    const data = secretData(body, { apiPath: paths.data, shape: "kv2" });
    const current = (body as { data?: { metadata?: { version?: unknown } } }).data?.metadata?.version;
    if (!data || typeof current !== "number") {
      throw new SecretError(`${which} of Vault secret ${paths.logical} is deleted or destroyed`, {
        hint: VERSIONS_HINT,
      });
    }
    return { version: current, data };
  }

  /**
   * Writes `data` as a new version and returns its number. Check-and-set
   * against `cas` (default: the current version, read first), so a concurrent
   * writer makes this fail rather than be overwritten.
   */
  async writeKv2(
    path: string,
    data: Record<string, unknown>,
    options: { cas?: number } = {},
  ): Promise<number> {
    const paths = await this.#kv2(path, "write");
    const cas = options.cas ?? (await this.#currentVersion(paths.metadata, paths.logical));
    const body = await this.#call(
      paths.data,
      `writing a new version of ${paths.logical}`,
      () => this.#connection.write(paths.data, { options: { cas }, data }),
      {
        400: (failure) =>
          failure.errors.some((e) => e.includes("check-and-set"))
            ? new SecretError(
                `Vault secret ${paths.logical} changed after version ${cas} (check-and-set failed)`,
                {
                  hint: "Someone wrote a new version meanwhile: read it again and retry.",
                },
              )
            : undefined,
      },
    );
    const version = (body as { data?: { version?: unknown } }).data?.version;
    if (typeof version !== "number")
      throw new SecretError(`Vault did not return a version for ${paths.logical}`);
    return version;
  }

  /** Writes an old version's data back as a new version, as `vault kv rollback` does; returns the new version. */
  async restoreVersion(path: string, version: number): Promise<number> {
    const old = await this.readVersion(path, version);
    return this.writeKv2(path, old.data);
  }

  async #currentVersion(metadataPath: string, logical: string): Promise<number> {
    try {
      const body = await this.#connection.read(metadataPath);
      const current = (body as { data?: { current_version?: unknown } }).data?.current_version;
      return typeof current === "number" ? current : 0;
    } catch (e) {
      const failure = toFailure(e);
      if (failure.kind === "http" && failure.status === 404) return 0;
      throw requestError(failure, {
        address: this.address,
        apiPath: metadataPath,
        subject: `reading the version of ${logical}`,
      });
    }
  }

  async #kv2(path: string, action: string): Promise<ReturnType<typeof kv2Paths>> {
    const clean = path.replace(/^\/+|\/+$/g, "");
    const mount = await this.#call(clean, `finding the mount of ${clean}`, () => this.#mountOf(clean));
    if (mount?.kvVersion !== 2) {
      throw new SecretError(`cannot ${action} versions of ${clean}: it is not in a KV v2 mount`, {
        hint: "Rotation needs KV version 2 (`vault secrets enable -version=2 kv`).",
      });
    }
    return kv2Paths(clean, mount);
  }

  /** Runs a request; a failure becomes a SecretError about `subject`, or the one `special` gives for its status. */
  async #call<T>(
    apiPath: string,
    subject: string,
    request: () => Promise<T>,
    special: Record<number, (failure: HttpFailure) => SecretError | undefined> = {},
  ): Promise<T> {
    try {
      return await request();
    } catch (e) {
      if (!(e instanceof VaultRequestError)) throw e;
      const own = e.failure.kind === "http" ? special[e.failure.status]?.(e.failure) : undefined;
      if (own) throw own;
      const tokenRejected =
        e.failure.kind === "http" && e.failure.status === 403 && (await this.#connection.tokenRejected());
      throw requestError(e.failure, { address: this.address, apiPath, subject, tokenRejected });
    }
  }

  async #mountOf(path: string): Promise<VaultMount | undefined> {
    const known = findMount(this.#mounts, path);
    if (known) return known;
    let body: unknown;
    try {
      body = await this.#connection.read(`sys/internal/ui/mounts/${path}`);
    } catch (e) {
      // Servers without the endpoint answer 404; the CLI then reads the path as written (KV v1).
      if (e instanceof VaultRequestError && e.failure.kind === "http" && e.failure.status === 404)
        return undefined;
      throw e;
    }
    const mount = mountFromUiResponse(body);
    if (mount && !findMount(this.#mounts, path)) this.#mounts.push(mount);
    return mount;
  }
}

const VERSIONS_HINT = "List the versions that hold data with `vault kv metadata get <path>`.";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** A random secret of `length` letters and digits (32 by default: about 190 bits). */
export function generateSecret(length = 32): string {
  let out = "";
  for (let i = 0; i < length; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}
