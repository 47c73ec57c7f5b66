import { describe, expect, it } from "vitest";
import { ClusterStateError } from "../../../src/errors.js";
import {
  type ExecCredential,
  execCredentials,
  execInfo,
  parseExecCredential,
  type RunPlugin,
} from "../../../src/kube/exec-credential.js";
import type { ExecPlugin } from "../../../src/kube/kubeconfig.js";

const V1 = "client.authentication.k8s.io/v1";
const plugin: ExecPlugin = {
  apiVersion: V1,
  command: "/bin/login",
  args: ["get-token"],
  env: [{ name: "REGION", value: "eu" }],
  provideClusterInfo: false,
  installHint: "install login",
  source: '/k/config: user "u"',
};
const credential = (status: Record<string, unknown>, apiVersion = V1) =>
  JSON.stringify({ apiVersion, kind: "ExecCredential", status });

function parseFailure(stdout: string): ClusterStateError {
  try {
    parseExecCredential(stdout, plugin);
  } catch (error) {
    expect(error).toBeInstanceOf(ClusterStateError);
    return error as ClusterStateError;
  }
  throw new Error("expected an error");
}

describe("parsing an ExecCredential", () => {
  it("a token, with its expiry", () => {
    expect(
      parseExecCredential(credential({ token: "t0k", expirationTimestamp: "2026-12-02T06:00:00Z" }), plugin),
    ).toEqual({ token: "t0k", expiresAt: Date.parse("2026-12-02T06:00:00Z") });
  });

  it("a client certificate and key, valid for the session without an expiry", () => {
    expect(
      parseExecCredential(credential({ clientCertificateData: "CERT", clientKeyData: "KEY" }), plugin),
    ).toEqual({
      clientCertificate: "CERT",
      clientKey: "KEY",
    });
  });

  it("refuses what is not an ExecCredential of the configured apiVersion, without echoing it", () => {
    expect(parseFailure("token: secret-value").message).toBe(
      'the exec credential plugin of /k/config: user "u" (/bin/login) did not print an ExecCredential as JSON',
    );
    expect(
      parseFailure(credential({ token: "secret-value" }, "client.authentication.k8s.io/v1beta1")).message,
    ).toMatch(
      /printed apiVersion "client.authentication.k8s.io\/v1beta1", not client.authentication.k8s.io\/v1/,
    );
    expect(parseFailure(credential({})).message).toMatch(/printed neither status.token nor/);
    expect(parseFailure(credential({ clientCertificateData: "CERT" })).message).toMatch(/only one of/);
    const badExpiry = parseFailure(credential({ token: "secret-value", expirationTimestamp: "soon" }));
    expect(badExpiry.message).toMatch(/expirationTimestamp that is not a time/);
    for (const stdout of ["token: secret-value", credential({ token: "secret-value" }, "v1")]) {
      expect(parseFailure(stdout).message).not.toContain("secret-value");
    }
  });
});

describe("running the plugin", () => {
  function fakePlugin(outputs: { code: number; stdout?: string; stderr?: string }[]) {
    const calls: {
      command: string;
      args: readonly string[];
      env: Readonly<Record<string, string | undefined>>;
    }[] = [];
    const run: RunPlugin = async (command, args, env) => {
      calls.push({ command, args, env });
      const out = outputs[Math.min(calls.length - 1, outputs.length - 1)]!;
      return { code: out.code, stdout: out.stdout ?? "", stderr: out.stderr ?? "" };
    };
    return { run, calls };
  }

  it("passes its args, its env over the session's, and KUBERNETES_EXEC_INFO", async () => {
    const { run, calls } = fakePlugin([{ code: 0, stdout: credential({ token: "a" }) }]);
    const info = execInfo(plugin, { server: "https://k", insecureSkipTlsVerify: false });
    const get = execCredentials(plugin, { PATH: "/bin", REGION: "us" }, info, run);
    expect(await get()).toEqual({ token: "a" });
    expect(calls[0]).toEqual({
      command: "/bin/login",
      args: ["get-token"],
      env: { PATH: "/bin", REGION: "eu", KUBERNETES_EXEC_INFO: info },
    });
    expect(JSON.parse(info)).toEqual({
      apiVersion: V1,
      kind: "ExecCredential",
      spec: { interactive: false },
    });
  });

  it("gives the cluster to a plugin that asks for it", () => {
    const info = execInfo(
      { ...plugin, provideClusterInfo: true },
      { server: "https://k", caPem: "CA", insecureSkipTlsVerify: false, tlsServerName: "kube" },
    );
    expect(JSON.parse(info).spec.cluster).toEqual({
      server: "https://k",
      "certificate-authority-data": Buffer.from("CA").toString("base64"),
      "insecure-skip-tls-verify": false,
      "tls-server-name": "kube",
    });
  });

  it("caches the credential until its expirationTimestamp, and renews when asked (a 401)", async () => {
    let now = Date.parse("2026-12-02T05:00:00Z");
    const { run, calls } = fakePlugin([
      { code: 0, stdout: credential({ token: "first", expirationTimestamp: "2026-12-02T05:10:00Z" }) },
      { code: 0, stdout: credential({ token: "second", expirationTimestamp: "2026-12-02T06:00:00Z" }) },
      { code: 0, stdout: credential({ token: "third" }) },
    ]);
    const get = execCredentials(plugin, {}, "{}", run, () => now);
    const tokens: (ExecCredential["token"] | undefined)[] = [];
    tokens.push((await get()).token, (await get()).token);
    now = Date.parse("2026-12-02T05:10:00Z"); // expired
    tokens.push((await get()).token, (await get()).token);
    tokens.push((await get(true)).token);
    expect(tokens).toEqual(["first", "first", "second", "second", "third"]);
    expect(calls).toHaveLength(3);
  });

  it("a failing plugin: the first line of its stderr and its install hint; the next request tries again", async () => {
    const { run, calls } = fakePlugin([
      { code: 1, stderr: "error: login expired\nat line 2 token=abc\n" },
      { code: 0, stdout: credential({ token: "ok" }) },
    ]);
    const get = execCredentials(plugin, {}, "{}", run);
    const error = await get().catch((e: unknown) => e as ClusterStateError);
    expect(error).toBeInstanceOf(ClusterStateError);
    expect((error as ClusterStateError).message).toBe(
      'the exec credential plugin of /k/config: user "u" (/bin/login) failed: exited with 1: error: login expired',
    );
    expect((error as ClusterStateError).hint).toBe("install login");
    expect((await get()).token).toBe("ok");
    expect(calls).toHaveLength(2);
  });

  it("a plugin that cannot start", async () => {
    const run: RunPlugin = async () => ({
      code: null,
      stdout: "",
      stderr: "",
      error: new Error("spawn /bin/login ENOENT"),
    });
    await expect(execCredentials(plugin, {}, "{}", run)()).rejects.toThrow(
      'the exec credential plugin of /k/config: user "u" (/bin/login) failed: spawn /bin/login ENOENT',
    );
  });
});
