// Benchmark: resolve 100 Vault references across 25 KV v2 paths against a
// running server, warm (after one untimed round), each round with a fresh
// VaultClient so the mount lookup is included.
//
// usage: . "$(scripts/vault env)" && node --experimental-transform-types scripts/bench-vault.ts [rounds]
// (transform, not strip: src/errors.ts uses constructor parameter properties.)
import { randomBytes } from "node:crypto";
import { registerHooks } from "node:module";
import nodeVault from "node-vault";

// The sources import "./x.js" as tsc wants; run from source, that file is x.ts.
registerHooks({
  resolve(specifier, context, next) {
    try {
      return next(specifier, context);
    } catch (error) {
      if (specifier.startsWith(".") && specifier.endsWith(".js")) return next(`${specifier.slice(0, -3)}.ts`, context);
      throw error;
    }
  },
});
const { VaultClient } = await import("../src/secrets/vault/client.js");

const PATHS = 25;
const KEYS = 4;
const rounds = Number(process.argv[2] ?? 30);
const { VAULT_ADDR, VAULT_TOKEN } = process.env;
if (!VAULT_ADDR || !VAULT_TOKEN) {
  console.error('VAULT_ADDR and VAULT_TOKEN must be set, e.g. . "$(scripts/vault env)"');
  process.exit(2);
}

const admin = nodeVault({ endpoint: VAULT_ADDR, token: VAULT_TOKEN, debug: () => {} });
const base = `bench-${randomBytes(4).toString("hex")}`;
for (let p = 0; p < PATHS; p++) {
  const data = Object.fromEntries(Array.from({ length: KEYS }, (_, k) => [`key${k}`, randomBytes(16).toString("hex")]));
  await admin.write(`secret/data/${base}/svc${p}`, { data });
}
const uses = Array.from({ length: PATHS * KEYS }, (_, i) => ({
  ref: { path: `secret/${base}/svc${i % PATHS}`, key: `key${Math.floor(i / PATHS)}` },
  usedBy: `release-${i}`,
}));

const env = { VAULT_ADDR, VAULT_TOKEN };
try {
  await VaultClient.fromEnv(env).resolve(uses); // warm-up: JIT, sockets, server caches
  const times: number[] = [];
  let requests = 0;
  for (let r = 0; r < rounds; r++) {
    const client = VaultClient.fromEnv(env);
    const started = performance.now();
    const values = await client.resolve(uses);
    times.push(performance.now() - started);
    if (values.size !== uses.length) throw new Error(`resolved ${values.size} of ${uses.length}`);
    requests = client.requests;
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(1);
  console.log(
    `${uses.length} references across ${PATHS} paths, ${rounds} warm rounds, ${requests} requests per round ` +
      `(1 mount lookup + ${PATHS} reads): median ${at(0.5)} ms, min ${at(0)} ms, p90 ${at(0.9)} ms`,
  );
} finally {
  await Promise.all(Array.from({ length: PATHS }, (_, p) => admin.delete(`secret/metadata/${base}/svc${p}`)));
}
