// HashiCorp Vault transit (`sops.hc_vault`, `hc_vault_transit_uri` in
// .sops.yaml): the data key, base64-encoded, goes through
// <engine>/encrypt/<key> and back through <engine>/decrypt/<key>, as sops's
// hcvault key source does. The token is VAULT_TOKEN, else ~/.vault-token.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { SecretError } from "../../../errors.js";
import { createdAt, parseEntry } from "./entry.js";
import { type KeyAccess, type KeyType, KeyUnavailable } from "./types.js";

interface Transit {
  address: string;
  enginePath: string;
  keyName: string;
}

/** `https://vault:8200/v1/<engine path>/keys/<key>` → its parts; undefined when it is not such a URI. */
export function parseTransitUri(uri: string): Transit | undefined {
  const m = /^(https?:\/\/[^/]+)\/v1\/(.+)\/keys\/([^/]+)\/?$/.exec(uri.trim());
  return m ? { address: m[1]!, enginePath: m[2]!, keyName: m[3]! } : undefined;
}

const uriOf = (t: Transit) => `${t.address}/v1/${t.enginePath}/keys/${t.keyName}`;

export const vaultTransitKey: KeyType = {
  field: "hc_vault",
  ruleField: "hc_vault_transit_uri",
  name: "Vault transit",
  parse: (entry, file, where) =>
    parseEntry("hc_vault", entry, file, where, ["vault_address", "engine_path", "key_name", "enc"], (e) =>
      uriOf({ address: e.vault_address!, enginePath: e.engine_path!, keyName: e.key_name! }),
    ),
  async wrap(dataKey, uri, access, file) {
    const transit = parseTransitUri(uri);
    if (!transit) {
      throw new SecretError(`invalid Vault transit URI "${uri}"`, {
        location: { file },
        hint: "write it as https://vault.example.com:8200/v1/<engine path>/keys/<key name>",
      });
    }
    const body = await call(
      transit,
      "encrypt",
      { plaintext: Buffer.from(dataKey).toString("base64") },
      access,
    ).catch((error: Error) => {
      throw new SecretError(`Vault transit key ${uriOf(transit)} could not encrypt: ${error.message}`, {
        location: { file },
      });
    });
    const ciphertext = body.ciphertext;
    if (typeof ciphertext !== "string")
      throw new SecretError("Vault transit returned no ciphertext", { location: { file } });
    return {
      type: "hc_vault",
      id: uriOf(transit),
      entry: {
        vault_address: transit.address,
        engine_path: transit.enginePath,
        key_name: transit.keyName,
        created_at: createdAt(),
        enc: ciphertext,
      },
    };
  },
  async unwrap(key, access) {
    const transit = {
      address: String(key.entry.vault_address),
      enginePath: String(key.entry.engine_path),
      keyName: String(key.entry.key_name),
    };
    const body = await call(transit, "decrypt", { ciphertext: key.entry.enc }, access).catch(
      (error: Error) => {
        throw new KeyUnavailable(error.message);
      },
    );
    if (typeof body.plaintext !== "string") throw new KeyUnavailable("Vault transit returned no plaintext");
    return new Uint8Array(Buffer.from(body.plaintext, "base64"));
  },
};

async function call(
  transit: Transit,
  operation: "encrypt" | "decrypt",
  payload: Record<string, unknown>,
  access: KeyAccess,
): Promise<Record<string, unknown>> {
  const token = access.env.VAULT_TOKEN ?? (await tokenFile(access.env));
  if (!token) throw new Error("no Vault token: set VAULT_TOKEN or log in with `vault login`");
  const headers: Record<string, string> = { "X-Vault-Token": token, "Content-Type": "application/json" };
  if (access.env.VAULT_NAMESPACE) headers["X-Vault-Namespace"] = access.env.VAULT_NAMESPACE;
  let response: Response;
  try {
    response = await access.fetch(
      `${transit.address}/v1/${transit.enginePath}/${operation}/${transit.keyName}`,
      {
        method: "POST",
        headers,
        body: JSON.stringify(payload),
      },
    );
  } catch (error) {
    throw new Error(
      `cannot reach Vault at ${transit.address} (${(error as Error).cause ?? (error as Error).message})`,
    );
  }
  const json = (await response.json().catch(() => ({}))) as {
    data?: Record<string, unknown>;
    errors?: string[];
  };
  if (!response.ok) {
    // Vault's transit errors name the key and the problem, never the plaintext.
    throw new Error(
      `Vault answered ${response.status}${json.errors?.length ? `: ${json.errors.join("; ")}` : ""}`,
    );
  }
  return json.data ?? {};
}

async function tokenFile(env: KeyAccess["env"]): Promise<string | undefined> {
  if (!env.HOME) return undefined;
  return (await readFile(join(env.HOME, ".vault-token"), "utf8").catch(() => "")).trim() || undefined;
}
