import { describe, expect, it } from "vitest";
import {
  findMount,
  kv2Paths,
  mountFromUiResponse,
  readTarget,
  type VaultMount,
} from "../../../../src/secrets/vault/mount.js";

const kv2: VaultMount = { path: "secret/", type: "kv", kvVersion: 2 };
const kv1: VaultMount = { path: "kv1/", type: "kv", kvVersion: 1 };

describe("mount detection from sys/internal/ui/mounts", () => {
  it.each([
    { options: { version: "2" }, type: "kv", expected: 2, why: "a KV v2 mount" },
    { options: { version: "1" }, type: "kv", expected: 1, why: "a KV v1 mount" },
    { options: null, type: "kv", expected: 1, why: "a KV mount without options is v1" },
    { options: null, type: "generic", expected: 1, why: "the legacy generic engine is v1" },
    { options: { version: "2" }, type: "database", expected: 1, why: "a non-KV engine is read as written" },
  ])("$why", ({ options, type, expected }) => {
    const mount = mountFromUiResponse({ data: { path: "secret/", type, options } });
    expect(mount).toEqual({ path: "secret/", type, kvVersion: expected });
  });

  it("adds the trailing slash to the mount path", () => {
    expect(
      mountFromUiResponse({ data: { path: "team/kv", type: "kv", options: { version: "2" } } })?.path,
    ).toBe("team/kv/");
  });

  it("answers undefined for a response that names no mount", () => {
    expect(mountFromUiResponse({ data: {} })).toBeUndefined();
    expect(mountFromUiResponse(undefined)).toBeUndefined();
  });

  it("finds a known mount by whole-segment prefix only", () => {
    expect(findMount([kv1, kv2], "secret/app1/db")).toBe(kv2);
    expect(findMount([kv1, kv2], "secretive/app1/db")).toBeUndefined();
  });
});

describe("KV path rewriting", () => {
  it.each([
    {
      path: "secret/app1/db",
      mount: kv2,
      apiPath: "secret/data/app1/db",
      shape: "kv2",
      why: "KV v2 without data/ gains it",
    },
    {
      path: "secret/data/app1/db",
      mount: kv2,
      apiPath: "secret/data/app1/db",
      shape: "kv2",
      why: "KV v2 with data/ is kept",
    },
    {
      path: "kv1/app1/db",
      mount: kv1,
      apiPath: "kv1/app1/db",
      shape: "plain",
      why: "KV v1 is read as written",
    },
    {
      path: "kv1/data/db",
      mount: kv1,
      apiPath: "kv1/data/db",
      shape: "plain",
      why: "data/ means nothing under KV v1",
    },
  ])("$why", ({ path, mount, apiPath, shape }) => {
    expect(readTarget(path, mount)).toEqual({ apiPath, shape });
  });

  it("gives the data, metadata and logical paths of a KV v2 secret, whichever spelling", () => {
    const expected = {
      data: "secret/data/app1/db",
      metadata: "secret/metadata/app1/db",
      logical: "secret/app1/db",
    };
    expect(kv2Paths("secret/app1/db", kv2)).toEqual(expected);
    expect(kv2Paths("secret/data/app1/db", kv2)).toEqual(expected);
  });
});
