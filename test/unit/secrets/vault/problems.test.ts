import { describe, expect, it } from "vitest";
import { SecretError } from "../../../../src/errors.js";
import { toFailure } from "../../../../src/secrets/vault/failure.js";
import { combineProblems, describeUses, type Problem } from "../../../../src/secrets/vault/problems.js";
import type { VaultUse } from "../../../../src/secrets/vault/ref.js";

const address = "http://127.0.0.1:8200";
const use = (path: string, key: string, usedBy: string, line?: number): VaultUse => ({
  ref: { path, key },
  usedBy,
  location: { file: "values/app.yaml.hbs", line },
});

describe("Vault failures become errors naming references, not values", () => {
  it("names the first use and counts the others", () => {
    const uses = [use("secret/a/db", "pw", "backend/app1", 4), use("secret/a/db", "pw", "backend/app2", 9)];
    expect(describeUses(uses)).toBe(
      "secret/a/db#pw (used by backend/app1 at values/app.yaml.hbs:4), +1 more use",
    );
  });

  it("lists the keys that exist when one is missing, and carries the use's location", () => {
    const problem: Problem = {
      kind: "key",
      key: "passwd",
      apiPath: "secret/data/a/db",
      existingKeys: ["password", "user"],
      uses: [use("secret/a/db", "passwd", "backend/app1", 4)],
    };
    const error = combineProblems([problem], address)!;
    expect(error).toBeInstanceOf(SecretError);
    expect(error.message).toContain('key "passwd" not found at Vault path secret/data/a/db');
    expect(error.message).toContain("keys there: password, user");
    expect(error.location).toEqual({ file: "values/app.yaml.hbs", line: 4 });
  });

  it("reports an unreachable server once, with its address, however many reads failed", () => {
    const failure = {
      kind: "unreachable",
      code: "ECONNREFUSED",
      detail: "connect ECONNREFUSED 127.0.0.1:1",
    } as const;
    const problems: Problem[] = [
      { kind: "request", failure, apiPath: "secret/data/a", uses: [use("secret/a", "k", "r1")] },
      { kind: "request", failure, apiPath: "secret/data/b", uses: [use("secret/b", "k", "r2")] },
    ];
    const error = combineProblems(problems, address)!;
    expect(error.message).toMatch(/^cannot reach Vault at http:\/\/127\.0\.0\.1:8200 \(connect ECONNREFUSED/);
    expect(error.message).not.toContain("secret/b");
  });

  it("gathers several distinct failures into one error listing each", () => {
    const problems: Problem[] = [
      {
        kind: "request",
        failure: { kind: "http", status: 404, errors: [] },
        apiPath: "secret/data/a",
        uses: [use("secret/a", "k", "r1")],
      },
      {
        kind: "request",
        failure: { kind: "http", status: 403, errors: ["permission denied"] },
        apiPath: "secret/data/b",
        uses: [use("secret/b", "k", "r2")],
      },
    ];
    const error = combineProblems(problems, address)!;
    expect(error.message).toContain("2 Vault references could not be resolved");
    expect(error.message).toContain("Vault path secret/data/a does not exist");
    expect(error.message).toContain("permission denied on Vault path secret/data/b");
  });

  it("keeps only the status and Vault's messages of an HTTP error, dropping the request with its token", () => {
    const raw = Object.assign(new Error("permission denied"), {
      response: { statusCode: 403, body: { errors: ["permission denied"] } },
      config: { headers: { "X-Vault-Token": "hvs.super-secret" } },
    });
    const failure = toFailure(raw);
    expect(failure).toEqual({ kind: "http", status: 403, errors: ["permission denied"] });
    expect(JSON.stringify(failure)).not.toContain("hvs.super-secret");
  });

  it("classifies network and TLS errors by their code", () => {
    expect(
      toFailure(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" })).kind,
    ).toBe("unreachable");
    expect(
      toFailure(Object.assign(new Error("self-signed certificate"), { code: "DEPTH_ZERO_SELF_SIGNED_CERT" }))
        .kind,
    ).toBe("tls");
  });
});
