import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { releasesIn } from "../../unit/secrets/run-in-process.js";
import { publicKeyOf, requireSops, sops, testKeyFile, testKeyFile2 } from "./sops-binary.js";

const recipient1 = publicKeyOf(testKeyFile);
const recipient2 = publicKeyOf(testKeyFile2);

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), "secrets-cli-"));
  writeFileSync(
    join(dir, ".sops.yaml"),
    `creation_rules:\n  - path_regex: ^secrets/.*\\.yaml$\n    age: ${recipient1}\n    encrypted_regex: ^(password|token)$\n`,
  );
  return dir;
}

async function cli(cwd: string, args: string[], env: Record<string, string> = {}) {
  const printed = await releasesIn(cwd, args, { SOPS_AGE_KEY_FILE: testKeyFile, ...env });
  return { code: printed.code, out: printed.stdout, err: printed.stderr };
}

function writeFile(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

beforeAll(() => {
  requireSops();
});

describe("releases secrets", () => {
  it("encrypts in place for the creation rule's recipients and rules; sops decrypts it", async () => {
    const dir = project();
    mkdirSync(join(dir, "secrets"));
    const path = writeFile(dir, "secrets/app.yaml", "db:\n  password: s3cret\n  host: db.local\n");
    const result = await cli(dir, ["secrets", "encrypt", "secrets/app.yaml"]);
    expect(result.err).toContain("encrypted");
    expect(result.code).toBe(0);
    const text = readFileSync(path, "utf8");
    expect(text).not.toContain("s3cret");
    expect(text).toContain("host: db.local");
    expect(text).toContain("encrypted_regex");
    const out = sops(["--decrypt", path]);
    expect(out.stderr).toBe("");
    expect(parseYaml(out.stdout)).toEqual({ db: { password: "s3cret", host: "db.local" } });
  });

  it("exits 3 naming the file when no creation rule matches", async () => {
    const dir = project();
    writeFile(dir, "other.yaml", "a: b\n");
    const result = await cli(dir, ["secrets", "encrypt", "other.yaml"]);
    expect(result.code).toBe(3);
    expect(result.err).toMatch(/other\.yaml.*no creation rule/);
  });

  it("decrypt prints the plaintext; a tampered file exits 3 without printing values", async () => {
    const dir = project();
    const path = writeFile(dir, "s.yaml", "token: abc123\nname_unencrypted: x\n");
    expect((await cli(dir, ["secrets", "encrypt", "s.yaml", "--age", recipient1])).code).toBe(0);
    const ok = await cli(dir, ["secrets", "decrypt", "s.yaml"]);
    expect(ok.code).toBe(0);
    expect(parseYaml(ok.out)).toEqual({ token: "abc123", name_unencrypted: "x" });

    writeFileSync(path, readFileSync(path, "utf8").replace("name_unencrypted: x", "name_unencrypted: y"));
    const bad = await cli(dir, ["secrets", "decrypt", "s.yaml"]);
    expect(bad.code).toBe(3);
    expect(bad.err).toContain("s.yaml");
    expect(bad.err).toContain("MAC mismatch");
    expect(bad.out).toBe("");
    expect(bad.err).not.toContain("abc123");
  });

  it("edit runs $EDITOR on a 0600 file in /dev/shm, re-encrypts the change and removes the file", async () => {
    const dir = project();
    const path = writeFile(dir, "e.yaml", "token: old\nkeep: same\n");
    expect((await cli(dir, ["secrets", "encrypt", "e.yaml", "--age", recipient1])).code).toBe(0);
    const keepCipher = /keep: (.*)/.exec(readFileSync(path, "utf8"))![1];
    const log = join(dir, "editor.log");
    const editor = writeFile(
      dir,
      "editor.sh",
      `#!/bin/sh\necho "$1" > ${log}\nstat -c %a "$1" >> ${log}\nsed -i 's/token: old/token: new/' "$1"\n`,
    );
    chmodSync(editor, 0o755);
    const result = await cli(dir, ["secrets", "edit", "e.yaml"], { EDITOR: editor });
    expect(result.err).toContain("updated");
    expect(result.code).toBe(0);
    const [tempPath, mode] = readFileSync(log, "utf8").trim().split("\n");
    if (existsSync("/dev/shm")) expect(tempPath!.startsWith("/dev/shm/")).toBe(true);
    expect(mode).toBe("600");
    expect(existsSync(tempPath!)).toBe(false);
    const text = readFileSync(path, "utf8");
    expect(text).not.toContain("new");
    // The untouched value keeps its ciphertext (same IV under the same data key).
    expect(/keep: (.*)/.exec(text)![1]).toBe(keepCipher);
    expect(parseYaml(sops(["--decrypt", path]).stdout)).toEqual({ token: "new", keep: "same" });
  });

  it("edit leaves the file alone and still removes the plaintext when the editor fails", async () => {
    const dir = project();
    const path = writeFile(dir, "f.env", "TOKEN=old\n");
    expect((await cli(dir, ["secrets", "encrypt", "f.env", "--age", recipient1])).code).toBe(0);
    const before = readFileSync(path, "utf8");
    const log = join(dir, "editor.log");
    const editor = writeFile(
      dir,
      "fail.sh",
      `#!/bin/sh\necho "$1" > ${log}\necho TOKEN=new > "$1"\nexit 1\n`,
    );
    chmodSync(editor, 0o755);
    const result = await cli(dir, ["secrets", "edit", "f.env"], { EDITOR: editor });
    expect(result.code).toBe(2);
    expect(readFileSync(path, "utf8")).toBe(before);
    expect(existsSync(readFileSync(log, "utf8").trim())).toBe(false);
  });

  it("updatekeys follows .sops.yaml; rotate changes every ciphertext; sops reads both", async () => {
    const dir = project();
    const path = writeFile(dir, "k.json", '{"password": "p", "n": 1}\n');
    expect((await cli(dir, ["secrets", "encrypt", "k.json", "--age", recipient1])).code).toBe(0);
    writeFile(dir, ".sops.yaml", `creation_rules:\n  - age: ${recipient1},${recipient2}\n`);
    const updated = await cli(dir, ["secrets", "updatekeys", "k.json"]);
    expect(updated.code).toBe(0);
    expect(updated.err).toContain(`+ ${recipient2}`);
    expect(JSON.parse(sops(["--decrypt", path], { keyFile: testKeyFile2 }).stdout)).toEqual({
      password: "p",
      n: 1,
    });

    const before = readFileSync(path, "utf8");
    const rotated = await cli(dir, ["secrets", "rotate", "k.json", "--rm-age", recipient1]);
    expect(rotated.code).toBe(0);
    const after = readFileSync(path, "utf8");
    expect(JSON.parse(after).password).not.toBe(JSON.parse(before).password);
    expect(sops(["--decrypt", path], { keyFile: testKeyFile }).status).not.toBe(0);
    expect(JSON.parse(sops(["--decrypt", path], { keyFile: testKeyFile2 }).stdout)).toEqual({
      password: "p",
      n: 1,
    });
  });
});
