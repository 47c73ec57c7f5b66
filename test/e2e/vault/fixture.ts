// The admin side of the Vault e2e tests: a root node-vault client on the dev
// server the global setup started (VAULT_ADDR, VAULT_TOKEN), names unique to
// this run so tests never collide with other suites on the same server, and a
// file audit device to count the requests Vault really received.
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import nodeVault from "node-vault";

export type Admin = ReturnType<typeof nodeVault>;

export function adminEnv(): { VAULT_ADDR: string; VAULT_TOKEN: string } {
  const { VAULT_ADDR, VAULT_TOKEN } = process.env;
  if (!VAULT_ADDR || !VAULT_TOKEN)
    throw new Error("VAULT_ADDR and VAULT_TOKEN must be set (test/e2e/global-setup.ts)");
  return { VAULT_ADDR, VAULT_TOKEN };
}

export function admin(): Admin {
  const env = adminEnv();
  return nodeVault({ endpoint: env.VAULT_ADDR, token: env.VAULT_TOKEN, debug: () => {} });
}

/** A fresh name for mounts, policies and paths of one test file. */
export function unique(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString("hex")}`;
}

export async function putKv2(
  vault: Admin,
  mount: string,
  path: string,
  data: Record<string, unknown>,
): Promise<void> {
  await vault.write(`${mount}/data/${path}`, { data });
}

/**
 * A file audit device: every request Vault handles is logged as one JSON line
 * (values HMAC'd). `reads(prefix)` counts the read requests whose path starts
 * with `prefix`.
 */
export async function auditLog(vault: Admin): Promise<{
  reads(prefix: string): number;
  close(): Promise<void>;
}> {
  const dir = mkdtempSync(path.join(tmpdir(), "releases-vault-audit-"));
  const file = path.join(dir, "audit.log");
  const name = unique("count");
  await vault.write(`sys/audit/${name}`, { type: "file", options: { file_path: file } });
  return {
    reads(prefix) {
      return readFileSync(file, "utf8")
        .split("\n")
        .filter((line) => line.trim() !== "")
        .map((line) => JSON.parse(line) as { type: string; request?: { path?: string; operation?: string } })
        .filter(
          (e) =>
            e.type === "request" && e.request?.operation === "read" && e.request.path?.startsWith(prefix),
        ).length;
    },
    async close() {
      await vault.delete(`sys/audit/${name}`);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
