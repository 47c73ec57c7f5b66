// Unusual input never reaches an internal error or a hang: a device, FIFO or
// directory where a file is expected, a huge file, binary or non-UTF-8 text,
// YAML aliases that expand exponentially, values nested thousands deep. Each is
// refused before it is read or expanded, naming the file (and the line when
// there is one): exit 2 for project and values files, 3 for secrets files.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliIn, PROJECTS } from "./run-cli.js";

const KEY = { SOPS_AGE_KEY_FILE: `${PROJECTS}/values/age-key.txt` };
let root: string;
let fifo: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "releases-unusual-"));
  fifo = join(root, "fifo");
  execFileSync("mkfifo", [fifo]);
  mkdirSync(join(root, "a-directory"));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A copy of the `values` fixture project in which `file` is replaced by `make(path)`. */
function projectWith(file: string, make: (path: string) => void): string {
  const dir = mkdtempSync(join(root, "project-"));
  cpSync(join(PROJECTS, "values"), dir, { recursive: true });
  cpSync(join(PROJECTS, "../charts"), join(dir, "../../charts"), { recursive: true });
  const path = join(dir, file);
  rmSync(path, { force: true });
  make(path);
  return dir;
}

const link = (target: () => string) => (path: string) => symlinkSync(target(), path);
const text = (content: string | Buffer) => (path: string) => writeFileSync(path, content);

const LAUGHS = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...["b", "c", "d", "e", "f", "g", "h", "i"].map(
    (name, i) => `${name}: &${name} [${Array(9).fill(`*${"abcdefgh"[i]}`).join(",")}]`,
  ),
].join("\n");

/** One 20,000-item anchor referenced 200 times: 4 million values from a 190 KB file. */
function hugeAnchor(): string {
  const items = Array.from({ length: 20_000 }, (_, i) => `  - item${i}`).join("\n");
  return `big: &big\n${items}\nrefs:\n${"  - *big\n".repeat(200)}`;
}

describe("a path that is not a regular file is refused before anything is read", () => {
  it.each([
    { what: "/dev/zero", path: () => "/dev/zero", kind: "a character device" },
    { what: "/dev/urandom", path: () => "/dev/urandom", kind: "a character device" },
    { what: "a FIFO without a writer", path: () => fifo, kind: "a FIFO" },
    { what: "a directory", path: () => join(root, "a-directory"), kind: "a directory" },
  ])("-f $what exits 2 naming it", async ({ path, kind }) => {
    const out = await cliIn(root, ["list", "-f", path()]);
    expect(out.stderr).toBe(`releases: ${path().replace(`${root}/`, "")}: not a regular file (${kind})\n`);
    expect(out.code).toBe(2);
  });

  it.each([
    { what: "an environment values file", file: "environments/common.yaml", argv: ["list"], code: 2 },
    { what: "a release values file", file: "values/web.yaml", argv: ["values", "web"], code: 2 },
    {
      what: "an environment secrets file",
      file: "environments/secrets.sops.yaml",
      argv: ["values", "web"],
      code: 3,
    },
    { what: "a release secrets file", file: "values/web.sops.yaml", argv: ["values", "web"], code: 3 },
  ])("$what that is /dev/zero, a FIFO or a directory exits $code", async ({ file, argv, code }) => {
    for (const [target, kind] of [
      ["/dev/zero", "a character device"],
      [fifo, "a FIFO"],
      [join(root, "a-directory"), "a directory"],
    ] as const) {
      const dir = projectWith(
        file,
        link(() => target),
      );
      const out = await cliIn(dir, argv, KEY);
      expect(out.stderr).toBe(`releases: ${file}: not a regular file (${kind})\n`);
      expect(out.code).toBe(code);
    }
  });

  it("a .sops.yaml that is a FIFO or a directory is an error, not skipped or waited on", async () => {
    for (const [make, kind] of [
      [link(() => fifo), "a FIFO"],
      [(path: string) => mkdirSync(path), "a directory"],
    ] as const) {
      const dir = projectWith(".sops.yaml", make);
      writeFileSync(join(dir, "plain.yaml"), "token: abc\n");
      const out = await cliIn(dir, ["secrets", "encrypt", "plain.yaml"]);
      expect(out.stderr).toBe(`releases: .sops.yaml: not a regular file (${kind})\n`);
      expect(out.code).toBe(3);
    }
  });

  it("SOPS_AGE_KEY_FILE pointing at a device is reported, not read", async () => {
    const dir = projectWith("values/web.yaml", text("a: 1\n"));
    const out = await cliIn(dir, ["values", "web"], { SOPS_AGE_KEY_FILE: "/dev/zero" });
    expect(out.stderr).toContain(
      "cannot read SOPS_AGE_KEY_FILE /dev/zero: not a regular file (a character device)",
    );
    expect(out.code).toBe(3);
  });

  it("a file over 32 MiB is refused by its size, not read", async () => {
    const dir = projectWith("values/web.yaml", (path) => {
      writeFileSync(path, "");
      truncateSync(path, 32 * 1024 * 1024 + 1); // sparse: nothing is written
    });
    const out = await cliIn(dir, ["values", "web"], KEY);
    expect(out.stderr).toBe(
      "releases: values/web.yaml: file too large: 32.0 MiB, over the limit of 32 MiB\n",
    );
    expect(out.code).toBe(2);
  });
});

describe("text that is not UTF-8 is refused with its line", () => {
  it.each([
    {
      what: "an invalid byte in a values file",
      file: "values/web.yaml",
      content: Buffer.concat([Buffer.from("a: 1\nb: 2\nc: "), Buffer.from([0xff, 0xfe]), Buffer.from("\n")]),
      argv: ["values", "web"],
      stderr: "releases: values/web.yaml:3: not UTF-8 text (invalid byte 0xff at byte 13; a binary file?)\n",
      code: 2,
    },
    {
      what: "binary garbage as releases.yaml",
      file: "releases.yaml",
      content: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]),
      argv: ["list"],
      stderr: "releases: releases.yaml:1: not UTF-8 text (invalid byte 0x89 at byte 0; a binary file?)\n",
      code: 2,
    },
    {
      what: "binary garbage as a secrets file",
      file: "values/web.sops.yaml",
      content: Buffer.from("password: \xc3\x28\n", "latin1"),
      argv: ["values", "web"],
      stderr:
        "releases: values/web.sops.yaml:1: not UTF-8 text (invalid byte 0xc3 at byte 10; a binary file?)\n",
      code: 3,
    },
  ])("$what exits $code", async ({ file, content, argv, stderr, code }) => {
    const out = await cliIn(projectWith(file, text(content)), argv, KEY);
    expect(out.stderr).toBe(stderr);
    expect(out.code).toBe(code);
  });
});

describe("hostile YAML is refused before it expands", () => {
  it.each([
    {
      what: "exponential aliases (billion laughs) in a values file",
      file: "values/web.yaml",
      content: LAUGHS,
      stderr:
        "releases: values/web.yaml: expands to more than 100000 values through aliases (anchors referenced too often?)\n",
    },
    {
      what: "exponential aliases in an environment values file",
      file: "environments/common.yaml",
      content: LAUGHS,
      stderr:
        "releases: environments/common.yaml: expands to more than 100000 values through aliases (anchors referenced too often?)\n",
    },
    {
      what: "exponential aliases in a file with tags (parsed by yaml, which counts aliases itself)",
      file: "values/web.yaml",
      content: `tagged: !!str x\n${LAUGHS}`,
      stderr:
        "releases: values/web.yaml: too many alias expansions (nested anchors that grow exponentially?)\n",
    },
    {
      what: "a huge anchor referenced many times",
      file: "values/web.yaml",
      content: hugeAnchor(),
      stderr: `releases: values/web.yaml: expands to more than ${hugeAnchor().length} values through aliases (anchors referenced too often?)\n`,
    },
    {
      what: "maps nested 10,000 deep (flow style)",
      file: "values/web.yaml",
      content: `a: ${"{b: ".repeat(10_000)}1${"}".repeat(10_000)}\n`,
      stderr: /^releases: values\/web\.yaml:1:\d+: nested too deeply \(more than 200 levels\)\n$/,
    },
    {
      what: "lists nested 10,000 deep in releases.yaml",
      file: "releases.yaml",
      content: `releases: ${"[".repeat(10_000)}${"]".repeat(10_000)}\n`,
      stderr: /^releases: releases\.yaml:1:\d+: nested too deeply \(more than 200 levels\)\n$/,
    },
    {
      what: "maps nested 300 deep (block style), with the line of the deepest",
      file: "values/web.yaml",
      content: `${Array.from({ length: 300 }, (_, i) => `${" ".repeat(i)}k:`).join("\n")} 1\n`,
      stderr:
        "releases: values/web.yaml:201:201 k.k.k… (200 levels): nested too deeply (more than 200 levels)\n",
    },
  ])("$what exits 2", async ({ file, content, stderr }) => {
    const out = await cliIn(projectWith(file, text(content)), ["values", "web"], {
      ...KEY,
    });
    if (typeof stderr === "string") expect(out.stderr).toBe(stderr);
    else expect(out.stderr).toMatch(stderr);
    expect(out.code).toBe(2);
  });

  it("exponential aliases in a SOPS file exit 3", async () => {
    const dir = projectWith("values/web.sops.yaml", text(LAUGHS));
    const out = await cliIn(dir, ["values", "web"], KEY);
    expect(out.stderr).toMatch(
      /^releases: values\/web\.sops\.yaml: expands to more than 100000 values through aliases\n$/,
    );
    expect(out.code).toBe(3);
  });

  it("exponential aliases in .sops.yaml exit 3", async () => {
    const dir = projectWith(".sops.yaml", text(`${LAUGHS}\ncreation_rules: []\n`));
    writeFileSync(join(dir, "plain.yaml"), "token: abc\n");
    const out = await cliIn(dir, ["secrets", "encrypt", "plain.yaml"]);
    expect(out.stderr).toBe("releases: .sops.yaml: too many alias expansions\n");
    expect(out.code).toBe(3);
  });
});
