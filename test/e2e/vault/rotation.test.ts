// The KV v2 operations rotation is built on: read a version, write a new one
// with check-and-set, and restore an old one as a new version.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SecretError } from "../../../src/errors.js";
import { generateSecret, VaultClient } from "../../../src/secrets/vault/client.js";
import { type Admin, admin, adminEnv, putKv2, unique } from "./fixture.js";

const base = unique("e2e-rotate");
const kv1 = unique("kv1");
let vault: Admin;

beforeAll(async () => {
  vault = admin();
  await putKv2(vault, "secret", `${base}/app1/db`, { user: "app1", password: "original-password" });
  await vault.mount({ mount_point: kv1, type: "kv", options: { version: "1" } });
});

afterAll(async () => {
  await vault.unmount({ mount_point: kv1 });
  await vault.delete(`secret/metadata/${base}/app1/db`);
  await vault.delete(`secret/metadata/${base}/fresh`);
});

describe("KV v2 versions", () => {
  it("writes a new version with check-and-set and restores the old one as a newer version", async () => {
    const client = VaultClient.fromEnv(adminEnv());
    const path = `secret/${base}/app1/db`;
    const before = await client.readVersion(path);
    expect(before).toEqual({ version: 1, data: { user: "app1", password: "original-password" } });

    const rotated = generateSecret();
    const written = await client.writeKv2(path, { ...before.data, password: rotated });
    expect(written).toBe(2);
    expect(await client.readVersion(`secret/data/${base}/app1/db`)).toEqual({
      version: 2,
      data: { user: "app1", password: rotated },
    });

    const restored = await client.restoreVersion(path, 1);
    expect(restored).toBe(3);
    expect(await client.readVersion(path)).toEqual({ version: 3, data: before.data });
    expect((await client.readVersion(path, 2)).data.password).toBe(rotated);
  });

  it("creates a secret that does not exist yet as version 1", async () => {
    const client = VaultClient.fromEnv(adminEnv());
    expect(await client.writeKv2(`secret/${base}/fresh`, { token: "x" })).toBe(1);
  });

  it("refuses to overwrite a version someone else wrote in between", async () => {
    const client = VaultClient.fromEnv(adminEnv());
    const path = `secret/${base}/app1/db`;
    const { version } = await client.readVersion(path);
    await putKv2(vault, "secret", `${base}/app1/db`, { user: "app1", password: "someone-else" });
    const error = await client.writeKv2(path, { password: "mine" }, { cas: version }).catch((e) => e);
    expect(error).toBeInstanceOf(SecretError);
    expect(error.message).toContain("check-and-set");
    expect(error.message).not.toContain("mine");
  });

  it("refuses versions on a KV v1 mount", async () => {
    const client = VaultClient.fromEnv(adminEnv());
    const error = await client.writeKv2(`${kv1}/app1/db`, { password: "x" }).catch((e) => e);
    expect(error).toBeInstanceOf(SecretError);
    expect(error.message).toContain("not in a KV v2 mount");
  });

  it("names a version that does not exist", async () => {
    const client = VaultClient.fromEnv(adminEnv());
    const error = await client.restoreVersion(`secret/${base}/app1/db`, 99).catch((e) => e);
    expect(error).toBeInstanceOf(SecretError);
    expect(error.message).toBe(`version 99 of Vault secret secret/${base}/app1/db does not exist`);
  });
});
