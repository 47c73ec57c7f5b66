#!/usr/bin/env node
// Benchmark of what a run does with secrets before its first helm call, through
// the product's own path: `loadProject` reads a generated releases.yaml, then
// `renderReleases` with the CLI's secret sources (age key discovery from
// SOPS_AGE_KEY_FILE, in-process decryption with the MAC verified, Vault reads
// batched one per path), the handlebars render of every values template, the
// Helm-style merge and fingerprints, and finally the run's redactor, built over
// every registered secret, filtering the rendered values as `template`, `diff`
// and `--debug` print them.
//
// The project: RELEASES releases, each with two `secrets:` SOPS files of KEYS
// keys (200 files) and a values template with one `{{vault}}` lookup on its own
// KV v2 path (100 references, 100 reads).
//
// usage: npm run build && . scripts/env && . "$(scripts/vault up --name bench)"
//        node scripts/bench-secrets.mjs [rounds]
// Every round is a fresh load, fresh secret sources, Vault client and redactor;
// the first round of the process is reported apart (cold: lazy imports of the
// age and Vault libraries, JIT). The project is written to a temp dir on
// /dev/shm (else the OS temp dir) for a throwaway age key and removed afterwards.
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";

const root = fileURLToPath(new URL("..", import.meta.url));
const dist = (path) => import(join(root, "dist", path));
const { encryptSops } = await dist("secrets/sops/encrypt.js");
const { VaultClient } = await dist("secrets/vault/client.js");
const { Redactor } = await dist("secrets/redactor.js");
const { loadProject } = await dist("config/load.js");
const { renderReleases } = await dist("values/render-releases.js");
const { createTemplates } = await dist("values/templates.js");
const { localFiles } = await dist("config/files.js");
const { createSecretSources } = await dist("cli/secret-sources.js");
const { generateIdentity, identityToRecipient } = await import("age-encryption");

const RELEASES = 100;
const FILES_PER_RELEASE = 2;
const KEYS = 50;
const rounds = Number(process.argv[2] ?? 10);
if (!process.env.VAULT_ADDR || !process.env.VAULT_TOKEN) {
  console.error('VAULT_ADDR and VAULT_TOKEN must be set: . "$(scripts/vault env)"');
  process.exit(2);
}

const dir = mkdtempSync(join(existsSync("/dev/shm") ? "/dev/shm" : tmpdir(), "releases-bench-secrets-"));
try {
  const identity = await generateIdentity();
  const recipient = await identityToRecipient(identity);
  const keyFile = join(dir, "age-key.txt");
  writeFileSync(keyFile, `${identity}\n`, { mode: 0o600 });

  const seed = VaultClient.fromEnv(process.env);
  const prefix = `bench-${randomBytes(4).toString("hex")}`;
  const releases = [];
  for (let r = 0; r < RELEASES; r++) {
    const secrets = [];
    for (let f = 0; f < FILES_PER_RELEASE; f++) {
      const name = `r${r}-s${f}.sops.yaml`;
      const lines = Array.from(
        { length: KEYS },
        (_, k) => `key${f}_${k}: ${randomBytes(12).toString("hex")}`,
      );
      writeFileSync(
        join(dir, name),
        await encryptSops(`${lines.join("\n")}\n`, name, { recipients: [recipient] }),
      );
      secrets.push(name);
    }
    writeFileSync(
      join(dir, `r${r}.yaml.hbs`),
      `db:\n  password: {{vault "secret/${prefix}/r${r}" "password"}}\n  host: db-${r}.internal\n`,
    );
    await seed.writeKv2(`secret/${prefix}/r${r}`, { password: randomBytes(16).toString("hex") }, { cas: 0 });
    releases.push(
      `  - name: r${r}\n    namespace: bench\n    chart: bench/web\n    version: 1.0.0\n` +
        `    values: [r${r}.yaml.hbs]\n    secrets: [${secrets.join(", ")}]\n`,
    );
  }
  writeFileSync(
    join(dir, "releases.yaml"),
    `repositories:\n  - name: bench\n    url: https://charts.invalid/bench\nreleases:\n${releases.join("")}`,
  );
  const env = { ...process.env, SOPS_AGE_KEY_FILE: keyFile };

  const round = async () => {
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    const templates = createTemplates({ env });
    const project = await loadProject({ file: join(dir, "releases.yaml"), env, templates });
    const redactor = new Redactor();
    const rendered = await renderReleases(project, project.releases, {
      templates,
      files: localFiles,
      secrets: createSecretSources(env),
      redactor,
    });
    const rendering = performance.now() - started;
    let printed = 0;
    for (const r of rendered) printed += redactor.redact(r.valuesYaml).length;
    const ms = performance.now() - started;
    // The values as printed: the password must print redacted.
    const leaked = rendered.some(
      (r) => parseYaml(redactor.redact(r.valuesYaml)).db?.password !== "<redacted>",
    );
    if (rendered.length !== RELEASES || printed === 0 || leaked) {
      throw new Error("benchmark round rendered the wrong values");
    }
    const cpu = process.cpuUsage(cpuStarted);
    return { ms, cpu: (cpu.user + cpu.system) / 1000, rendering, secrets: redactor.size };
  };

  const cold = await round();
  const warm = [];
  for (let i = 0; i < rounds; i++) warm.push(await round());
  const stats = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    return `median ${at(0.5).toFixed(0)} ms, p90 ${at(0.9).toFixed(0)} ms, min ${sorted[0].toFixed(0)} ms`;
  };
  console.log(
    `${RELEASES} releases: ${RELEASES * FILES_PER_RELEASE} SOPS files x ${KEYS} keys, ${RELEASES} Vault references on ${RELEASES} paths; ${cold.secrets} secret forms registered`,
  );
  console.log(`cold (first round)        ${cold.ms.toFixed(0)} ms (render ${cold.rendering.toFixed(0)} ms)`);
  console.log(`warm, ${rounds} rounds          ${stats(warm.map((r) => r.ms))}`);
  // CPU time of this process (all threads), the number to read on a loaded machine.
  console.log(`  CPU time                ${stats(warm.map((r) => r.cpu))}`);
  console.log(`  of which renderReleases ${stats(warm.map((r) => r.rendering))}`);
  console.log(`  redacting the values    ${stats(warm.map((r) => r.ms - r.rendering))}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
