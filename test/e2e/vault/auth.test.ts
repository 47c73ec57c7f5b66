// Logging in without a token: AppRole with values and with files, and a
// failed login that names the method but not the secret id.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SecretError } from "../../../src/errors.js";
import { VaultClient } from "../../../src/secrets/vault/client.js";
import { type Admin, admin, adminEnv, putKv2, unique } from "./fixture.js";

const base = unique("e2e-auth");
const approle = unique("approle");
const policy = unique("reader");
const role = "releases-ci";
let vault: Admin;
let roleId: string;
let dir: string;

const uses = [{ ref: { path: `secret/${base}/app1/db`, key: "password" }, usedBy: "backend/app1" }];

async function newSecretId(): Promise<string> {
  const response = await vault.write(`auth/${approle}/role/${role}/secret-id`, {});
  return response.data.secret_id;
}

beforeAll(async () => {
  vault = admin();
  dir = mkdtempSync(path.join(tmpdir(), "releases-vault-auth-"));
  await putKv2(vault, "secret", `${base}/app1/db`, { password: "pw-approle-5e1f" });
  await vault.addPolicy({ name: policy, rules: `path "secret/data/${base}/*" { capabilities = ["read"] }` });
  await vault.enableAuth({ mount_point: approle, type: "approle" });
  await vault.write(`auth/${approle}/role/${role}`, { token_policies: [policy], token_ttl: "10m" });
  roleId = (await vault.read(`auth/${approle}/role/${role}/role-id`)).data.role_id;
});

afterAll(async () => {
  await vault.disableAuth({ mount_point: approle });
  await vault.removePolicy({ name: policy });
  await vault.delete(`secret/metadata/${base}/app1/db`);
  rmSync(dir, { recursive: true, force: true });
});

describe("Vault login", () => {
  it("reads with an AppRole identity given by VAULT_ROLE_ID and VAULT_SECRET_ID", async () => {
    const client = VaultClient.fromEnv({
      VAULT_ADDR: adminEnv().VAULT_ADDR,
      VAULT_ROLE_ID: roleId,
      VAULT_SECRET_ID: await newSecretId(),
      VAULT_APPROLE_MOUNT: approle,
    });
    expect(await client.resolve(uses)).toEqual(
      new Map([[`secret/${base}/app1/db#password`, "pw-approle-5e1f"]]),
    );
  });

  it("reads the role and secret ids from files", async () => {
    writeFileSync(path.join(dir, "role-id"), `${roleId}\n`);
    writeFileSync(path.join(dir, "secret-id"), `${await newSecretId()}\n`);
    const client = VaultClient.fromEnv({
      VAULT_ADDR: adminEnv().VAULT_ADDR,
      VAULT_ROLE_ID_FILE: path.join(dir, "role-id"),
      VAULT_SECRET_ID_FILE: path.join(dir, "secret-id"),
      VAULT_APPROLE_MOUNT: approle,
    });
    expect((await client.resolve(uses)).size).toBe(1);
  });

  it("fails a bad secret id as a login error that does not print it", async () => {
    const client = VaultClient.fromEnv({
      VAULT_ADDR: adminEnv().VAULT_ADDR,
      VAULT_ROLE_ID: roleId,
      VAULT_SECRET_ID: "00000000-dead-beef-0000-000000000000",
      VAULT_APPROLE_MOUNT: approle,
    });
    const error = await client.resolve(uses).catch((e) => e);
    expect(error).toBeInstanceOf(SecretError);
    expect(error.message).toContain(`Vault approle login at auth/${approle}/login`);
    expect(error.hint).toContain("VAULT_SECRET_ID");
    expect(inspect(error, { depth: 10 })).not.toContain("dead-beef");
  });

  it("uses the token `vault login` left in ~/.vault-token when nothing else is set", async () => {
    writeFileSync(path.join(dir, ".vault-token"), adminEnv().VAULT_TOKEN);
    const client = VaultClient.fromEnv({ VAULT_ADDR: adminEnv().VAULT_ADDR, HOME: dir });
    expect((await client.resolve(uses)).size).toBe(1);
  });

  it("explains how to log in when there is no token at all", async () => {
    const client = VaultClient.fromEnv({ VAULT_ADDR: adminEnv().VAULT_ADDR, HOME: path.join(dir, "nobody") });
    const error = await client.resolve(uses).catch((e) => e);
    expect(error).toBeInstanceOf(SecretError);
    expect(error.message).toContain(".vault-token");
    expect(error.hint).toContain("VAULT_TOKEN");
  });
});
