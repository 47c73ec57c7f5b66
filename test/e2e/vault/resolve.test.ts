// VaultClient.resolve against the real dev server: KV v2 with and without
// data/, KV v1, de-duplication counted by Vault's own audit log, and every
// failure naming the reference and its use but never a value or the token.
import { createRequire } from "node:module";
import { inspect } from "node:util";
import nodeVault from "node-vault";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SecretError } from "../../../src/errors.js";
import { VaultClient } from "../../../src/secrets/vault/client.js";
import type { VaultUse } from "../../../src/secrets/vault/ref.js";
import { type Admin, admin, adminEnv, auditLog, putKv2, unique } from "./fixture.js";

const base = unique("e2e");
const kv1 = unique("kv1");
let vault: Admin;

const use = (path: string, key: string, usedBy = "backend/app1", line = 7): VaultUse => ({
  ref: { path, key },
  usedBy,
  location: { file: "values/app1.yaml.hbs", line },
});

beforeAll(async () => {
  vault = admin();
  await putKv2(vault, "secret", `${base}/app1/db`, { user: "app1", password: "pw-app1-7f3a" });
  await putKv2(vault, "secret", `${base}/app2/db`, { user: "app2", password: "pw-app2-91bc", port: 5432 });
  await vault.mount({ mount_point: kv1, type: "kv", options: { version: "1" } });
  await vault.write(`${kv1}/app1/db`, { password: "pw-kv1-c0de" });
});

afterAll(async () => {
  await vault.unmount({ mount_point: kv1 });
  await vault.delete(`secret/metadata/${base}/app1/db`);
  await vault.delete(`secret/metadata/${base}/app2/db`);
});

describe("resolving Vault references", () => {
  it("reads KV v2 written with and without data/, and KV v1, each value under its own reference", async () => {
    const client = VaultClient.fromEnv(adminEnv());
    const values = await client.resolve([
      use(`secret/${base}/app1/db`, "password"),
      use(`secret/data/${base}/app1/db`, "user"),
      use(`secret/${base}/app2/db`, "port"),
      use(`${kv1}/app1/db`, "password"),
    ]);
    expect(Object.fromEntries(values)).toEqual({
      [`secret/${base}/app1/db#password`]: "pw-app1-7f3a",
      [`secret/data/${base}/app1/db#user`]: "app1",
      [`secret/${base}/app2/db#port`]: "5432",
      [`${kv1}/app1/db#password`]: "pw-kv1-c0de",
    });
  });

  it("reads 100 references across 20 paths with exactly 20 reads and one mount lookup", async () => {
    const bench = `${base}/bench`;
    for (let p = 0; p < 20; p++) {
      const data = Object.fromEntries(Array.from({ length: 5 }, (_, k) => [`key${k}`, `value-${p}-${k}`]));
      await putKv2(vault, "secret", `${bench}/svc${p}`, data);
    }
    const uses = Array.from({ length: 100 }, (_, i) =>
      use(`secret/${bench}/svc${i % 20}`, `key${Math.floor(i / 20)}`, `release-${i}`),
    );
    const audit = await auditLog(vault);
    try {
      const client = VaultClient.fromEnv(adminEnv());
      const values = await client.resolve(uses);
      expect(values.size).toBe(100);
      expect(values.get(`secret/${bench}/svc3#key4`)).toBe("value-3-4");
      expect(audit.reads(`secret/data/${bench}/`)).toBe(20);
      expect(audit.reads(`sys/internal/ui/mounts/secret/${bench}`)).toBe(1);
      expect(client.requests).toBe(21);
    } finally {
      await audit.close();
    }
  });

  it("looks each mount up once per client, however many resolves", async () => {
    const client = VaultClient.fromEnv(adminEnv());
    await client.resolve([use(`secret/${base}/app1/db`, "user")]);
    await client.resolve([use(`secret/${base}/app2/db`, "user")]);
    expect(client.requests).toBe(3);
  });

  it("names a missing path with the reference and where it is used", async () => {
    const client = VaultClient.fromEnv(adminEnv());
    const error = await client
      .resolve([use(`secret/${base}/nope/db`, "password", "backend/app9", 12)])
      .catch((e) => e);
    expect(error).toBeInstanceOf(SecretError);
    expect(error.message).toContain(`Vault path secret/data/${base}/nope/db does not exist`);
    expect(error.message).toContain(
      `secret/${base}/nope/db#password (used by backend/app9 at values/app1.yaml.hbs:12)`,
    );
    expect(error.location).toEqual({ file: "values/app1.yaml.hbs", line: 12 });
  });

  it("names a missing key and lists the keys that exist there, never their values", async () => {
    const client = VaultClient.fromEnv(adminEnv());
    const error = await client.resolve([use(`secret/${base}/app1/db`, "passwd")]).catch((e) => e);
    expect(error).toBeInstanceOf(SecretError);
    expect(error.message).toContain(`key "passwd" not found at Vault path secret/data/${base}/app1/db`);
    expect(error.message).toContain("keys there: password, user");
    expect(inspect(error, { depth: 10 })).not.toMatch(/pw-app1-7f3a/);
  });

  it("reports an unreachable server with its address and without the token", async () => {
    const client = VaultClient.fromEnv({
      VAULT_ADDR: "http://127.0.0.1:1",
      VAULT_TOKEN: "hvs.not-to-be-printed",
    });
    const error = await client.resolve([use(`secret/${base}/app1/db`, "password")]).catch((e) => e);
    expect(error).toBeInstanceOf(SecretError);
    expect(error.message).toMatch(/^cannot reach Vault at http:\/\/127\.0\.0\.1:1 \(.*ECONNREFUSED/);
    expect(error.hint).toContain("VAULT_ADDR");
    expect(inspect(error, { depth: 10 })).not.toContain("hvs.not-to-be-printed");
  });

  it("says the token is rejected when Vault refuses the token itself", async () => {
    const client = VaultClient.fromEnv({
      VAULT_ADDR: adminEnv().VAULT_ADDR,
      VAULT_TOKEN: "hvs.wrong-token-value",
    });
    const error = await client.resolve([use(`secret/${base}/app1/db`, "password")]).catch((e) => e);
    expect(error).toBeInstanceOf(SecretError);
    expect(error.message).toContain("rejected the token");
    expect(inspect(error, { depth: 10 })).not.toContain("hvs.wrong-token-value");
  });

  it("reports permission denied for a token whose policy does not cover the path, and still reads what it may", async () => {
    const policy = unique("app1-only");
    await vault.addPolicy({
      name: policy,
      rules: `path "secret/data/${base}/app1/*" { capabilities = ["read"] }`,
    });
    // Not tokenCreate: node-vault would switch the admin client to the new token.
    const { auth } = await vault.write("auth/token/create", { policies: [policy], ttl: "10m" });
    const client = VaultClient.fromEnv({ VAULT_ADDR: adminEnv().VAULT_ADDR, VAULT_TOKEN: auth.client_token });
    expect(await client.resolve([use(`secret/${base}/app1/db`, "user")])).toEqual(
      new Map([[`secret/${base}/app1/db#user`, "app1"]]),
    );
    const error = await client
      .resolve([
        use(`secret/${base}/app1/db`, "user"),
        use(`secret/${base}/app2/db`, "password", "backend/app2"),
      ])
      .catch((e) => e);
    expect(error).toBeInstanceOf(SecretError);
    expect(error.message).toContain(`permission denied on Vault path secret/data/${base}/app2/db`);
    expect(error.message).toContain("used by backend/app2");
    expect(error.message).not.toContain("rejected the token");
    expect(inspect(error, { depth: 10 })).not.toContain(auth.client_token);
    await vault.removePolicy({ name: policy });
  });

  it("writes nothing to stdout or stderr, even with node-vault's debug output switched on", async () => {
    // The `debug` package node-vault logs through (it prints request bodies); enabled as DEBUG=node-vault would.
    const debug = createRequire(import.meta.url)("debug") as {
      enable(namespaces: string): void;
      disable(): string;
    };
    const written: string[] = [];
    const original = { out: process.stdout.write, err: process.stderr.write };
    const capture = (chunk: unknown) => {
      written.push(String(chunk));
      return true;
    };
    debug.enable("node-vault");
    process.stdout.write = capture as typeof process.stdout.write;
    process.stderr.write = capture as typeof process.stderr.write;
    let control: string[] = [];
    try {
      const client = VaultClient.fromEnv(adminEnv());
      await client.resolve([use(`secret/${base}/app1/db`, "password")]);
      await client.resolve([use(`secret/${base}/app1/db`, "passwd")]).catch(() => undefined);
      control = written.splice(0);
      // Control: a plain node-vault client does log here, so the capture above would have seen it.
      await nodeVault({ endpoint: adminEnv().VAULT_ADDR, token: adminEnv().VAULT_TOKEN }).read(
        `secret/data/${base}/app1/db`,
      );
    } finally {
      process.stdout.write = original.out;
      process.stderr.write = original.err;
      debug.disable();
    }
    expect(control).toEqual([]);
    expect(written.join("")).toContain("node-vault");
  });
});

describe("references to a mount that does not exist", () => {
  it("say no accessible mount holds the path", async () => {
    const client = VaultClient.fromEnv(adminEnv());
    const error = await client.resolve([use(`${unique("nomount")}/app1/db`, "password")]).catch((e) => e);
    expect(error).toBeInstanceOf(SecretError);
    expect(error.message).toMatch(/^no Vault mount this token can access holds nomount-[0-9a-f]+\/app1\/db/);
    expect(error.hint).toContain("vault secrets list");
  });
});
