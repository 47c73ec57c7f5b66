// The benchmarks' synthetic graphs: a seeded DAG of releases, its critical
// path and what a level-by-level schedule (Helmfile's) takes with the same
// per-release durations. Shared by deploy.mjs and vs-helmfile.mjs.

/** mulberry32: a small seeded generator, so every run benchmarks the same graph. */
export function random(seed) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function criticalPath(releases, duration) {
  const memo = new Map();
  const finish = (name) => {
    if (memo.has(name)) return memo.get(name);
    const r = releases.find((x) => x.name === name);
    const value = Math.max(0, ...r.needs.map(finish)) + duration(name);
    memo.set(name, value);
    return value;
  };
  return Math.max(...releases.map((r) => finish(r.name)));
}

export function levelByLevel(releases, duration, concurrency) {
  const depth = new Map();
  const depthOf = (name) => {
    if (depth.has(name)) return depth.get(name);
    const r = releases.find((x) => x.name === name);
    const d = Math.max(-1, ...r.needs.map(depthOf)) + 1;
    depth.set(name, d);
    return d;
  };
  const levels = [];
  for (const r of releases) {
    const d = depthOf(r.name);
    levels[d] = [...(levels[d] ?? []), duration(r.name)];
  }
  // Each level waits for its slowest release; within a level, `concurrency` at once (longest first).
  return levels.reduce((total, level) => {
    const lanes = new Array(Math.min(concurrency, level.length)).fill(0);
    for (const d of [...level].sort((a, b) => b - a)) lanes[lanes.indexOf(Math.min(...lanes))] += d;
    return total + Math.max(...lanes);
  }, 0);
}

export function dag(count, seed, { maxNeeds = 2, minReady = 1, maxReady = 10 } = {}) {
  const rand = random(seed);
  const releases = [];
  for (let i = 0; i < count; i++) {
    const needs = new Set();
    const wanted = i === 0 ? 0 : Math.floor(rand() * (maxNeeds + 1));
    for (let j = 0; j < wanted; j++) needs.add(`r${String(Math.floor(rand() * i)).padStart(3, "0")}`);
    releases.push({
      name: `r${String(i).padStart(3, "0")}`,
      needs: [...needs],
      readyAfter: Math.round(minReady + rand() * (maxReady - minReady)),
    });
  }
  return releases;
}
