import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { AgeIdentities } from "../../../../src/secrets/age-keys.js";
import { parseIdentityText } from "../../../../src/secrets/age-keys.js";

export const fixtures = fileURLToPath(new URL("../../../fixtures/sops/", import.meta.url));

export function fixture(name: string): string {
  return readFileSync(join(fixtures, name), "utf8");
}

function identitiesFrom(name: string): AgeIdentities {
  return { identities: parseIdentityText(fixture(name)).identities, searched: [name], problems: [] };
}

export const testKeys = identitiesFrom("age-test-key.txt");
export const testKeys2 = identitiesFrom("age-test-key-2.txt");
export const recipient1 = /# public key: (age1\w+)/.exec(fixture("age-test-key.txt"))![1]!;
export const recipient2 = /# public key: (age1\w+)/.exec(fixture("age-test-key-2.txt"))![1]!;
