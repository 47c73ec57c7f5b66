import { describe, expect, it } from "vitest";
import { goTemplateToHandlebars } from "../../../src/import/gotmpl/to-handlebars.js";
import { createTemplates } from "../../../src/values/templates.js";

const context = {
  environment: { name: "production", values: {} },
  values: {
    image: { tag: "1.2.3", repo: "nginx" },
    replicas: 3,
    enabled: true,
    hosts: ["a.example.com", "b.example.com"],
    env: { LOG: "debug", MODE: "fast" },
    empty: "",
    resources: { limits: { cpu: "1" } },
  },
  release: { name: "web", namespace: "front", labels: { tier: "apps" }, chart: "./charts/web" },
};

function convert(go: string) {
  return goTemplateToHandlebars(go, { file: "values.yaml.gotmpl", secretLookups: true });
}

function render(hbs: string, env: Record<string, string> = { HOME_DIR: "/home/x" }) {
  return createTemplates({ env }).render(hbs, { file: "values.yaml.hbs" }, context);
}

// Each row: Go template, the handlebars it becomes, and what both render to with `context`.
const cases: Array<[string, string, string, string]> = [
  ["a value path", "tag: {{ .Values.image.tag }}", "tag: {{values.image.tag}}", "tag: 1.2.3"],
  ["StateValues", "{{ .StateValues.replicas }}", "{{values.replicas}}", "3"],
  ["Environment.Values", "{{ .Environment.Values.replicas }}", "{{values.replicas}}", "3"],
  ["Environment.Name", "env: {{ .Environment.Name }}", "env: {{environment.name}}", "env: production"],
  [
    "Release fields",
    "{{ .Release.Name }}/{{ .Release.Namespace }}/{{ .Release.Labels.tier }}",
    "{{release.name}}/{{release.namespace}}/{{release.labels.tier}}",
    "web/front/apps",
  ],
  ["default, piped", '{{ .Values.empty | default "x" }}', '{{default "x" values.empty}}', "x"],
  ["quote", "{{ .Values.image.tag | quote }}", "{{quote values.image.tag}}", '"1.2.3"'],
  ["requiredEnv", '{{ requiredEnv "HOME_DIR" }}', '{{env "HOME_DIR"}}', "/home/x"],
  ["env (empty when unset)", 'a{{ env "NOPE" }}b', '{{env "NOPE" ""}}', "ab"],
  ["required", '{{ required "tag!" .Values.image.tag }}', '{{required "tag!" values.image.tag}}', "1.2.3"],
  [
    "toYaml | nindent",
    "r:{{ .Values.resources | toYaml | nindent 2 }}",
    "{{nindent 2 (toYaml values.resources)}}",
    'r:\n  limits:\n    cpu: "1"',
  ],
  ["indent", "{{ indent 2 .Values.image.tag }}", "{{indent 2 values.image.tag}}", "  1.2.3"],
  [
    "b64enc, upper, lower",
    "{{ .Values.image.repo | upper | lower | b64enc }}",
    "{{b64enc (lower (upper values.image.repo))}}",
    "bmdpbng=",
  ],
  [
    "if / else if / else",
    '{{ if eq .Environment.Name "dev" }}d{{ else if ne .Values.replicas 3 }}n{{ else }}e{{ end }}',
    '{{#if (eq environment.name "dev")}}d{{else if (ne values.replicas 3)}}n{{else}}e{{/if}}',
    "e",
  ],
  [
    "and/or/not",
    "{{ if and .Values.enabled (or (not .Values.enabled) .Values.replicas) }}y{{ end }}",
    "{{#if (and values.enabled (or (not values.enabled) values.replicas))}}y{{/if}}",
    "y",
  ],
  [
    "eq with several",
    '{{ if eq .Environment.Name "a" "production" }}y{{ end }}',
    '{{#if (or (eq environment.name "a") (eq environment.name "production"))}}',
    "y",
  ],
  [
    "range over a list with .",
    "{{ range .Values.hosts }}- {{ . }}\n{{ end }}",
    "{{#each values.hosts}}- {{this}}\n{{/each}}",
    "- a.example.com\n- b.example.com\n",
  ],
  [
    "range over a map with $k, $v",
    "{{ range $k, $v := .Values.env }}{{ $k }}={{ $v }};{{ end }}",
    "{{#each values.env as |v k|}}{{k}}={{v}};{{/each}}",
    "LOG=debug;MODE=fast;",
  ],
  [
    "$ inside range",
    "{{ range .Values.hosts }}{{ $.Values.image.tag }}{{ end }}",
    "{{@root.values.image.tag}}",
    "1.2.31.2.3",
  ],
  [
    "with",
    "{{ with .Values.image }}{{ .repo }}:{{ .tag }}{{ end }}",
    "{{#with values.image}}{{this.repo}}:{{this.tag}}{{/with}}",
    "nginx:1.2.3",
  ],
  [
    "with else",
    "{{ with .Values.empty }}x{{ else }}none{{ end }}",
    "{{#with values.empty}}x{{else}}none{{/with}}",
    "none",
  ],
  [
    "a variable is inlined",
    "{{ $tag := .Values.image.tag }}{{ range .Values.hosts }}{{ $tag }},{{ end }}",
    "{{#each values.hosts}}{{@root.values.image.tag}},{{/each}}",
    "1.2.3,1.2.3,",
  ],
  [
    "get with a default",
    '{{ .Values | get "image.tag" "latest" }}',
    '{{default "latest" values.image.tag}}',
    "1.2.3",
  ],
  ["index", '{{ index .Values "image" "repo" }}', "{{values.image.repo}}", "nginx"],
  [
    "printf in output position",
    '{{ printf "%s:%s" .Values.image.repo .Values.image.tag }}',
    "{{values.image.repo}}:{{values.image.tag}}",
    "nginx:1.2.3",
  ],
  ["comments disappear", "a{{/* note */}}b", "ab", "ab"],
  [
    "trim markers apply to the text",
    "a:\n{{- range .Values.hosts }}\n  - {{ . }}\n{{- end }}\n",
    "a:{{#each values.hosts}}\n  - {{this}}{{/each}}\n",
    "a:\n  - a.example.com\n  - b.example.com\n",
  ],
  ["a string containing }}", '{{ default "}}" .Values.empty }}', '{{default "}}" values.empty}}', "}}"],
];

describe("Go template → handlebars", () => {
  it.each(cases)("%s", (_name, go, hbs, rendered) => {
    const out = convert(go);
    expect(out.findings).toEqual([]);
    expect(out.text).toContain(hbs);
    expect(render(out.text)).toBe(rendered);
  });

  it("keeps a block's own-line tags from eating the YAML around them", () => {
    const go = "a: 1\n{{- if .Values.enabled }}\nb: 2\n{{- end }}\nc: 3\n";
    expect(render(convert(go).text)).toBe("a: 1\nb: 2\nc: 3\n");
  });

  it("turns vals references into releases' secret lookups", () => {
    const out = convert(
      'p: {{ fetchSecretValue "ref+vault://secret/data/app#password" }}\nk: {{ fetchSecretValue "ref+sops://secrets.yaml#/db/key" }}',
    );
    expect(out.findings).toEqual([]);
    expect(out.text).toBe('p: {{vault "secret/data/app" "password"}}\nk: {{sops "secrets.yaml" "db.key"}}');
  });

  it("does not allow secret lookups outside values files", () => {
    const out = goTemplateToHandlebars('{{ fetchSecretValue "ref+vault://a#b" }}', {
      file: "helmfile.yaml",
      secretLookups: false,
    });
    expect(out.findings).toHaveLength(1);
  });
});

describe("constructs it cannot convert", () => {
  const left: Array<[string, string, RegExp]> = [
    ["exec", 'v: {{ exec "git" (list "rev-parse" "HEAD") }}', /runs a command/],
    ["readFile", 'v: {{ readFile "x.txt" }}', /reads the filesystem/],
    ["tpl", "v: {{ tpl .Values.text . }}", /renders a string as a template/],
    [
      "a sprig function without helper",
      "v: {{ .Values.image.tag | trunc 3 }}",
      /"trunc" has no handlebars helper/,
    ],
    ["define", '{{ define "x" }}a{{ end }}', /named templates/],
    ["an unknown root field", "{{ .Environment.KubeContext }}", /has no equivalent/],
  ];
  it.each(left)("%s is listed with its line and fails when rendered", (_name, go, why) => {
    const out = convert(`first: line\n${go}\n`);
    expect(out.findings.length).toBeGreaterThanOrEqual(1);
    expect(out.findings[0]).toMatchObject({ file: "values.yaml.gotmpl", line: 2, severity: "left" });
    expect(out.findings[0]!.why).toMatch(why);
    expect(out.findings[0]!.suggestion).toBeTruthy();
    expect(() => render(out.text)).toThrow(
      /releases import left a Go template construct here: values.yaml.gotmpl:2/,
    );
  });

  it("reports a block without end", () => {
    const out = convert("a\n{{ if .Values.enabled }}\nb\n");
    expect(out.findings[0]).toMatchObject({ line: 2 });
    expect(out.findings[0]!.why).toMatch(/no \{\{ end \}\}/);
  });
});
