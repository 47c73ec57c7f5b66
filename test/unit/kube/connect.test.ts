import { describe, expect, it } from "vitest";
import { type KubeDeps, openConnection } from "../../../src/kube/connect.js";

/** Files in memory; plugins never run here. */
function deps(files: Record<string, string>, now = () => 0): KubeDeps {
  return {
    readFile: async (path) => files[path],
    home: "/home/u",
    runPlugin: async () => {
      throw new Error("no plugin in this test");
    },
    now,
  };
}

const kubeconfig = (user: Record<string, unknown>, cluster: Record<string, unknown> = {}) =>
  JSON.stringify({
    "current-context": "c",
    clusters: [{ name: "c", cluster: { server: "https://k:6443", ...cluster } }],
    users: [{ name: "u", user }],
    contexts: [{ name: "c", context: { cluster: "c", user: "u", namespace: "apps" } }],
  });

describe("opening a connection", () => {
  it("reads the CA and client certificate files the kubeconfig names, relative to it", async () => {
    const { connection, target } = await openConnection(
      {},
      { KUBECONFIG: "/missing:/k/config" },
      deps({
        "/k/config": kubeconfig(
          { "client-certificate": "u.crt", "client-key": "u.key" },
          { "certificate-authority": "ca.crt" },
        ),
        "/k/ca.crt": "-----BEGIN CERTIFICATE-----\nCA",
        "/k/u.crt": "-----BEGIN CERTIFICATE-----\nU",
        "/k/u.key": "-----BEGIN PRIVATE KEY-----\nK",
      }),
    );
    expect(connection).toMatchObject({ context: "c", namespace: "apps" });
    expect(target.ca).toBe("-----BEGIN CERTIFICATE-----\nCA");
    expect(await target.credentials(false)).toEqual({
      cert: "-----BEGIN CERTIFICATE-----\nU",
      key: "-----BEGIN PRIVATE KEY-----\nK",
      authorization: undefined,
    });
  });

  it("a certificate file that is missing or not PEM names the file and the context", async () => {
    const files = { "/k/config": kubeconfig({}, { "certificate-authority": "ca.crt" }) };
    await expect(openConnection({ kubeconfig: "/k/config" }, {}, deps(files))).rejects.toThrow(
      'cannot read the certificate-authority file /k/ca.crt of kube context "c": it does not exist',
    );
    await expect(
      openConnection({ kubeconfig: "/k/config" }, {}, deps({ ...files, "/k/ca.crt": "not pem" })),
    ).rejects.toThrow(/ca.crt of kube context "c": not a PEM file/);
  });

  it("a token, basic auth, and a tokenFile read again after a minute (it may be rotated)", async () => {
    const token = await openConnection(
      {},
      {},
      deps({ "/home/u/.kube/config": kubeconfig({ token: "abc" }) }),
    );
    expect((await token.target.credentials(false)).authorization).toBe("Bearer abc");
    const basic = await openConnection(
      {},
      {},
      deps({ "/home/u/.kube/config": kubeconfig({ username: "admin", password: "pw" }) }),
    );
    expect((await basic.target.credentials(false)).authorization).toBe(
      `Basic ${Buffer.from("admin:pw").toString("base64")}`,
    );
    let now = 0;
    const files: Record<string, string> = {
      "/k/config": kubeconfig({ tokenFile: "token" }),
      "/k/token": "one\n",
    };
    const fromFile = await openConnection(
      { kubeconfig: "/k/config" },
      {},
      deps(files, () => now),
    );
    expect((await fromFile.target.credentials(false)).authorization).toBe("Bearer one");
    files["/k/token"] = "two";
    expect((await fromFile.target.credentials(false)).authorization).toBe("Bearer one");
    now = 61_000;
    expect((await fromFile.target.credentials(false)).authorization).toBe("Bearer two");
  });

  it("no kubeconfig: the pod's service account inside a cluster, else an error naming where it looked", async () => {
    const sa = "/var/run/secrets/kubernetes.io/serviceaccount";
    const pod = await openConnection(
      {},
      { KUBERNETES_SERVICE_HOST: "10.0.0.1", KUBERNETES_SERVICE_PORT: "443" },
      deps({
        [`${sa}/ca.crt`]: "-----BEGIN CERTIFICATE-----\nCA",
        [`${sa}/token`]: "pod-token",
        [`${sa}/namespace`]: "ci",
      }),
    );
    expect(pod.connection).toMatchObject({
      context: "in-cluster",
      namespace: "ci",
      server: "https://10.0.0.1:443",
    });
    expect((await pod.target.credentials(false)).authorization).toBe("Bearer pod-token");
    await expect(openConnection({}, { KUBECONFIG: "/a:/b" }, deps({}))).rejects.toThrow(
      "no kubeconfig found (KUBECONFIG=/a:/b)",
    );
  });
});
