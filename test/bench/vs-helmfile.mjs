#!/usr/bin/env node
// releases beside helmfile v1.8.0 on the same projects (printed numbers, not assertions).
// Each project is written once as a helmfile (helmfile.yaml.gotmpl, a .gotmpl
// values file, needs, labels) and turned into releases.yaml by `releases import`
// itself, so both tools read the same stack. Runs are paired (the two tools
// alternate) and each is a fresh process: wall time, and CPU time of the
// process and everything it started (helm included), from bash's `times`.
//   list         `list` of 500 releases                          goal: >= 10x faster
//   template     `template` of 100 releases (helm template each)   goal: >= 3x faster wall, less CPU
//   critical-path  sync of a 30-release DAG, ready after 1-10 s:  goal: releases <= 1.05 x critical path
//                wall / critical path for both tools
//   apply        50 deployed releases, nothing changed: `releases apply` vs `helmfile sync`
//                (helm-diff, which `helmfile apply` needs, is not on the Go module proxy)   goal: >= 10x
//   selective    sync of one release in a 200-release project, beyond a bare `helm upgrade` of it
//                                                                 goal: releases within 0.3 s
//
// usage: npm run build && scripts/toolchain helmfile && . scripts/env
//        export KUBECONFIG=$(scripts/cluster up)          # for critical-path, apply, selective
//        node test/bench/vs-helmfile.mjs [list] [template] [critical-path] [apply] [selective] [--runs 5] [--keep]
//        --keep: leave the generated projects in place (their directory is printed) to profile them.
// A missed goal is followed by where the time of one more run of ours goes
// (where-time-goes.mjs: the run under --cpu-prof, its samples by phase) and the next step.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { criticalPath, dag, levelByLevel } from "./graph.mjs";
import { chart, cli } from "./paths.mjs";
import { emptyNodeSeconds, formatPhases, whereTimeGoes } from "./where-time-goes.mjs";

const args = process.argv.slice(2);
const runsAt = args.indexOf("--runs");
const runs = runsAt >= 0 ? Number(args.splice(runsAt, 2)[1]) : 5;
const keepAt = args.indexOf("--keep");
const keep = keepAt >= 0 && args.splice(keepAt, 1).length > 0;
const scenarios = args.length > 0 ? args : ["list", "template", "critical-path", "apply", "selective"];
const scratch = mkdtempSync(join(tmpdir(), "releases-vs-helmfile-"));

/** One process, timed: wall seconds, and user+system CPU seconds of it and its children. */
function timed(command, argv, { cwd, env = {} } = {}) {
  const out = join(scratch, "stdout");
  const err = join(scratch, "stderr");
  const started = process.hrtime.bigint();
  const r = spawnSync(
    "bash",
    ["-c", '"$@" >"$BENCH_OUT" 2>"$BENCH_ERR"; rc=$?; times; exit $rc', "bash", command, ...argv],
    {
      cwd,
      encoding: "utf8",
      env: { ...process.env, ...env, BENCH_OUT: out, BENCH_ERR: err },
    },
  );
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  const seconds = (t) => {
    const m = /(\d+)m([\d.]+)s/.exec(t);
    return Number(m[1]) * 60 + Number(m[2]);
  };
  const [user, system] = r.stdout.trim().split("\n")[1].trim().split(/\s+/).map(seconds);
  const result = {
    wall,
    cpu: user + system,
    stdout: readFileSync(out, "utf8"),
    stderr: readFileSync(err, "utf8"),
  };
  if (r.status !== 0) {
    process.stderr.write(result.stderr.slice(-4000));
    throw new Error(`${command} ${argv.join(" ")} exited ${r.status}`);
  }
  return result;
}

const releases = (dir, argv, env) => timed(process.execPath, [cli, ...argv], { cwd: dir, env });
const helmfile = (dir, argv, env) => timed("helmfile", ["--helm-binary", "helm", ...argv], { cwd: dir, env });

/**
 * A helmfile project: `specs` = [{ name, needs: [names], readyAfter, app }] in `namespace`,
 * imported into releases.yaml beside it by `releases import`.
 */
function project(specs, namespace) {
  const dir = mkdtempSync(join(scratch, "project-"));
  const lines = [
    "environments:",
    "  bench:",
    "    values:",
    "      - common.yaml",
    "---",
    "helmDefaults:",
    "  wait: true",
    "  atomic: true",
    "  timeout: 120",
    "  createNamespace: true",
    "releases:",
  ];
  for (const r of specs) {
    lines.push(
      `  - name: ${r.name}`,
      `    namespace: ${namespace}`,
      `    chart: ${chart}`,
      `    labels: { app: ${r.app ?? r.name}, tier: {{ .Values.tier }} }`,
    );
    if (r.needs.length > 0) lines.push(`    needs: [${r.needs.map((n) => `${namespace}/${n}`).join(", ")}]`);
    lines.push("    values:", `      - readyAfter: "${r.readyAfter}s"`, "      - release.yaml.gotmpl");
  }
  writeFileSync(join(dir, "helmfile.yaml.gotmpl"), `${lines.join("\n")}\n`);
  writeFileSync(join(dir, "common.yaml"), "tier: bench\nowner: platform\n");
  // A changed BENCH_REVISION changes every release's values: a real upgrade.
  writeFileSync(
    join(dir, "release.yaml.gotmpl"),
    'revision: {{ env "BENCH_REVISION" | default "0" | quote }}\nowner: {{ .Values.owner }}-{{ .Release.Name }}\n',
  );
  const imported = releases(dir, ["import"]);
  if (!imported.stdout.includes("everything converted"))
    throw new Error(`import left something:\n${imported.stdout}`);
  return dir;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const f2 = (x) => x.toFixed(2);
const line = (label, value) => console.log(`${label.padEnd(64)} ${value}`);

/** `runs` paired runs, the tools alternating who goes first; medians of wall and CPU. */
function paired(ours, theirs) {
  const a = [];
  const b = [];
  for (let i = 0; i < runs; i++) {
    if (i % 2 === 0) {
      a.push(ours());
      b.push(theirs());
    } else {
      b.push(theirs());
      a.push(ours());
    }
  }
  const summary = (xs) => ({ wall: median(xs.map((x) => x.wall)), cpu: median(xs.map((x) => x.cpu)) });
  return { ours: summary(a), theirs: summary(b) };
}

/** When `met` is false: one more run of `releases argv` in `dir`, profiled, by phase. */
function explainMiss(met, dir, argv, env) {
  if (met) return;
  console.log(formatPhases(whereTimeGoes(cli, argv, { cwd: dir, env }), emptyNodeSeconds()));
}

function sideBySide(title, { ours, theirs }, goal, how = `median of ${runs} paired runs`) {
  console.log(`\n## ${title} (${how}; load average ${loadavg()[0].toFixed(1)})`);
  line("", "releases    helmfile    ratio");
  line(
    "wall (s)",
    `${f2(ours.wall).padStart(8)}    ${f2(theirs.wall).padStart(8)}    ${(theirs.wall / ours.wall).toFixed(1)}x`,
  );
  line(
    "CPU, process and children (s)",
    `${f2(ours.cpu).padStart(8)}    ${f2(theirs.cpu).padStart(8)}    ${(theirs.cpu / ours.cpu).toFixed(1)}x`,
  );
  line("goal", goal);
}

function benchList() {
  const dir = project(dag(500, 3, { maxNeeds: 3, minReady: 0, maxReady: 0 }), "bench-list");
  const result = paired(
    () => releases(dir, ["-e", "bench", "list"]),
    () => helmfile(dir, ["-e", "bench", "list"]),
  );
  sideBySide("1. list, 500 releases", result, ">= 10x faster");
  explainMiss(result.theirs.wall / result.ours.wall >= 10, dir, ["-e", "bench", "list"]);
}

function benchTemplate() {
  const dir = project(dag(100, 5, { maxNeeds: 2, minReady: 0, maxReady: 0 }), "bench-template");
  const result = paired(
    () => releases(dir, ["-e", "bench", "template"]),
    () => helmfile(dir, ["-e", "bench", "template", "--skip-deps"]),
  );
  sideBySide("2. template, 100 releases", result, ">= 3x faster wall, less CPU than helmfile");
  const met = result.theirs.wall / result.ours.wall >= 3 && result.ours.cpu < result.theirs.cpu;
  explainMiss(met, dir, ["-e", "bench", "template"]);
}

function destroy(dir) {
  releases(dir, ["-e", "bench", "destroy", "--yes", "--concurrency", "16"]);
}

function benchCriticalPath() {
  const specs = dag(30, 7);
  const dir = project(specs, "bench-vs-cp");
  try {
    const ours = releases(dir, ["-e", "bench", "-o", "json", "sync", "--concurrency", "16"]);
    const durations = new Map(JSON.parse(ours.stdout).releases.map((r) => [r.name, r.durationMs / 1000]));
    const cp = criticalPath(specs, (n) => durations.get(n));
    const levels = levelByLevel(specs, (n) => durations.get(n), 16);
    destroy(dir);
    const theirs = helmfile(dir, ["-e", "bench", "sync", "--skip-deps", "--concurrency", "16"]);
    console.log(
      `\n## 3. sync of a 30-release DAG, ready after 1-10 s, concurrency 16 (load ${loadavg()[0].toFixed(1)})`,
    );
    line("critical path, per-release durations from releases' run (s)", f2(cp));
    line("releases sync wall (s) / critical path", `${f2(ours.wall)}  ${f2(ours.wall / cp)}  (goal <= 1.05)`);
    line("helmfile sync wall (s) / critical path", `${f2(theirs.wall)}  ${f2(theirs.wall / cp)}`);
    line("level-by-level schedule with the same durations / critical path", f2(levels / cp));
    if (ours.wall / cp > 1.05) destroy(dir);
    explainMiss(ours.wall / cp <= 1.05, dir, ["-e", "bench", "sync", "--concurrency", "16"]);
  } finally {
    destroy(dir);
  }
}

function benchApply() {
  const specs = Array.from({ length: 50 }, (_, i) => ({
    name: `a${String(i).padStart(2, "0")}`,
    needs: [],
    readyAfter: 0,
  }));
  const dir = project(specs, "bench-vs-apply");
  try {
    releases(dir, ["-e", "bench", "sync", "--concurrency", "16"]);
    const ours = [];
    for (let i = 0; i < runs; i++) ours.push(releases(dir, ["-e", "bench", "apply", "--concurrency", "16"]));
    // helmfile last: its upgrades replace the fingerprints releases stored.
    const theirs = [];
    for (let i = 0; i < Math.min(runs, 2); i++)
      theirs.push(helmfile(dir, ["-e", "bench", "sync", "--skip-deps", "--concurrency", "16"]));
    const result = {
      ours: { wall: median(ours.map((r) => r.wall)), cpu: median(ours.map((r) => r.cpu)) },
      theirs: { wall: median(theirs.map((r) => r.wall)), cpu: median(theirs.map((r) => r.cpu)) },
    };
    sideBySide(
      "4. nothing changed, 50 deployed releases: releases apply vs helmfile sync",
      result,
      ">= 10x faster (helmfile apply needs helm-diff, which the Go module proxy does not serve)",
      `medians of ${ours.length} applies, then ${theirs.length} helmfile syncs`,
    );
    // helmfile's syncs replaced the stored fingerprints: one apply upgrades them back first.
    releases(dir, ["-e", "bench", "apply", "--concurrency", "16"]);
    explainMiss(result.theirs.wall / result.ours.wall >= 10, dir, [
      "-e",
      "bench",
      "apply",
      "--concurrency",
      "16",
    ]);
  } finally {
    destroy(dir);
  }
}

function benchSelective() {
  const specs = dag(200, 11, { maxNeeds: 3, minReady: 0, maxReady: 0 }).map((r, i) => ({
    ...r,
    app: `app${i}`,
  }));
  const target = specs[150];
  const dir = project(specs, "bench-vs-sel");
  try {
    releases(dir, [
      "-e",
      "bench",
      "-l",
      `app=${target.app}`,
      "--include-transitive-needs",
      "sync",
      "--concurrency",
      "16",
    ]);
    // The bare baseline: helm upgrade of the same release with the values releases renders for it.
    const values = join(dir, "target-values.yaml");
    writeFileSync(values, releases(dir, ["-e", "bench", "values", target.name]).stdout);
    const helmArgs = [
      "upgrade",
      "--install",
      target.name,
      chart,
      "-n",
      "bench-vs-sel",
      "-f",
      values,
      "--wait",
      "--atomic",
      "--timeout",
      "120s",
    ];
    const bare = [];
    const ours = [];
    const theirs = [];
    for (let i = 1; i <= runs; i++) {
      const env = { BENCH_REVISION: String(i) };
      writeFileSync(values, releases(dir, ["-e", "bench", "values", target.name], env).stdout);
      bare.push(timed("helm", helmArgs, { cwd: dir }));
      ours.push(
        releases(dir, ["-e", "bench", "-l", `app=${target.app}`, "sync"], {
          BENCH_REVISION: String(i + 100),
        }),
      );
      theirs.push(
        helmfile(dir, ["-e", "bench", "-l", `app=${target.app}`, "sync", "--skip-deps"], {
          BENCH_REVISION: String(i + 200),
        }),
      );
    }
    const m = (xs) => median(xs.map((x) => x.wall));
    console.log(
      `\n## 5. sync of one release in a 200-release project (${runs} runs each; load ${loadavg()[0].toFixed(1)})`,
    );
    line("bare helm upgrade --install --wait --atomic of it (s)", f2(m(bare)));
    line(
      "releases -l app=X sync (s), beyond the bare upgrade",
      `${f2(m(ours))}  +${f2(m(ours) - m(bare))}  (goal <= +0.30)`,
    );
    line(
      "helmfile -l app=X sync (s), beyond the bare upgrade",
      `${f2(m(theirs))}  +${f2(m(theirs) - m(bare))}`,
    );
    explainMiss(m(ours) - m(bare) <= 0.3, dir, ["-e", "bench", "-l", `app=${target.app}`, "sync"], {
      BENCH_REVISION: "profiled",
    });
  } finally {
    destroy(dir);
  }
}

const benches = {
  list: benchList,
  template: benchTemplate,
  "critical-path": benchCriticalPath,
  apply: benchApply,
  selective: benchSelective,
};
try {
  console.log(
    `releases vs ${timed("helmfile", ["--version"]).stdout.trim()}, ${timed("helm", ["version", "--short"]).stdout.trim()}, node ${process.version}`,
  );
  for (const name of scenarios) {
    if (!benches[name])
      throw new Error(`unknown benchmark ${name} (known: ${Object.keys(benches).join(", ")})`);
    benches[name]();
  }
} finally {
  if (keep) console.log(`\nprojects kept in ${scratch}`);
  else rmSync(scratch, { recursive: true, force: true });
}
