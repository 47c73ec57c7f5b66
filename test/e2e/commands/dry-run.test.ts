import { describe, it } from "vitest";
import {
  type CliResult,
  HELM_BINARIES,
  helmList,
  holdLock,
  kubectl,
  otherRun,
  Project,
  type ReleaseSpec,
  reportOf,
  unique,
} from "../deploy/support.js";
import { namespaceExists, settingsChart, snapshot } from "./fixtures.js";

interface PlanJson {
  dryRun: true;
  releases: {
    id: string;
    stage: number;
    action: string;
    revision?: number | null;
    pending?: string | null;
  }[];
  needsOutside: { id: string; status: string; ok: boolean }[];
}

function planOf(result: CliResult) {
  if (result.code !== 0) throw new Error(`exit ${result.code}:\n${result.stdout}\n${result.stderr}`);
  const plan = JSON.parse(result.stdout) as PlanJson;
  return {
    dryRun: plan.dryRun,
    releases: plan.releases
      .map((r) => [r.stage, r.id, r.action, r.revision ?? null] as const)
      .sort((a, b) => a[0] - b[0]),
    externalNeeds: plan.needsOutside.map(({ id, status }) => ({ id, status })),
  };
}

/** base ← mid ← top, in one namespace; `message` is what a test changes. */
function chain(ns: string, midMessage = "mid"): ReleaseSpec[] {
  return [
    { name: "base", namespace: ns, chart: settingsChart, labels: { app: "base" } },
    {
      name: "mid",
      namespace: ns,
      chart: settingsChart,
      labels: { app: "mid" },
      needs: ["base"],
      values: [{ message: midMessage }],
    },
    { name: "top", namespace: ns, chart: settingsChart, labels: { app: "top" }, needs: ["mid"] },
  ];
}

/** Someone else's run holds the project's releases in the lock of a namespace of its own, for five minutes. */
async function holdLockOf(
  project: Project,
  ns: string,
  onTestFinished: (fn: () => Promise<void>) => void,
): Promise<string> {
  const lockNs = `dry-lock-${unique()}`;
  await kubectl(["create", "namespace", lockNs]);
  onTestFinished(async () => {
    await kubectl(["delete", "namespace", lockNs, "--wait=false", "--ignore-not-found"]);
  });
  const claim = otherRun(
    ["base", "mid", "top"].map((r) => `${ns}/${r}`),
    { identity: "someone-else pid 1" },
  );
  await holdLock(lockNs, [claim], project.dir);
  return lockNs;
}

describe.concurrent.each(HELM_BINARIES)("dry runs with %s", (helm) => {
  it("on a fresh namespace: every release installs, in stage order, and nothing is created", async ({
    expect,
    onTestFinished,
  }) => {
    const ns = `dry-fresh-${unique()}`;
    const project = new Project(helm, chain(ns));
    onTestFinished(() => project.cleanUp());
    const lockNs = await holdLockOf(project, ns, onTestFinished);

    for (const command of ["sync", "apply"]) {
      // The lock is held by another run: a dry run does not take it, so it does not wait for it.
      const plan = await project.releases([command, "--dry-run", "--lock-timeout", "1"]);
      expect(planOf(plan)).toEqual({
        dryRun: true,
        releases: [
          [1, `${ns}/base`, "install", null],
          [2, `${ns}/mid`, "install", null],
          [3, `${ns}/top`, "install", null],
        ],
        externalNeeds: [],
      });
    }

    const selected = await project.releases(["sync", "--dry-run", "-l", "app=top"]);
    expect(planOf(selected)).toEqual({
      dryRun: true,
      releases: [[1, `${ns}/top`, "install", null]],
      externalNeeds: [{ id: `${ns}/mid`, status: "not installed" }],
    });

    const text = await project.releases(["sync", "--dry-run", "-l", "app=top"], { output: "text" });
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/STAGE\s+RELEASE\s+ACTION\s+REVISION/);
    expect(text.stdout).toMatch(new RegExp(`^1\\s+${ns}/top\\s+install\\s+-`, "m"));
    expect(text.stdout).toContain(`needs, outside the selection: ${ns}/mid (not installed)`);
    expect(text.stdout).toContain("nothing was changed");

    expect(await helmList(helm, [ns])).toEqual([]);
    expect(await namespaceExists(ns)).toBe(false); // not even the namespace

    // The lock is real: a deploying run gives up on it, having deployed nothing.
    const blocked = await project.releases(["sync", "--lock-timeout", "1", "--lock-namespace", lockNs]);
    expect(blocked.code, blocked.stderr).toBe(4);
    expect(blocked.stderr).toContain("someone-else pid 1");
    expect(await helmList(helm, [ns])).toEqual([]);
  });

  it("after a sync: apply plans exactly the changed release, sync plans every one, and nothing changes", async ({
    expect,
    onTestFinished,
  }) => {
    const ns = `dry-live-${unique()}`;
    const releases = chain(ns);
    const project = new Project(helm, releases);
    onTestFinished(() => project.cleanUp());
    const first = await project.releases(["sync"]);
    expect(first.code, first.stderr).toBe(0);

    const unchanged = await project.releases(["apply", "--dry-run"]);
    expect(planOf(unchanged).releases).toEqual([
      [1, `${ns}/base`, "unchanged", 1],
      [2, `${ns}/mid`, "unchanged", 1],
      [3, `${ns}/top`, "unchanged", 1],
    ]);

    project.setReleases(chain(ns, "mid, changed"));
    const before = await snapshot(helm, [ns], releases);

    const apply = await project.releases(["apply", "--dry-run"]);
    expect(planOf(apply)).toEqual({
      dryRun: true,
      releases: [
        [1, `${ns}/base`, "unchanged", 1],
        [2, `${ns}/mid`, "upgrade", 1],
        [3, `${ns}/top`, "unchanged", 1],
      ],
      externalNeeds: [],
    });

    const sync = await project.releases(["sync", "--dry-run"]);
    expect(planOf(sync).releases).toEqual([
      [1, `${ns}/base`, "upgrade", 1],
      [2, `${ns}/mid`, "upgrade", 1],
      [3, `${ns}/top`, "upgrade", 1],
    ]);

    const selected = await project.releases(["apply", "--dry-run", "-l", "app=top"]);
    expect(planOf(selected)).toEqual({
      dryRun: true,
      releases: [[1, `${ns}/top`, "unchanged", 1]],
      externalNeeds: [{ id: `${ns}/mid`, status: "deployed" }],
    });

    // A release switched off is planned for uninstall.
    project.setReleases(
      chain(ns, "mid, changed").map((r) => (r.name === "top" ? { ...r, installed: false } : r)),
    );
    const off = await project.releases(["sync", "--dry-run"]);
    expect(planOf(off).releases).toContainEqual([3, `${ns}/top`, "uninstall", 1]);
    project.setReleases(chain(ns, "mid, changed"));

    // Nothing changed in the cluster: no new storage Secret, every history as it was.
    expect(await snapshot(helm, [ns], releases)).toEqual(before);

    // And the plan was right: a real apply upgrades mid and nothing else.
    const real = await project.releases(["apply"]);
    expect(real.code, real.stderr).toBe(0);
    expect(real.report!.releases.map((r) => [r.id, r.action, r.revision])).toEqual([
      [`${ns}/base`, "unchanged", 1],
      [`${ns}/mid`, "upgrade", 2],
      [`${ns}/top`, "unchanged", 1],
    ]);
    expect(reportOf(real, `${ns}/mid`).outcome).toBe("succeeded");
  });
});
