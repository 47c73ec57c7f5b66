// One project, two clusters: the e2e cluster holds the core tier (the
// environment's kubeContext), a second local cluster started here holds the
// apps (their own kubeconfig and kubeContext), apps need the core across the
// two, and one `namespace/name` is deployed to both, so its ids carry the
// cluster. Each cluster is asked for its own releases, gets its own deploy
// lock, and the run's record lives in the environment's cluster.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot, run } from "../../toolchain/tools.js";
import {
  HELM_BINARIES,
  kubeconfig,
  loggedAt,
  Project,
  pacedChart,
  releasesCli,
  reportOf,
  unique,
} from "./support.js";

const APPS = `${process.env.RELEASES_E2E_NAME ?? "releases-test"}-apps`;
let appsKubeconfig = "";

function cluster(args: string[]): string {
  return execFileSync(path.join(repoRoot, "scripts", "cluster"), args, {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  }).trim();
}

beforeAll(() => {
  appsKubeconfig = cluster(["up", "--name", APPS]);
});
afterAll(() => {
  cluster(["down", "--name", APPS]);
});

/** The current context of a kubeconfig (kwokctl names it kwok-<cluster>). */
async function contextOf(file: string): Promise<string> {
  const out = await run("kubectl", ["--kubeconfig", file, "config", "current-context"]);
  return out.stdout.trim();
}

/** `helm list -A` in one cluster: the release ids (namespace/name) it holds. */
async function releasesIn(file: string, namespaces: string[]): Promise<string[]> {
  const out = await run("helm", ["list", "-A", "-o", "json", "--kubeconfig", file]);
  return (JSON.parse(out.stdout) as { name: string; namespace: string }[])
    .filter((r) => namespaces.includes(r.namespace))
    .map((r) => `${r.namespace}/${r.name}`)
    .sort();
}

async function kubectlIn(file: string, args: string[]): Promise<string> {
  const out = await run("kubectl", ["--kubeconfig", file, ...args]);
  if (out.code !== 0) throw new Error(`kubectl ${args.join(" ")}: ${out.stderr}`);
  return out.stdout;
}

// Cleanups go through the test's own context: vitest's global onTestFinished
// cannot tell concurrent tests apart, and would clean one variant up while the
// other is still running.
describe.concurrent.each(HELM_BINARIES)("a project across two clusters with %s", (helm) => {
  it("deploys each release to its cluster, needs across them, one lock per cluster, ids with the cluster where needed", async ({
    onTestFinished,
  }) => {
    const u = unique();
    const [core, apps] = [`core-${u}`, `apps-${u}`];
    const shared = `probe-${u}`;
    const [coreContext, appsContext] = [await contextOf(kubeconfig()), await contextOf(appsKubeconfig)];
    const inApps = { kubeconfig: appsKubeconfig, kubeContext: appsContext };
    const project = new Project(helm, [
      { name: "db", namespace: core },
      { name: "probe", namespace: shared },
    ]);
    onTestFinished(async () => {
      await project.cleanUp();
      await kubectlIn(appsKubeconfig, [
        "delete",
        "namespace",
        apps,
        shared,
        "--wait=false",
        "--ignore-not-found",
      ]);
    });
    project.writeFile("releases.yaml", {
      environments: { [project.environment]: { kubeContext: coreContext } },
      defaults: { createNamespace: true, atomic: true, wait: true, timeout: "60s" },
      releases: [
        { name: "db", namespace: core, chart: pacedChart, values: [{ readyAfter: "2s" }] },
        { name: "api", namespace: apps, chart: pacedChart, ...inApps, needs: [`${core}/db`] },
        { name: "probe", namespace: shared, chart: pacedChart },
        {
          name: "probe",
          namespace: shared,
          chart: pacedChart,
          ...inApps,
          needs: [`${coreContext}/${shared}/probe`],
        },
      ],
    });
    const ids = {
      db: `${core}/db`,
      api: `${apps}/api`,
      coreProbe: `${coreContext}/${shared}/probe`,
      appsProbe: `${appsContext}/${shared}/probe`,
    };

    const synced = await project.releases(["sync"]);
    expect(synced.code, synced.stderr).toBe(0);
    for (const id of Object.values(ids)) expect(reportOf(synced, id).outcome).toBe("succeeded");
    // Each release is in its own cluster, and only there.
    expect(await releasesIn(kubeconfig(), [core, apps, shared])).toEqual([`${core}/db`, `${shared}/probe`]);
    expect(await releasesIn(appsKubeconfig, [core, apps, shared])).toEqual([
      `${apps}/api`,
      `${shared}/probe`,
    ]);
    // A need across clusters is waited for: api starts once db (ready after 2 s) is done.
    expect(loggedAt(synced, ids.api, /^installing$/)).toBeGreaterThanOrEqual(
      loggedAt(synced, ids.db, /^installed/),
    );
    // The lock was taken in both clusters (each Lease is created by the first run that locks there).
    for (const file of [kubeconfig(), appsKubeconfig]) {
      expect(
        await kubectlIn(file, ["get", "lease", "releases-lock", "-n", "default", "-o", "name"]),
      ).toContain("releases-lock");
    }
    // The run's record is in the environment's cluster.
    const history = await releasesCli(["history", "-e", project.environment, "-o", "json"], project.dir);
    expect(history.code, history.stderr).toBe(0);
    const runs = (JSON.parse(history.stdout) as { runs: { releases: { id: string }[] }[] }).runs;
    expect(runs[0]!.releases.map((r) => r.id).sort()).toEqual(Object.values(ids).sort());

    // Nothing changed: apply reads both clusters and starts no helm upgrade.
    const applied = await project.releases(["apply", "--debug"]);
    expect(applied.code, applied.stderr).toBe(0);
    for (const id of Object.values(ids)) expect(reportOf(applied, id).action).toBe("unchanged");
    expect(applied.helmCalls.filter((args) => args[0] === "upgrade")).toEqual([]);

    // One app redeployed with -l: only its cluster is asked and locked, helm is pointed at it.
    const one = await project.releases(["sync", "-l", `namespace=${apps}`, "--skip-needs", "--debug"]);
    expect(one.code, one.stderr).toBe(0);
    const upgrade = one.helmCalls.find((args) => args[0] === "upgrade")!;
    expect(upgrade.join(" ")).toContain(`--kube-context ${appsContext} --kubeconfig ${appsKubeconfig}`);

    const status = await project.releases(["status"]);
    expect(status.code, status.stderr).toBe(0);
    const rows = JSON.parse(status.stdout) as { id: string; inSync: boolean }[];
    expect(rows.map((r) => [r.id, r.inSync]).sort()).toEqual(
      Object.values(ids)
        .sort()
        .map((id) => [id, true]),
    );

    // helm's storage is read with one call per cluster (each holds releases in two namespaces).
    const reads = await project.releases(["status", "--ignore-drift", "--debug"]);
    expect(reads.stderr).toContain("Kubernetes API: 2 requests (0 discovery, 2 list, 0 dry-run apply)");

    // destroy uninstalls from both clusters, dependents first.
    const destroyed = await project.releases(["destroy", "--yes"]);
    expect(destroyed.code, destroyed.stderr).toBe(0);
    expect(await releasesIn(kubeconfig(), [core, apps, shared])).toEqual([]);
    expect(await releasesIn(appsKubeconfig, [core, apps, shared])).toEqual([]);
    expect(loggedAt(destroyed, ids.db, /^uninstalling/)).toBeGreaterThanOrEqual(
      loggedAt(destroyed, ids.api, /^uninstalled/),
    );
  });
});
