// SOPS with HashiCorp Vault transit keys against the Vault dev server, both
// ways with the real sops binary, alone and in key groups with age; a
// ciphertext Vault did not make is refused.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { SecretError } from "../../../src/errors.js";
import { parseIdentityText } from "../../../src/secrets/age-keys.js";
import { decryptSops } from "../../../src/secrets/sops/decrypt.js";
import { encryptSops } from "../../../src/secrets/sops/encrypt.js";
import { repoRoot, tool } from "../../toolchain/tools.js";
import { releasesIn } from "../../unit/secrets/run-in-process.js";
import { type Admin, admin, adminEnv, unique } from "../vault/fixture.js";

const keyFile = join(repoRoot, "test", "fixtures", "sops", "age-test-key.txt");
const recipient = /# public key: (age1\w+)/.exec(readFileSync(keyFile, "utf8"))![1]!;
const mount = unique("transit");
const dir = mkdtempSync(join(tmpdir(), "releases-transit-"));
const plain = "db:\n  password: transit-secret-1\n";
let vault: Admin;
let uri: string;
let env: Record<string, string>;

const sops = (args: string[], extra: Record<string, string> = {}) => {
  const config = join(dir, "empty.sops.yaml");
  writeFileSync(config, "{}\n");
  const r = spawnSync(tool("sops"), ["--config", config, ...args], {
    cwd: dir,
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", HOME: dir, ...env, SOPS_AGE_KEY_FILE: "/nonexistent", ...extra },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};
const write = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const keys = (withAge = false) => ({
  identities: withAge ? parseIdentityText(readFileSync(keyFile, "utf8")).identities : [],
  searched: [],
  problems: [],
  env,
});

beforeAll(async () => {
  vault = admin();
  await vault.mount({ mount_point: mount, type: "transit" });
  await vault.write(`${mount}/keys/sops`, {});
  const { VAULT_ADDR, VAULT_TOKEN } = adminEnv();
  env = { VAULT_ADDR, VAULT_TOKEN, HOME: dir };
  uri = `${VAULT_ADDR}/v1/${mount}/keys/sops`;
});
afterAll(async () => {
  await vault?.unmount({ mount_point: mount });
});

describe("Vault transit keys", () => {
  it("decrypt a file sops encrypted with --hc-vault-transit", async () => {
    const out = sops(["--encrypt", "--hc-vault-transit", uri, write("plain.yaml", plain)]);
    expect(out.stderr).toBe("");
    expect(parse(out.stdout).sops.hc_vault[0]).toMatchObject({ engine_path: mount, key_name: "sops" });
    const { data } = await decryptSops(out.stdout, "s.yaml", keys());
    expect(data).toEqual({ db: { password: "transit-secret-1" } });
  });

  it("write files sops decrypts through Vault (secrets encrypt --hc-vault-transit)", async () => {
    const path = write("ours.yaml", plain);
    const result = await releasesIn(dir, ["secrets", "encrypt", "ours.yaml", "--hc-vault-transit", uri], env);
    expect(result.stderr).toBe(`encrypted ${path}\n`);
    const text = readFileSync(path, "utf8");
    expect(parse(text).sops.hc_vault[0].enc).toMatch(/^vault:v1:/);
    const out = sops(["--decrypt", path]);
    expect(out.stderr).toBe("");
    expect(parse(out.stdout)).toEqual({ db: { password: "transit-secret-1" } });
  });

  it("refuse a ciphertext Vault did not make, naming the transit key", async () => {
    const text = await encryptSops(plain, "t.yaml", { groups: [[{ type: "hc_vault", id: uri }]], env });
    const enc = parse(text).sops.hc_vault[0].enc as string;
    const forged = text.replace(
      enc,
      `vault:v1:${Buffer.from("not made by vault, forty bytes long......").toString("base64")}`,
    );
    const error = (await decryptSops(forged, "t.yaml", keys()).catch((e) => e)) as SecretError;
    expect(error).toBeInstanceOf(SecretError);
    expect(error.hint).toContain(`Vault transit ${uri}: Vault answered 400`);
    expect(sops(["--decrypt", write("forged.yaml", forged)]).status).not.toBe(0);
  });

  it("share a data key between an age group and a transit group (threshold 2), both ways", async () => {
    const text = await encryptSops(plain, "g.yaml", {
      groups: [[{ type: "age", id: recipient }], [{ type: "hc_vault", id: uri }]],
      shamirThreshold: 2,
      env,
    });
    const out = sops(["--decrypt", write("g.yaml", text)], { SOPS_AGE_KEY_FILE: keyFile });
    expect(out.stderr).toBe("");
    expect(parse(out.stdout)).toEqual({ db: { password: "transit-secret-1" } });
    const config = write(
      "g-rule.sops.yaml",
      `creation_rules:\n  - key_groups:\n      - age: [${recipient}]\n      - hc_vault: [${uri}]\n    shamir_threshold: 2\n`,
    );
    const theirs = spawnSync(tool("sops"), ["--config", config, "--encrypt", write("p2.yaml", plain)], {
      cwd: dir,
      encoding: "utf8",
      env: { PATH: process.env.PATH ?? "", ...env },
    });
    expect(theirs.stderr).toBe("");
    expect((await decryptSops(theirs.stdout, "p2.yaml", keys(true))).data).toEqual({
      db: { password: "transit-secret-1" },
    });
    const withoutAge = await decryptSops(theirs.stdout, "p2.yaml", keys(false)).catch((e) => e);
    expect(withoutAge.message).toBe("only 1 of the 2 key groups needed could be opened");
  });
});
