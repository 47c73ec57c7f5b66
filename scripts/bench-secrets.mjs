#!/usr/bin/env node
// Benchmark of a run's secret resolution, as `releases` does it before the
// first helm call: decrypt 200 SOPS files of 50 keys each (MAC verified) and
// resolve 100 Vault references across 25 KV v2 paths — at the same time, as
// renderReleases does. Prints cold (first round, new process state) and warm
// (fresh reader and client each round, Node and the server warmed up) wall time.
//
// usage: npm run build && . scripts/env && scripts/vault up && . "$(scripts/vault env)"
//        node scripts/bench-secrets.mjs [rounds]
// The SOPS files are written by our encryptor to a temp dir on /dev/shm (else
// the OS temp dir) for a throwaway age key, and removed afterwards.
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const dist = (path) => import(join(root, "dist", path));
const { encryptSops, SopsReader } = await dist("secrets/sops/index.js");
const { VaultClient } = await dist("secrets/vault/index.js");
const { generateIdentity, identityToRecipient } = await import("age-encryption");

const FILES = 200;
const KEYS = 50;
const PATHS = 25;
const REFS = 100;
const rounds = Number(process.argv[2] ?? 10);
if (!process.env.VAULT_ADDR || !process.env.VAULT_TOKEN) {
  console.error('VAULT_ADDR and VAULT_TOKEN must be set: . "$(scripts/vault env)"');
  process.exit(2);
}

const dir = mkdtempSync(join(existsSync("/dev/shm") ? "/dev/shm" : tmpdir(), "releases-bench-secrets-"));
try {
  const identity = await generateIdentity();
  const recipient = await identityToRecipient(identity);
  const files = [];
  for (let i = 0; i < FILES; i++) {
    const lines = Array.from({ length: KEYS }, (_, k) => `key${k}: ${randomBytes(12).toString("hex")}`);
    const path = join(dir, `s${i}.sops.yaml`);
    writeFileSync(path, await encryptSops(`${lines.join("\n")}\n`, path, { recipients: [recipient] }));
    files.push(path);
  }

  const seed = VaultClient.fromEnv(process.env);
  const prefix = `bench-${randomBytes(4).toString("hex")}`;
  for (let p = 0; p < PATHS; p++) {
    await seed.writeKv2(`secret/${prefix}/p${p}`, { a: "1", b: "2", c: "3", d: "4" }, { cas: 0 });
  }
  const keys = ["a", "b", "c", "d"];
  const uses = Array.from({ length: REFS }, (_, i) => ({
    ref: { path: `secret/${prefix}/p${i % PATHS}`, key: keys[Math.floor(i / PATHS) % keys.length] },
    usedBy: `bench/r${i}`,
  }));

  const round = async () => {
    const reader = new SopsReader({ keys: { identities: [identity], searched: [], problems: [] } });
    const vault = VaultClient.fromEnv(process.env);
    const started = performance.now();
    const [decrypted, resolved] = await Promise.all([
      Promise.all(files.map((f) => reader.read(f))),
      vault.resolve(uses),
    ]);
    const ms = performance.now() - started;
    if (decrypted.length !== FILES || Object.keys(decrypted[0]).length !== KEYS || resolved.size < PATHS) {
      throw new Error("benchmark round returned the wrong amount of data");
    }
    return { ms, requests: vault.requests };
  };

  const cold = await round();
  const warm = [];
  for (let i = 0; i < rounds; i++) warm.push(await round());
  const sorted = warm.map((r) => r.ms).sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  console.log(
    `${FILES} SOPS files x ${KEYS} keys + ${REFS} Vault references over ${PATHS} paths (${warm[0].requests} Vault requests per round)`,
  );
  console.log(`cold (first round)   ${cold.ms.toFixed(0)} ms`);
  console.log(
    `warm, ${rounds} rounds     median ${at(0.5).toFixed(0)} ms, p90 ${at(0.9).toFixed(0)} ms, min ${sorted[0].toFixed(0)} ms   (goal < 1000 ms)`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
