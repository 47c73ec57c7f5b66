// age: the data key wrapped for an X25519 (or post-quantum) recipient as an
// ASCII-armored age file. age-encryption loads on first use.
import { SecretError } from "../../../errors.js";
import type { AgeIdentities } from "../../age-keys.js";
import { parseEntry } from "./entry.js";
import { type KeyType, KeyUnavailable } from "./types.js";

const age = () => import("age-encryption");

export const ageKey: KeyType = {
  field: "age",
  name: "age",
  parse: (entry, file, where) =>
    parseEntry("age", entry, file, where, ["recipient", "enc"], (e) => e.recipient!),
  async wrap(dataKey, recipient, _access, file) {
    const { armor, Encrypter } = await age();
    const encrypter = new Encrypter();
    try {
      encrypter.addRecipient(recipient);
    } catch (cause) {
      throw new SecretError(`invalid age recipient "${recipient}"`, { location: { file }, cause });
    }
    const enc = armor.encode(await encrypter.encrypt(dataKey));
    return { type: "age", id: recipient, entry: { recipient, enc } };
  },
  async unwrap(key, access) {
    if (access.age.identities.length === 0)
      throw new KeyUnavailable(`no age identity (${whereLooked(access.age)})`);
    const { armor, Decrypter } = await age();
    const decrypter = new Decrypter();
    for (const identity of access.age.identities) decrypter.addIdentity(identity);
    let wrapped: Uint8Array;
    try {
      wrapped = armor.decode(String(key.entry.enc));
    } catch {
      throw new KeyUnavailable("its enc is not an armored age file");
    }
    try {
      return await decrypter.decrypt(wrapped);
    } catch {
      throw new KeyUnavailable(`none of the age identities matches (${whereLooked(access.age)})`);
    }
  },
};

export function whereLooked(keys: AgeIdentities): string {
  const where = keys.searched.length > 0 ? keys.searched.join(", ") : "nowhere";
  const problems = keys.problems.length > 0 ? `; ${keys.problems.join("; ")}` : "";
  return `looked in ${where}${problems}`;
}
