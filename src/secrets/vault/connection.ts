// The one path to the Vault HTTP API: node-vault with its debug logging cut
// off (it prints request bodies), TLS from the settings, a lazy login, retries
// of 412/5xx, and every failure reduced to a printable VaultFailure.
import { readdirSync, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import nodeVault from "node-vault";
import { SecretError } from "../../errors.js";
import { isRetryable, toFailure, VaultRequestError } from "./failure.js";
import type { Credential, VaultAuth, VaultSettings } from "./settings.js";

type NodeVaultClient = ReturnType<typeof nodeVault>;

export class VaultConnection {
  readonly address: string;
  readonly #settings: VaultSettings;
  readonly #api: NodeVaultClient;
  #login: Promise<void> | undefined;
  #tokenCheck: Promise<boolean> | undefined;
  #requests = 0;

  constructor(settings: VaultSettings) {
    this.#settings = settings;
    this.address = settings.address;
    this.#api = nodeVault({
      endpoint: settings.address,
      debug: () => {},
      requestOptions: { ...tlsOptions(settings), timeout: settings.timeoutMs },
    });
    // node-vault falls back to process.env for these; only the settings' env counts.
    Object.assign(this.#api, { token: "", namespace: settings.namespace ?? "", pathPrefix: "" });
  }

  /** HTTP requests sent so far, logins and retries included. */
  get requests(): number {
    return this.#requests;
  }

  async read(apiPath: string, query = ""): Promise<unknown> {
    await this.#ensureLogin();
    return this.#send(() => this.#api.read(`${encodePath(apiPath)}${query}`));
  }

  async write(apiPath: string, body: unknown): Promise<unknown> {
    await this.#ensureLogin();
    return this.#send(() => this.#api.write(encodePath(apiPath), body));
  }

  /** After a 403: is it the token (expired, revoked, wrong) rather than its policies? Asked once. */
  async tokenRejected(): Promise<boolean> {
    this.#tokenCheck ??= this.read("auth/token/lookup-self").then(
      () => false,
      (e) => {
        const failure = toFailure(e);
        return failure.kind === "http" && failure.status === 403;
      },
    );
    return this.#tokenCheck;
  }

  async #send(request: () => Promise<unknown>): Promise<unknown> {
    for (let attempt = 0; ; attempt++) {
      this.#requests++;
      try {
        return await request();
      } catch (e) {
        const failure = toFailure(e);
        if (attempt >= this.#settings.maxRetries || !isRetryable(failure))
          throw new VaultRequestError(failure);
        await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt));
      }
    }
  }

  #ensureLogin(): Promise<void> {
    this.#login ??= this.#logIn().catch((e) => {
      this.#login = undefined;
      throw e;
    });
    return this.#login;
  }

  async #logIn(): Promise<void> {
    const auth = this.#settings.auth;
    if (auth.method === "token") {
      this.#api.token = await readCredential(auth.token, auth.source);
      return;
    }
    const [path, body] = await loginRequest(auth);
    let response: unknown;
    try {
      response = await this.#send(() => this.#api.write(path, body));
    } catch (e) {
      const failure = toFailure(e);
      throw new SecretError(
        `Vault ${auth.method} login at ${path} on ${this.address} failed (${e instanceof Error ? e.message : failure.kind})`,
        {
          hint: loginHint(auth),
        },
      );
    }
    const token = (response as { auth?: { client_token?: unknown } })?.auth?.client_token;
    if (typeof token !== "string" || token === "") {
      throw new SecretError(`Vault ${auth.method} login at ${path} returned no token`, {
        hint: loginHint(auth),
      });
    }
    this.#api.token = token;
  }
}

async function loginRequest(auth: Exclude<VaultAuth, { method: "token" }>): Promise<[string, unknown]> {
  if (auth.method === "approle") {
    const [roleId, secretId] = await Promise.all([
      readCredential(auth.roleId, "VAULT_ROLE_ID_FILE"),
      readCredential(auth.secretId, "VAULT_SECRET_ID_FILE"),
    ]);
    return [`auth/${auth.mount}/login`, { role_id: roleId, secret_id: secretId }];
  }
  const jwt = await readCredential(auth.jwt, "VAULT_K8S_TOKEN_FILE");
  return [`auth/${auth.mount}/login`, { role: auth.role, jwt }];
}

async function readCredential(credential: Credential, name: string): Promise<string> {
  if ("value" in credential) return credential.value;
  let text: string;
  try {
    text = await readFile(credential.file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? "unreadable";
    if (name === "~/.vault-token") {
      throw new SecretError(
        `no Vault token: VAULT_TOKEN is not set and ${credential.file} cannot be read (${code})`,
        {
          hint: "Set VAULT_TOKEN, run `vault login`, or configure AppRole (VAULT_ROLE_ID/VAULT_SECRET_ID) or Kubernetes (VAULT_K8S_ROLE) login.",
        },
      );
    }
    throw new SecretError(
      `cannot read the Vault credential file ${credential.file} given by ${name} (${code})`,
      {
        location: { file: credential.file },
        hint: `Check ${name}.`,
      },
    );
  }
  const value = text.trim();
  if (value === "") {
    throw new SecretError(`the Vault credential file ${credential.file} is empty`, {
      location: { file: credential.file },
      hint: `Check ${name}.`,
    });
  }
  return value;
}

function loginHint(auth: Exclude<VaultAuth, { method: "token" }>): string {
  return auth.method === "approle"
    ? `Check VAULT_ROLE_ID and VAULT_SECRET_ID (secret ids expire and may be single-use) and that AppRole is enabled at auth/${auth.mount}.`
    : `Check that role ${JSON.stringify(auth.role)} exists at auth/${auth.mount} and binds this service account.`;
}

function tlsOptions(settings: VaultSettings): {
  ca?: string[];
  cert?: string;
  key?: string;
  strictSSL?: boolean;
} {
  const { caCert, caPath, clientCert, clientKey, skipVerify } = settings.tls;
  const ca: string[] = [];
  if (caCert) ca.push(readTlsFile(caCert, "VAULT_CACERT"));
  if (caPath) {
    for (const name of readdirSync(caPath)
      .filter((n) => /\.(pem|crt)$/.test(n))
      .sort()) {
      ca.push(readTlsFile(join(caPath, name), "VAULT_CAPATH"));
    }
  }
  return {
    ...(ca.length ? { ca } : {}),
    ...(clientCert ? { cert: readTlsFile(clientCert, "VAULT_CLIENT_CERT") } : {}),
    ...(clientKey ? { key: readTlsFile(clientKey, "VAULT_CLIENT_KEY") } : {}),
    strictSSL: !skipVerify,
  };
}

function readTlsFile(file: string, variable: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (e) {
    throw new SecretError(
      `cannot read ${variable} file ${file} (${(e as NodeJS.ErrnoException).code ?? "unreadable"})`,
      {
        location: { file: "environment", field: variable },
        hint: `Point ${variable} at a readable PEM file.`,
      },
    );
  }
}

function encodePath(apiPath: string): string {
  return apiPath.split("/").map(encodeURIComponent).join("/");
}
