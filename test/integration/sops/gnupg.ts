// A throwaway GnuPG home for the PGP tests: made by the test, keys generated
// without a passphrase inside it, its gpg-agent stopped and the directory
// removed afterwards. Nothing touches the user's own ~/.gnupg.
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface GnupgHome {
  dir: string;
  /** The environment gpg, sops and releases run with: GNUPGHOME set, PATH kept. */
  env: Record<string, string>;
  /** A new encryption-capable key; returns its fingerprint. */
  generateKey(name: string): string;
  /** Removes a key's secret part, as on a machine that only has the public key. */
  forgetSecretKey(fingerprint: string): void;
  close(): void;
}

export function gnupgHome(): GnupgHome {
  // Short: gpg-agent's socket path must fit in a Unix socket address.
  const dir = mkdtempSync(join(tmpdir(), "gpg-"));
  chmodSync(dir, 0o700);
  const env = { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: dir, GNUPGHOME: dir };
  const gpg = (args: string[]) => execFileSync("gpg", ["--batch", ...args], { env, encoding: "utf8" });
  return {
    dir,
    env,
    generateKey(name) {
      gpg([
        "--pinentry-mode",
        "loopback",
        "--passphrase",
        "",
        "--quick-gen-key",
        `${name} <${name}@example.invalid>`,
        "future-default",
        "default",
        "never",
      ]);
      const listing = gpg(["--with-colons", "--list-secret-keys", `${name}@example.invalid`]);
      const fpr = /^fpr:+([0-9A-F]{40}):/m.exec(listing);
      if (!fpr) throw new Error(`no fingerprint for ${name}:\n${listing}`);
      return fpr[1]!;
    },
    forgetSecretKey(fingerprint) {
      gpg(["--yes", "--delete-secret-keys", fingerprint]);
    },
    close() {
      spawnSync("gpgconf", ["--kill", "gpg-agent"], { env });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
