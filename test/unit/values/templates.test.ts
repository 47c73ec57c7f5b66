import { describe, expect, it } from "vitest";
import { loadProject } from "../../../src/config/load.js";
import { type ReleasesError, type SourceLocation, TemplateError } from "../../../src/errors.js";
import { createTemplates, type Lookup } from "../../../src/values/templates.js";
import { memoryFiles } from "../config/memory-files.js";

const templates = createTemplates({ env: { REGION: "eu-west-1", EMPTY: "" } });
const render = (text: string, context: object = {}) =>
  templates.render(text, { file: "values.yaml.hbs" }, context);

function failure(fn: () => unknown): ReleasesError {
  try {
    fn();
  } catch (error) {
    return error as ReleasesError;
  }
  throw new Error("expected the call to throw");
}

describe("handlebars as releases uses it", () => {
  const values = {
    app: { name: "web", replicas: 3, tags: ["a", "b"], empty: "", zero: 0, off: false },
    html: "<b>&</b>",
  };

  it.each([
    { helper: "plain variables", text: "{{values.app.name}}-{{values.app.replicas}}", out: "web-3" },
    { helper: "no HTML escaping", text: "{{values.html}}", out: "<b>&</b>" },
    { helper: "toYaml", text: "{{toYaml values.app.tags}}", out: "- a\n- b" },
    {
      helper: "toYaml of a map",
      text: "{{toYaml values.app}}",
      out: 'name: web\nreplicas: 3\ntags:\n  - a\n  - b\nempty: ""\nzero: 0\noff: false',
    },
    { helper: "toJson", text: "{{toJson values.app.tags}}", out: '["a","b"]' },
    { helper: "indent", text: '{{indent 2 "a\nb"}}', out: "  a\n  b" },
    { helper: "nindent", text: "x:{{nindent 4 (toYaml values.app.tags)}}", out: "x:\n    - a\n    - b" },
    { helper: "default keeps a set value", text: '{{default "fb" values.app.name}}', out: "web" },
    { helper: "default replaces an empty string", text: '{{default "fb" values.app.empty}}', out: "fb" },
    { helper: "default replaces a missing leaf", text: '{{default "fb" values.app.missing}}', out: "fb" },
    { helper: "default treats 0 as empty, as sprig does", text: "{{default 2 values.app.zero}}", out: "2" },
    {
      helper: "default treats false as empty, as sprig does",
      text: '{{default "on" values.app.off}}',
      out: "on",
    },
    {
      helper: "required passes a value through",
      text: '{{required "name is needed" values.app.name}}',
      out: "web",
    },
    { helper: "quote", text: "{{quote values.app.replicas}}", out: '"3"' },
    { helper: "quote escapes quotes", text: '{{quote "say \\"hi\\""}}', out: '"say \\"hi\\""' },
    { helper: "b64enc", text: "{{b64enc values.app.name}}", out: "d2Vi" },
    { helper: "env", text: '{{env "REGION"}}', out: "eu-west-1" },
    { helper: "env set but empty wins over the fallback", text: '{{env "EMPTY" "fb"}}', out: "" },
    { helper: "env with a fallback", text: '{{env "UNSET_VARIABLE" "us-east-1"}}', out: "us-east-1" },
    { helper: "eq", text: '{{eq values.app.name "web"}} {{eq 1 2}}', out: "true false" },
    { helper: "ne", text: '{{ne values.app.name "web"}} {{ne 1 2}}', out: "false true" },
    {
      helper: "lt le gt ge",
      text: "{{lt 1 2}} {{le 2 2}} {{gt 1 2}} {{ge 1 2}}",
      out: "true true false false",
    },
    { helper: "and", text: '{{and true 1 "x"}} {{and true 0}}', out: "true false" },
    { helper: "or", text: '{{or false 0 "x"}} {{or false 0}}', out: "true false" },
    { helper: "not", text: "{{not 0}} {{not values.app.name}}", out: "true false" },
    {
      helper: "helpers composing in a block",
      text: "{{#if (gt values.app.replicas 1)}}ha{{else}}single{{/if}}",
      out: "ha",
    },
    { helper: "text without mustaches is returned as is", text: "just text", out: "just text" },
  ])("$helper", ({ text, out }) => {
    expect(render(text, { values })).toBe(out);
  });

  it.each([
    {
      why: "an unknown top-level variable",
      text: "a: 1\nb: {{nope}}\n",
      message: 'unknown variable "nope"',
      at: { line: 2, column: 4 },
    },
    {
      why: "an unknown nested variable, named by its whole path",
      text: "a: 1\n\nimage: {{values.image.tag}}\n",
      message: 'unknown variable "values.image.tag"',
      at: { line: 3, column: 8 },
    },
    {
      why: "required without a value, with its message",
      text: 'x: 1\ny: {{required "values.db.host must be set" values.db}}',
      message: "values.db.host must be set",
      at: { line: 2, column: 4 },
    },
    {
      why: "required with an empty string",
      text: '{{required "name is needed" values.app.empty}}',
      message: "name is needed",
      at: { line: 1, column: 1 },
    },
    {
      why: "env without a fallback",
      text: 'region: {{env "UNSET_VARIABLE"}}',
      message: "environment variable UNSET_VARIABLE is not set",
      at: { line: 1, column: 9 },
    },
    {
      why: "a secret lookup outside a values file",
      text: '{{vault "secret/data/db" "password"}}',
      message: "vault lookups are only allowed in values files",
      at: { line: 1, column: 1 },
    },
  ])("reports $why with file, line and column", ({ text, message, at }) => {
    const error = failure(() => render(text, { values }));
    expect(error).toBeInstanceOf(TemplateError);
    expect(error.message).toBe(message);
    expect(error.location).toMatchObject({ file: "values.yaml.hbs", ...at });
  });

  it.each([
    {
      why: "an unclosed block",
      text: "a: 1\nb: {{#if values}}\n",
      message: "template syntax error: the template ends inside a block: a {{/…}} is missing",
      line: 3,
    },
    {
      why: "a block closed by the wrong name",
      text: "a: 1\n{{#each values.app.tags}}x{{/if}}",
      message: "template syntax error: {{/if}} closes {{#each}}",
      line: 2,
    },
    {
      why: "a mustache missing a brace",
      text: "x {{values.app.name}",
      message: "template syntax error: a {{ is not closed by }}",
      line: 1,
    },
    { why: "a dangling =", text: "{{ a b= }}", message: "template syntax error: unexpected }}", line: 1 },
  ])("reports a syntax error, $why, on its line", ({ text, message, line }) => {
    const error = failure(() => render(text, { values }));
    expect(error).toBeInstanceOf(TemplateError);
    expect(error.message).toBe(message);
    expect(error.location).toMatchObject({ file: "values.yaml.hbs", line });
  });

  it("shifts locations by where a templated field starts in releases.yaml", () => {
    const origin = { file: "releases.yaml", line: 7, column: 16, field: "releases[0].namespace" };
    const error = failure(() => templates.render("team-{{values.team}}", origin, { values: {} }));
    expect(error.location).toEqual({ ...origin, column: 16 + 5 });
    expect(error.describe()).toBe(
      'releases.yaml:7:21 releases[0].namespace: unknown variable "values.team"\n' +
        "  hint: check the spelling, or use (default <fallback> <value>) for optional values",
    );
  });

  it("hands secret lookups to the handler with their location, never reading secrets itself", () => {
    const seen: [Lookup, SourceLocation][] = [];
    const out = templates.render(
      'password: {{vault "secret/data/db" "password"}}\nkey: {{sops "secrets/app.sops.yaml" "api.key"}}',
      { file: "app.yaml.hbs" },
      {},
      {
        lookup: (lookup, at) => {
          seen.push([lookup, at]);
          return lookup.kind === "vault" ? "v-secret" : "s-secret";
        },
      },
    );
    expect(out).toBe("password: v-secret\nkey: s-secret");
    expect(seen).toEqual([
      [
        { kind: "vault", path: "secret/data/db", key: "password" },
        { file: "app.yaml.hbs", line: 1, column: 11 },
      ],
      [
        { kind: "sops", file: "secrets/app.sops.yaml", key: "api.key" },
        { file: "app.yaml.hbs", line: 2, column: 6 },
      ],
    ]);
  });

  it("rejects a lookup with a missing argument", () => {
    const error = failure(() =>
      templates.render('{{vault "secret/data/db"}}', { file: "a.hbs" }, {}, { lookup: () => "x" }),
    );
    expect(error.message).toBe('vault takes two arguments: {{vault "<path>" "<key>"}}');
  });
});

describe("templated string fields in releases.yaml", () => {
  it("report a bad template at releases.yaml's line and column", async () => {
    const files = memoryFiles({
      "/p/releases.yaml": [
        "releases:",
        "  - name: web",
        "    chart: ./charts/web",
        "    namespace: apps-{{values.tenant}}",
        "",
      ].join("\n"),
      "/p/charts/web/Chart.yaml": "name: web\n",
    });
    const error = await loadProject({ file: "/p/releases.yaml", templates, files }).then(
      () => undefined,
      (e: unknown) => e as ReleasesError,
    );
    expect(error).toBeInstanceOf(TemplateError);
    expect(error?.location).toEqual({
      file: "/p/releases.yaml",
      line: 4,
      column: 21,
      field: "releases[0].namespace",
    });
    expect(error?.message).toBe('unknown variable "values.tenant"');
  });
});

describe("templated quoted fields in releases.yaml", () => {
  it.each([
    { style: "double-quoted", namespace: '"team-{{values.t}}"', column: 22 },
    { style: "single-quoted", namespace: "'team-{{values.t}}'", column: 22 },
    { style: "plain", namespace: "team-{{values.t}}", column: 21 },
  ])("report the column of the {{ when the field is $style", async ({ namespace, column }) => {
    const files: Record<string, string> = {
      "/p/releases.yaml": `releases:\n  - name: web\n    chart: ./c\n    namespace: ${namespace}\n`,
      "/p/c/Chart.yaml": "name: c\n",
    };
    const error = await loadProject({
      file: "/p/releases.yaml",
      templates,
      files: memoryFiles(files),
    }).then(
      () => undefined,
      (e: unknown) => e as ReleasesError,
    );
    expect(error?.location).toEqual({
      file: "/p/releases.yaml",
      line: 4,
      column,
      field: "releases[0].namespace",
    });
  });
});

describe("Go-template syntax gets the handlebars spelling, at the column of its {{", () => {
  it.each([
    { go: "{{ .Values.image.tag }}", spelling: "{{values.image.tag}}" },
    { go: "{{ .Environment.Name }}", spelling: "{{environment.name}}" },
    { go: "{{ .Environment.Values.region }}", spelling: "{{environment.values.region}}" },
    { go: "{{ .StateValues.domain }}", spelling: "{{values.domain}}" },
    { go: "{{ .Release.Name }}", spelling: "{{release.name}}" },
    { go: "{{ .Values.x | quote }}", spelling: "{{quote values.x}}" },
    { go: "{{- toYaml .Values.res | nindent 4 }}", spelling: "{{nindent 4 (toYaml values.res)}}" },
    { go: '{{ default "eu" .Values.region }}', spelling: '{{default "eu" values.region}}' },
  ])("$go", ({ go, spelling }) => {
    const error = failure(() => render(`a: 1\nb: x-${go}`, { values: {} }));
    expect(error).toBeInstanceOf(TemplateError);
    expect(error.message).toBe(`Go template syntax ${go}: templates here are handlebars, write ${spelling}`);
    expect(error.location).toMatchObject({ file: "values.yaml.hbs", line: 2, column: 6 });
  });

  it.each(["{{- if .Values.enabled }}", "{{ range $k, $v := .Values.map }}", "{{ end }}"])(
    "%s: a control structure, answered with handlebars blocks",
    (go) => {
      const error = failure(() => render(`x: ${go}`, { values: {} }));
      expect(error.message).toBe(`Go template syntax ${go}: templates here are handlebars`);
      expect(error.hint).toContain("{{#if values.x}}");
      expect(error.location).toMatchObject({ line: 1, column: 4 });
    },
  );

  it("shifts the column by where a releases.yaml field starts", () => {
    const origin = { file: "releases.yaml", line: 7, column: 16, field: "releases[0].namespace" };
    const error = failure(() => templates.render("team-{{ .Values.team }}", origin, {}));
    expect(error.location).toEqual({ ...origin, column: 16 + 5 });
  });

  it("passes an escaped \\{{ to the chart as text, for charts that run tpl on their values", () => {
    expect(render("host: \\{{ .Release.Name }}.example.com", {})).toBe(
      "host: {{ .Release.Name }}.example.com",
    );
  });

  it.each([
    { text: "a: 1\nb: x {{ a b= }}", line: 2, column: 6, message: "template syntax error: unexpected }}" },
    {
      text: "{{values.a}} and {{values.b}",
      line: 1,
      column: 18,
      message: "template syntax error: a {{ is not closed by }}",
    },
    {
      text: "ok {{values.a}}\n  {{values.a b=}}",
      line: 2,
      column: 3,
      message: "template syntax error: unexpected }}",
    },
  ])("places a syntax error at its {{: $text", ({ text, line, column, message }) => {
    const error = failure(() => render(text, { values: { a: 1, b: 2 } }));
    expect(error.message).toEqual(message);
    expect(error.location).toMatchObject({ line, column });
  });
});
