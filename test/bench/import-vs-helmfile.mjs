#!/usr/bin/env node
// Import correctness, measured against helmfile itself: for each helmfile
// project of the corpus, `helmfile template` of the original and `releases
// template` of what `releases import` made of it, compared object by object
// (kind, namespace, name → the whole object as data). Printed, not asserted:
// a table per project, then every difference and what the import left.
//
// The corpus: the import e2e stack (test/e2e/import/stack), and helmfile's own
// published test inputs — the `input/` of each case in helmfile v1.8.0's
// test/integration/test-cases, from the Go module cache (the same download the
// toolchain's helmfile build uses). A case is compared when both tools can run it
// here: its charts are local (the machine reaches no chart repository) and
// `helmfile template` succeeds without the arguments its test script passes.
// Every case not compared is listed with the reason.
//
// usage: npm run build && scripts/toolchain helmfile && . scripts/env
//        node test/bench/import-vs-helmfile.mjs [case-name-substring...] [--keep]
// test/integration/import/corpus.test.ts keeps the cases that render the same from regressing.
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";
import { parseAllDocuments } from "yaml";
import { cli, root } from "./paths.mjs";

const HELMFILE_VERSION = /HELMFILE_VERSION=(\S+)/.exec(
  readFileSync(join(root, "scripts/toolchain"), "utf8"),
)[1];

function run(command, argv, cwd, env = {}) {
  const r = spawnSync(command, argv, {
    cwd,
    encoding: "utf8",
    timeout: 120_000,
    env: { ...process.env, ...env },
  });
  return { code: r.status ?? 1, stdout: r.stdout ?? "", stderr: r.stderr ?? String(r.error ?? "") };
}

/** Every object of a manifest stream as data, keyed kind/namespace/name. */
function objects(text) {
  const out = new Map();
  for (const doc of parseAllDocuments(text)) {
    const data = doc.toJS();
    if (!data?.kind) continue;
    out.set(`${data.kind}/${data.metadata?.namespace ?? "-"}/${data.metadata?.name}`, data);
  }
  return out;
}

function helmfileModule() {
  const cache = execFileSync("go", ["env", "GOMODCACHE"], { encoding: "utf8" }).trim();
  const dir = join(cache, `github.com/helmfile/helmfile@${HELMFILE_VERSION}`);
  if (!existsSync(dir))
    execFileSync("go", ["mod", "download", "-json", `github.com/helmfile/helmfile@${HELMFILE_VERSION}`]);
  return dir;
}

/** The cases: { name, dir (the project, inside a copy of its tree), file (the state file) }. */
/** The corpus, copied under `scratch`, its cases whose name contains one of `filters` (all without). */
function corpus(scratch, filters) {
  const cases = [];
  const stack = join(scratch, "stack");
  cpSync(join(root, "test/e2e/import/stack"), stack, { recursive: true });
  cases.push({ name: "releases: test/e2e/import/stack", dir: stack, environment: "production" });
  // The example stack, written as a helmfile beside its charts, environments and manifests.
  const example = join(scratch, "example");
  cpSync(join(root, "test/fixtures/example-helmfile"), example, { recursive: true });
  for (const part of ["charts", "environments", "manifests"])
    cpSync(join(root, part), join(example, part), { recursive: true });
  cases.push({
    name: "releases: the example stack as a helmfile (test/fixtures/example-helmfile)",
    dir: example,
    environment: "development",
    inPlace: true,
    env: { SOPS_AGE_KEY_FILE: join(example, "environments/demo-age-key.txt") },
    needsVault: "secret/app1/db (scripts/vault up; vault kv put secret/app1/db password=…)",
  });
  // Copied whole: inputs reach shared charts as ../../../charts.
  const tree = join(scratch, "helmfile-test");
  cpSync(join(helmfileModule(), "test/integration"), tree, { recursive: true });
  // The module cache keeps no file modes: the cases' post-renderer scripts become runnable again.
  for (const e of readdirSync(tree, { recursive: true, withFileTypes: true }))
    if (e.isFile() && /\.(ba)?sh$/.test(e.name)) chmodSync(join(e.parentPath, e.name), 0o755);
  for (const name of readdirSync(join(tree, "test-cases")).sort()) {
    const dir = join(tree, "test-cases", name, "input");
    if (existsSync(dir)) cases.push({ name: `helmfile: test-cases/${name}`, dir });
  }
  return cases.filter((c) => filters.length === 0 || filters.some((a) => c.name.includes(a)));
}

/** Why a case cannot run here, from its files; undefined when it can. */
function cannotRun(dir) {
  const state = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.ya?ml(\.gotmpl)?$/.test(e.name))
    .map((e) => relative(dir, join(e.parentPath, e.name)));
  for (const f of state) {
    const text = readFileSync(join(dir, f), "utf8");
    const remote = /^\s*-?\s*chart:\s*["']?(oci:\/\/|[\w.-]+\/[\w.-]+\s*$|git::|https?:)/m.exec(text);
    if (remote && !/chart:\s*["']?\.{1,2}\//.test(remote[0]))
      return `a chart from a repository (${remote[0].trim()})`;
  }
  return undefined;
}

function compare(c) {
  if (!["helmfile.yaml", "helmfile.yaml.gotmpl", "helmfile.d"].some((f) => existsSync(join(c.dir, f))))
    return {
      name: c.name,
      skipped: "no helmfile.yaml or helmfile.d in input/ (its test script names the file)",
    };
  const why = cannotRun(c.dir);
  if (why) return { name: c.name, skipped: why };
  if (c.needsVault && !process.env.VAULT_ADDR)
    return { name: c.name, skipped: `needs a Vault (VAULT_ADDR, VAULT_TOKEN) holding ${c.needsVault}` };
  const env = c.environment ? ["-e", c.environment] : [];
  const theirs = run("helmfile", [...env, "template", "--skip-deps"], c.dir, c.env);
  if (theirs.code !== 0)
    return { name: c.name, skipped: `helmfile template fails here: ${lastLine(theirs.stderr)}` };
  // Beside the original, unless the case holds a releases.yaml of its own: vals references
  // (ref+sops://file) name files relative to where the tools run.
  const out = c.inPlace ? c.dir : join(c.dir, "releases-import");
  const imported = run(process.execPath, [cli, "import", "--out", out], c.dir);
  const left = Number(/left for you \((\d+)\)/.exec(imported.stdout)?.[1] ?? 0);
  if (imported.code !== 0 && imported.code !== 2)
    return { name: c.name, failed: `import exited ${imported.code}: ${lastLine(imported.stderr)}` };
  if (!existsSync(join(out, "releases.yaml")))
    return {
      name: c.name,
      failed: `import wrote no releases.yaml (exit ${imported.code}): ${lastLine(imported.stdout + imported.stderr)}`,
    };
  const hasEnvironments = /^environments:/m.test(readFileSync(join(out, "releases.yaml"), "utf8"));
  const ours = run(
    process.execPath,
    [cli, ...(env.length ? env : hasEnvironments ? ["-e", "default"] : []), "template"],
    out,
    c.env,
  );
  const a = objects(theirs.stdout);
  if (a.size === 0) return { name: c.name, skipped: "helmfile template renders no object here" };
  if (ours.code !== 0)
    return {
      name: c.name,
      helmfile: a.size,
      failed: `releases template exited ${ours.code}: ${lastLine(ours.stderr)}`,
      importLeft: imported.code === 2,
      report: imported.stdout,
    };
  const b = objects(ours.stdout);
  const differ = [...a.keys()].filter((k) => b.has(k) && !same(a.get(k), b.get(k)));
  return {
    name: c.name,
    helmfile: a.size,
    releases: b.size,
    same: [...a.keys()].filter((k) => b.has(k) && same(a.get(k), b.get(k))).length,
    hidden: [...a.keys()].filter(
      (k) => b.has(k) && !isDeepStrictEqual(a.get(k), b.get(k)) && same(a.get(k), b.get(k)),
    ).length,
    differ,
    onlyHelmfile: [...a.keys()].filter((k) => !b.has(k)),
    onlyReleases: [...b.keys()].filter((k) => !a.has(k)),
    importLeft: imported.code === 2,
    report: imported.stdout,
    left,
    detail: differ.map((k) => firstDifference(k, a.get(k), b.get(k))),
  };
}

const REDACTED = "<redacted>";
const escaped = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * helmfile's object `x` and ours `y` are the same, where ours may hide a secret: releases prints
 * `<redacted>` for every secret value, in every form (base64 in Secret data too).
 */
function same(x, y) {
  if (typeof x === "string" && typeof y === "string" && y.includes(REDACTED))
    return new RegExp(`^${y.split(REDACTED).map(escaped).join("[\\s\\S]+?")}$`).test(x);
  if (x && y && typeof x === "object" && typeof y === "object" && Array.isArray(x) === Array.isArray(y)) {
    const keys = Object.keys(x);
    return keys.length === Object.keys(y).length && keys.every((k) => k in y && same(x[k], y[k]));
  }
  return isDeepStrictEqual(x, y);
}

function firstDifference(key, x, y, path = "") {
  if (same(x, y)) return undefined;
  if (x && y && typeof x === "object" && typeof y === "object" && !Array.isArray(x)) {
    for (const k of new Set([...Object.keys(x), ...Object.keys(y)])) {
      const d = firstDifference(key, x[k], y[k], `${path}.${k}`);
      if (d) return d;
    }
  }
  return `${key} ${path || "."}: helmfile ${JSON.stringify(x)?.slice(0, 80)}, releases ${JSON.stringify(y)?.slice(0, 80)}`;
}

const lastLine = (text) => text.trim().split("\n").filter(Boolean).at(-1)?.slice(0, 160) ?? "";

/**
 * Every case of the corpus (or those whose name contains one of `filters`), compared in a scratch
 * directory: { name, skipped } | { name, failed } | { name, helmfile, releases, same, differ,
 * onlyHelmfile, onlyReleases, importLeft, report, left, detail }, and `identical(result)`.
 */
export function compareCorpus(filters = [], { keep = false } = {}) {
  const scratch = mkdtempSync(join(tmpdir(), "releases-import-vs-helmfile-"));
  try {
    return { scratch, results: corpus(scratch, filters).map(compare) };
  } finally {
    if (!keep) rmSync(scratch, { recursive: true, force: true });
  }
}

/** Compared, and the same objects in both tools. */
export const identical = (r) =>
  !r.skipped && !r.failed && r.differ.length + r.onlyHelmfile.length + r.onlyReleases.length === 0;

function describe(r) {
  if (r.skipped) return `not compared: ${r.skipped}`;
  if (r.failed) return `FAILED: ${r.failed}`;
  return (
    `${r.same}/${r.helmfile} objects the same` +
    (r.hidden ? ` (${r.hidden} where releases hides a secret)` : "") +
    (r.differ.length ? `, ${r.differ.length} differ` : "") +
    (r.onlyHelmfile.length ? `, ${r.onlyHelmfile.length} only helmfile renders` : "") +
    (r.onlyReleases.length ? `, ${r.onlyReleases.length} only releases renders` : "") +
    (r.importLeft ? `; import left ${r.left} construct(s)` : "; import converted everything")
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const keepAt = args.indexOf("--keep");
  const keep = keepAt >= 0 && args.splice(keepAt, 1).length > 0;
  console.log(
    `releases import beside helmfile ${run("helmfile", ["--version"]).stdout.trim()}, ${run("helm", ["version", "--short"]).stdout.trim()}\n`,
  );
  const { scratch, results } = compareCorpus(args, { keep });
  for (const r of results) console.log(`${r.name.padEnd(70)} ${describe(r)}`);
  const compared = results.filter((r) => !r.skipped);
  const same = compared.filter(identical);
  console.log(
    `\n${results.length} projects: ${compared.length} compared, ${same.length} render the same objects in both tools, ` +
      `${results.length - compared.length} not compared (reasons above)`,
  );
  for (const r of compared.filter((x) => !identical(x))) {
    console.log(`\n## ${r.name}`);
    for (const d of r.detail ?? []) console.log(`  differs: ${d}`);
    for (const k of r.onlyHelmfile ?? []) console.log(`  only helmfile: ${k}`);
    for (const k of r.onlyReleases ?? []) console.log(`  only releases: ${k}`);
    if (r.failed) console.log(`  ${r.failed}`);
    if (r.importLeft) console.log(r.report.replace(/^/gm, "  | "));
  }
  if (keep) console.log(`\nkept in ${scratch}`);
}
