import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { SecretError } from "../../../../src/errors.js";
import { decryptSops } from "../../../../src/secrets/sops/decrypt.js";
import { encryptSops } from "../../../../src/secrets/sops/encrypt.js";
import { combine, split } from "../../../../src/secrets/sops/keys/shamir.js";
import { rotate, updateKeys } from "../../../../src/secrets/sops/rekey.js";
import { recipient1, recipient2, testKeys, testKeys2 } from "./helpers.js";

const noKeys = { identities: [], searched: ["SOPS_AGE_KEY_FILE (/nowhere)"], problems: [] };
const age = (id: string) => ({ type: "age", id });

const KMS = [
  {
    arn: "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
    created_at: "2026-01-01T00:00:00Z",
    enc: "AQICAHh-kms-ciphertext",
    aws_profile: "",
  },
];
const GCP = [
  {
    resource_id: "projects/p/locations/global/keyRings/r/cryptoKeys/k",
    created_at: "2026-01-01T00:00:00Z",
    enc: "CiQA-gcp-ciphertext",
  },
];
const AZURE = [
  {
    vault_url: "https://v.vault.azure.net",
    name: "sops",
    version: "abc",
    created_at: "2026-01-01T00:00:00Z",
    enc: "azure-ciphertext",
  },
];

/** A file encrypted for age, with cloud KMS entries added as sops writes them (the MAC does not cover metadata). */
async function withCloudKeys(): Promise<string> {
  const text = await encryptSops("db:\n  password: kms-secret-1\n", "k.yaml", { recipients: [recipient1] });
  const doc = parse(text);
  doc.sops = { kms: KMS, gcp_kms: GCP, azure_kv: AZURE, ...doc.sops };
  return stringify(doc);
}

describe("cloud KMS keys", () => {
  it("are kept intact when the file is re-keyed, and the age key still decrypts it", async () => {
    const { text } = await updateKeys(await withCloudKeys(), "k.yaml", testKeys, {
      groups: [
        [
          { type: "kms", id: KMS[0]!.arn },
          { type: "gcp_kms", id: GCP[0]!.resource_id },
          { type: "azure_kv", id: "https://v.vault.azure.net/keys/sops/abc" },
          age(recipient1),
          age(recipient2),
        ],
      ],
    });
    const sops = parse(text).sops;
    expect(sops.kms).toEqual(KMS);
    expect(sops.gcp_kms).toEqual(GCP);
    expect(sops.azure_kv).toEqual(AZURE);
    expect((await decryptSops(text, "k.yaml", testKeys2)).data).toEqual({ db: { password: "kms-secret-1" } });
  });

  it("cannot decrypt: the error names each key type and says how to use a supported one", async () => {
    const error = (await decryptSops(await withCloudKeys(), "k.yaml", noKeys).catch((e) => e)) as SecretError;
    expect(error).toBeInstanceOf(SecretError);
    expect(error.exitCode).toBe(3);
    expect(error.message).toBe("none of the file's keys can decrypt the data key");
    expect(error.hint).toContain(
      `AWS KMS ${KMS[0]!.arn}: releases cannot reach AWS KMS; add an age, PGP (gpg) or Vault transit key to the file`,
    );
    expect(error.hint).toContain("GCP KMS projects/p/locations/global/keyRings/r/cryptoKeys/k");
    expect(error.hint).toContain("Azure Key Vault https://v.vault.azure.net/keys/sops/abc");
    expect(error.hint).toContain(
      `age ${recipient1}: no age identity (looked in SOPS_AGE_KEY_FILE (/nowhere))`,
    );
    expect(error.describe()).not.toContain("kms-secret-1");
  });

  it("cannot be wrapped for anew: rotating names the key type", async () => {
    const error = (await rotate(await withCloudKeys(), "k.yaml", testKeys).catch((e) => e)) as SecretError;
    expect(error).toBeInstanceOf(SecretError);
    expect(error.message).toBe(
      `cannot encrypt for AWS KMS key ${KMS[0]!.arn}: releases cannot reach AWS KMS`,
    );
    expect(error.hint).toBe("use age, PGP (gpg) or Vault transit keys");
  });
});

describe("key groups with a Shamir threshold", () => {
  it("split a secret so that any threshold of shares, and no fewer, give it back", () => {
    for (let round = 0; round < 20; round++) {
      const secret = new Uint8Array(randomBytes(32));
      const shares = split(secret, 5, 3);
      expect(shares.map((s) => s.length)).toEqual([33, 33, 33, 33, 33]);
      expect(combine([shares[4]!, shares[0]!, shares[2]!])).toEqual(secret);
      expect(combine([shares[1]!, shares[3]!])).not.toEqual(secret);
    }
  });

  it("decrypt with any two of three groups, and refuse with one, naming what is missing", async () => {
    const text = await encryptSops("token: shamir-secret-1\n", "g.yaml", {
      groups: [
        [age(recipient1)],
        [age(recipient2)],
        [age("age1lggyhqrw2nlhcxprm67z43rta597azn8gknawjehu9d9dl0jq3yqqvfafg")],
      ],
      shamirThreshold: 2,
    });
    const sops = parse(text).sops;
    expect(sops.shamir_threshold).toBe(2);
    expect(sops.key_groups).toHaveLength(3);
    expect(sops.age).toBeUndefined();
    const both = {
      identities: [...testKeys.identities, ...testKeys2.identities],
      searched: [],
      problems: [],
    };
    expect((await decryptSops(text, "g.yaml", both)).data).toEqual({ token: "shamir-secret-1" });
    const error = (await decryptSops(text, "g.yaml", testKeys).catch((e) => e)) as SecretError;
    expect(error).toBeInstanceOf(SecretError);
    expect(error.message).toBe("only 1 of the 2 key groups needed could be opened");
  });

  it("refuse a threshold outside 2..groups", async () => {
    await expect(
      encryptSops("a: 1\n", "g.yaml", { groups: [[age(recipient1)], [age(recipient2)]], shamirThreshold: 3 }),
    ).rejects.toThrow("shamir_threshold must be from 2 to 2");
  });
});
