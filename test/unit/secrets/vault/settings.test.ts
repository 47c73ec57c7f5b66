import { describe, expect, it } from "vitest";
import { SecretError } from "../../../../src/errors.js";
import { readVaultSettings } from "../../../../src/secrets/vault/settings.js";

describe("Vault settings from the environment", () => {
  it("defaults to the CLI's address and the token file in the home directory", () => {
    const settings = readVaultSettings({ HOME: "/home/dev" });
    expect(settings.address).toBe("https://127.0.0.1:8200");
    expect(settings.auth).toEqual({
      method: "token",
      token: { file: "/home/dev/.vault-token" },
      source: "~/.vault-token",
    });
    expect(settings.tls.skipVerify).toBe(false);
    expect(settings.timeoutMs).toBe(30_000);
  });

  it("takes VAULT_TOKEN over every other method", () => {
    const settings = readVaultSettings({
      VAULT_TOKEN: "t",
      VAULT_ROLE_ID: "r",
      VAULT_SECRET_ID: "s",
      HOME: "/h",
    });
    expect(settings.auth.method).toBe("token");
  });

  it("logs in with AppRole from values or files, on a chosen mount", () => {
    expect(readVaultSettings({ VAULT_ROLE_ID: "r", VAULT_SECRET_ID: "s" }).auth).toEqual({
      method: "approle",
      mount: "approle",
      roleId: { value: "r" },
      secretId: { value: "s" },
    });
    expect(
      readVaultSettings({
        VAULT_ROLE_ID_FILE: "/run/role",
        VAULT_SECRET_ID_FILE: "/run/secret",
        VAULT_APPROLE_MOUNT: "ci/",
      }).auth,
    ).toEqual({
      method: "approle",
      mount: "ci",
      roleId: { file: "/run/role" },
      secretId: { file: "/run/secret" },
    });
  });

  it("logs in with Kubernetes using the in-pod service account token by default", () => {
    expect(readVaultSettings({ VAULT_K8S_ROLE: "releases", HOME: "/h" }).auth).toEqual({
      method: "kubernetes",
      mount: "kubernetes",
      role: "releases",
      jwt: { file: "/var/run/secrets/kubernetes.io/serviceaccount/token" },
    });
  });

  it("reads namespace, TLS files, skip-verify, timeout and trims a trailing slash off the address", () => {
    const settings = readVaultSettings({
      VAULT_ADDR: "https://vault.example:8200/",
      VAULT_TOKEN: "t",
      VAULT_NAMESPACE: "team-a",
      VAULT_CACERT: "/etc/ca.pem",
      VAULT_SKIP_VERIFY: "true",
      VAULT_CLIENT_TIMEOUT: "5s",
    });
    expect(settings).toMatchObject({
      address: "https://vault.example:8200",
      namespace: "team-a",
      tls: { caCert: "/etc/ca.pem", skipVerify: true },
      timeoutMs: 5000,
    });
  });

  it.each([
    { env: { VAULT_ROLE_ID: "r" }, field: "VAULT_SECRET_ID", why: "AppRole without a secret id" },
    {
      env: { VAULT_ROLE_ID: "r", VAULT_ROLE_ID_FILE: "/f", VAULT_SECRET_ID: "s" },
      field: "VAULT_ROLE_ID",
      why: "a value and a file",
    },
    {
      env: { VAULT_ADDR: "vault:8200", VAULT_TOKEN: "t" },
      field: "VAULT_ADDR",
      why: "an address without a scheme",
    },
    {
      env: { VAULT_SKIP_VERIFY: "yes", VAULT_TOKEN: "t" },
      field: "VAULT_SKIP_VERIFY",
      why: "a non-boolean flag",
    },
    {
      env: { VAULT_CLIENT_TIMEOUT: "soon", VAULT_TOKEN: "t" },
      field: "VAULT_CLIENT_TIMEOUT",
      why: "a non-numeric timeout",
    },
  ])("rejects $why naming the variable", ({ env, field }) => {
    try {
      readVaultSettings(env);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(SecretError);
      expect((e as SecretError).location?.field).toBe(field);
    }
  });

  it("never puts a token or secret id in its errors", () => {
    try {
      readVaultSettings({ VAULT_SECRET_ID: "s3cr3t-id-value", VAULT_ADDR: "nope" });
    } catch (e) {
      expect((e as Error).message).not.toContain("s3cr3t-id-value");
    }
  });
});
