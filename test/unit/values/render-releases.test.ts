import { describe, expect, it } from "vitest";
import { SecretError } from "../../../src/errors.js";
import { graphOfReleases } from "../../../src/graph/release-graph.js";
import type { Project, Release, ValuesSource } from "../../../src/model/project.js";
import { Redactor } from "../../../src/secrets/redactor.js";
import type { Values } from "../../../src/values/merge.js";
import {
  type RenderedRelease,
  renderReleases,
  type SecretSources,
  type VaultUse,
} from "../../../src/values/render-releases.js";
import { createTemplates } from "../../../src/values/templates.js";
import { memoryFiles, releaseFixture } from "../config/memory-files.js";

const ENV_SECRETS = "/p/environments/prod/secrets.sops.yaml";

function release(name: string, values: ValuesSource[], extra: Partial<Release> = {}): Release {
  return releaseFixture(
    name,
    { kind: "repo", repository: "acme", name: "web", display: "acme/web" },
    {
      values,
      ...extra,
    },
  );
}

const file = (path: string): ValuesSource => ({
  kind: "file",
  path,
  template: path.endsWith(".hbs"),
  location: { file: "/p/releases.yaml" },
});
const inline = (data: Values): ValuesSource => ({
  kind: "inline",
  data,
  location: { file: "/p/releases.yaml" },
});

function project(releases: Release[], environmentValues: Values = { domain: "example.com" }): Project {
  return {
    graph: graphOfReleases(releases),
    lockNamespace: "default",
    file: "/p/releases.yaml",
    dir: "/p",
    files: ["/p/releases.yaml"],
    environment: {
      name: "prod",
      values: [],
      secrets: [{ path: ENV_SECRETS, location: { file: "/p/releases.yaml" } }],
    },
    environmentNames: ["prod"],
    environmentValues,
    repositories: [],
    releases,
  };
}

/** In-memory SOPS and Vault that record what they were asked. */
function fakeSecrets(
  sopsFiles: Record<string, Values>,
  vault: Record<string, string> = {},
  variables: Record<string, string> = {},
) {
  const calls = { sopsReads: [] as string[], vaultResolves: [] as VaultUse[][], vaultMade: 0 };
  const sources: SecretSources = {
    sops: {
      read: async (path) => {
        calls.sopsReads.push(path);
        const data = sopsFiles[path];
        if (!data) throw new SecretError(`no such sops file ${path}`);
        // Every leaf counts as encrypted here, except keys ending in _unencrypted (sops' default rule).
        return { data: structuredClone(data), secrets: encryptedLeaves(data) };
      },
    },
    variable: (name) => variables[name],
    vault: () => {
      calls.vaultMade++;
      return {
        resolve: async (uses) => {
          calls.vaultResolves.push([...uses]);
          return new Map(
            uses.map((u) => [`${u.ref.path}#${u.ref.key}`, vault[`${u.ref.path}#${u.ref.key}`]!]),
          );
        },
      };
    },
  };
  return { sources, calls };
}

function encryptedLeaves(tree: unknown, key = ""): unknown[] {
  if (key.endsWith("_unencrypted")) return [];
  if (Array.isArray(tree)) return tree.flatMap((item) => encryptedLeaves(item));
  if (tree !== null && typeof tree === "object") {
    return Object.entries(tree).flatMap(([k, v]) => encryptedLeaves(v, k));
  }
  return [tree];
}

const templates = createTemplates({ env: {} });

async function render(
  releases: Release[],
  files: Record<string, string>,
  sopsFiles: Record<string, Values>,
  vault: Record<string, string> = {},
  variables: Record<string, string> = {},
  environmentValues?: Values,
) {
  const { sources, calls } = fakeSecrets(sopsFiles, vault, variables);
  const redactor = new Redactor();
  const rendered = await renderReleases(project(releases, environmentValues), releases, {
    templates,
    files: memoryFiles(files),
    secrets: sources,
    redactor,
  });
  const byName = (name: string) => rendered.find((r) => r.release.name === name) as RenderedRelease;
  return { rendered, byName, calls, redactor };
}

const envSecrets = { db: { password: "db-pass-1" }, api: { token: "api-token-1" } };

describe("rendering release values", () => {
  it("layers release values in order, then release secrets, then set; environment values only feed templates", async () => {
    const web = release(
      "web",
      [file("/p/values/web.yaml"), file("/p/values/web.yaml.hbs"), inline({ replicas: 3, tags: ["inline"] })],
      {
        secrets: [{ path: "/p/web.sops.yaml", location: { file: "/p/releases.yaml" } }],
        set: { "image.tag": "v9" },
      },
    );
    const { byName } = await render(
      [web],
      {
        "/p/values/web.yaml":
          "replicas: 1\nimage: { repository: web, tag: v1 }\ntags: [a, b]\nresources: { limits: { cpu: 1 } }\n",
        "/p/values/web.yaml.hbs":
          "host: web.{{values.domain}}\nimage: { tag: v2 }\nresources: { limits: null }\n",
      },
      { [ENV_SECRETS]: envSecrets, "/p/web.sops.yaml": { image: { tag: "v3" }, auth: { key: "web-key" } } },
    );
    expect(byName("web").values).toEqual({
      replicas: 3,
      image: { repository: "web", tag: "v9" },
      tags: ["inline"],
      resources: { limits: null },
      host: "web.example.com",
      auth: { key: "web-key" },
    });
    expect(byName("web").valuesYaml).toContain('"limits":null');
  });

  it("collects every vault lookup of the run and resolves them in one call, one use per release and reference", async () => {
    const files = {
      "/p/a.yaml.hbs":
        'password: {{vault "secret/data/db" "password"}}\nagain: {{vault "secret/data/db" "password"}}\n',
      "/p/a2.yaml.hbs": 'user: {{vault "secret/data/db" "user"}}\n',
      "/p/b.yaml.hbs": 'password: {{vault "secret/data/db" "password"}}\n',
      "/p/c.yaml": "plain: true\n",
    };
    const { byName, calls, redactor } = await render(
      [
        release("a", [file("/p/a.yaml.hbs"), file("/p/a2.yaml.hbs")]),
        release("b", [file("/p/b.yaml.hbs")]),
        release("c", [file("/p/c.yaml")]),
      ],
      files,
      { [ENV_SECRETS]: envSecrets },
      { "secret/data/db#password": "vault-pw", "secret/data/db#user": "vault-user" },
    );
    expect(calls.vaultResolves).toHaveLength(1);
    expect(calls.vaultResolves[0]!.map((u) => `${u.usedBy} ${u.ref.path}#${u.ref.key}`).sort()).toEqual([
      "apps/a secret/data/db#password",
      "apps/a secret/data/db#user",
      "apps/b secret/data/db#password",
    ]);
    expect(calls.vaultResolves[0]!.find((u) => u.usedBy === "apps/b")?.location).toEqual({
      file: "/p/b.yaml.hbs",
      line: 1,
      column: 11,
    });
    expect(byName("a").values).toEqual({ password: "vault-pw", again: "vault-pw", user: "vault-user" });
    expect(byName("a").consumed).toEqual(["vault:secret/data/db#password", "vault:secret/data/db#user"]);
    expect(byName("c").consumed).toEqual([]);
    expect(redactor.has("vault-pw")).toBe(true);
    expect(redactor.has("vault-user")).toBe(true);
  });

  it("never contacts vault when no template looks anything up there", async () => {
    const { calls } = await render(
      [release("c", [file("/p/c.yaml")])],
      { "/p/c.yaml": "a: 1\n" },
      { [ENV_SECRETS]: envSecrets },
    );
    expect(calls.vaultMade).toBe(0);
  });

  it("reads each SOPS file once per run however many releases use it", async () => {
    const shared = { path: "/p/shared.sops.yaml", location: { file: "/p/releases.yaml" } };
    const { calls } = await render(
      [
        release("a", [file("/p/a.yaml.hbs")], { secrets: [shared] }),
        release("b", [file("/p/a.yaml.hbs")], { secrets: [shared] }),
      ],
      { "/p/a.yaml.hbs": 'k: {{sops "shared.sops.yaml" "x"}}\n' },
      { [ENV_SECRETS]: envSecrets, "/p/shared.sops.yaml": { x: "shared-x" } },
    );
    expect(calls.sopsReads.sort()).toEqual([ENV_SECRETS, "/p/shared.sops.yaml"]);
  });

  it("passes secrets through helpers that need a value in the collecting pass", async () => {
    const { byName } = await render(
      [release("a", [file("/p/a.yaml.hbs")])],
      {
        "/p/a.yaml.hbs":
          'pw: {{required "db password" (vault "secret/data/db" "password")}}\n' +
          'key: {{required "api key" (sops "keys.sops.yaml" "api.key")}}\n',
      },
      { [ENV_SECRETS]: envSecrets, "/p/keys.sops.yaml": { api: { key: "sops-key" } } },
      { "secret/data/db#password": "vault-pw" },
    );
    expect(byName("a").values).toEqual({ pw: "vault-pw", key: "sops-key" });
  });

  it("reports a sops lookup of a missing key with where it was written", async () => {
    const error = await render(
      [release("a", [file("/p/a.yaml.hbs")])],
      { "/p/a.yaml.hbs": 'x: 1\nkey: {{sops "keys.sops.yaml" "api.nope"}}\n' },
      { [ENV_SECRETS]: envSecrets, "/p/keys.sops.yaml": { api: { key: "sops-key" } } },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SecretError);
    expect((error as SecretError).describe()).toBe(
      '/p/a.yaml.hbs:2:6: sops: key "api.nope" is not in keys.sops.yaml',
    );
  });
});

describe("secret consumption", () => {
  const releases = () => [
    release("reads-db", [file("/p/reads-db.yaml.hbs")]),
    release("reads-nothing", [file("/p/reads-nothing.yaml.hbs")]),
    release("own-secrets", [], {
      secrets: [{ path: "/p/own.sops.yaml", location: { file: "/p/releases.yaml" } }],
    }),
  ];
  const files = {
    "/p/reads-db.yaml.hbs": "db: { password: {{values.db.password}}, host: db.{{values.domain}} }\n",
    "/p/reads-nothing.yaml.hbs": "host: web.{{values.domain}}\n",
  };
  const ownSecrets = { tls: { key: "tls-key-1", cert: "tls-cert-1" } };

  it("a release consumes an environment secret only when its templates read it; release secrets files entirely", async () => {
    const { byName } = await render(releases(), files, {
      [ENV_SECRETS]: envSecrets,
      "/p/own.sops.yaml": ownSecrets,
    });
    expect(byName("reads-db").consumed).toEqual(["sops:environments/prod/secrets.sops.yaml#db.password"]);
    expect(byName("reads-nothing").consumed).toEqual([]);
    expect(byName("own-secrets").consumed).toEqual([
      "sops:own.sops.yaml#tls.cert",
      "sops:own.sops.yaml#tls.key",
    ]);
  });

  it("toYaml of the whole values map consumes every environment secret", async () => {
    const { byName } = await render(
      [release("dump", [file("/p/dump.yaml.hbs")])],
      {
        "/p/dump.yaml.hbs": "all:{{nindent 2 (toYaml values)}}\n",
      },
      { [ENV_SECRETS]: envSecrets },
    );
    expect(byName("dump").consumed).toEqual([
      "sops:environments/prod/secrets.sops.yaml#api.token",
      "sops:environments/prod/secrets.sops.yaml#db.password",
    ]);
  });

  it("registers every encrypted value with the redactor, and no value a rule left in clear", async () => {
    const { redactor } = await render(releases(), files, {
      [ENV_SECRETS]: { ...envSecrets, region_unencrypted: "eu-west-1", replicas_unencrypted: 3 },
      "/p/own.sops.yaml": ownSecrets,
    });
    for (const secret of ["db-pass-1", "api-token-1", "tls-key-1", "tls-cert-1"])
      expect(redactor.has(secret)).toBe(true);
    expect(redactor.has("eu-west-1")).toBe(false);
    expect(redactor.has(3)).toBe(false);
    expect(redactor.redactTree({ a: "db-pass-1", b: "example.com" })).toEqual({
      a: "<redacted>",
      b: "example.com",
    });
  });

  it.each([
    {
      change: "a consumed environment secret",
      env: { ...envSecrets, db: { password: "db-pass-2" } },
      own: ownSecrets,
      changed: ["reads-db"],
    },
    {
      change: "an environment secret nobody reads",
      env: { ...envSecrets, api: { token: "api-token-2" } },
      own: ownSecrets,
      changed: [],
    },
    {
      change: "a release's own secrets file",
      env: envSecrets,
      own: { tls: { ...ownSecrets.tls, cert: "tls-cert-2" } },
      changed: ["own-secrets"],
    },
  ])(
    "changing $change changes exactly the fingerprints of releases that consume it",
    async ({ env, own, changed }) => {
      const before = await render(releases(), files, {
        [ENV_SECRETS]: envSecrets,
        "/p/own.sops.yaml": ownSecrets,
      });
      const after = await render(releases(), files, { [ENV_SECRETS]: env, "/p/own.sops.yaml": own });
      const differing = before.rendered
        .filter((r) => after.byName(r.release.name).fingerprint !== r.fingerprint)
        .map((r) => r.release.name);
      expect(differing).toEqual(changed);
      for (const r of before.rendered) expect(r.fingerprint).toMatch(/^[0-9a-f]{40}$/);
    },
  );

  it("the fingerprint follows the merged values and settings too", async () => {
    const base = await render(releases(), files, {
      [ENV_SECRETS]: envSecrets,
      "/p/own.sops.yaml": ownSecrets,
    });
    const slower = await render(
      releases().map((r) => (r.name === "reads-nothing" ? { ...r, timeout: 600 } : r)),
      {
        ...files,
        "/p/reads-db.yaml.hbs": "db: { password: {{values.db.password}}, host: db2.{{values.domain}} }\n",
      },
      { [ENV_SECRETS]: envSecrets, "/p/own.sops.yaml": ownSecrets },
    );
    expect(slower.byName("reads-db").fingerprint).not.toBe(base.byName("reads-db").fingerprint);
    expect(slower.byName("reads-nothing").fingerprint).not.toBe(base.byName("reads-nothing").fingerprint);
    expect(slower.byName("own-secrets").fingerprint).toBe(base.byName("own-secrets").fingerprint);
  });
});

describe("ref+ references in values", () => {
  const refFiles = {
    "/p/a.yaml": "db:\n  password: ref+vault://secret/data/db#password\n  user: ref+vault://secret/db#user\n",
    "/p/b.yaml.hbs":
      'token: {{vault "secret/data/db" "password"}}\nmail: ref+sops://{{values.mailFile}}#/mail/token\n',
  };
  const refReleases = () => [
    release("a", [file("/p/a.yaml"), inline({ env: { TOKEN: "ref+envsubst://$CI_TOKEN" } })], {
      set: { "db.replica": "ref+sops://shared.sops.yaml#/replica/password" },
    }),
    release("b", [file("/p/b.yaml.hbs")]),
    release("c", [inline({ plain: "ref-not-a-reference" })]),
  ];
  const sops = {
    [ENV_SECRETS]: envSecrets,
    "/p/shared.sops.yaml": { replica: { password: "replica-pw-1" }, mail: { token: "mail-token-1" } },
  };
  const vault = { "secret/data/db#password": "vault-pw", "secret/db#user": "vault-user" };

  it("resolves vault, sops and envsubst references where a value is exactly one", async () => {
    const rendered = await renderReleasesWithContext(refReleases(), { mailFile: "shared.sops.yaml" });
    expect(rendered.byName("a").values).toEqual({
      db: { password: "vault-pw", user: "vault-user", replica: "replica-pw-1" },
      env: { TOKEN: "ci-token-1" },
    });
    expect(rendered.byName("b").values).toEqual({ token: "vault-pw", mail: "mail-token-1" });
    expect(rendered.byName("c").values).toEqual({ plain: "ref-not-a-reference" });
  });

  it("reads Vault in the same batch as {{vault}} lookups, one use per release and reference", async () => {
    const { calls } = await renderReleasesWithContext(refReleases(), { mailFile: "shared.sops.yaml" });
    expect(calls.vaultResolves).toHaveLength(1);
    expect(calls.vaultResolves[0]!.map((u) => `${u.usedBy} ${u.ref.path}#${u.ref.key}`).sort()).toEqual([
      "apps/a secret/data/db#password",
      "apps/a secret/db#user",
      "apps/b secret/data/db#password",
    ]);
    expect(calls.vaultResolves[0]!.find((u) => u.ref.key === "user")?.location).toEqual({
      file: "/p/a.yaml",
      line: 3,
      column: 9,
    });
  });

  it("resolves references in environment values in the same batch; a template that reads one consumes it", async () => {
    const releases = [
      release("reads", [file("/p/reads.yaml.hbs")]),
      release("ignores", [inline({ plain: true })]),
    ];
    const { byName, calls, redactor } = await render(
      releases,
      { "/p/reads.yaml.hbs": "password: {{values.shared.password}}\nhost: {{values.shared.host}}\n" },
      sops,
      vault,
      {},
      { shared: { password: "ref+vault://secret/db#user", host: "db.internal" } },
    );
    expect(calls.vaultResolves).toHaveLength(1);
    // The collecting render also sees the reference the template copies: one read all the same.
    expect(calls.vaultResolves[0]!.map((u) => `${u.usedBy} ${u.ref.path}#${u.ref.key}`).sort()).toEqual([
      "apps/reads secret/db#user",
      "environment prod secret/db#user",
    ]);
    expect(byName("reads").values).toEqual({ password: "vault-user", host: "db.internal" });
    expect(byName("reads").consumed).toEqual(["vault:secret/db#user"]);
    expect(byName("ignores").consumed).toEqual([]);
    expect(redactor.has("vault-user")).toBe(true);
  });

  it("records references as consumed secrets and registers their values with the redactor", async () => {
    const { byName, redactor } = await renderReleasesWithContext(refReleases(), {
      mailFile: "shared.sops.yaml",
    });
    expect(byName("a").consumed).toEqual([
      "env:CI_TOKEN",
      "sops:shared.sops.yaml#replica.password",
      "vault:secret/data/db#password",
      "vault:secret/db#user",
    ]);
    expect(byName("b").consumed).toEqual([
      "sops:shared.sops.yaml#mail.token",
      "vault:secret/data/db#password",
    ]);
    for (const secret of ["vault-pw", "vault-user", "replica-pw-1", "ci-token-1", "mail-token-1"]) {
      expect(redactor.has(secret)).toBe(true);
    }
  });

  it("changes the fingerprint of exactly the releases whose referenced secret changed", async () => {
    const one = await renderReleasesWithContext(refReleases(), { mailFile: "shared.sops.yaml" });
    const two = await renderReleasesWithContext(
      refReleases(),
      { mailFile: "shared.sops.yaml" },
      { "secret/db#user": "vault-user-2" },
    );
    expect(two.byName("a").fingerprint).not.toBe(one.byName("a").fingerprint);
    expect(two.byName("b").fingerprint).toBe(one.byName("b").fingerprint);
  });

  it.each([
    {
      what: "an unknown backend, naming the release, file and line",
      files: { "/p/x.yaml": "a: 1\nkey: ref+awssecrets://prod/db#password\n" },
      message:
        '/p/x.yaml:2:6: unknown reference backend "awssecrets" in "ref+awssecrets://prod/db#password" (used by apps/x)',
      code: 2,
    },
    {
      what: "a missing SOPS pointer",
      files: { "/p/x.yaml": "key: ref+sops://shared.sops.yaml#/nope\n" },
      message: "/p/x.yaml:1:6: ref+sops://shared.sops.yaml#/nope: /nope is not in shared.sops.yaml",
      code: 3,
    },
    {
      what: "an unset environment variable",
      files: { "/p/x.yaml": "key: ref+envsubst://$NOPE\n" },
      message: "/p/x.yaml:1:6: environment variable NOPE is not set (ref+envsubst://$NOPE)",
      code: 3,
    },
  ])("fails on $what", async ({ files, message, code }) => {
    const error = await render([release("x", [file("/p/x.yaml")])], files, sops, vault).catch((e) => e);
    expect(error.describe().split("\n")[0]).toBe(message);
    expect(error.exitCode).toBe(code);
  });

  async function renderReleasesWithContext(
    releases: Release[],
    environmentValues: Values,
    vaultOverride: Record<string, string> = {},
  ) {
    return render(
      releases,
      refFiles,
      sops,
      { ...vault, ...vaultOverride },
      { CI_TOKEN: "ci-token-1" },
      environmentValues,
    );
  }
});

describe("set over the merged values", () => {
  it("refuses a key under a list, as helm --set does, naming the release and the path", async () => {
    const web = release("web", [inline({ ports: [80, 443] })], {
      set: { "ports.http": 8080 },
      location: { file: "/p/releases.yaml", line: 4, field: "releases[0] (web)" },
    });
    const error = await render([web], {}, { [ENV_SECRETS]: envSecrets }).then(
      () => undefined,
      (e: unknown) => e as Error & { location?: unknown },
    );
    expect(error?.message).toBe(
      'set "ports.http" of release apps/web: "ports" is a list in the values, so helm --set cannot set a key under it',
    );
    expect(error?.location).toEqual({ file: "/p/releases.yaml", line: 4, field: "releases[0] (web)" });
  });
});
