// `releases import` as a user runs it (in-process, on a temp copy of a small helmfile project):
// what it writes, that it never overwrites without --force, and its exit codes.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "../../../src/cli/program.js";

let dir: string;

function project(files: Record<string, string>): string {
  dir = mkdtempSync(path.join(tmpdir(), "releases-import-unit-"));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

async function releases(argv: string[]) {
  let stdout = "";
  let stderr = "";
  const capture = (append: (s: string) => void) =>
    Object.assign(new PassThrough(), {
      write: (chunk: unknown) => {
        append(String(chunk));
        return true;
      },
    });
  const io = {
    stdout: capture((s) => {
      stdout += s;
    }),
    stderr: capture((s) => {
      stderr += s;
    }),
    stdin: new PassThrough(),
    env: {},
    cwd: dir,
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

afterEach(() => rmSync(dir, { recursive: true, force: true }));

const clean = {
  "helmfile.yaml":
    "releases:\n  - name: web\n    chart: ./charts/web\n    values: [values/web.yaml.gotmpl]\n",
  "values/web.yaml.gotmpl": "name: {{ .Release.Name }}\n",
};

describe("releases import", () => {
  it("writes releases.yaml and the .hbs files, prints the report and exits 0 when everything converted", async () => {
    project(clean);
    const result = await releases(["import"]);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toContain("wrote 2 file(s):\n  releases.yaml\n  values/web.yaml.hbs");
    expect(readFileSync(path.join(dir, "values/web.yaml.hbs"), "utf8")).toBe("name: {{release.name}}\n");
    expect(readFileSync(path.join(dir, "releases.yaml"), "utf8")).toContain("values/web.yaml.hbs");
  });

  it("never overwrites without --force, and writes nothing then", async () => {
    project({ ...clean, "values/web.yaml.hbs": "mine\n" });
    const refused = await releases(["import"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("would overwrite values/web.yaml.hbs");
    expect(() => readFileSync(path.join(dir, "releases.yaml"))).toThrow();
    expect(readFileSync(path.join(dir, "values/web.yaml.hbs"), "utf8")).toBe("mine\n");
    const forced = await releases(["import", "--force"]);
    expect(forced.code).toBe(0);
    expect(readFileSync(path.join(dir, "values/web.yaml.hbs"), "utf8")).toBe("name: {{release.name}}\n");
  });

  it("writes what it could and exits 2 when something was left, listing it with file:line", async () => {
    project({
      ...clean,
      "values/web.yaml.gotmpl":
        'name: {{ .Release.Name }}\nsha: {{ exec "git" (list "rev-parse" "HEAD") }}\n',
    });
    const result = await releases(["import"]);
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/left for you \(1\)/);
    expect(result.stdout).toContain('values/web.yaml.gotmpl:2  {{ exec "git" (list "rev-parse" "HEAD") }}');
    expect(readFileSync(path.join(dir, "releases.yaml"), "utf8")).toContain("name: web");
  });

  it("takes -f (a file or a helmfile.d directory) and --out, and reports as JSON with -o json", async () => {
    project({
      "helmfile.d/a.yaml": "releases:\n  - name: a\n    chart: ../charts/a\n",
    });
    const result = await releases(["-f", "helmfile.d", "import", "--out", "out", "-o", "json"]);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({
      ok: true,
      written: ["out/releases.yaml", "out/releases.d/a.yaml"],
      left: [],
    });
    expect(readFileSync(path.join(dir, "out/releases.d/a.yaml"), "utf8")).toContain("chart: ../../charts/a");
  });

  it("says what it needs when there is no helmfile", async () => {
    project({ "README.md": "nothing here\n" });
    const result = await releases(["import"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("no helmfile.yaml, helmfile.yaml.gotmpl or helmfile.d/ here");
  });
});
