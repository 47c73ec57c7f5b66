// Where one run of the CLI spends its time: the run is repeated once under
// V8's sampling profiler (--cpu-prof) and each sample is put in one phase, by
// the innermost frame of its stack that names one. Printed by the benchmarks
// when a goal is missed, so the miss comes with its cause and the next step.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A module being loaded: everything under it (a library's top level included) is loading. */
const loads = (url) => url.startsWith("node:internal/modules") || url.startsWith("node:internal/bootstrap");

// Phases V8 names itself (its pseudo-frames), or that the stack as a whole decides.
const GC = "garbage collection";
const WAITING = "waiting (helm, the API server, child processes)";
const UNATTRIBUTED = "V8 and node internals (not attributed)";
const LOADING = "loading and compiling modules";

/**
 * Every phase with the next step when it is the largest share of a missed goal; those with
 * `match` are tried on each frame, innermost frame first, in this order.
 */
const PHASES = [
  {
    name: "parsing YAML",
    match: (url, fn) => url.includes("js-yaml") || url.includes("/node_modules/yaml/") || fn === "parseYaml",
    next: "the parser runs as cold (interpreted) code on every start: a faster first parse (a lighter parser for plain files, or fewer allocations per node) or work the next run can reuse",
  },
  {
    name: "templates (handlebars)",
    match: (url) => url.includes("/handlebars"),
    next: "compile each distinct template once per run, and skip handlebars for strings without `{{`",
  },
  {
    name: "Kubernetes API, client side (TLS, JSON)",
    match: (url) =>
      url.includes("/dist/kube/") ||
      url.startsWith("node:tls") ||
      url.startsWith("node:_tls") ||
      url.startsWith("node:_http") ||
      url.startsWith("node:https"),
    next: "fewer requests before the first helm call, made concurrently",
  },
  {
    name: "starting helm processes",
    match: (url) =>
      url.includes("/dist/helm/") ||
      url.startsWith("node:child_process") ||
      url.startsWith("node:internal/child_process"),
    next: "fewer helm processes (the helm version, or batching)",
  },
  {
    name: "config: building releases",
    match: (url) => url.includes("/dist/config/"),
    next: "build releases lazily: only the selected ones, and their needs",
  },
  {
    name: "values and plan",
    match: (url) =>
      url.includes("/dist/values/") ||
      url.includes("/dist/plan/") ||
      url.includes("/dist/graph/") ||
      url.includes("/dist/selector/"),
  },
  { name: "command and output", match: (url) => url.includes("/dist/cli/") || url.includes("/dist/report/") },
  { name: LOADING, next: "load less code at start: a bundled CLI or a V8 start-up snapshot" },
  { name: GC, next: "allocate less while parsing (the heap grows in many small scavenges)" },
  { name: WAITING, next: "the time is helm's or the API server's: overlap more of it" },
];
const MATCHED = PHASES.filter((p) => p.match);

/** What to try next when a phase is the largest share of a missed goal. */
export const NEXT_STEP = Object.fromEntries(PHASES.filter((p) => p.next).map((p) => [p.name, p.next]));

/**
 * `node --cpu-prof <cli> ...argv` in `cwd`, once: milliseconds per phase, the
 * profiled span, and the wall time of an empty node for scale.
 */
export function whereTimeGoes(cli, argv, { cwd, env = {} }) {
  const dir = mkdtempSync(join(tmpdir(), "releases-profile-"));
  try {
    const run = spawnSync(
      process.execPath,
      ["--cpu-prof", `--cpu-prof-dir=${dir}`, "--cpu-prof-interval=250", cli, ...argv],
      {
        cwd,
        env: { ...process.env, ...env },
        encoding: "utf8",
      },
    );
    if (run.status !== 0) throw new Error(`profiled run exited ${run.status}: ${run.stderr.slice(-2000)}`);
    const [file] = readdirSync(dir).filter((f) => f.endsWith(".cpuprofile"));
    return phasesOf(JSON.parse(readFileSync(join(dir, file), "utf8")));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Milliseconds per phase of a .cpuprofile (exported for its unit test). */
export function phasesOf(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const loading = new Map();
  const underLoader = (id) => {
    if (!loading.has(id)) {
      const up = parent.get(id);
      loading.set(id, loads(byId.get(id).callFrame.url) || (up !== undefined && underLoader(up)));
    }
    return loading.get(id);
  };
  const phaseOfNode = new Map();
  const phaseOf = (id) => {
    if (phaseOfNode.has(id)) return phaseOfNode.get(id);
    const { functionName, url } = byId.get(id).callFrame;
    let phase;
    if (functionName === "(garbage collector)") phase = GC;
    else if (functionName === "(idle)") phase = WAITING;
    else if (functionName === "(program)") phase = UNATTRIBUTED;
    else if (underLoader(id)) phase = LOADING;
    else phase = MATCHED.find((p) => p.match(url, functionName))?.name;
    if (phase === undefined) {
      const up = parent.get(id);
      phase = up === undefined || byId.get(up).callFrame.functionName === "(root)" ? "other" : phaseOf(up);
    }
    phaseOfNode.set(id, phase);
    return phase;
  };
  const ms = new Map();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    total += dt;
    const phase = phaseOf(id);
    ms.set(phase, (ms.get(phase) ?? 0) + dt);
  });
  return { total, phases: [...ms].sort((a, b) => b[1] - a[1]) };
}

/** Wall seconds of `node -e 0`: the floor under every run of the CLI. */
export function emptyNodeSeconds() {
  const walls = [];
  for (let i = 0; i < 3; i++) {
    const started = process.hrtime.bigint();
    spawnSync(process.execPath, ["-e", "0"]);
    walls.push(Number(process.hrtime.bigint() - started) / 1e9);
  }
  return walls.sort((a, b) => a - b)[1];
}

/** The phases as lines, with the next step for the largest phase that is ours to cut. */
export function formatPhases({ total, phases }, floor) {
  const lines = [
    `where the time goes (one run under --cpu-prof: ${total.toFixed(0)} ms sampled; an empty node takes ${(floor * 1000).toFixed(0)} ms):`,
  ];
  for (const [phase, ms] of phases) {
    if (ms < 1) continue;
    lines.push(
      `  ${phase.padEnd(50)} ${ms.toFixed(0).padStart(6)} ms  ${((100 * ms) / total).toFixed(0).padStart(3)}%`,
    );
  }
  const ours = phases.find(([phase]) => NEXT_STEP[phase] !== undefined && phase !== WAITING);
  if (ours) lines.push(`  next step (largest: ${ours[0]}): ${NEXT_STEP[ours[0]]}`);
  return lines.join("\n");
}
