// helmfile keys releases spells the same way: helm options, hooks, patches,
// transformers, missingFileHandler and their helmDefaults.
import { describe, expect, it } from "vitest";
import { projectSchema } from "../../../src/config/schema.js";
import { importOf } from "./import-of.js";

const chart = { "charts/app/Chart.yaml": "apiVersion: v2\nname: app\nversion: 0.1.0\n" };

function valid(releasesYaml: unknown): void {
  const parsed = projectSchema.safeParse(releasesYaml);
  expect(parsed.error?.issues ?? []).toEqual([]);
}

describe("releases import: helm options", () => {
  it("carries a release's helm options over with the same keys and values", async () => {
    const { releasesYaml, left } = await importOf({
      ...chart,
      "helmfile.yaml": `releases:
  - name: app
    chart: ./charts/app
    waitForJobs: true
    skipCRDs: true
    force: false
    cleanupOnFail: true
    disableOpenAPIValidation: true
    skipSchemaValidation: "true"
    takeOwnership: true
    serverSide: auto
    description: deployed from helmfile
    devel: true
    verify: false
    reuseValues: true
    kubeVersion: 1.31.0
    apiVersions: [monitoring.coreos.com/v1]
`,
    });
    expect(left).toEqual([]);
    expect(releasesYaml.releases[0]).toEqual({
      name: "app",
      chart: "./charts/app",
      waitForJobs: true,
      skipCRDs: true,
      force: false,
      cleanupOnFail: true,
      disableOpenAPIValidation: true,
      skipSchemaValidation: true,
      takeOwnership: true,
      serverSide: "auto",
      description: "deployed from helmfile",
      devel: true,
      verify: false,
      reuseValues: true,
      kubeVersion: "1.31.0",
      apiVersions: ["monitoring.coreos.com/v1"],
    });
    valid(releasesYaml);
  });

  it("leaves a templated or malformed helm option, with its line", async () => {
    const { releasesYaml, left } = await importOf({
      ...chart,
      "helmfile.yaml": `releases:
  - name: app
    chart: ./charts/app
    description: "{{ .Values.why }}"
    force: sometimes
    serverSide: maybe
    waitForJobs: true
`,
    });
    expect(left.map((f) => [f.construct, f.line])).toEqual([
      ["description", 4],
      ["force", 5],
      ["serverSide", 6],
    ]);
    expect(left[0]!.why).toMatch(/not a template in releases \(\{\{ \.Values\.why \}\}\)/);
    expect(releasesYaml.releases[0]).toEqual({ name: "app", chart: "./charts/app", waitForJobs: true });
    valid(releasesYaml);
  });

  it("turns helmDefaults' helm options and the top-level kubeVersion/apiVersions into defaults", async () => {
    const { releasesYaml, left } = await importOf({
      "helmfile.yaml": `kubeVersion: v1.30.2
apiVersions:
  - cert-manager.io/v1
helmDefaults:
  wait: true
  waitForJobs: true
  cleanupOnFail: true
  skipCRDs: true
  devel: true
  verify: true
  reuseValues: false
  disableOpenAPIValidation: true
  skipSchemaValidation: true
  takeOwnership: true
  serverSide: false
  force: true
  syncArgs: ["--dependency-update"]
  recreatePods: true
releases: []
`,
    });
    expect(releasesYaml.defaults).toEqual({
      kubeVersion: "v1.30.2",
      apiVersions: ["cert-manager.io/v1"],
      wait: true,
      waitForJobs: true,
      cleanupOnFail: true,
      skipCRDs: true,
      devel: true,
      verify: true,
      reuseValues: false,
      disableOpenAPIValidation: true,
      skipSchemaValidation: true,
      takeOwnership: true,
      serverSide: false,
      force: true,
      args: { sync: ["--dependency-update"] },
    });
    expect(left.map((f) => [f.construct, f.line])).toEqual([["helmDefaults.recreatePods", 18]]);
    valid(releasesYaml);
  });

  it("turns helmDefaults' extra flags into defaults.args per command, split as helmfile splits them", async () => {
    const { releasesYaml, left } = await importOf({
      "helmfile.yaml": `helmDefaults:
  templateArgs: ["--enable-dns"]
  args:
    - --kube-insecure-skip-tls-verify
    - --burst-limit 200
  syncArgs: --dependency-update
releases: []
`,
    });
    expect(left).toEqual([]);
    expect(releasesYaml.defaults).toEqual({
      args: {
        sync: ["--kube-insecure-skip-tls-verify", "--burst-limit", "200", "--dependency-update"],
        template: ["--kube-insecure-skip-tls-verify", "--burst-limit", "200", "--enable-dns"],
        diff: ["--kube-insecure-skip-tls-verify", "--burst-limit", "200"],
        lint: ["--kube-insecure-skip-tls-verify", "--burst-limit", "200"],
      },
    });
    valid(releasesYaml);
  });

  it("leaves helm-diff's diffArgs, flags releases controls, and templated flags, each with why and a rewrite", async () => {
    const { releasesYaml, left } = await importOf({
      "helmfile.yaml.gotmpl": `helmDefaults:
  diffArgs: ["--context", "3"]
  syncArgs: ["--wait-for-jobs --timeout 10m"]
  templateArgs: ["--kube-version {{ .Values.kube }}"]
  args: ["--burst-limit=100"]
releases: []
`,
    });
    expect(left.map((f) => [f.construct, f.line])).toEqual([
      ["helmDefaults.diffArgs", 2],
      ["helmDefaults.syncArgs", 3],
      ["helmDefaults.templateArgs", 4],
    ]);
    expect(left[0]!.why).toMatch(/helm-diff plugin/);
    expect(left[0]!.suggestion).toMatch(/defaults\.args\.diff/);
    expect(left[1]!.why).toBe("--timeout is not allowed in releases' args: use timeout:");
    expect(left[1]!.suggestion).toBe("write the other flags under defaults.args.sync");
    expect(left[2]!.why).toMatch(/not a template in releases/);
    expect(releasesYaml.defaults).toEqual({
      args: {
        sync: ["--burst-limit=100"],
        template: ["--burst-limit=100"],
        diff: ["--burst-limit=100"],
        lint: ["--burst-limit=100"],
      },
    });
    valid(releasesYaml);
  });
});

describe("releases import: hooks", () => {
  it("keeps helmfile hooks (events, command, args, showlogs); args are converted templates", async () => {
    const { releasesYaml, left } = await importOf({
      ...chart,
      "helmfile.yaml.gotmpl": `releases:
  - name: app
    namespace: apps
    chart: ./charts/app
    hooks:
      - name: crds
        events: [prepare, presync]
        command: kubectl
        args: [apply, -f, crds/, -n, "{{\`{{ .Release.Namespace }}\`}}", --context, "{{ .Environment.Name }}"]
        showlogs: true
      - events: [postuninstall, cleanup]
        command: ./notify.sh
        args: ["{{\`{{ .Release.Name }}\`}}", "{{ .Values.channel }}"]
`,
    });
    expect(left).toEqual([]);
    expect(releasesYaml.releases[0].hooks).toEqual([
      {
        name: "crds",
        events: ["prepare", "presync"],
        command: "kubectl",
        args: ["apply", "-f", "crds/", "-n", "{{release.namespace}}", "--context", "{{environment.name}}"],
        showlogs: true,
      },
      {
        events: ["postuninstall", "cleanup"],
        command: "./notify.sh",
        args: ["{{release.name}}", "{{values.channel}}"],
      },
    ]);
    valid(releasesYaml);
  });

  it("turns kubectlApply into kubectl apply -f/-k, and notes relative paths (hooks run elsewhere now)", async () => {
    const { releasesYaml, left, notes } = await importOf({
      ...chart,
      "helmfile.yaml": `releases:
  - name: app
    chart: ./charts/app
    hooks:
      - name: crds
        events: [presync]
        kubectlApply:
          filename: crds/
      - name: overlay
        events: [postsync]
        kubectlApply:
          kustomize: ./overlay
      - name: both
        events: [presync]
        kubectlApply: {filename: a.yaml, kustomize: b}
`,
    });
    expect(releasesYaml.releases[0].hooks).toEqual([
      { name: "crds", events: ["presync"], command: "kubectl", args: ["apply", "-f", "crds/"] },
      { name: "overlay", events: ["postsync"], command: "kubectl", args: ["apply", "-k", "./overlay"] },
    ]);
    expect(left.map((f) => [f.construct, f.line])).toEqual([["hook both kubectlApply", 15]]);
    expect(notes.map((f) => [f.construct, f.line])).toEqual([["hook overlay: ./overlay", 9]]);
    expect(notes[0]!.why).toMatch(/directory of the root releases.yaml/);
    valid(releasesYaml);
  });

  it("leaves unknown events, .Event in args and a templated command", async () => {
    const { releasesYaml, left } = await importOf({
      ...chart,
      "helmfile.yaml": `releases:
  - name: app
    chart: ./charts/app
    hooks:
      - name: log
        events: [postsync, preapplyx]
        command: echo
        args: ["{{ .Event.Name }}"]
      - name: tool
        events: [prepare]
        command: "{{ .Values.tool }}"
`,
    });
    expect(left.map((f) => [f.construct, f.line])).toEqual(
      expect.arrayContaining([
        ["hook log events: preapplyx", 6],
        ["hook log args: {{ .Event.Name }}", 8],
        ["hook tool command", 11],
      ]),
    );
    expect(left.find((f) => f.construct.includes(".Event"))!.suggestion).toMatch(/RELEASES_EVENT/);
    // the log hook stays, with the events releases runs; tool (no command it can run) is dropped
    expect(releasesYaml.releases[0].hooks.map((h: { name: string }) => h.name)).toEqual(["log"]);
    expect(releasesYaml.releases[0].hooks[0].events).toEqual(["postsync"]);
  });
});

describe("releases import: patches and transformers", () => {
  it("keeps jsonPatches, strategicMergePatches and transformers; strings are converted templates, files rewritten", async () => {
    const { releasesYaml, left } = await importOf(
      {
        ...chart,
        "helmfile.yaml": `releases:
  - name: app
    chart: ./charts/app
    jsonPatches:
      - target: { group: apps, version: v1, kind: Deployment, name: app }
        patch:
          - op: replace
            path: /spec/template/spec/containers/0/image
            value: "nginx:{{ .Values.tag }}"
      - target: { kind: Service }
        path: patches/service.yaml
      - target: { kind: ConfigMap }
        patch: |
          - op: remove
            path: /data/debug
    strategicMergePatches:
      - apiVersion: apps/v1
        kind: Deployment
        metadata: { name: app }
        spec: { replicas: 2 }
      - patches/smp.yaml
    transformers:
      - apiVersion: builtin
        kind: LabelTransformer
        metadata: { name: env }
        labels: { env: "{{ .Environment.Name }}" }
        fieldSpecs: [{ path: metadata/labels, create: true }]
`,
      },
      "/out",
    );
    expect(left).toEqual([]);
    const release = releasesYaml.releases[0];
    expect(release.jsonPatches).toEqual([
      {
        target: { group: "apps", version: "v1", kind: "Deployment", name: "app" },
        patch: [
          { op: "replace", path: "/spec/template/spec/containers/0/image", value: "nginx:{{values.tag}}" },
        ],
      },
      { target: { kind: "Service" }, path: "../p/patches/service.yaml" },
      { target: { kind: "ConfigMap" }, patch: [{ op: "remove", path: "/data/debug" }] },
    ]);
    expect(release.strategicMergePatches).toEqual([
      { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "app" }, spec: { replicas: 2 } },
      "../p/patches/smp.yaml",
    ]);
    expect(release.transformers).toEqual([
      {
        apiVersion: "builtin",
        kind: "LabelTransformer",
        metadata: { name: "env" },
        labels: { env: "{{environment.name}}" },
        fieldSpecs: [{ path: "metadata/labels", create: true }],
      },
    ]);
    valid(releasesYaml);
  });

  it("leaves selectors releases' targets lack, other transformer kinds and .gotmpl patch files", async () => {
    const { releasesYaml, left } = await importOf({
      ...chart,
      "helmfile.yaml": `releases:
  - name: app
    chart: ./charts/app
    jsonPatches:
      - target: { kind: Deployment, labelSelector: "app=web" }
        patch: [{ op: remove, path: /spec/replicas }]
    strategicMergePatches:
      - patches/smp.yaml.gotmpl
    transformers:
      - apiVersion: builtin
        kind: PrefixSuffixTransformer
        metadata: { name: p }
        prefix: x-
`,
    });
    expect(left.map((f) => [f.construct, f.line])).toEqual([
      ["jsonPatches[0]", 5],
      ["strategicMergePatches[0]: patches/smp.yaml.gotmpl", 7], // a string has no line of its own: its key's
      ["transformers[0]: PrefixSuffixTransformer", 10],
    ]);
    expect(left[0]!.why).toMatch(/labelSelector/);
    expect(releasesYaml.releases[0]).toEqual({
      name: "app",
      chart: "./charts/app",
      jsonPatches: [],
      strategicMergePatches: [],
      transformers: [],
    });
    valid(releasesYaml);
  });
});

describe("releases import: missingFileHandler", () => {
  it("turns a release's and an environment's files optional for Warn, Info and Debug; Error keeps plain paths", async () => {
    const { releasesYaml, left, notes } = await importOf({
      ...chart,
      "helmfile.yaml": `environments:
  dev:
    missingFileHandler: Info
    values: [env/dev.yaml, {debug: true}]
releases:
  - name: a
    chart: ./charts/app
    missingFileHandler: Warn
    values: [values/a.yaml, {replicas: 1}]
    secrets: [secrets/a.yaml]
  - name: b
    chart: ./charts/app
    missingFileHandler: Error
    values: [values/b.yaml]
  - name: c
    chart: ./charts/app
    missingFileHandler: Ignore
    values: [values/c.yaml]
`,
    });
    expect(releasesYaml.environments.dev.values).toEqual([
      { path: "env/dev.yaml", optional: true },
      { debug: true },
    ]);
    expect(releasesYaml.releases[0]).toEqual({
      name: "a",
      chart: "./charts/app",
      values: [{ path: "values/a.yaml", optional: true }, { replicas: 1 }],
      secrets: [{ path: "secrets/a.yaml", optional: true }],
    });
    expect(releasesYaml.releases[1].values).toEqual(["values/b.yaml"]);
    expect(releasesYaml.releases[2].values).toEqual(["values/c.yaml"]);
    expect(left.map((f) => [f.construct, f.line])).toEqual([["missingFileHandler", 17]]);
    expect(notes.map((f) => [f.construct, f.line])).toEqual(
      expect.arrayContaining([
        ["environments.dev.missingFileHandler", 3],
        ["missingFileHandler", 8],
      ]),
    );
    valid(releasesYaml);
  });
});

describe("releases import: inherit", () => {
  it("keeps except: entries naming the newly converted keys", async () => {
    const { releasesYaml, notes } = await importOf({
      ...chart,
      "helmfile.yaml": `templates:
  base:
    chart: ./charts/app
    waitForJobs: true
    hooks: [{events: [presync], command: "true"}]
    recreatePods: true
releases:
  - name: a
    inherit:
      - template: base
        except: [waitForJobs, hooks, recreatePods]
`,
    });
    expect(releasesYaml.releases[0].inherit).toEqual([
      { template: "base", except: ["waitForJobs", "hooks"] },
    ]);
    expect(releasesYaml.templates.base).toEqual({
      chart: "./charts/app",
      waitForJobs: true,
      hooks: [{ events: ["presync"], command: "true" }],
    });
    expect(notes.map((n) => n.why)).toContain("except: recreatePods is not a field releases has; dropped");
    valid(releasesYaml);
  });
});
