// Multi-document YAML both ways with the real sops: every document keeps its
// keys and comments, one data key and one MAC cover them all.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { SecretError } from "../../../src/errors.js";
import { parseIdentityText } from "../../../src/secrets/age-keys.js";
import { decryptSops, openSops, plaintextOf } from "../../../src/secrets/sops/decrypt.js";
import { encryptSops } from "../../../src/secrets/sops/encrypt.js";
import { publicKeyOf, sops, testKeyFile } from "./sops-binary.js";

const plain = `# first
db:
  password: doc-one-secret
  port: 5432
---
api:
  token: doc-two-secret # inline
  hosts: [a, b]
---
last: doc-three-secret
`;
const dir = mkdtempSync(join(tmpdir(), "releases-multidoc-"));
const write = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const keys = {
  identities: parseIdentityText(readFileSync(testKeyFile, "utf8")).identities,
  searched: [],
  problems: [],
};
const docs = (text: string) => parseAllDocuments(text).map((d) => (d as { toJS(): unknown }).toJS());

describe("multi-document YAML", () => {
  it("decrypts what sops encrypted, document by document, as sops prints it", async () => {
    const encrypted = sops(["--encrypt", "--age", publicKeyOf(testKeyFile), write("plain.yaml", plain)]);
    expect(encrypted.stderr).toBe("");
    expect(encrypted.stdout.match(/^sops:/gm)?.length).toBeGreaterThanOrEqual(1);
    const opened = await openSops(encrypted.stdout, "multi.yaml", keys);
    const ours = plaintextOf(opened);
    expect(docs(ours)).toEqual(docs(plain));
    expect(ours).toBe(sops(["--decrypt", write("multi.yaml", encrypted.stdout)]).stdout);
  });

  it("writes files sops decrypts to the same documents", async () => {
    const text = await encryptSops(plain, "ours.yaml", { recipients: [publicKeyOf(testKeyFile)] });
    expect(text.split(/^---$/m)).toHaveLength(3);
    expect(text).not.toMatch(/doc-(one|two|three)-secret/);
    const out = sops(["--decrypt", write("ours.yaml", text)]);
    expect(out.stderr).toBe("");
    expect(docs(out.stdout)).toEqual(docs(plain));
  });

  it("refuses a document moved to another place (one MAC covers all)", async () => {
    const text = await encryptSops(plain, "m.yaml", { recipients: [publicKeyOf(testKeyFile)] });
    const parts = text.split(/^---\n/m);
    const reordered = [parts[1], parts[0], parts[2]].join("---\n");
    await expect(openSops(reordered, "m.yaml", keys)).rejects.toThrow(/MAC mismatch|cannot decrypt/);
  });

  it("is not read as values: it names the file and says how to split it", async () => {
    const text = await encryptSops(plain, "v.yaml", { recipients: [publicKeyOf(testKeyFile)] });
    const error = await decryptSops(text, "v.yaml", keys).catch((e) => e);
    expect(error).toBeInstanceOf(SecretError);
    expect(error.message).toBe("a multi-document YAML file cannot be read as values");
  });
});
