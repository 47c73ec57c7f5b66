import { describe, expect, it } from "vitest";
import { REDACTED, Redactor } from "../../../src/secrets/redactor.js";
import { expectedText, SECRETS, TEXTS, withSecret } from "./redaction-corpus.js";

const redactorOf = (...secrets: unknown[]) => {
  const redactor = new Redactor();
  for (const s of secrets) redactor.register(s);
  return redactor;
};

describe("the redaction corpus: no leak, no mangled word", () => {
  const cases = SECRETS.flatMap((secret) =>
    Object.entries(TEXTS).map(([shape, text]) => ({
      secret: JSON.stringify(secret),
      raw: secret,
      shape,
      text,
    })),
  );
  it.each(cases)("$shape with the secret $secret", ({ raw, text }) => {
    const printed = withSecret(text, raw);
    expect(redactorOf(raw).redact(printed)).toBe(expectedText(text));
  });

  it.each(SECRETS.map((s) => ({ secret: JSON.stringify(s), raw: s })))(
    "JSON output stays valid JSON with the secret $secret",
    ({ raw }) => {
      for (const shape of ["values as JSON", "status -o json"]) {
        const redacted = redactorOf(raw).redact(withSecret(TEXTS[shape]!, raw));
        expect(() => JSON.parse(redacted)).not.toThrow();
      }
    },
  );
});

describe("Redactor.redact", () => {
  it.each([
    { text: "apiVersion: secrets.hashicorp.com/v1beta1", why: "inside a longer word" },
    { text: "- secretRef:\n    name: x", why: "a prefix of a key" },
    { text: '{"secretsStale":true}', why: "a prefix of a JSON key" },
    { text: "secretName: tls", why: "a camel-case key" },
    { text: "path: secret/data/app1/db#password", why: "a Vault mount in a path" },
    { text: "file: environments/secret.sops.yaml", why: "a file name" },
    { text: "name: my-secret-store", why: "a part of a name" },
    { text: "secret: {}", why: "a YAML key" },
    { text: '{"secret": 1}', why: "a JSON key" },
    { text: 'data: "{\\"secret\\":\\"x\\"}"', why: "a key of JSON quoted in a string" },
  ])("leaves `secret` $why alone", ({ text }) => {
    expect(redactorOf("secret").redact(text)).toBe(text);
  });

  it.each([
    ["password: secret", `password: ${REDACTED}`],
    ['{"password":"secret"}', `{"password":"${REDACTED}"}`],
    ["postgres://app:secret@db:5432", `postgres://app:${REDACTED}@db:5432`],
    ["DB_PASSWORD=secret ./run", `DB_PASSWORD=${REDACTED} ./run`],
    ["--set db.password=secret", `--set db.password=${REDACTED}`],
    ["- secret\n- other", `- ${REDACTED}\n- other`],
    ["data:\n  password: c2VjcmV0\n", `data:\n  password: ${REDACTED}\n`],
    ["secret", REDACTED],
  ])("hides `secret` standing as a value: %j", (text, expected) => {
    expect(redactorOf("secret").redact(text)).toBe(expected);
  });

  it("hides a secret wherever it stands as a whole value, also where it was not put as one", () => {
    // The limit of redacting text: a value equal to the secret cannot be told from it.
    expect(redactorOf("secret").redact("mount: secret")).toBe(`mount: ${REDACTED}`);
  });

  it("prefers the longest secret at a position, so an escaped form is hidden whole", () => {
    const r = redactorOf("abc\\", "abcdef");
    expect(r.redact('{"a":"abc\\\\","b":"abcdef"}')).toBe(`{"a":"${REDACTED}","b":"${REDACTED}"}`);
  });

  it("hides each line of a multi-line secret, as a YAML block scalar indents them", () => {
    const key = "-----BEGIN KEY-----\nMIIEvQIBADANBgkqhkiG9w0\n-----END KEY-----";
    const printed = `tls.key: |\n    -----BEGIN KEY-----\n    MIIEvQIBADANBgkqhkiG9w0\n    -----END KEY-----\n`;
    expect(redactorOf(key).redact(printed)).toBe(
      `tls.key: |\n    ${REDACTED}\n    ${REDACTED}\n    ${REDACTED}\n`,
    );
  });

  it("leaves free text alone for values of 1 to 3 characters, but hides them in value trees", () => {
    const r = redactorOf("dev");
    expect(r.redact("environment: dev")).toBe("environment: dev");
    expect(r.redactTree({ user: "dev", env: "development" })).toEqual({ user: REDACTED, env: "development" });
  });

  it("registers strings and numbers, never booleans or null", () => {
    const r = redactorOf(true, false, null, undefined, 54321, "");
    expect(r.has(true)).toBe(false);
    expect(r.has(54321)).toBe(true);
    expect(r.redact("atomic: true\nport: 54321")).toBe(`atomic: true\nport: ${REDACTED}`);
  });

  it("keeps keys of value trees, even one equal to a secret", () => {
    const r = redactorOf("name", "secret");
    expect(r.redactTree({ name: "name", list: ["secret", "secrets"], secret: { name: "web" } })).toEqual({
      name: REDACTED,
      list: [REDACTED, "secrets"],
      secret: { name: "web" },
    });
  });
});
