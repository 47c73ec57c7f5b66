// PGP keys through the real gpg, both ways with the real sops: files sops
// encrypts for a PGP fingerprint decrypt with releases, files releases
// encrypts (from a `pgp:` creation rule) decrypt with sops, and tampering is
// refused. Each run makes its own GNUPGHOME.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { SecretError } from "../../../src/errors.js";
import { decryptSops } from "../../../src/secrets/sops/decrypt.js";
import { encryptSops } from "../../../src/secrets/sops/encrypt.js";
import { updateKeys } from "../../../src/secrets/sops/rekey.js";
import { releasesIn } from "../../unit/secrets/run-in-process.js";
import { type GnupgHome, gnupgHome } from "./gnupg.js";
import { publicKeyOf, sops, testKeyFile } from "./sops-binary.js";

const plain = "db:\n  password: pgp-secret-1\n  port: 5432\nname_unencrypted: web\n";
const plainData = { db: { password: "pgp-secret-1", port: 5432 }, name_unencrypted: "web" };

let home: GnupgHome;
let fp: string;
let other: string;
let dir: string;
const keys = () => ({ identities: [], searched: [], problems: [], env: home.env });

beforeAll(() => {
  home = gnupgHome();
  fp = home.generateKey("releases-pgp");
  other = home.generateKey("releases-other");
  dir = mkdtempSync(join(tmpdir(), "releases-pgp-"));
});
afterAll(() => home.close());

const write = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe("SOPS files with PGP keys", () => {
  it("decrypts a file the sops binary encrypted for a PGP fingerprint", async () => {
    const source = write("from-sops.yaml", plain);
    const out = sops(["--encrypt", "--pgp", fp, source], { env: home.env });
    expect(out.stderr).toBe("");
    expect(parse(out.stdout).sops.pgp[0].fp).toBe(fp);
    const { data, secrets } = await decryptSops(out.stdout, "from-sops.yaml", keys());
    expect(data).toEqual(plainData);
    expect(secrets).toEqual(["pgp-secret-1", 5432n]);
  });

  it("writes files sops decrypts with gpg, from a `pgp:` creation rule through the CLI", async () => {
    const project = mkdtempSync(join(tmpdir(), "releases-pgp-cli-"));
    writeFileSync(
      join(project, ".sops.yaml"),
      `creation_rules:\n  - path_regex: \\.sops\\.yaml$\n    pgp: ${fp}\n`,
    );
    writeFileSync(join(project, "app.sops.yaml"), plain);
    const result = await releasesIn(project, ["secrets", "encrypt", "app.sops.yaml"], home.env);
    expect(result.stderr).toBe(`encrypted ${join(project, "app.sops.yaml")}\n`);
    const text = readFileSync(join(project, "app.sops.yaml"), "utf8");
    expect(text).not.toContain("pgp-secret-1");
    expect(parse(text).sops.pgp).toEqual([
      expect.objectContaining({ fp, enc: expect.stringContaining("BEGIN PGP MESSAGE") }),
    ]);
    const out = sops(["--decrypt", join(project, "app.sops.yaml")], { env: home.env });
    expect(out.stderr).toBe("");
    expect(parse(out.stdout)).toEqual(plainData);
    const decrypted = await releasesIn(project, ["secrets", "decrypt", "app.sops.yaml"], home.env);
    expect(parse(decrypted.stdout)).toEqual(plainData);
  });

  it("secrets encrypt --pgp encrypts for the fingerprint given, over .sops.yaml, and sops decrypts it", async () => {
    const project = mkdtempSync(join(tmpdir(), "releases-pgp-flag-"));
    writeFileSync(
      join(project, ".sops.yaml"),
      `creation_rules:\n  - path_regex: \\.sops\\.yaml$\n    pgp: ${fp}\n`,
    );
    writeFileSync(join(project, "app.sops.yaml"), plain);
    const result = await releasesIn(
      project,
      ["secrets", "encrypt", "app.sops.yaml", "--pgp", other.toLowerCase()],
      home.env,
    );
    expect(result.stderr).toBe(`encrypted ${join(project, "app.sops.yaml")}\n`);
    const text = readFileSync(join(project, "app.sops.yaml"), "utf8");
    expect(parse(text).sops.pgp.map((k: { fp: string }) => k.fp)).toEqual([other]);
    const out = sops(["--decrypt", join(project, "app.sops.yaml")], { env: home.env });
    expect(out.stderr).toBe("");
    expect(parse(out.stdout)).toEqual(plainData);

    writeFileSync(join(project, "bad.sops.yaml"), plain);
    const bad = await releasesIn(
      project,
      ["secrets", "encrypt", "bad.sops.yaml", "--pgp", "not-a-key"],
      home.env,
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"not-a-key" is not a list of PGP key fingerprints');
    expect(readFileSync(join(project, "bad.sops.yaml"), "utf8")).toBe(plain);
  });

  it("encrypts for age and PGP at once: either key alone decrypts it with sops", async () => {
    const text = await encryptSops(plain, "both.yaml", {
      groups: [
        [
          { type: "age", id: publicKeyOf(testKeyFile) },
          { type: "pgp", id: fp },
        ],
      ],
      env: home.env,
    });
    const path = write("both.yaml", text);
    const withGpgOnly = sops(["--decrypt", path], { env: home.env, keyFile: "/nonexistent" });
    expect(withGpgOnly.stderr).toBe("");
    expect(parse(withGpgOnly.stdout)).toEqual(plainData);
    const withAgeOnly = sops(["--decrypt", path], { env: { GNUPGHOME: join(dir, "no-gnupg") } });
    expect(withAgeOnly.stderr).toBe("");
    expect(parse(withAgeOnly.stdout)).toEqual(plainData);
  });

  it("refuses a file whose value was altered, and one whose PGP-wrapped key was altered", async () => {
    const text = await encryptSops(plain, "t.yaml", { groups: [[{ type: "pgp", id: fp }]], env: home.env });
    const enc = /password: (ENC\[[^\]]+\])/.exec(text)![1]!;
    const other = await encryptSops("x: other-value\n", "o.yaml", {
      groups: [[{ type: "pgp", id: fp }]],
      env: home.env,
    });
    const foreign = /x: (ENC\[[^\]]+\])/.exec(other)![1]!;
    const swapped = text.replace(enc, foreign);
    const error = await decryptSops(swapped, "t.yaml", keys()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SecretError);
    expect(String((error as SecretError).describe())).toMatch(/cannot decrypt value|MAC mismatch/);
    expect(sops(["--decrypt", write("swapped.yaml", swapped)], { env: home.env }).status).not.toBe(0);

    const armored = parse(text).sops.pgp[0].enc as string;
    const lines = armored.split("\n");
    const body = lines.findIndex((l, i) => i > 1 && l.length > 20);
    lines[body] = lines[body]!.replace(/[A-Za-z]/, (c) => (c === "A" ? "B" : "A"));
    const broken = text.replace(armored.split("\n")[body]!, lines[body]!);
    const keyError = await decryptSops(broken, "t.yaml", keys()).catch((e: unknown) => e);
    expect(keyError).toBeInstanceOf(SecretError);
    expect((keyError as SecretError).message).toBe("none of the file's keys can decrypt the data key");
    expect((keyError as SecretError).hint).toContain(`PGP ${fp}: gpg cannot decrypt it`);
  });

  it("names the PGP key when gpg holds only its public half", async () => {
    const third = home.generateKey("releases-gone");
    const text = await encryptSops(plain, "gone.yaml", {
      groups: [[{ type: "pgp", id: third }]],
      env: home.env,
    });
    home.forgetSecretKey(third);
    const error = (await decryptSops(text, "gone.yaml", keys()).catch((e: unknown) => e)) as SecretError;
    expect(error).toBeInstanceOf(SecretError);
    expect(error.exitCode).toBe(3);
    expect(error.hint).toContain(`PGP ${third}: gpg cannot decrypt it`);
    expect(error.describe()).not.toContain("pgp-secret-1");
  });

  it("updatekeys adds a PGP key to a file sops wrote for another one, and sops decrypts with it", async () => {
    const source = write("rekey.yaml", plain);
    const original = sops(["--encrypt", "--pgp", fp, source], { env: home.env }).stdout;
    const { text, change } = await updateKeys(original, "rekey.yaml", keys(), {
      groups: [[{ type: "pgp", id: other }]],
    });
    expect(change).toEqual({ added: [other], removed: [fp] });
    expect(parse(text).sops.pgp.map((k: { fp: string }) => k.fp)).toEqual([other]);
    const out = sops(["--decrypt", write("rekeyed.yaml", text)], { env: home.env });
    expect(out.stderr).toBe("");
    expect(parse(out.stdout)).toEqual(plainData);
  });
});
