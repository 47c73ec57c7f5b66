import { describe, expect, it } from "vitest";
import { createSecretSources, type SecretSourceDeps } from "../../../src/cli/secret-sources.js";
import { SecretError } from "../../../src/errors.js";

function fakeDeps(files: Record<string, string>) {
  const calls = { identities: 0, decrypts: [] as string[], vaults: 0 };
  const deps: SecretSourceDeps = {
    readFile: async (path) => {
      if (!(path in files)) throw Object.assign(new Error("nope"), { code: "ENOENT" });
      return files[path]!;
    },
    loadIdentities: async () => {
      calls.identities++;
      return { identities: ["AGE-SECRET-KEY-1TEST"], searched: [], problems: [] };
    },
    decrypt: async (text, file) => {
      calls.decrypts.push(file);
      return { data: { decrypted: text }, secrets: [text] };
    },
    vault: () => {
      calls.vaults++;
      return { resolve: async () => new Map() };
    },
  };
  return { deps, calls };
}

describe("the CLI's secret sources", () => {
  it("look for age identities once, on the first SOPS read, and decrypt each file read", async () => {
    const { deps, calls } = fakeDeps({ "/p/a.sops.yaml": "a", "/p/b.sops.yaml": "b" });
    const sources = createSecretSources({}, deps);
    expect(calls.identities).toBe(0);
    expect(await sources.sops.read("/p/a.sops.yaml")).toEqual({ data: { decrypted: "a" }, secrets: ["a"] });
    expect(await sources.sops.read("/p/b.sops.yaml")).toEqual({ data: { decrypted: "b" }, secrets: ["b"] });
    expect(calls).toEqual({ identities: 1, decrypts: ["/p/a.sops.yaml", "/p/b.sops.yaml"], vaults: 0 });
  });

  it("report an unreadable SOPS file as a secret error naming the file, without looking for keys", async () => {
    const { deps, calls } = fakeDeps({});
    const error = await createSecretSources({}, deps)
      .sops.read("/p/missing.sops.yaml")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SecretError);
    expect((error as SecretError).describe()).toBe("/p/missing.sops.yaml: cannot read SOPS file (ENOENT)");
    expect(calls.identities).toBe(0);
  });

  it("build one Vault source, only when asked", () => {
    const { deps, calls } = fakeDeps({});
    const sources = createSecretSources({}, deps);
    expect(calls.vaults).toBe(0);
    expect(sources.vault()).toBe(sources.vault());
    expect(calls.vaults).toBe(1);
  });
});
