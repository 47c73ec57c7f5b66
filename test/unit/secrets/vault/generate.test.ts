import { describe, expect, it } from "vitest";
import { generateSecret } from "../../../../src/secrets/vault/client.js";

describe("generated secrets", () => {
  it("are 32 letters and digits, different each time", () => {
    const a = generateSecret();
    const b = generateSecret();
    expect(a).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(a).not.toBe(b);
  });
});
