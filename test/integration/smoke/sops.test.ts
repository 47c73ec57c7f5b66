import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { decryptSops } from "../../../src/secrets/sops/decrypt.js";
import { run } from "../../toolchain/tools.js";

// The pinned sops binary encrypts for an age recipient; the secrets library
// decrypts it in Node (MAC verified). This is the round trip runs rely on.
const keysOf = (secretKey: string) => ({ identities: [secretKey], searched: [], problems: [] });

describe("sops with age", () => {
  let dir: string;
  let secretKey: string;
  let recipient: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "releases-sops-"));
    const keyFile = path.join(dir, "keys.txt");
    const keygen = await run("age-keygen", ["-o", keyFile]);
    expect(keygen.code, keygen.stderr).toBe(0);
    const keys = await readFile(keyFile, "utf8");
    secretKey = keys.match(/^AGE-SECRET-KEY-1[0-9A-Z]+$/m)![0];
    recipient = keys.match(/^# public key: (age1[0-9a-z]+)$/m)![1]!;
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("encrypts a YAML file with an age recipient and decrypts it in Node", async () => {
    const plain = path.join(dir, "secrets.yaml");
    await writeFile(plain, "db:\n  password: hunter2\n  port: 5432\nfeature: true\n");

    // cwd is the temp dir so no .sops.yaml from the checkout applies.
    const encrypted = await run("sops", ["--encrypt", "--age", recipient, plain], {
      cwd: dir,
      env: { SOPS_AGE_KEY_FILE: path.join(dir, "none.txt") },
    });
    expect(encrypted.code, encrypted.stderr).toBe(0);
    expect(encrypted.stdout).not.toContain("hunter2");
    const document = parse(encrypted.stdout) as {
      db: { password: string };
      sops: { age: { recipient: string }[] };
    };
    expect(document.db.password).toMatch(/^ENC\[AES256_GCM,data:/);
    expect(document.sops.age[0]!.recipient).toBe(recipient);

    const decrypted = await decryptSops(encrypted.stdout, plain, keysOf(secretKey));
    expect(decrypted.data).toEqual({ db: { password: "hunter2", port: 5432 }, feature: true });
  });

  it("refuses to decrypt with a different age key", async () => {
    const plain = path.join(dir, "other.yaml");
    await writeFile(plain, "token: abc\n");
    const encrypted = await run("sops", ["--encrypt", "--age", recipient, plain], { cwd: dir });
    expect(encrypted.code, encrypted.stderr).toBe(0);

    const otherKeyFile = path.join(dir, "other-keys.txt");
    expect((await run("age-keygen", ["-o", otherKeyFile])).code).toBe(0);
    const otherKey = (await readFile(otherKeyFile, "utf8")).match(/^AGE-SECRET-KEY-1[0-9A-Z]+$/m)![0];
    await expect(decryptSops(encrypted.stdout, plain, keysOf(otherKey))).rejects.toThrow(
      "none of the available age identities can decrypt the data key",
    );
  });
});
