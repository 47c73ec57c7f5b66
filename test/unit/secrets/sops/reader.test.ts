import { describe, expect, it } from "vitest";
import { SecretError } from "../../../../src/errors.js";
import { Redactor } from "../../../../src/secrets/redactor.js";
import { encryptSops, SopsReader } from "../../../../src/secrets/sops/index.js";
import { recipient1, testKeys } from "./helpers.js";

async function files() {
  return {
    "/p/a.yaml": await encryptSops("db:\n  password: hunter22\n", "a.yaml", { recipients: [recipient1] }),
    "/p/b.env": await encryptSops("TOKEN=tok-123\n", "b.env", { recipients: [recipient1] }),
  };
}

describe("SopsReader", () => {
  it("decrypts each file once per run, even for concurrent readers", async () => {
    const texts = await files();
    const reads: string[] = [];
    let keyLoads = 0;
    const reader = new SopsReader({
      cwd: "/p",
      keys: async () => {
        keyLoads += 1;
        return testKeys;
      },
      readFile: async (path) => {
        reads.push(path);
        return texts[path as keyof typeof texts];
      },
    });
    const [a1, a2, b] = await Promise.all([
      reader.read("a.yaml"),
      reader.read("/p/a.yaml"),
      reader.read("b.env"),
    ]);
    expect(a1).toEqual({ db: { password: "hunter22" } });
    expect(a2).toBe(a1);
    expect(b).toEqual({ TOKEN: "tok-123" });
    expect(reads).toEqual(["/p/a.yaml", "/p/b.env"]);
    expect(keyLoads).toBe(1);
  });

  it("registers every decrypted value with the run's redactor", async () => {
    const texts = await files();
    const redactor = new Redactor();
    const reader = new SopsReader({
      cwd: "/p",
      keys: testKeys,
      redactor,
      readFile: async (p) => texts[p as "/p/a.yaml"],
    });
    await reader.read("a.yaml");
    expect(redactor.redact("password is hunter22")).toBe("password is <redacted>");
  });

  it("looks up a dotted key for the {{sops}} helper; a missing key names file and key only", async () => {
    const texts = await files();
    const reader = new SopsReader({
      cwd: "/p",
      keys: testKeys,
      readFile: async (p) => texts[p as "/p/a.yaml"],
    });
    expect(await reader.value("a.yaml", "db.password")).toBe("hunter22");
    const error = await reader.value("a.yaml", "db.user").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SecretError);
    expect((error as SecretError).describe()).toContain("db.user");
    expect((error as SecretError).describe()).not.toContain("hunter22");
  });

  it("fails every later read of a broken file the same way", async () => {
    const reader = new SopsReader({ cwd: "/p", keys: testKeys, readFile: async () => "a: 1\n" });
    await expect(reader.read("plain.yaml")).rejects.toThrow(/not a SOPS file/);
    await expect(reader.read("plain.yaml")).rejects.toThrow(/not a SOPS file/);
  });
});
