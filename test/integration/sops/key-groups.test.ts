// Key groups with a Shamir threshold, both ways with the real sops: sops
// splits the data key over age groups and releases rebuilds it from any
// threshold of them, and the other way round.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { SecretError } from "../../../src/errors.js";
import { parseIdentityText } from "../../../src/secrets/age-keys.js";
import { decryptSops } from "../../../src/secrets/sops/decrypt.js";
import { encryptSops } from "../../../src/secrets/sops/encrypt.js";
import { publicKeyOf, sops, testKeyFile, testKeyFile2 } from "./sops-binary.js";

const dir = mkdtempSync(join(tmpdir(), "releases-groups-"));
const write = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const identities = (...files: string[]) => ({
  identities: files.flatMap((f) => parseIdentityText(readFileSync(f, "utf8")).identities),
  searched: files,
  problems: [],
});
const r1 = publicKeyOf(testKeyFile);
const r2 = publicKeyOf(testKeyFile2);
// A third group nobody here holds a key for.
const r3 = "age1lggyhqrw2nlhcxprm67z43rta597azn8gknawjehu9d9dl0jq3yqqvfafg";
const plain = "db:\n  password: grouped-secret-1\n";

describe("key groups with shamir_threshold", () => {
  it("decrypts a file sops split over three groups, from any two", async () => {
    const config = write(
      "groups.sops.yaml",
      `creation_rules:\n  - key_groups:\n      - age: [${r1}]\n      - age: [${r2}]\n      - age: [${r3}]\n    shamir_threshold: 2\n`,
    );
    const out = sops(["--encrypt", write("plain.yaml", plain)], { config });
    expect(out.stderr).toBe("");
    const meta = parse(out.stdout).sops;
    expect(meta.shamir_threshold).toBe(2);
    expect(meta.key_groups).toHaveLength(3);
    const { data } = await decryptSops(out.stdout, "s.yaml", identities(testKeyFile, testKeyFile2));
    expect(data).toEqual({ db: { password: "grouped-secret-1" } });
    const error = await decryptSops(out.stdout, "s.yaml", identities(testKeyFile)).catch((e) => e);
    expect(error).toBeInstanceOf(SecretError);
    expect(error.message).toBe("only 1 of the 2 key groups needed could be opened");
  });

  it("writes files sops decrypts with two of the three groups' keys, and not with one", async () => {
    const text = await encryptSops(plain, "ours.yaml", {
      groups: [[{ type: "age", id: r1 }], [{ type: "age", id: r2 }], [{ type: "age", id: r3 }]],
      shamirThreshold: 2,
    });
    const path = write("ours.yaml", text);
    const both = write(
      "both-keys.txt",
      `${readFileSync(testKeyFile, "utf8")}\n${readFileSync(testKeyFile2, "utf8")}`,
    );
    const out = sops(["--decrypt", path], { keyFile: both });
    expect(out.stderr).toBe("");
    expect(parse(out.stdout)).toEqual({ db: { password: "grouped-secret-1" } });
    expect(sops(["--decrypt", path], { keyFile: testKeyFile }).status).not.toBe(0);
  });
});
