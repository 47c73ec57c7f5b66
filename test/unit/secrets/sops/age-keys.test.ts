import { describe, expect, it } from "vitest";
import {
  type AgeKeyDeps,
  loadAgeIdentities,
  parseIdentityText,
  splitCommand,
} from "../../../../src/secrets/age-keys.js";

const K1 = "AGE-SECRET-KEY-1QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ";
const K2 = "AGE-SECRET-KEY-1PPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPP";
const K3 = "AGE-SECRET-KEY-1ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ";

function deps(
  files: Record<string, string>,
  platform: NodeJS.Platform = "linux",
  commands: string[][] = [],
): AgeKeyDeps {
  return {
    readFile: async (path) => {
      const text = files[path];
      if (text === undefined) throw Object.assign(new Error("nope"), { code: "ENOENT" });
      return text;
    },
    runCommand: async (argv) => {
      commands.push([...argv]);
      return `${K3}\n`;
    },
    platform,
    homedir: () => "/home/u",
  };
}

describe("finding age identities like sops", () => {
  it("parses key files: comments and blank lines ignored", () => {
    expect(parseIdentityText(`# created: now\n# public key: age1x\n${K1}\n\n${K2}\n`)).toEqual({
      identities: [K1, K2],
      unsupported: 0,
    });
  });

  it("combines SOPS_AGE_KEY, SOPS_AGE_KEY_FILE, SOPS_AGE_KEY_CMD and the default keys.txt", async () => {
    const commands: string[][] = [];
    const keys = await loadAgeIdentities(
      {
        SOPS_AGE_KEY: K1,
        SOPS_AGE_KEY_FILE: "/k.txt",
        SOPS_AGE_KEY_CMD: "pass show 'age key'",
        HOME: "/home/u",
      },
      deps({ "/k.txt": K2, "/home/u/.config/sops/age/keys.txt": K1 }, "linux", commands),
    );
    expect(keys.identities).toEqual([K1, K2, K3]);
    expect(commands).toEqual([["pass", "show", "age key"]]);
    expect(keys.searched).toContain("/home/u/.config/sops/age/keys.txt");
  });

  it("uses $XDG_CONFIG_HOME on Linux and macOS", async () => {
    const files = { "/xdg/sops/age/keys.txt": K1 };
    expect(
      (await loadAgeIdentities({ XDG_CONFIG_HOME: "/xdg", HOME: "/h" }, deps(files))).identities,
    ).toEqual([K1]);
    expect(
      (await loadAgeIdentities({ XDG_CONFIG_HOME: "/xdg", HOME: "/h" }, deps(files, "darwin"))).identities,
    ).toEqual([K1]);
  });

  it("uses ~/Library/Application Support on macOS without XDG_CONFIG_HOME", async () => {
    const files = { "/h/Library/Application Support/sops/age/keys.txt": K2 };
    expect((await loadAgeIdentities({ HOME: "/h" }, deps(files, "darwin"))).identities).toEqual([K2]);
  });

  it("records an unreadable SOPS_AGE_KEY_FILE as a problem, not as key material", async () => {
    const keys = await loadAgeIdentities({ SOPS_AGE_KEY_FILE: "/missing", HOME: "/h" }, deps({}));
    expect(keys.identities).toEqual([]);
    expect(keys.problems).toEqual(["cannot read SOPS_AGE_KEY_FILE /missing: ENOENT"]);
  });

  it("splits commands like a shell would", () => {
    expect(splitCommand(`a "b c" 'd e' f\\ g`)).toEqual(["a", "b c", "d e", "f g"]);
  });
});
