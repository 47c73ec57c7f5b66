import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { projectSchema } from "../../../src/config/schema.js";
import { importOf } from "./import-of.js";

const chart = { "charts/app/Chart.yaml": "apiVersion: v2\nname: app\nversion: 0.1.0\n" };

describe("releases import: state files", () => {
  it("merges --- documents in order; a later releases list replaces an earlier one", async () => {
    const { releasesYaml, left } = await importOf({
      ...chart,
      "helmfile.yaml":
        "environments:\n  dev: {}\n---\nreleases:\n  - name: a\n    chart: ./charts/app\n---\nreleases:\n  - name: b\n    chart: ./charts/app\n",
    });
    expect(left).toEqual([]);
    expect(Object.keys(releasesYaml.environments)).toEqual(["dev"]);
    expect(releasesYaml.releases.map((r: { name: string }) => r.name)).toEqual(["b"]);
    expect(projectSchema.safeParse(releasesYaml).success).toBe(true);
  });

  it("converts environments (values, secrets, kubeContext) and helmDefaults", async () => {
    const { releasesYaml, left } = await importOf({
      "helmfile.yaml": `environments:
  production:
    values: [env/prod.yaml, {replicas: 3}]
    secrets: [env/prod.secrets.yaml]
    kubeContext: prod-cluster
helmDefaults:
  wait: true
  atomic: false
  timeout: 900
  createNamespace: false
  historyMax: 3
  recreatePods: true
releases: []
`,
    });
    expect(releasesYaml.environments.production).toEqual({
      values: ["env/prod.yaml", { replicas: 3 }],
      secrets: ["env/prod.secrets.yaml"],
      kubeContext: "prod-cluster",
    });
    expect(releasesYaml.defaults).toEqual({
      wait: true,
      atomic: false,
      timeout: 900,
      createNamespace: false,
      historyMax: 3,
    });
    expect(left.map((f) => f.construct)).toEqual(["helmDefaults.recreatePods"]);
    expect(left[0]!.line).toBe(12);
  });

  it("puts top-level values: under every environment's own values", async () => {
    const { releasesYaml, left } = await importOf({
      "helmfile.yaml":
        "values:\n  - base.yaml\n  - {region: eu}\nenvironments:\n  a: {values: [a.yaml]}\n  b: {}\nreleases: []\n",
    });
    expect(left).toEqual([]);
    expect(releasesYaml.environments).toEqual({
      a: { values: ["base.yaml", { region: "eu" }, "a.yaml"] },
      b: { values: ["base.yaml", { region: "eu" }] },
    });
  });

  it("gives helmDefaults.kubeContext to the environments that name none", async () => {
    const { releasesYaml } = await importOf({
      "helmfile.yaml":
        "environments:\n  a: {}\n  b: {kubeContext: other}\nhelmDefaults:\n  kubeContext: main\nreleases: []\n",
    });
    expect(releasesYaml.environments).toEqual({ a: { kubeContext: "main" }, b: { kubeContext: "other" } });
  });

  it("leaves a templated kubeContext (helmDefaults' or an environment's) instead of writing it out", async () => {
    const { releasesYaml, left } = await importOf({
      "helmfile.yaml.gotmpl":
        "environments:\n  a: {}\n  b:\n    kubeContext: '{{ .Values.b }}'\n---\nhelmDefaults:\n  kubeContext: {{ .Environment.Values.kubeContext }}\nreleases: []\n",
    });
    expect(left.map((f) => [f.construct, f.line])).toEqual([
      ["environments.b.kubeContext", 4],
      ["helmDefaults.kubeContext", 7],
    ]);
    expect(left[1]!.why).toBe(
      "helmDefaults.kubeContext is not a template in releases ({{ .Environment.Values.kubeContext }})",
    );
    expect(JSON.stringify(releasesYaml)).not.toMatch(/RIMPORT|\{\{/);
    expect(releasesYaml.environments).toEqual({ a: {}, b: {} });
  });

  it("never gives an environment whose context was left another context instead", async () => {
    const own = await importOf({
      "helmfile.yaml.gotmpl":
        "environments:\n  dev: {}\n  prod:\n    kubeContext: '{{ .Values.ctx }}'\n---\nhelmDefaults:\n  kubeContext: dev-cluster\nreleases: []\n",
    });
    expect(own.releasesYaml.environments).toEqual({ dev: { kubeContext: "dev-cluster" }, prod: {} });
    const fromSub = await importOf({
      "helmfile.yaml.gotmpl":
        "environments:\n  dev: {}\n---\nhelmDefaults:\n  kubeContext: {{ .Values.ctx }}\nhelmfiles:\n  - sub/helmfile.yaml\n",
      "sub/helmfile.yaml": "helmDefaults:\n  kubeContext: sub-cluster\nreleases: []\n",
    });
    expect(fromSub.releasesYaml.environments).toEqual({ dev: {} });
    expect(fromSub.left.map((f) => f.construct)).toEqual(["helmDefaults.kubeContext"]);
  });

  it("converts repositories: oci: true becomes an oci:// url, credentials from requiredEnv become *Env", async () => {
    const { releasesYaml, left } = await importOf({
      "helmfile.yaml.gotmpl": `repositories:
  - name: bitnami
    url: https://charts.bitnami.com/bitnami
  - name: ghcr
    url: ghcr.io/acme
    oci: true
    username: {{ requiredEnv "GHCR_USER" }}
    password: {{ env "GHCR_TOKEN" }}
  - name: private
    url: https://charts.example.com
    username: admin
releases: []
`,
    });
    expect(releasesYaml.repositories).toEqual([
      { name: "bitnami", url: "https://charts.bitnami.com/bitnami" },
      { name: "ghcr", url: "oci://ghcr.io/acme", usernameEnv: "GHCR_USER", passwordEnv: "GHCR_TOKEN" },
      { name: "private", url: "https://charts.example.com" },
    ]);
    expect(left).toMatchObject([{ construct: "repositories: private username", line: 11 }]);
  });

  it("converts every release key releases supports; set lists become maps", async () => {
    const { releasesYaml, left } = await importOf({
      ...chart,
      "helmfile.yaml": `repositories:
  - name: bitnami
    url: https://charts.bitnami.com/bitnami
releases:
  - name: db
    namespace: data
    chart: bitnami/postgresql
    version: 12.1.0
    labels: {tier: data, critical: true}
  - name: app
    namespace: apps
    chart: ./charts/app
    needs: [data/db]
    values: [values/app.yaml, {replicas: 2}]
    secrets: [secrets/app.yaml]
    set:
      - name: image.tag
        value: "1.4.0"
      - name: hosts
        values: [a.example.com, b.example.com]
    setString:
      - name: port
        value: 8080
    installed: true
    condition: app.enabled
    wait: true
    atomic: true
    timeout: 120
    createNamespace: false
    historyMax: 4
`,
    });
    expect(left).toEqual([]);
    expect(releasesYaml.releases[0]).toEqual({
      name: "db",
      namespace: "data",
      chart: "bitnami/postgresql",
      version: "12.1.0",
      labels: { tier: "data", critical: "true" },
    });
    expect(releasesYaml.releases[1]).toEqual({
      name: "app",
      namespace: "apps",
      chart: "./charts/app",
      needs: ["data/db"],
      values: ["values/app.yaml", { replicas: 2 }],
      secrets: ["secrets/app.yaml"],
      set: { "image.tag": "1.4.0", hosts: ["a.example.com", "b.example.com"], port: "8080" },
      installed: true,
      condition: "app.enabled",
      wait: true,
      atomic: true,
      timeout: 120,
      createNamespace: false,
      historyMax: 4,
    });
    expect(projectSchema.safeParse(releasesYaml).success).toBe(true);
  });

  it("lists keys releases does not have, with their line", async () => {
    const { left } = await importOf({
      ...chart,
      "helmfile.yaml": `releases:
  - name: app
    chart: ./charts/app
    recreatePods: true
    postRenderer: ./render.sh
    waitForJobs: true
`,
    });
    expect(left.map((f) => [f.construct, f.line])).toEqual([
      ["recreatePods", 4],
      ["postRenderer", 5],
    ]);
    expect(left[0]!.why).toMatch(/no "recreatePods" key/);
  });

  it("keeps templates: and inherit: (helmfile's spelling) and resolves YAML anchors", async () => {
    const { releasesYaml, plan, notes } = await importOf({
      ...chart,
      "helmfile.yaml": `templates:
  base: &base
    namespace: shared
    chart: ./charts/app
    hooks: []
  anchored: &anchored
    wait: false
releases:
  - name: a
    inherit:
      - template: base
        except: [hooks, values]
  - name: b
    <<: *anchored
    chart: ./charts/app
`,
    });
    expect(releasesYaml.templates).toEqual({
      base: { namespace: "shared", chart: "./charts/app", hooks: [] },
    });
    expect(releasesYaml.releases[0].inherit).toEqual([{ template: "base", except: ["hooks", "values"] }]);
    expect(releasesYaml.releases[1]).toEqual({ name: "b", wait: false, chart: "./charts/app" });
    expect(plan.features).toContain("templates: and inherit:");
    expect(notes.map((n) => n.construct)).toContain("templates: anchored");
  });

  it("merges bases: underneath the file", async () => {
    const { releasesYaml, left } = await importOf({
      ...chart,
      "bases/environments.yaml": "environments:\n  dev:\n    values: [env/dev.yaml]\n",
      "bases/defaults.yaml": "helmDefaults:\n  wait: false\n",
      "helmfile.yaml":
        "bases:\n  - bases/environments.yaml\n  - bases/defaults.yaml\n---\nreleases:\n  - name: a\n    chart: ./charts/app\n",
    });
    expect(left).toEqual([]);
    expect(releasesYaml.environments).toEqual({ dev: { values: ["env/dev.yaml"] } });
    expect(releasesYaml.defaults).toEqual({ wait: false });
  });

  it("turns helmfiles: into include:, each sub-helmfile its own file; environments move to releases.yaml", async () => {
    const { releasesYaml, text, plan } = await importOf({
      ...chart,
      "helmfile.yaml":
        "environments:\n  dev: {}\nhelmfiles:\n  - apps/helmfile.yaml\n  - path: infra/*.yaml\n",
      "apps/helmfile.yaml":
        "environments:\n  dev:\n    values: [env.yaml]\nreleases:\n  - name: web\n    chart: ../charts/app\n",
      "infra/db.yaml": "releases:\n  - name: db\n    chart: ../charts/app\n",
    });
    expect(releasesYaml.include).toEqual(["apps/releases.yaml", "infra/db.yaml"]);
    // apps/helmfile.yaml's env.yaml is apps/env.yaml: written relative to releases.yaml it moved to
    expect(releasesYaml.environments.dev).toEqual({ values: ["apps/env.yaml"] });
    expect(parse(text("/p/apps/releases.yaml")!)).toEqual({
      releases: [{ name: "web", chart: "../charts/app" }],
    });
    expect(parse(text("/p/infra/db.yaml")!)).toEqual({ releases: [{ name: "db", chart: "../charts/app" }] });
    expect(plan.features).toContain("include:");
  });

  it("turns helmfile.d/ into releases.d/ files included in order", async () => {
    const { releasesYaml, text } = await importOf({
      ...chart,
      "helmfile.d/10-apps.yaml": "releases:\n  - name: web\n    chart: ../charts/app\n",
      "helmfile.d/00-infra.yaml.gotmpl":
        "environments:\n  dev: {}\n---\nreleases:\n  - name: db\n    chart: ../charts/app\n    namespace: {{ .Environment.Name }}\n",
    });
    expect(releasesYaml.include).toEqual(["releases.d/00-infra.yaml", "releases.d/10-apps.yaml"]);
    expect(Object.keys(releasesYaml.environments)).toEqual(["dev"]);
    expect(parse(text("/p/releases.d/00-infra.yaml")!).releases[0].namespace).toBe("{{environment.name}}");
  });

  it("writes the environments of helmfile.d files, from a base they share, once and relative to releases.yaml", async () => {
    const file = (name: string) =>
      `bases:\n  - ../bases/environments.yaml\n---\nvalues:\n  - ../state.yaml\nreleases:\n  - name: ${name}\n    chart: ../charts/app\n`;
    const { releasesYaml, left } = await importOf({
      ...chart,
      "bases/environments.yaml":
        "environments:\n  default:\n    values:\n      - ../bases/env.yaml\n      - {path: ../bases/more.yaml}\n      - {inline: true}\n",
      "bases/env.yaml": "a: 1\n",
      "bases/more.yaml": "b: 1\n",
      "state.yaml": "c: 1\n",
      "helmfile.d/01-app.yaml": file("app"),
      "helmfile.d/02-infra.yaml": file("infra"),
    });
    expect(left).toEqual([]);
    expect(releasesYaml.environments).toEqual({
      default: { values: ["state.yaml", "bases/env.yaml", { path: "bases/more.yaml" }, { inline: true }] },
    });
  });

  it("rewrites a hoisted path with a template inside it, and keeps one that starts with a template", async () => {
    const { releasesYaml } = await importOf({
      ...chart,
      "helmfile.d/a.yaml.gotmpl": `environments:\n  dev:\n    values:\n      - "../env/{{ .Environment.Name }}.yaml"\n      - '{{ requiredEnv "ROOT" }}/x.yaml'\n---\nreleases: []\n`,
    });
    expect(releasesYaml.environments.dev.values).toEqual([
      "env/{{environment.name}}.yaml",
      '{{env "ROOT"}}/x.yaml',
    ]);
  });
});

describe("releases import: templates in state and values files", () => {
  it("converts .gotmpl values files to .hbs and vals references to lookups", async () => {
    const { releasesYaml, text, left } = await importOf({
      ...chart,
      "helmfile.yaml":
        "releases:\n  - name: app\n    chart: ./charts/app\n    values:\n      - values/app.yaml.gotmpl\n      - values/secret-refs.yaml\n      - values/plain.yaml\n",
      "values/app.yaml.gotmpl": "name: {{ .Release.Name }}\nenv: {{ .Environment.Name | quote }}\n",
      "values/secret-refs.yaml":
        'db:\n  password: ref+vault://secret/data/app#password\n  note: "{{ literal }}"\n',
      "values/plain.yaml": "a: 1\n",
    });
    expect(left).toEqual([]);
    expect(releasesYaml.releases[0].values).toEqual([
      "values/app.yaml.hbs",
      "values/secret-refs.yaml.hbs",
      "values/plain.yaml",
    ]);
    expect(text("/p/values/app.yaml.hbs")).toBe("name: {{release.name}}\nenv: {{quote environment.name}}\n");
    expect(text("/p/values/secret-refs.yaml.hbs")).toBe(
      'db:\n  password: {{vault "secret/data/app" "password"}}\n  note: "\\{{ literal }}"\n',
    );
    expect(text("/p/values/plain.yaml")).toBeUndefined();
  });

  it("converts release-field templates ({{`{{ .Release.Name }}`}} and plain-YAML release templates)", async () => {
    const { releasesYaml } = await importOf({
      ...chart,
      "helmfile.yaml.gotmpl":
        'releases:\n  - name: app\n    chart: ./charts/app\n    namespace: {{ .Values.ns | default "apps" }}\n    labels:\n      env: {{ .Environment.Name }}\n    values:\n      - "values/{{`{{ .Release.Name }}`}}.yaml"\n',
    });
    expect(releasesYaml.releases[0]).toMatchObject({
      namespace: '{{default "apps" values.ns}}',
      labels: { env: "{{environment.name}}" },
      values: ["values/{{release.name}}.yaml"],
    });
  });

  it("turns an if on the environment's name around releases into a condition set per environment", async () => {
    const { releasesYaml, left } = await importOf({
      ...chart,
      "helmfile.yaml.gotmpl": `environments:
  dev: {}
  production: {}
---
releases:
{{- if eq .Environment.Name "production" }}
  - name: backup
    chart: ./charts/app
{{- end }}
{{ if .Values.monitoring.enabled }}
  - name: metrics
    chart: ./charts/app
{{ end }}
  - name: app
    chart: ./charts/app
`,
    });
    expect(left).toEqual([]);
    expect(releasesYaml.releases).toEqual([
      { name: "backup", chart: "./charts/app", condition: "imported.eq-env-production" },
      { name: "metrics", chart: "./charts/app", condition: "monitoring.enabled" },
      { name: "app", chart: "./charts/app" },
    ]);
    expect(releasesYaml.environments.dev.values).toEqual([{ imported: { "eq-env-production": false } }]);
    expect(releasesYaml.environments.production.values).toEqual([
      { imported: { "eq-env-production": true } },
    ]);
  });

  it("keeps the name of a need whose namespace is a template, and a need with a kube context as written", async () => {
    const { releasesYaml, notes } = await importOf({
      ...chart,
      "helmfile.yaml.gotmpl":
        "releases:\n  - name: a\n    chart: ./charts/app\n  - name: b\n    chart: ./charts/app\n    needs: [{{ .Values.ns }}/a, kube/ns/c]\n",
    });
    expect(releasesYaml.releases[1].needs).toEqual(["a", "kube/ns/c"]);
    expect(notes.map((n) => n.line)).toContain(6);
  });

  it("turns installed: {{ .Values.x }} into a condition", async () => {
    const { releasesYaml } = await importOf({
      ...chart,
      "helmfile.yaml.gotmpl":
        "releases:\n  - name: app\n    chart: ./charts/app\n    installed: {{ .Values.app.enabled }}\n",
    });
    expect(releasesYaml.releases[0]).toEqual({
      name: "app",
      chart: "./charts/app",
      condition: "app.enabled",
    });
  });

  it("moves templated inline values and set values into a generated .hbs values file", async () => {
    const { releasesYaml, text } = await importOf({
      ...chart,
      "helmfile.yaml.gotmpl": `releases:
  - name: app
    chart: ./charts/app
    values:
      - replicas: {{ .Values.replicas }}
        host: "{{ .Values.host }}"
    set:
      - name: image.tag
        value: {{ .Values.tag }}
`,
    });
    expect(releasesYaml.releases[0].values).toEqual(["imported/app-values.yaml.hbs"]);
    expect(text("/p/imported/app-values.yaml.hbs")).toBe(
      "replicas: {{values.replicas}}\nhost: {{quote values.host}}\nimage:\n  tag: {{values.tag}}\n",
    );
  });

  it("lists a state-file loop, an exec and structural output with file:line, and still writes the rest", async () => {
    const { releasesYaml, left } = await importOf({
      ...chart,
      "helmfile.yaml.gotmpl": `releases:
{{ range .Values.apps }}
  - name: {{ . }}
    chart: ./charts/app
{{ end }}
  - name: app
    chart: ./charts/app
    version: {{ exec "git" (list "describe") }}
{{ .Values.extra | toYaml }}
`,
    });
    expect(releasesYaml.releases.map((r: { name: string }) => r.name)).toEqual(["app"]);
    expect(left.map((f) => [f.line, f.construct])).toEqual([
      [2, "{{ range .Values.apps }}"],
      [8, '{{ exec "git" (list "describe") }}'],
      [9, "{{ .Values.extra | toYaml }}"],
    ]);
    expect(left.every((f) => f.why && f.suggestion)).toBe(true);
  });

  it("writes paths relative to --out when it is elsewhere", async () => {
    const { releasesYaml, plan } = await importOf(
      {
        ...chart,
        "helmfile.yaml":
          "releases:\n  - name: app\n    chart: ./charts/app\n    values: [values/a.yaml, values/b.yaml.gotmpl]\n",
        "values/a.yaml": "a: 1\n",
        "values/b.yaml.gotmpl": "b: {{ .Values.b }}\n",
      },
      "/out",
    );
    expect(releasesYaml.releases[0]).toEqual({
      name: "app",
      chart: "../p/charts/app",
      values: ["../p/values/a.yaml", "values/b.yaml.hbs"],
    });
    expect(plan.files.map((f) => f.path)).toEqual(["/out/releases.yaml", "/out/values/b.yaml.hbs"]);
  });
});
