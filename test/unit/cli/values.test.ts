import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { cli, PROJECTS } from "./run-cli.js";

// test/fixtures/projects/values: SOPS files encrypted to the fixture's DEMO-ONLY age key.
const env = { SOPS_AGE_KEY_FILE: `${PROJECTS}/values/age-key.txt` };
const SECRETS = ["env-db-password-1", "env-mail-token-1", "web-tls-key-1"];

const webValues = {
  replicaCount: 3, // inline map over values/web.yaml
  image: { repository: "registry.invalid/web", tag: "1.4.0" }, // set wins over the release secret's tag
  resources: { limits: null }, // null kept: helm deletes the chart default
  host: "web.example.com",
  database: { url: "postgres://app:<redacted>@db.internal:5432/web", password: "<redacted>" },
  tls: { key: "<redacted>" },
  annotations: { "example.com/owner": "team-web" }, // set path with an escaped dot
};

describe("releases values <release>", () => {
  it.each([
    { how: "by name, as YAML", argv: ["values", "web"], read: (s: string) => parse(s) as unknown },
    {
      how: "by namespace/name, as JSON",
      argv: ["values", "apps/web", "-o", "json"],
      read: (s: string) => JSON.parse(s) as unknown,
    },
  ])("prints the merged values with secrets redacted, $how", async ({ argv, read }) => {
    const result = await cli("values", argv, env);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(read(result.stdout)).toEqual(webValues);
    for (const secret of SECRETS) expect(result.stdout).not.toContain(secret);
  });

  it("prints YAML in the order the layers introduced the keys", async () => {
    const result = await cli("values", ["values", "web"], env);
    expect(result.stdout.split("\n").filter((l) => /^\S/.test(l))).toEqual([
      "replicaCount: 3",
      "image:",
      "resources:",
      "host: web.example.com",
      "database:",
      "tls:",
      "annotations:",
    ]);
  });

  it("prints {} for a release without values, reading no secrets it does not need", async () => {
    const result = await cli("values", ["values", "blue/api", "-o", "json"], env);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({});
  });

  it.each([
    {
      what: "an unknown name, with the closest one",
      ref: "wbe",
      stderr:
        'releases: unknown release "wbe" (did you mean "web"?)\n  hint: `releases list` shows the releases of the environment',
    },
    {
      what: "an unknown namespace/name, with the closest one",
      ref: "apps/wbe",
      stderr:
        'releases: unknown release "apps/wbe" (did you mean "apps/web"?)\n  hint: `releases list` shows the releases of the environment',
    },
    {
      what: "a name two releases share",
      ref: "api",
      stderr:
        'releases: ambiguous release "api": it names apps/api, blue/api\n  hint: write it as namespace/name',
    },
  ])("rejects $what as a usage error", async ({ ref, stderr }) => {
    const result = await cli("values", ["values", ref], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`${stderr}\n`);
    expect(result.stdout).toBe("");
  });

  it("exits 3 naming the file when no age identity can decrypt a secret", async () => {
    const result = await cli("values", ["values", "web"], {
      XDG_CONFIG_HOME: `${PROJECTS}/values/no-such-dir`,
    });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/^releases: environments\/secrets\.sops\.yaml: no age identity found/);
    expect(result.stdout).toBe("");
  });
});
