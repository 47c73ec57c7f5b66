#!/usr/bin/env node
// Benchmark: decrypt 200 SOPS files of 50 keys each with SopsReader.
//   node scripts/bench-sops.mjs [files] [keys]
// The files are written by our encryptor into a temporary directory on
// /dev/shm (else the OS temp dir) with a throwaway age key, and removed after.
// The library is compiled with tsc into node_modules/.cache (so this works
// even while other parts of the tree do not build).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const fileCount = Number(process.argv[2] ?? 200);
const keyCount = Number(process.argv[3] ?? 50);

const out = join(root, "node_modules", ".cache", "bench-sops");
mkdirSync(out, { recursive: true });
const tsconfig = join(out, "tsconfig.json");
writeFileSync(
  tsconfig,
  JSON.stringify({
    extends: join(root, "tsconfig.json"),
    compilerOptions: { outDir: out, rootDir: root, noEmit: false, declaration: false, sourceMap: false },
    include: [],
    files: [join(root, "src", "secrets", "sops", "index.ts")],
  }),
);
const tsc = spawnSync(join(root, "node_modules", ".bin", "tsc"), ["-p", tsconfig], {
  cwd: root,
  encoding: "utf8",
});
if (tsc.status !== 0) {
  process.stderr.write(`tsc failed:\n${tsc.stdout}${tsc.stderr}`);
  process.exit(1);
}
const lib = await import(pathToFileURL(join(out, "src", "secrets", "sops", "index.js")).href);
const { generateX25519Identity, identityToRecipient } = await import("age-encryption");

const identity = await generateX25519Identity();
const recipient = await identityToRecipient(identity);
const keys = { identities: [identity], searched: ["bench"], problems: [] };

const base = existsSync("/dev/shm") ? "/dev/shm" : tmpdir();
const dir = mkdtempSync(join(base, "bench-sops-"));
try {
  const paths = [];
  let t = performance.now();
  for (let f = 0; f < fileCount; f++) {
    const lines = [];
    for (let k = 0; k < keyCount; k++) lines.push(`key_${k}: value-${f}-${k}-${"x".repeat(k % 20)}`);
    const path = join(dir, `secrets-${f}.yaml`);
    writeFileSync(path, await lib.encryptSops(`${lines.join("\n")}\n`, path, { recipients: [recipient] }));
    paths.push(path);
  }
  const encryptMs = performance.now() - t;

  const pass = async (reader) => {
    const start = performance.now();
    const results = await Promise.all(paths.map((p) => reader.read(p)));
    const ms = performance.now() - start;
    if (results.some((r) => Object.keys(r).length !== keyCount)) throw new Error("wrong key count");
    return ms;
  };
  const cold = await pass(new lib.SopsReader({ keys }));
  const warmReader = new lib.SopsReader({ keys });
  const warm = await pass(warmReader);
  const cached = await pass(warmReader);
  t = performance.now();
  for (const p of paths.slice(0, 50)) await new lib.SopsReader({ keys }).read(p);
  const sequentialPerFile = (performance.now() - t) / 50;

  const f = (ms) => `${ms.toFixed(1)} ms`;
  process.stdout.write(
    [
      `files: ${fileCount} × ${keyCount} keys (YAML) in ${dir}`,
      `encrypt (generate):        ${f(encryptMs)}`,
      `decrypt cold (1st pass):   ${f(cold)}  (${f(cold / fileCount)} per file)`,
      `decrypt warm (new reader): ${f(warm)}  (${f(warm / fileCount)} per file)`,
      `cached (same reader):      ${f(cached)}`,
      `sequential, one file:      ${f(sequentialPerFile)}`,
      "",
    ].join("\n"),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
