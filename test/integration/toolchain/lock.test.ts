// Two scripts/toolchain runs at once (two shells, the demo and the tests) must
// not delete each other's half-built tools: the second waits for the first's
// lock on the component, then links the finished build.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readlinkSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, expect, it } from "vitest";

const TOOLCHAIN = fileURLToPath(new URL("../../../scripts/toolchain", import.meta.url));
const root = mkdtempSync(join(tmpdir(), "releases-toolchain-lock-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function run(dest: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(TOOLCHAIN, ["node"], {
      env: { ...process.env, RELEASES_TOOLCHAIN_STORE: join(root, "store"), RELEASES_TOOLCHAIN_DEST: dest },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk) => {
      stderr += String(chunk);
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stderr }));
  });
}

it("two concurrent runs with an empty store both succeed, one building and one waiting, and the store is intact", {
  timeout: 180_000,
}, async () => {
  const [a, b] = await Promise.all([run(join(root, "a")), run(join(root, "b"))]);
  expect(a.code, a.stderr).toBe(0);
  expect(b.code, b.stderr).toBe(0);
  const logs = [a.stderr, b.stderr];
  // Exactly one built it; the other waited for the lock and then found it cached.
  expect(logs.filter((log) => /node 24\.\d+\.\d+: built in/.test(log))).toHaveLength(1);
  expect(logs.filter((log) => log.includes("waiting for") && /: cached \(/.test(log))).toHaveLength(1);

  const store = join(root, "store");
  const entries = readdirSync(store);
  const builds = entries.filter((e) => e.startsWith("node-") && !e.endsWith(".lock"));
  expect(builds).toHaveLength(1); // no .tmp left behind
  expect(existsSync(join(store, builds[0]!, ".done"))).toBe(true);
  for (const dest of ["a", "b"]) {
    const link = readlinkSync(join(root, dest, "bin", "node"));
    expect(link).toBe(join(store, builds[0]!, "bin", "node"));
    expect(existsSync(link)).toBe(true);
  }
});
