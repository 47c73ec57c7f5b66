// What "the stack is deployed" means, checked three ways: the run's JSON
// report, helm's own view of the cluster, and `releases status`.
import { expect } from "vitest";
import { kubectl } from "../deploy/support.js";
import {
  desiredIds,
  helmHooks,
  helmReleases,
  type RunReport,
  releasesJson,
  type StatusRow,
} from "./stack.js";

/** The app backends: `tests: true` in releases.yaml. */
export const TESTED = ["backend/app1-back", "backend/app2-back"];

export async function expectStackDeployed(environment: string, report: RunReport): Promise<void> {
  const desired = await desiredIds(environment);
  expect(desired).toContain("core/devops");

  expect(report.ok).toBe(true);
  expect(report.releases.map((r) => r.id).sort()).toEqual(desired);
  for (const r of report.releases) {
    expect({ id: r.id, outcome: r.outcome, error: r.error }).toEqual({
      id: r.id,
      outcome: "succeeded",
      error: null,
    });
    expect(["install", "upgrade"]).toContain(r.action);
  }

  const deployed = await helmReleases();
  expect([...deployed.keys()].sort()).toEqual(desired);
  for (const id of desired)
    expect({ id, status: deployed.get(id)?.status }).toEqual({ id, status: "deployed" });

  for (const id of TESTED) {
    const tests = (await helmHooks(id)).filter((h) => h.events.includes("test"));
    expect(tests.length, `${id} has a test hook`).toBeGreaterThan(0);
    for (const hook of tests)
      expect({ id, hook: hook.name, phase: hook.last_run?.phase }).toMatchObject({ phase: "Succeeded" });
  }

  await expectEnvironmentShape(environment);
  await expectInSync(environment);
}

/**
 * What differs per environment in the live objects: the status page's
 * kustomize overlay (replicas, log level, the dev- prefix), PostgreSQL's pod
 * securityContext (removed by development's JSON patch), and the label devops'
 * postsync hook puts on the namespaces.
 */
async function expectEnvironmentShape(environment: string): Promise<void> {
  const overlay = {
    development: { name: "dev-status-page", replicas: 1, logLevel: "debug" },
    staging: { name: "status-page", replicas: 2, logLevel: "info" },
    production: { name: "status-page", replicas: 3, logLevel: "warn" },
  }[environment]!;
  const page = JSON.parse(await kubectl(["-n", "frontend", "get", "deployment", overlay.name, "-o", "json"]));
  expect({
    replicas: page.spec.replicas,
    logLevel: page.spec.template.spec.containers[0].env[0].value,
  }).toEqual({ replicas: overlay.replicas, logLevel: overlay.logLevel });

  const statefulSets = JSON.parse(await kubectl(["-n", "database", "get", "statefulsets", "-o", "json"]));
  const podSecurity = statefulSets.items.map(
    (s: { spec: { template: { spec: { securityContext?: { runAsNonRoot?: boolean } } } } }) =>
      s.spec.template.spec.securityContext?.runAsNonRoot,
  );
  expect(podSecurity).toEqual([environment === "development" ? undefined : true]);

  const labels = JSON.parse(await kubectl(["get", "namespace", "backend", "-o", "json"])).metadata.labels;
  expect(labels["releases.dev/environment"]).toBe(environment);
}

/** `status -o json`: every release deployed, in sync, its secrets current. */
export async function expectInSync(environment: string, cwd?: string): Promise<StatusRow[]> {
  const { json: rows } = await releasesJson<StatusRow[]>(["-e", environment, "status"], { cwd });
  for (const row of rows) {
    expect({ id: row.id, status: row.status, inSync: row.inSync, secretsStale: row.secretsStale }).toEqual({
      id: row.id,
      status: "deployed",
      inSync: true,
      secretsStale: false,
    });
  }
  return rows;
}

export async function expectStackGone(): Promise<void> {
  expect([...(await helmReleases()).keys()]).toEqual([]);
}
