// Benchmark: how loading grows with input size. Generates values files of
// 1, 2, 4 and 8 MB (a map of services, each a small nested map), a list of
// 60,000 small maps and flat maps of 20,000 and 80,000 keys, and times, each in a fresh process as a user runs it:
//
//   helm template x <chart> -f <file>     what helm itself spends on the file
//   releases values web -o json           load + merge + render the release's values
//   releases template                     the same, then helm template with them
//
// plus `releases list` on a generated 5,000-release project. Each number is the
// best of --runs runs: wall-clock seconds and CPU seconds (user + system of the
// child, from /proc/self/stat), since on a shared, loaded machine wall time
// mostly measures the other users.
//
// usage: npm run build && . scripts/env && node scripts/bench-load.mjs [--runs 3] [--sizes 1,2,4,8] [--flat 20000,80000] [--releases 5000]
//          [--cli <another build's dist/cli/main.js>] [--keep]
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { values: args } = parseArgs({
  options: {
    runs: { type: "string", default: "3" },
    sizes: { type: "string", default: "1,2,4,8" },
    releases: { type: "string", default: "5000" },
    // Flat maps of this many keys: where yaml's duplicate-key check was quadratic.
    flat: { type: "string", default: "20000,80000" },
    keep: { type: "boolean", default: false },
    // Another build to compare with, e.g. one of an earlier commit.
    cli: { type: "string", default: join(root, "dist/cli/main.js") },
  },
});
const RUNS = Number(args.runs);
const cliPath = args.cli;
const SIZES = args.sizes === "" ? [] : args.sizes.split(",").map(Number);

/** A map of services, each a small nested map, until the text reaches `mb` megabytes. */
function servicesFile(mb) {
  const target = mb * 1024 * 1024;
  const parts = ["services:\n"];
  let length = parts[0].length;
  for (let i = 0; length < target; i++) {
    const part =
      `  svc${i}:\n    image: registry.example.com/team/svc${i}:1.${i % 50}.0\n    replicas: ${i % 7}\n` +
      `    enabled: ${i % 2 === 0}\n    labels:\n      app: svc${i}\n      tier: backend\n` +
      `    env:\n      - name: LOG_LEVEL\n        value: info\n      - name: PORT\n        value: "${8000 + (i % 1000)}"\n` +
      "    resources: {limits: {cpu: 500m, memory: 256Mi}}\n";
    parts.push(part);
    length += part.length;
  }
  return parts.join("");
}

/** A list of `count` small maps (about 5 MB for 60,000). */
function listFile(count) {
  const parts = ["items:\n"];
  for (let i = 0; i < count; i++) {
    parts.push(
      `  - name: item-${i}\n    value: ${i}\n    enabled: true\n    owner: team-${i % 40}\n    note: entry ${i}\n`,
    );
  }
  return parts.join("");
}

/** A project of `count` releases sharing one chart, with labels, values and a chain of needs. */
function bigProject(count) {
  const parts = ["environments:\n  default:\n    values:\n      - env.yaml\nreleases:\n"];
  for (let i = 0; i < count; i++) {
    parts.push(
      `  - name: app${i}\n    namespace: ns${i % 50}\n    chart: ./chart\n    labels:\n      tier: t${i % 5}\n` +
        `    values:\n      - values.yaml\n      - replicas: ${i % 3}\n` +
        (i > 0 ? `    needs:\n      - ns${(i - 1) % 50}/app${i - 1}\n` : ""),
    );
  }
  return parts.join("");
}

/** CPU seconds (user + system) of this process's waited-for children so far. */
function childCpu() {
  const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1].split(" ");
  // After "pid (comm) ", field 14 (cutime) and 15 (cstime) of stat(5) are at 13 and 14.
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

/** Best wall and CPU seconds of RUNS runs of `argv` in `cwd`; fails loudly if the command does. */
function time(argv, cwd) {
  let wall = Number.POSITIVE_INFINITY;
  let cpu = Number.POSITIVE_INFINITY;
  for (let run = 0; run < RUNS; run++) {
    const cpuBefore = childCpu();
    const start = process.hrtime.bigint();
    const out = spawnSync(argv[0], argv.slice(1), { cwd, maxBuffer: 1 << 30, encoding: "utf8" });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    if (out.status !== 0) throw new Error(`${argv.join(" ")} failed (${out.status}):\n${out.stderr}`);
    wall = Math.min(wall, seconds);
    cpu = Math.min(cpu, childCpu() - cpuBefore);
  }
  return { wall, cpu };
}

const fmt = ({ wall, cpu }) => `${wall.toFixed(2).padStart(6)} s ${`(${cpu.toFixed(2)})`.padStart(8)}`;

const dir = mkdtempSync(join(tmpdir(), "releases-bench-load-"));
try {
  mkdirSync(join(dir, "chart/templates"), { recursive: true });
  writeFileSync(join(dir, "chart/Chart.yaml"), "apiVersion: v2\nname: chart\nversion: 0.1.0\n");
  writeFileSync(
    join(dir, "chart/templates/cm.yaml"),
    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\ndata:\n  keys: {{ len .Values | quote }}\n",
  );
  writeFileSync(
    join(dir, "releases.yaml"),
    "releases:\n  - name: web\n    chart: ./chart\n    values:\n      - values.yaml\n",
  );
  const helm = spawnSync("helm", ["version", "--short"], { encoding: "utf8" }).stdout?.trim() ?? "not found";
  console.log(
    `node ${process.version}, helm ${helm}, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
  console.log(`best of ${RUNS}: wall seconds (CPU seconds)\n`);
  console.log(
    `${"input".padEnd(24)}${"helm template -f".padStart(20)}${"releases values".padStart(20)}${"releases template".padStart(20)}`,
  );
  const cases = [
    { label: "a 1-line values file", text: "replicas: 1\n" }, // the fixed cost: process start-up, imports
    ...SIZES.map((mb) => ({ label: `${mb} MB values file`, text: servicesFile(mb) })),
    { label: "60,000-map list", text: listFile(60_000) },
    ...(args.flat === "" ? [] : args.flat.split(",").map(Number)).map((keys) => ({
      label: `${keys / 1000}k-key flat map`,
      text: Array.from({ length: keys }, (_, i) => `key${i}: value${i}\n`).join(""),
    })),
  ];
  for (const { label, text } of cases) {
    writeFileSync(join(dir, "values.yaml"), text);
    const helmTime = time(["helm", "template", "x", "./chart", "-f", "values.yaml"], dir);
    const values = time([process.execPath, cliPath, "values", "web", "-o", "json"], dir);
    const template = time([process.execPath, cliPath, "template"], dir);
    const name = `${label} (${(text.length / 1024 / 1024).toFixed(1)} MB)`;
    console.log(
      `${name.padEnd(24)}${fmt(helmTime).padStart(20)}${fmt(values).padStart(20)}${fmt(template).padStart(20)}`,
    );
  }

  const count = Number(args.releases);
  writeFileSync(join(dir, "releases.yaml"), bigProject(count));
  writeFileSync(join(dir, "env.yaml"), "domain: example.com\n");
  writeFileSync(join(dir, "values.yaml"), "image: nginx\n");
  const list = time([process.execPath, cliPath, "list"], dir);
  console.log(`\n${`releases list, ${count} releases`.padEnd(44)}${fmt(list).padStart(20)}`);
} finally {
  if (args.keep) console.log(`kept ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}
