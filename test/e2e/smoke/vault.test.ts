import vault from "node-vault";
import { describe, expect, it } from "vitest";

// Against the Vault dev server the e2e global setup starts (scripts/vault):
// KV v2 at secret/ and AppRole enabled, reached with the node-vault package.
function rootClient() {
  const endpoint = process.env.VAULT_ADDR;
  const token = process.env.VAULT_TOKEN;
  if (!endpoint || !token) throw new Error("VAULT_ADDR/VAULT_TOKEN unset: run through the e2e project");
  return vault({ apiVersion: "v1", endpoint, token });
}

describe("vault dev server", () => {
  it("writes and reads a KV v2 secret at secret/", async () => {
    const client = rootClient();
    const written = await client.write("secret/data/smoke/db", { data: { password: "s3cret", port: 5432 } });
    expect(written.data.version).toBeGreaterThanOrEqual(1);

    const read = await client.read("secret/data/smoke/db");
    expect(read.data.data).toEqual({ password: "s3cret", port: 5432 });
    expect(read.data.metadata.version).toBe(written.data.version);
  });

  it("logs in with AppRole and reads only what its policy allows", async () => {
    const root = rootClient();
    await root.write("secret/data/smoke/app", { data: { apiKey: "k-123" } });
    await root.addPolicy({
      name: "smoke-read",
      rules: 'path "secret/data/smoke/app" { capabilities = ["read"] }',
    });
    await root.addApproleRole({ role_name: "smoke", policies: "smoke-read", token_ttl: 300 });
    const roleId = (await root.getApproleRoleId({ role_name: "smoke" })).data.role_id as string;
    const secretId = (await root.getApproleRoleSecret({ role_name: "smoke" })).data.secret_id as string;

    const app = vault({ apiVersion: "v1", endpoint: process.env.VAULT_ADDR! });
    const login = await app.approleLogin({ role_id: roleId, secret_id: secretId });
    expect(login.auth.policies).toContain("smoke-read");

    const read = await app.read("secret/data/smoke/app");
    expect(read.data.data).toEqual({ apiKey: "k-123" });
    await expect(app.read("secret/data/smoke/db")).rejects.toMatchObject({ response: { statusCode: 403 } });
  });
});
