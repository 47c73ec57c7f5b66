// scripts/cluster never leaks processes: `up` on a cluster that exists but does
// not answer (a slow health check on a loaded machine) waits for it, or stops
// exactly its old processes before starting new ones — never a second set
// beside the first — and `down` leaves none. The health check is slowed by the
// script's test-only knob; processes are counted here from /proc on our own,
// by the cluster's directory in their command line or working directory.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url)).replace(/\/$/, "");
const NAME = `leak-test-${process.pid}`;
const CLUSTER_DIR = `${ROOT}/.toolchain/kwok/clusters/${NAME}`;

function cluster(command: "up" | "down", env: Record<string, string> = {}): string {
  const out = spawnSync(`${ROOT}/scripts/cluster`, [command, "--name", NAME], {
    env: { ...process.env, ...env },
    encoding: "utf8",
  });
  expect(out.status, out.stderr).toBe(0);
  return out.stderr;
}

/** Pids of processes whose command line or working directory names the cluster's directory. */
function clusterPids(): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const args = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0");
      if (
        ![
          "etcd",
          "kube-apiserver",
          "kube-controller-manager",
          "kube-scheduler",
          "kwok",
          "kwok-controller",
          "kube",
        ].includes(args[0]!.split("/").pop()!)
      )
        continue;
      const cwd = readlinkSync(`/proc/${entry}/cwd`);
      if (
        cwd.startsWith(CLUSTER_DIR) ||
        args.some((a) => a.includes(`${CLUSTER_DIR}/`) || a.endsWith(CLUSTER_DIR))
      ) {
        pids.push(Number(entry));
      }
    } catch {
      // the process ended while we looked
    }
  }
  return pids.sort((a, b) => a - b);
}

afterAll(() => {
  spawnSync(`${ROOT}/scripts/cluster`, ["down", "--name", NAME], { encoding: "utf8" });
}, 120_000);

it("up twice under a slow health check keeps one set of processes; down stops them all", {
  timeout: 900_000,
}, () => {
  cluster("up");
  const first = clusterPids();
  expect(first.length).toBeGreaterThanOrEqual(5); // etcd, apiserver, controller manager, scheduler, kwok

  // Not answering for 5 s while its processes run: up waits, starts nothing.
  const waited = cluster("up", { RELEASES_CLUSTER_FAKE_UNHEALTHY_SECONDS: "5" });
  expect(waited).toContain("not answering while its processes run; waiting");
  expect(clusterPids()).toEqual(first);

  // Not answering for longer than up waits: it stops exactly the old set, then starts one new set.
  const restarted = cluster("up", {
    RELEASES_CLUSTER_FAKE_UNHEALTHY_SECONDS: "25",
    RELEASES_CLUSTER_SETTLE_SECONDS: "3",
  });
  expect(restarted).toContain(`stopping ${first.length} process(es) of this cluster`);
  const second = clusterPids();
  expect(second).toHaveLength(first.length);
  expect(second.filter((pid) => first.includes(pid))).toEqual([]);

  cluster("down");
  expect(clusterPids()).toEqual([]);
});
