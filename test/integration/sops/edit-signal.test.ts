// `secrets edit` must remove its plaintext file when the process is terminated
// while the editor runs. That needs a real separate process to signal, so the
// library is compiled with tsc into node_modules/.cache and driven from there.
import { spawn, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { encryptSops } from "../../../src/secrets/sops/index.js";
import { publicKeyOf, repoRoot, testKeyFile } from "./sops-binary.js";

const out = join(repoRoot, "node_modules", ".cache", "sops-edit-signal");

beforeAll(() => {
  mkdirSync(out, { recursive: true });
  const tsconfig = join(out, "tsconfig.json");
  writeFileSync(
    tsconfig,
    JSON.stringify({
      extends: join(repoRoot, "tsconfig.json"),
      compilerOptions: {
        outDir: out,
        rootDir: repoRoot,
        noEmit: false,
        declaration: false,
        sourceMap: false,
      },
      include: [],
      files: [join(repoRoot, "src", "secrets", "sops", "edit.ts")],
    }),
  );
  const tsc = spawnSync(join(repoRoot, "node_modules", ".bin", "tsc"), ["-p", tsconfig], {
    encoding: "utf8",
  });
  if (tsc.status !== 0) throw new Error(`tsc failed: ${tsc.stdout}${tsc.stderr}`);
}, 120_000);

async function waitFor(check: () => boolean, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("secrets edit under signals", () => {
  it.each(["SIGTERM", "SIGHUP"] as const)(
    "removes the plaintext file when %s arrives while the editor runs",
    async (signal) => {
      const dir = mkdtempSync(join(tmpdir(), "edit-signal-"));
      const file = join(dir, "s.yaml");
      const original = await encryptSops("token: t0ps3cret\n", file, {
        recipients: [publicKeyOf(testKeyFile)],
      });
      writeFileSync(file, original);
      const log = join(dir, "editor.log");
      const editor = join(dir, "editor.sh");
      writeFileSync(editor, `#!/bin/sh\necho "$1" > ${log}\nexec sleep 30\n`);
      chmodSync(editor, 0o755);
      const editModule = pathToFileURL(join(out, "src", "secrets", "sops", "edit.js")).href;
      const keysModule = pathToFileURL(join(out, "src", "secrets", "age-keys.js")).href;
      const driver = join(dir, "driver.mjs");
      writeFileSync(
        driver,
        `const { editSopsFile, shellEditor } = await import(${JSON.stringify(editModule)});
const { loadAgeIdentities } = await import(${JSON.stringify(keysModule)});
await editSopsFile(${JSON.stringify(file)}, await loadAgeIdentities(process.env), { runEditor: shellEditor(process.env) });
`,
      );
      const child = spawn(process.execPath, [driver], {
        env: { PATH: process.env.PATH ?? "", HOME: dir, SOPS_AGE_KEY_FILE: testKeyFile, EDITOR: editor },
        stdio: "ignore",
      });
      const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
      await waitFor(() => existsSync(log) && readFileSync(log, "utf8").trim() !== "");
      const tempPath = readFileSync(log, "utf8").trim();
      expect(existsSync(tempPath)).toBe(true);
      expect(readFileSync(tempPath, "utf8")).toContain("t0ps3cret");
      child.kill(signal);
      await exited;
      expect(existsSync(tempPath)).toBe(false);
      expect(readFileSync(file, "utf8")).toBe(original);
    },
  );
});
