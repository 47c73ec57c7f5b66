// TLS: a second dev server of our own with -dev-tls (its own CA), trusted only
// through VAULT_CACERT. Started and stopped here, by its pid.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import nodeVault from "node-vault";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SecretError } from "../../../src/errors.js";
import { VaultClient } from "../../../src/secrets/vault/client.js";

let server: ChildProcess | undefined;
let dir: string;
let address: string;
const token = "tls-root";
const uses = [{ ref: { path: "secret/tls/app1", key: "password" }, usedBy: "backend/app1" }];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
    probe.on("error", reject);
  });
}

async function waitUntilUp(ca: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const vault = nodeVault({ endpoint: address, token, debug: () => {}, requestOptions: { ca: ca() } });
      await vault.write("secret/data/tls/app1", { data: { password: "pw-tls-a1b2" } });
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "releases-vault-tls-"));
  const port = await freePort();
  address = `https://127.0.0.1:${port}`;
  server = spawn(
    "vault",
    [
      "server",
      "-dev",
      "-dev-tls",
      `-dev-tls-cert-dir=${dir}`,
      `-dev-root-token-id=${token}`,
      `-dev-listen-address=127.0.0.1:${port}`,
    ],
    { stdio: "ignore", env: { ...process.env, VAULT_DEV_ROOT_TOKEN_ID: token } },
  );
  await waitUntilUp(() => readFileSync(path.join(dir, "vault-ca.pem"), "utf8"));
});

afterAll(() => {
  if (server?.pid) process.kill(server.pid, "SIGTERM");
  rmSync(dir, { recursive: true, force: true });
});

describe("Vault over TLS", () => {
  it("refuses a server whose certificate it cannot verify, pointing at VAULT_CACERT", async () => {
    const client = VaultClient.fromEnv({ VAULT_ADDR: address, VAULT_TOKEN: token });
    const error = await client.resolve(uses).catch((e) => e);
    expect(error).toBeInstanceOf(SecretError);
    expect(error.message).toContain(`TLS with Vault at ${address} failed`);
    expect(error.hint).toContain("VAULT_CACERT");
  });

  it("reads when VAULT_CACERT names the CA that signed it", async () => {
    const client = VaultClient.fromEnv({
      VAULT_ADDR: address,
      VAULT_TOKEN: token,
      VAULT_CACERT: path.join(dir, "vault-ca.pem"),
    });
    expect(await client.resolve(uses)).toEqual(new Map([["secret/tls/app1#password", "pw-tls-a1b2"]]));
  });
});
