// The SOPS data key: 32 random bytes, wrapped for each age recipient as an
// ASCII-armored age file (the `enc` field). age-encryption (and its
// post-quantum code) loads on first use: commands that decrypt nothing start faster.
import { randomBytes } from "node:crypto";
import type { Decrypter } from "age-encryption";
import { SecretError } from "../../errors.js";
import type { AgeIdentities } from "../age-keys.js";
import type { AgeStanza } from "./metadata.js";

export const DATA_KEY_SIZE = 32;

const age = () => import("age-encryption");

export function generateDataKey(): Uint8Array {
  return new Uint8Array(randomBytes(DATA_KEY_SIZE));
}

export async function wrapDataKey(
  dataKey: Uint8Array,
  recipients: readonly string[],
  file: string,
): Promise<AgeStanza[]> {
  const { armor, Encrypter } = await age();
  return Promise.all(
    recipients.map(async (recipient) => {
      const encrypter = new Encrypter();
      try {
        encrypter.addRecipient(recipient);
      } catch (cause) {
        throw new SecretError(`invalid age recipient "${recipient}"`, { location: { file }, cause });
      }
      return { recipient, enc: armor.encode(await encrypter.encrypt(dataKey)) };
    }),
  );
}

async function decrypterFor(keys: AgeIdentities): Promise<Decrypter> {
  const { Decrypter } = await age();
  const decrypter = new Decrypter();
  for (const identity of keys.identities) decrypter.addIdentity(identity);
  return decrypter;
}

export async function unwrapDataKey(
  stanzas: readonly AgeStanza[],
  keys: AgeIdentities,
  file: string,
): Promise<Uint8Array> {
  const recipients = stanzas.map((s) => s.recipient);
  if (keys.identities.length === 0) {
    throw new SecretError("no age identity found to decrypt the data key", {
      location: { file },
      hint: noIdentityHint(keys),
    });
  }
  const decrypter = await decrypterFor(keys);
  const { armor } = await age();
  for (const stanza of stanzas) {
    let wrapped: Uint8Array;
    try {
      wrapped = armor.decode(stanza.enc);
    } catch {
      continue;
    }
    try {
      const key = await decrypter.decrypt(wrapped);
      if (key.length !== DATA_KEY_SIZE) continue;
      return key;
    } catch {
      // Not ours: try the next recipient.
    }
  }
  throw new SecretError(`none of the available age identities can decrypt the data key`, {
    location: { file, field: "sops.age" },
    hint: `the file is encrypted for ${recipients.join(", ") || "no age recipient"}; ${noIdentityHint(keys)}`,
  });
}

function noIdentityHint(keys: AgeIdentities): string {
  const where = keys.searched.length > 0 ? keys.searched.join(", ") : "nowhere";
  const problems = keys.problems.length > 0 ? ` (${keys.problems.join("; ")})` : "";
  return `looked in ${where}${problems}; set SOPS_AGE_KEY_FILE to a key file holding a matching identity`;
}
