#!/usr/bin/env node
// Deploy benchmarks on the local kwok cluster (printed numbers, not assertions):
//   1. critical path: a seeded 30-release DAG whose releases take uneven, known
//      times to become ready. `sync` wall time beside the graph's critical path
//      (from the measured per-release durations) and beside what a
//      level-by-level schedule (Helmfile's) would take with the same durations.
//   2. apply on 50 deployed, unchanged releases: wall time and helm processes.
//   3. `sync -l app=X` in a 200-release project: time beyond the one helm upgrade.
//   4. drift: `status` on 50 deployed releases with the drift check and
//      without it (--ignore-drift): wall time and Kubernetes API requests
//      (from --debug), in sync and with 10 releases changed by hand.
//
// usage: . scripts/env && export KUBECONFIG=$(scripts/cluster kubeconfig)
//        node test/bench/deploy.mjs [critical-path|apply|selective|drift]... [--helm helm4]
// Needs `npm run build` first. Leaves nothing behind (destroys what it deployed).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { criticalPath, dag, levelByLevel } from "./graph.mjs";
import { chart, cli, root } from "./paths.mjs";

const args = process.argv.slice(2);
const helmAt = args.indexOf("--helm");
const helm = helmAt >= 0 ? args.splice(helmAt, 2)[1] : "helm";
const scenarios = args.length > 0 ? args : ["critical-path", "apply", "selective"];

/** releases: [{ name, needs: [names], readyAfter: seconds, app }] */
function writeProject(releases, namespace, releaseChart = chart) {
  const dir = mkdtempSync(join(tmpdir(), "releases-bench-"));
  const lines = [`defaults:`, `  namespace: ${namespace}`, `  timeout: 120`, `releases:`];
  for (const r of releases) {
    lines.push(
      `  - name: ${r.name}`,
      `    chart: ${releaseChart}`,
      `    labels: { app: ${r.app ?? r.name} }`,
    );
    if (r.needs.length > 0) lines.push(`    needs: [${r.needs.join(", ")}]`);
    lines.push(`    values:`, `      - readyAfter: "${r.readyAfter}s"`, `      - revision.yaml.hbs`);
  }
  writeFileSync(join(dir, "releases.yaml"), `${lines.join("\n")}\n`);
  // A changed BENCH_REVISION changes every release's values: a real upgrade.
  writeFileSync(join(dir, "revision.yaml.hbs"), `revision: {{env "BENCH_REVISION" "0"}}\n`);
  return dir;
}

function releasesCli(dir, argv, env = {}) {
  const started = process.hrtime.bigint();
  const out = spawnSync(process.execPath, [cli, "-f", join(dir, "releases.yaml"), ...argv], {
    encoding: "utf8",
    env: { ...process.env, RELEASES_HELM: helm, ...env },
    maxBuffer: 64 << 20,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (out.status !== 0) {
    process.stderr.write(out.stderr.slice(-4000));
    throw new Error(`releases ${argv.join(" ")} exited ${out.status}`);
  }
  return { seconds, stdout: out.stdout, stderr: out.stderr };
}

function report(result) {
  return JSON.parse(result.stdout);
}

const results = [];
const line = (label, value) => {
  results.push([label, value]);
  console.log(`${label.padEnd(58)} ${value}`);
};

function benchCriticalPath() {
  const releases = dag(30, 7);
  const dir = writeProject(releases, "bench-cp");
  const concurrency = 16;
  try {
    const run = releasesCli(dir, ["-o", "json", "sync", "--concurrency", String(concurrency)]);
    const durations = new Map(report(run).releases.map((r) => [r.name, r.durationMs / 1000]));
    const duration = (name) => durations.get(name);
    const cp = criticalPath(releases, duration);
    const levels = levelByLevel(releases, duration, concurrency);
    console.log(
      `\n## 1. critical path — 30 releases, ready after 1–10 s, --concurrency ${concurrency}, ${helm}`,
    );
    line("releases sync wall time (s)", run.seconds.toFixed(1));
    line("critical path of the graph, measured durations (s)", cp.toFixed(1));
    line("level-by-level schedule, same durations (s)", levels.toFixed(1));
    line("ratio sync / critical path (goal <= 1.15)", (run.seconds / cp).toFixed(2));
    line("ratio level-by-level / critical path", (levels / cp).toFixed(2));
  } finally {
    releasesCli(dir, ["destroy", "--yes", "--concurrency", "16"]);
    rmSync(dir, { recursive: true, force: true });
  }
}

function benchApply() {
  const releases = Array.from({ length: 50 }, (_, i) => ({
    name: `a${String(i).padStart(2, "0")}`,
    needs: [],
    readyAfter: 0,
  }));
  const dir = writeProject(releases, "bench-apply");
  try {
    const first = releasesCli(dir, ["-o", "json", "sync", "--concurrency", "16"]);
    const apply = releasesCli(dir, ["-o", "json", "--debug", "apply", "--concurrency", "16"]);
    const helmCalls = apply.stderr
      .split("\n")
      .filter((l) => l.startsWith("[debug]") && l.includes(" -> exit "));
    const upgrades = helmCalls.filter((l) => / upgrade /.test(l)).length;
    const unchanged = report(apply).releases.filter((r) => r.outcome === "unchanged").length;
    const resync = releasesCli(dir, ["-o", "json", "sync", "--concurrency", "16"], { BENCH_REVISION: "1" });
    console.log(`\n## 2. apply on 50 deployed, unchanged releases, ${helm}`);
    line("first sync, 50 installs (s)", first.seconds.toFixed(1));
    line("apply, nothing changed (s) (goal < 3)", apply.seconds.toFixed(2));
    line("  helm processes besides `helm version` (upgrades)", `${helmCalls.length} (${upgrades})`);
    line("  releases reported unchanged", `${unchanged}/50`);
    line("baseline: sync of the same, 50 upgrades (s)", resync.seconds.toFixed(1));
  } finally {
    releasesCli(dir, ["destroy", "--yes", "--concurrency", "16"]);
    rmSync(dir, { recursive: true, force: true });
  }
}

function benchSelective() {
  const releases = dag(200, 11, { maxNeeds: 3, minReady: 0, maxReady: 0 }).map((r, i) => ({
    ...r,
    app: `app${i}`,
  }));
  const target = releases[150];
  const dir = writeProject(releases, "bench-sel");
  try {
    // Deploy the target and everything it needs, then redeploy the target alone.
    releasesCli(dir, [
      "-l",
      `app=${target.app}`,
      "--include-transitive-needs",
      "sync",
      "--concurrency",
      "16",
    ]);
    const runs = [];
    for (let i = 1; i <= 3; i++) {
      const run = releasesCli(dir, ["-l", `app=${target.app}`, "--debug", "sync"], {
        BENCH_REVISION: String(i),
      });
      const upgrade = run.stderr.split("\n").find((l) => l.startsWith("[debug]") && / upgrade /.test(l));
      const helmMs = Number(/in (\d+) ms/.exec(upgrade ?? "")?.[1] ?? Number.NaN);
      runs.push({ wall: run.seconds, helm: helmMs / 1000 });
    }
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    console.log(
      `\n## 3. sync -l app=X in a 200-release project (X needs ${target.needs.length} deployed releases), ${helm}`,
    );
    line("sync wall time, median of 3 (s)", median(runs.map((r) => r.wall)).toFixed(2));
    line("  of which the one helm upgrade (s)", median(runs.map((r) => r.helm)).toFixed(2));
    line(
      "time beyond the helm upgrade (s) (goal < 0.5)",
      median(runs.map((r) => r.wall - r.helm)).toFixed(2),
    );
  } finally {
    releasesCli(dir, ["destroy", "--yes", "--concurrency", "16"]);
    rmSync(dir, { recursive: true, force: true });
  }
}

function benchDrift() {
  const releases = Array.from({ length: 50 }, (_, i) => ({
    name: `d${String(i).padStart(2, "0")}`,
    needs: [],
    readyAfter: 0,
  }));
  const namespace = "bench-drift";
  // The paced fixture chart: a Deployment and a ConfigMap (`<name>-message`) per release.
  const dir = writeProject(releases, namespace, join(root, "test/fixtures/charts/paced"));
  const kubectl = (...argv) => {
    const out = spawnSync("kubectl", ["-n", namespace, ...argv], { encoding: "utf8" });
    if (out.status !== 0) throw new Error(`kubectl ${argv.join(" ")}: ${out.stderr}`);
  };
  /** `status --debug` three times: median wall time, the API requests it reports, and the DRIFT column. */
  const status = (...extra) => {
    const runs = [1, 2, 3].map(() => releasesCli(dir, ["-o", "json", "--debug", "status", ...extra]));
    const requests = /\[debug\] Kubernetes API: (.*)/.exec(runs[0].stderr)?.[1] ?? "?";
    const drifted = JSON.parse(runs[0].stdout).filter((r) => r.drift?.state === "drifted").length;
    const middle = (xs) => [...xs].sort((a, b) => a - b)[1];
    // The check's own time, measured inside the run (--debug), apart from start-up, loading and rendering.
    const check = runs.map((r) =>
      Number(/\[debug\] drift check: .* in ([\d.]+) s/.exec(r.stderr)?.[1] ?? Number.NaN),
    );
    return { median: middle(runs.map((r) => r.seconds)), check: middle(check), requests, drifted };
  };
  try {
    releasesCli(dir, ["-o", "json", "sync", "--concurrency", "16"]);
    const plain = status("--ignore-drift");
    const clean = status();
    for (let i = 0; i < 5; i++)
      kubectl("set", "image", `deployment/d${String(i).padStart(2, "0")}`, "app=x:1");
    for (let i = 5; i < 10; i++) kubectl("delete", "configmap", `d${String(i).padStart(2, "0")}-message`);
    const drifted = status();
    const apply = releasesCli(dir, ["-o", "json", "apply", "--concurrency", "16"]);
    const upgraded = report(apply).releases.filter((r) => r.outcome === "succeeded").length;
    console.log(`\n## 4. drift check on 50 deployed releases (a Deployment and a ConfigMap each), ${helm}`);
    line("status --ignore-drift, median of 3 (s)", plain.median.toFixed(2));
    line("  Kubernetes API", plain.requests);
    line("status with the drift check, nothing drifted (s)", clean.median.toFixed(2));
    line("  of which the drift check (s)", clean.check.toFixed(2));
    line("  Kubernetes API", clean.requests);
    line("status, 5 images changed and 5 ConfigMaps deleted by hand (s)", drifted.median.toFixed(2));
    line("  of which the drift check (s)", drifted.check.toFixed(2));
    line("  Kubernetes API", drifted.requests);
    line("  releases reported drifted", `${drifted.drifted}/50`);
    line("apply after that (s), releases upgraded", `${apply.seconds.toFixed(1)}, ${upgraded}/50`);
  } finally {
    releasesCli(dir, ["destroy", "--yes", "--concurrency", "16"]);
    rmSync(dir, { recursive: true, force: true });
  }
}

const benches = {
  "critical-path": benchCriticalPath,
  apply: benchApply,
  selective: benchSelective,
  drift: benchDrift,
};
for (const name of scenarios) {
  if (!benches[name])
    throw new Error(`unknown benchmark ${name} (known: ${Object.keys(benches).join(", ")})`);
  benches[name]();
}
