import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  cachedHelmVersion,
  type HelmVersion,
  isNativeExecutable,
  validVersion,
  versionCacheFile,
} from "../../../src/helm/version-cache.js";

const ELF = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]);

describe("which files are native executables", () => {
  it.each([
    ["ELF", [0x7f, 0x45, 0x4c, 0x46], true],
    ["Mach-O 64-bit", [0xcf, 0xfa, 0xed, 0xfe], true],
    ["Mach-O universal", [0xca, 0xfe, 0xba, 0xbe], true],
    ["PE (helm.exe)", [0x4d, 0x5a, 0x90, 0], true],
    ["a shell script", [...Buffer.from("#!/b")], false],
    ["an empty file", [], false],
  ])("%s: %s", (_name, bytes, native) => {
    expect(isNativeExecutable(Uint8Array.from(bytes as number[]))).toBe(native);
  });
});

describe("where versions are remembered", () => {
  it("is $XDG_CACHE_HOME/releases, else ~/.cache/releases, else nowhere", () => {
    expect(versionCacheFile({ XDG_CACHE_HOME: "/c", HOME: "/h" })).toBe("/c/releases/helm-versions.json");
    expect(versionCacheFile({ HOME: "/h" })).toBe("/h/.cache/releases/helm-versions.json");
    expect(versionCacheFile({})).toBeUndefined();
    expect(versionCacheFile({ XDG_CACHE_HOME: "relative" })).toBeUndefined();
  });

  it("takes only an entry helm version could have printed", () => {
    expect(validVersion({ major: 4, version: "v4.0.1" })).toEqual({ major: 4, version: "v4.0.1" });
    expect(validVersion({ major: 3, version: "v4.0.1" })).toBeUndefined();
    expect(validVersion({ major: 2, version: "v2.17.0" })).toBeUndefined();
    expect(validVersion({ major: 3, version: "3.21" })).toBeUndefined();
    expect(validVersion("v3.21.4")).toBeUndefined();
  });
});

describe("a helm binary's version, remembered", () => {
  let dir: string;
  let env: Record<string, string>;
  let asked: number;
  const detect = (version: HelmVersion) => async () => {
    asked++;
    return version;
  };
  const v3 = { major: 3, version: "v3.21.4" } as const;
  const v4 = { major: 4, version: "v4.0.1" } as const;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "releases-version-cache-"));
    mkdirSync(join(dir, "bin"));
    env = { XDG_CACHE_HOME: join(dir, "cache"), PATH: `/nonexistent:${join(dir, "bin")}` };
    asked = 0;
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const install = (name: string, content: Buffer | string) => {
    writeFileSync(join(dir, "bin", name), content);
    chmodSync(join(dir, "bin", name), 0o755);
  };

  it("asks a native binary once, found on PATH, and again once it is replaced", async () => {
    install("helm", Buffer.concat([ELF, Buffer.from("v3")]));
    expect(await cachedHelmVersion("helm", env, detect(v3))).toEqual({ ...v3, cached: false });
    expect(await cachedHelmVersion("helm", env, detect(v3))).toEqual({ ...v3, cached: true });
    expect(asked).toBe(1);

    install("helm", Buffer.concat([ELF, Buffer.from("v4, a longer binary")]));
    expect(await cachedHelmVersion("helm", env, detect(v4))).toEqual({ ...v4, cached: false });
    expect(asked).toBe(2);
    const file = JSON.parse(readFileSync(join(dir, "cache/releases/helm-versions.json"), "utf8"));
    // One entry per real path: the replaced binary's is gone with it.
    expect(Object.values(file.binaries)).toEqual([{ stamp: expect.any(String), ...v4 }]);
  });

  it("knows a binary by its real path: a symlink to it and its absolute path share one entry", async () => {
    install("helm-3.21", Buffer.concat([ELF, Buffer.from("v3")]));
    symlinkSync(join(dir, "bin", "helm-3.21"), join(dir, "bin", "helm"));
    await cachedHelmVersion("helm", env, detect(v3));
    expect(await cachedHelmVersion(join(dir, "bin", "helm-3.21"), env, detect(v3))).toMatchObject({
      cached: true,
    });
    expect(asked).toBe(1);
  });

  it("asks a link to a binary of another name every time: a multiplexer (mise, aqua) picks a helm per directory", async () => {
    install("mise", Buffer.concat([ELF, Buffer.from("a version manager")]));
    symlinkSync(join(dir, "bin", "mise"), join(dir, "bin", "helm"));
    await cachedHelmVersion("helm", env, detect(v3));
    expect(await cachedHelmVersion("helm", env, detect(v4))).toEqual({ ...v4, cached: false });
    expect(asked).toBe(2);
  });

  it("asks a script every time: a version manager's shim picks a helm per directory", async () => {
    install("helm", '#!/bin/sh\nexec helm-of-this-directory "$@"\n');
    await cachedHelmVersion("helm", env, detect(v3));
    expect(await cachedHelmVersion("helm", env, detect(v4))).toEqual({ ...v4, cached: false });
    expect(asked).toBe(2);
  });

  it("asks every time when it cannot remember: no cache directory, a relative path, an unwritable cache", async () => {
    install("helm", Buffer.concat([ELF, Buffer.from("v3")]));
    await cachedHelmVersion("helm", { PATH: env.PATH! }, detect(v3));
    await cachedHelmVersion("helm", { PATH: env.PATH! }, detect(v3));
    await cachedHelmVersion("./bin/helm", env, detect(v3));
    writeFileSync(join(dir, "cache"), "a file where the cache directory would be");
    const unwritable = await cachedHelmVersion("helm", env, detect(v3));
    expect(unwritable).toMatchObject({ ...v3, cached: false });
    expect(unwritable.unwritten).toMatch(/^cannot remember it in .*helm-versions\.json: /); // said under --debug
    expect(await cachedHelmVersion("helm", env, detect(v3))).toMatchObject({ ...v3, cached: false });
    expect(asked).toBe(5);
  });

  it("asks again when the file is damaged or holds an entry helm could not have printed, and rewrites it", async () => {
    install("helm", Buffer.concat([ELF, Buffer.from("v3")]));
    const file = join(dir, "cache/releases/helm-versions.json");
    await cachedHelmVersion("helm", env, detect(v3));
    const [key] = Object.keys(JSON.parse(readFileSync(file, "utf8")).binaries);
    writeFileSync(
      file,
      JSON.stringify({ version: 1, binaries: { [key!]: { major: 3, version: "v4.0.0" } } }),
    );
    expect(await cachedHelmVersion("helm", env, detect(v3))).toEqual({ ...v3, cached: false });
    writeFileSync(file, "{ not json");
    expect(await cachedHelmVersion("helm", env, detect(v3))).toEqual({ ...v3, cached: false });
    expect(await cachedHelmVersion("helm", env, detect(v3))).toEqual({ ...v3, cached: true });
    expect(asked).toBe(3);
  });
});
