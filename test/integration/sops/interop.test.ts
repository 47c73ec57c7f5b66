import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { loadAgeIdentities } from "../../../src/secrets/age-keys.js";
import { decryptSops, encryptSops, rotate, updateKeys } from "../../../src/secrets/sops/index.js";
import { publicKeyOf, requireSops, sops, testKeyFile, testKeyFile2 } from "./sops-binary.js";

const work = mkdtempSync(join(tmpdir(), "sops-interop-"));
const recipient1 = publicKeyOf(testKeyFile);
const recipient2 = publicKeyOf(testKeyFile2);
const keys = () => loadAgeIdentities({ SOPS_AGE_KEY_FILE: testKeyFile }, undefined);
const keys2 = () => loadAgeIdentities({ SOPS_AGE_KEY_FILE: testKeyFile2 }, undefined);

const plaintexts = {
  yaml: `# top comment
db:
  # the password
  password: hunter2
  port: 5432
  ratio: 1.5
  whole: 2.0
  enabled: true
  off: false
  empty: ""
  nothing: null
  user_unencrypted: admin
list:
  - a
  - 1
  - nested: x
multi: |
  line1
  line2
"10": ten
"2": two
`,
  json: `{"b": "x", "a": {"n": 42, "f": 1.25, "t": false, "l": [1, "two", {"k": "v"}]}, "10": "ten", "2": "two", "u_unencrypted": "seen"}\n`,
  env: "API_KEY=abc123\n# a comment\nMULTI=line1\\nline2\nEMPTY=\nPLAIN_unencrypted=visible\n",
};
type Ext = keyof typeof plaintexts;

/** What sops itself decrypts a plaintext to, as data. */
function dataOf(ext: Ext, text: string): unknown {
  if (ext === "env") {
    return Object.fromEntries(
      text
        .split("\n")
        .filter((l) => l && !l.startsWith("#"))
        .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1).replaceAll("\\n", "\n")]),
    );
  }
  return ext === "json" ? JSON.parse(text) : parseYaml(text);
}

function write(name: string, text: string): string {
  const path = join(work, name);
  writeFileSync(path, text);
  return path;
}

beforeAll(() => {
  requireSops();
});

describe.each(Object.keys(plaintexts) as Ext[])("SOPS %s files and the real sops binary", (ext) => {
  const plain = plaintexts[ext];

  it("decrypts what sops encrypted for two recipients, with either key", async () => {
    const plainPath = write(`plain-${ext}.${ext}`, plain);
    const encrypted = sops(["--encrypt", "--age", `${recipient1},${recipient2}`, plainPath]);
    expect(encrypted.stderr).toBe("");
    expect(encrypted.status).toBe(0);
    const expected = dataOf(ext, plain);
    expect((await decryptSops(encrypted.stdout, `x.${ext}`, await keys())).data).toEqual(expected);
    expect((await decryptSops(encrypted.stdout, `x.${ext}`, await keys2())).data).toEqual(expected);
  });

  it("writes files that sops decrypts and MAC-verifies to the same data", async () => {
    const text = await encryptSops(plain, `x.${ext}`, { recipients: [recipient1, recipient2] });
    const path = write(`ours.${ext}`, text);
    for (const keyFile of [testKeyFile, testKeyFile2]) {
      const out = sops(["--decrypt", path], { keyFile });
      expect(out.stderr).toBe("");
      expect(out.status).toBe(0);
      expect(dataOf(ext, out.stdout)).toEqual(dataOf(ext, plain));
    }
  });

  it("honours encrypted_regex in both directions", async () => {
    const text = await encryptSops(plain, `x.${ext}`, {
      recipients: [recipient1],
      rules: { encryptedRegex: "^(password|API_KEY|a)$" },
    });
    expect(text).toMatch(/encrypted_regex/);
    const path = write(`regex.${ext}`, text);
    const out = sops(["--decrypt", path]);
    expect(out.status).toBe(0);
    expect(dataOf(ext, out.stdout)).toEqual(dataOf(ext, plain));

    const plainPath = write(`regex-plain.${ext}`, plain);
    const theirs = sops([
      "--encrypt",
      "--age",
      recipient1,
      "--encrypted-regex",
      "^(password|API_KEY|a)$",
      plainPath,
    ]);
    expect(theirs.status).toBe(0);
    expect((await decryptSops(theirs.stdout, `x.${ext}`, await keys())).data).toEqual(dataOf(ext, plain));
  });

  it("honours mac_only_encrypted and unencrypted_regex in both directions", async () => {
    const plainPath = write(`maconly-plain.${ext}`, plain);
    const theirs = sops([
      "--encrypt",
      "--age",
      recipient1,
      "--mac-only-encrypted",
      "--unencrypted-regex",
      "^(b|EMPTY|list)$",
      plainPath,
    ]);
    expect(theirs.status).toBe(0);
    expect(theirs.stdout).toMatch(/mac_only_encrypted/);
    expect((await decryptSops(theirs.stdout, `x.${ext}`, await keys())).data).toEqual(dataOf(ext, plain));

    const ours = await encryptSops(plain, `x.${ext}`, {
      recipients: [recipient1],
      rules: { macOnlyEncrypted: true, unencryptedRegex: "^(b|EMPTY|list)$" },
    });
    const out = sops(["--decrypt", write(`maconly.${ext}`, ours)]);
    expect(out.stderr).toBe("");
    expect(dataOf(ext, out.stdout)).toEqual(dataOf(ext, plain));
  });

  it("updatekeys keeps values, MAC and lastmodified, and sops decrypts with the new key", async () => {
    const original = await encryptSops(plain, `x.${ext}`, { recipients: [recipient1] });
    const { text, change } = await updateKeys(original, `x.${ext}`, await keys(), {
      groups: [[{ type: "age", id: recipient2 }]],
    });
    expect(change).toEqual({ added: [recipient2], removed: [recipient1] });
    const metaLine = (t: string, name: string) => t.split("\n").find((l) => l.includes(name));
    expect(metaLine(text, "lastmodified")).toBe(metaLine(original, "lastmodified"));
    expect(metaLine(text, "mac")).toBe(metaLine(original, "mac"));
    const path = write(`updated.${ext}`, text);
    expect(sops(["--decrypt", path], { keyFile: testKeyFile }).status).not.toBe(0);
    const out = sops(["--decrypt", path], { keyFile: testKeyFile2 });
    expect(out.stderr).toBe("");
    expect(dataOf(ext, out.stdout)).toEqual(dataOf(ext, plain));
  });

  it("rotate re-encrypts every value under a new data key that sops accepts", async () => {
    const original = await encryptSops(plain, `x.${ext}`, { recipients: [recipient1] });
    const { text } = await rotate(original, `x.${ext}`, await keys(), { now: new Date(Date.now() + 2000) });
    const values = (t: string) => t.match(/ENC\[AES256_GCM,data:[^\]]+\]/g) ?? [];
    const before = new Set(values(original));
    expect(values(text).length).toBe(before.size);
    expect(values(text).filter((v) => before.has(v))).toEqual([]);
    const out = sops(["--decrypt", write(`rotated.${ext}`, text)]);
    expect(out.stderr).toBe("");
    expect(dataOf(ext, out.stdout)).toEqual(dataOf(ext, plain));
  });

  it("reads what sops rotate and sops updatekeys produced", async () => {
    const path = write(
      `sops-rotated.${ext}`,
      await encryptSops(plain, `x.${ext}`, { recipients: [recipient1] }),
    );
    const rotated = sops(["rotate", "--in-place", "--add-age", recipient2, path]);
    expect(rotated.stderr).toBe("");
    expect(rotated.status).toBe(0);
    const text = readFileSync(path, "utf8");
    expect((await decryptSops(text, path, await keys2())).data).toEqual(dataOf(ext, plain));
  });
});

describe("YAML comments between our encryptor and sops", () => {
  const commented = `# head
a: 1 # line comment
b:
  # first in b
  c: 2
  d:
    # list head
    - x
    # before y
    - y
  # end of b
e: 3
# trailing
`;

  it("sops decrypts our encrypted comments without warnings", async () => {
    const text = await encryptSops(commented, "c.yaml", { recipients: [recipient1] });
    expect(text).not.toMatch(/first in b|list head|before y|trailing/);
    const out = sops(["--decrypt", write("comments-ours.yaml", text)]);
    expect(out.stderr).toBe("");
    for (const c of ["head", "first in b", "list head", "before y", "trailing"])
      expect(out.stdout).toContain(`# ${c}`);
    expect(parseYaml(out.stdout)).toEqual(parseYaml(commented));
  });

  it("we decrypt the comments sops encrypted", async () => {
    const theirs = sops(["--encrypt", "--age", recipient1, write("comments-plain.yaml", commented)]);
    expect(theirs.status).toBe(0);
    const { openSops, plaintextOf } = await import("../../../src/secrets/sops/index.js");
    const plain = plaintextOf(await openSops(theirs.stdout, "c.yaml", await keys()));
    expect(plain).not.toContain("ENC[");
    for (const c of ["head", "first in b", "list head", "before y", "trailing"])
      expect(plain).toContain(`# ${c}`);
  });
});
