import { describe, expect, it } from "vitest";
import { ClusterStateError } from "../../../src/errors.js";
import { kubeconfigPaths, resolveKubeconfig } from "../../../src/kube/kubeconfig.js";

const b64 = (text: string) => Buffer.from(text).toString("base64");

/** A kubeconfig file's text (JSON is YAML). */
function config(parts: {
  current?: string;
  clusters?: Record<string, Record<string, unknown>>;
  users?: Record<string, Record<string, unknown>>;
  contexts?: Record<string, Record<string, unknown>>;
}): string {
  const list = (entries: Record<string, Record<string, unknown>> | undefined, key: string) =>
    Object.entries(entries ?? {}).map(([name, entry]) => ({ name, [key]: entry }));
  return JSON.stringify({
    apiVersion: "v1",
    kind: "Config",
    "current-context": parts.current,
    clusters: list(parts.clusters, "cluster"),
    users: list(parts.users, "user"),
    contexts: list(parts.contexts, "context"),
  });
}

function failure(run: () => unknown): ClusterStateError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ClusterStateError);
    return error as ClusterStateError;
  }
  throw new Error("expected a ClusterStateError");
}

describe("which kubeconfig files are read", () => {
  it("an explicit kubeconfig alone, else KUBECONFIG's list in order, else ~/.kube/config", () => {
    const env = { KUBECONFIG: "/a/one:/b/two::/c/three" };
    expect(kubeconfigPaths("/x/explicit", env, "/home/u").paths).toEqual(["/x/explicit"]);
    expect(kubeconfigPaths(undefined, env, "/home/u")).toEqual({
      paths: ["/a/one", "/b/two", "/c/three"],
      described: "KUBECONFIG=/a/one:/b/two::/c/three",
    });
    expect(kubeconfigPaths(undefined, { KUBECONFIG: "" }, "/home/u").paths).toEqual(["/home/u/.kube/config"]);
    expect(kubeconfigPaths(undefined, {}, "/home/u").paths).toEqual(["/home/u/.kube/config"]);
  });
});

describe("merging kubeconfig files as kubectl does", () => {
  const first = {
    path: "/first/config",
    text: config({
      clusters: { shared: { server: "https://first:6443" } },
      users: { shared: { token: "first-token" } },
      contexts: { shared: { cluster: "shared", user: "shared", namespace: "from-first" } },
    }),
  };
  const second = {
    path: "/second/config",
    text: config({
      current: "shared",
      clusters: { shared: { server: "https://second:6443" }, other: { server: "https://other:6443" } },
      users: { shared: { token: "second-token" }, other: { token: "other-token" } },
      contexts: {
        shared: { cluster: "other", user: "other" },
        other: { cluster: "other", user: "other", namespace: "apps" },
      },
    }),
  };
  const third = { path: "/third/config", text: config({ current: "other" }) };

  it("each cluster, user and context comes from the first file that names it", () => {
    const connection = resolveKubeconfig([first, second], undefined, "KUBECONFIG");
    expect(connection).toMatchObject({
      context: "shared",
      server: "https://first:6443",
      token: "first-token",
      namespace: "from-first",
    });
  });

  it("current-context comes from the first file that sets it", () => {
    expect(resolveKubeconfig([first, second, third], undefined, "K").context).toBe("shared");
    expect(resolveKubeconfig([first, third, second], undefined, "K")).toMatchObject({
      context: "other",
      server: "https://other:6443",
      namespace: "apps",
    });
  });

  it("an entry of a later file is found when the earlier ones lack it", () => {
    expect(resolveKubeconfig([first, second], "other", "K")).toMatchObject({
      server: "https://other:6443",
      token: "other-token",
    });
  });

  it("an unknown context names the kubeconfig and lists the known contexts", () => {
    const error = failure(() =>
      resolveKubeconfig([first, second], "prod", "KUBECONFIG=/first/config:/second/config"),
    );
    expect(error.message).toBe(
      'kube context "prod" is not in the kubeconfig (KUBECONFIG=/first/config:/second/config)',
    );
    expect(error.hint).toBe("known contexts: shared, other");
  });

  it("no current-context and none asked for is an error", () => {
    expect(failure(() => resolveKubeconfig([first], undefined, "~/.kube/config")).message).toBe(
      "the kubeconfig (~/.kube/config) sets no current-context",
    );
  });
});

describe("certificates, keys and credentials", () => {
  it("relative file paths resolve against the directory of the file that names them", () => {
    const connection = resolveKubeconfig(
      [
        {
          path: "/etc/kube/config",
          text: config({
            current: "c",
            clusters: { c: { server: "https://k:6443", "certificate-authority": "pki/ca.crt" } },
            users: {
              u: { "client-certificate": "pki/u.crt", "client-key": "/abs/u.key", tokenFile: "token" },
            },
            contexts: { c: { cluster: "c", user: "u" } },
          }),
        },
      ],
      undefined,
      "K",
    );
    expect(connection).toMatchObject({
      ca: { file: "/etc/kube/pki/ca.crt" },
      clientCertificate: { file: "/etc/kube/pki/u.crt" },
      clientKey: { file: "/abs/u.key" },
      tokenFile: "/etc/kube/token",
    });
  });

  it("a -data field is the PEM itself and wins over the file field", () => {
    const connection = resolveKubeconfig(
      [
        {
          path: "/k/config",
          text: config({
            current: "c",
            clusters: {
              c: {
                server: "https://k:6443",
                "certificate-authority": "ca.crt",
                "certificate-authority-data": b64("CA PEM"),
                "tls-server-name": "kubernetes",
              },
            },
            users: { u: { "client-certificate-data": b64("CERT PEM"), "client-key-data": b64("KEY PEM") } },
            contexts: { c: { cluster: "c", user: "u" } },
          }),
        },
      ],
      undefined,
      "K",
    );
    expect(connection).toMatchObject({
      ca: { pem: "CA PEM" },
      clientCertificate: { pem: "CERT PEM" },
      clientKey: { pem: "KEY PEM" },
      tlsServerName: "kubernetes",
      insecureSkipTlsVerify: false,
    });
  });

  it("basic auth and insecure-skip-tls-verify", () => {
    const connection = resolveKubeconfig(
      [
        {
          path: "/k/config",
          text: config({
            current: "c",
            clusters: { c: { server: "https://k:6443", "insecure-skip-tls-verify": true } },
            users: { u: { username: "admin", password: "pw" } },
            contexts: { c: { cluster: "c", user: "u" } },
          }),
        },
      ],
      undefined,
      "K",
    );
    expect(connection).toMatchObject({
      insecureSkipTlsVerify: true,
      basic: { username: "admin", password: "pw" },
    });
  });

  it("an exec plugin: a command with a path separator is relative to the kubeconfig, a bare one is on PATH", () => {
    const exec = (command: string) =>
      resolveKubeconfig(
        [
          {
            path: "/k/config",
            text: config({
              current: "c",
              clusters: { c: { server: "https://k:6443" } },
              users: {
                u: {
                  exec: {
                    apiVersion: "client.authentication.k8s.io/v1beta1",
                    command,
                    args: ["token"],
                    env: [{ name: "REGION", value: "eu" }],
                    provideClusterInfo: true,
                  },
                },
              },
              contexts: { c: { cluster: "c", user: "u" } },
            }),
          },
        ],
        undefined,
        "K",
      ).exec;
    expect(exec("./bin/login")).toEqual({
      apiVersion: "client.authentication.k8s.io/v1beta1",
      command: "/k/bin/login",
      args: ["token"],
      env: [{ name: "REGION", value: "eu" }],
      provideClusterInfo: true,
      installHint: undefined,
      source: '/k/config: user "u"',
    });
    expect(exec("kubelogin")?.command).toBe("kubelogin");
  });
});

describe("what is refused, naming the file and field", () => {
  const withUser = (
    user: Record<string, unknown>,
    cluster: Record<string, unknown> = { server: "https://k" },
  ) => [
    {
      path: "/k/config",
      text: config({
        current: "c",
        clusters: { c: cluster },
        users: { u: user },
        contexts: { c: { cluster: "c", user: "u" } },
      }),
    },
  ];

  it("auth-provider, with the advice to use an exec plugin", () => {
    const error = failure(() =>
      resolveKubeconfig(withUser({ "auth-provider": { name: "oidc", config: {} } }), undefined, "K"),
    );
    expect(error.message).toBe('kubeconfig /k/config: user "u" field auth-provider is not supported');
    expect(error.hint).toMatch(/exec credential plugin/);
  });

  it("an exec apiVersion kubectl no longer supports", () => {
    const error = failure(() =>
      resolveKubeconfig(
        withUser({ exec: { apiVersion: "client.authentication.k8s.io/v1alpha1", command: "x" } }),
        undefined,
        "K",
      ),
    );
    expect(error.message).toBe(
      'kubeconfig /k/config: user "u" field exec.apiVersion "client.authentication.k8s.io/v1alpha1" is not supported',
    );
  });

  it("a cluster without a server, and a context naming a cluster that is not there", () => {
    expect(failure(() => resolveKubeconfig(withUser({}, {}), undefined, "K")).message).toBe(
      'kubeconfig /k/config: cluster "c" field server is missing',
    );
    const dangling = [
      { path: "/k/config", text: config({ current: "c", contexts: { c: { cluster: "gone" } } }) },
    ];
    expect(failure(() => resolveKubeconfig(dangling, undefined, "K")).message).toBe(
      'kubeconfig /k/config: context "c" field cluster: cluster "gone" is not in the kubeconfig',
    );
  });

  it("a field of the wrong type, and text that is not YAML", () => {
    expect(failure(() => resolveKubeconfig(withUser({ token: 42 }), undefined, "K")).message).toBe(
      'kubeconfig /k/config: user "u" field token is not a string',
    );
    expect(
      failure(() => resolveKubeconfig([{ path: "/k/bad", text: "clusters: [" }], undefined, "K")).message,
    ).toMatch(/^kubeconfig \/k\/bad is not valid YAML/);
  });

  it("a proxy-url, and an exec plugin that always needs a terminal", () => {
    expect(
      failure(() =>
        resolveKubeconfig(
          withUser({}, { server: "https://k", "proxy-url": "http://p:3128" }),
          undefined,
          "K",
        ),
      ).message,
    ).toBe('kubeconfig /k/config: cluster "c" field proxy-url is not supported');
    const interactive = withUser({
      exec: { apiVersion: "client.authentication.k8s.io/v1", command: "x", interactiveMode: "Always" },
    });
    expect(failure(() => resolveKubeconfig(interactive, undefined, "K")).message).toBe(
      'kubeconfig /k/config: user "u" field exec.interactiveMode Always: the plugin needs a terminal',
    );
  });

  it("a certificate authority together with insecure-skip-tls-verify", () => {
    const error = failure(() =>
      resolveKubeconfig(
        withUser(
          {},
          { server: "https://k", "certificate-authority": "ca", "insecure-skip-tls-verify": true },
        ),
        undefined,
        "K",
      ),
    );
    expect(error.message).toMatch(/certificate authority and insecure-skip-tls-verify are both set/);
  });
});
