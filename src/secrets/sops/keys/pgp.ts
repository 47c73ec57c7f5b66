// PGP through GnuPG, as sops runs it (pgp/keysource.go): the data key is
// encrypted with `gpg --encrypt -a -r <fingerprint>` and decrypted with
// `gpg -d`; gpg and its agent hold the secret keys, never releases. The binary
// is $SOPS_GPG_EXEC or gpg; GNUPGHOME is honoured by gpg itself.
import { SecretError } from "../../../errors.js";
import { createdAt, parseEntry } from "./entry.js";
import { type KeyType, KeyUnavailable } from "./types.js";

export const pgpKey: KeyType = {
  field: "pgp",
  name: "PGP",
  parse: (entry, file, where) =>
    parseEntry("pgp", entry, file, where, ["fp", "enc"], (e) => e.fp!.replace(/\s+/g, "").toUpperCase()),
  async wrap(dataKey, fingerprint, access, file) {
    const fp = fingerprint.replace(/\s+/g, "").toUpperCase();
    const result = await access.gpg(
      [
        "--no-default-recipient",
        "--yes",
        "--encrypt",
        "-a",
        "-r",
        fp,
        "--trusted-key",
        fp.slice(-16),
        "--no-encrypt-to",
      ],
      dataKey,
    );
    if (result.code !== 0) {
      throw new SecretError(`gpg could not encrypt for PGP key ${fp}: ${firstLine(result.stderr)}`, {
        location: { file },
        hint: "import the public key into your GnuPG keyring (gpg --import), or check GNUPGHOME",
      });
    }
    return {
      type: "pgp",
      id: fp,
      entry: { created_at: createdAt(), enc: result.stdout.toString("utf8"), fp },
    };
  },
  async unwrap(key, access) {
    const result = await access.gpg(["-d"], String(key.entry.enc));
    if (result.code !== 0) throw new KeyUnavailable(`gpg cannot decrypt it: ${firstLine(result.stderr)}`);
    return new Uint8Array(result.stdout);
  },
};

function firstLine(stderr: string): string {
  const lines = stderr
    .split("\n")
    .map((l) => l.replace(/^gpg: /, "").trim())
    .filter((l) => l !== "");
  return lines.at(-1) ?? "no output";
}
