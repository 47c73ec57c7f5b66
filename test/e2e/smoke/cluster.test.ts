import path from "node:path";
import { describe, expect, it } from "vitest";
import { fixtureCharts, run } from "../../toolchain/tools.js";

// Against the kwok cluster the e2e global setup starts (scripts/cluster,
// stages in test/kwok/): real helm v3 and v4 binaries install, wait and test.
const tiny = path.join(fixtureCharts, "tiny");
const tinyStateful = path.join(fixtureCharts, "tiny-stateful");

function kubeconfig(): string {
  const file = process.env.KUBECONFIG;
  if (!file) throw new Error("KUBECONFIG unset: run through the e2e project");
  return file;
}

const helms = [
  // helm 3's --wait is a bool; helm 4's takes a strategy (bare --wait = watcher).
  { bin: "helm", wait: "--wait" },
  { bin: "helm4", wait: "--wait=watcher" },
] as const;

describe.each(helms)("$bin on the kwok cluster", ({ bin, wait }) => {
  const helm = (...args: string[]) => run(bin, [...args, "--kubeconfig", kubeconfig()]);
  const suffix = bin === "helm" ? "h3" : "h4";

  it("installs a Deployment with --wait once its pod is scheduled and Ready", async () => {
    const ns = `smoke-ok-${suffix}`;
    const install = await helm(
      "upgrade",
      "--install",
      "ok",
      tiny,
      "-n",
      ns,
      "--create-namespace",
      wait,
      "--timeout",
      "90s",
    );
    expect(install.code, install.stderr).toBe(0);

    const status = await helm("status", "ok", "-n", ns, "-o", "json");
    expect(JSON.parse(status.stdout).info.status).toBe("deployed");
    const pods = await run("kubectl", ["--kubeconfig", kubeconfig(), "-n", ns, "get", "pods", "-o", "json"]);
    const items = JSON.parse(pods.stdout).items as {
      spec: { nodeName?: string };
      status: { phase: string };
    }[];
    expect(items).toHaveLength(1);
    expect(items[0]!.spec.nodeName).toMatch(/^node-/);
    expect(items[0]!.status.phase).toBe("Running");
  });

  it("passes helm test when the test hook pod succeeds", async () => {
    const ns = `smoke-test-pass-${suffix}`;
    expect((await helm("upgrade", "--install", "t", tiny, "-n", ns, "--create-namespace", wait)).code).toBe(
      0,
    );
    const test = await helm("test", "t", "-n", ns, "--timeout", "60s");
    expect(test.code, test.stderr).toBe(0);
    expect(test.stdout).toMatch(/Phase:\s+Succeeded/);
  });

  it("fails helm test when the test hook pod fails", async () => {
    const ns = `smoke-test-fail-${suffix}`;
    const install = await helm(
      "upgrade",
      "--install",
      "t",
      tiny,
      "-n",
      ns,
      "--create-namespace",
      wait,
      "--set",
      "test.simulate=fail",
    );
    expect(install.code, install.stderr).toBe(0);
    const test = await helm("test", "t", "-n", ns, "--timeout", "60s");
    expect(test.code).toBe(1);
    expect(test.stderr + test.stdout).toMatch(/failed/i);
  });

  it("times out --wait when the pod never becomes Ready", async () => {
    const ns = `smoke-never-ready-${suffix}`;
    const started = Date.now();
    const install = await helm(
      "upgrade",
      "--install",
      "slow",
      tiny,
      "-n",
      ns,
      "--create-namespace",
      wait,
      "--timeout",
      "8s",
      "--set",
      "simulate=never-ready",
    );
    expect(install.code).not.toBe(0);
    expect(install.stderr).toMatch(/timed out|deadline exceeded|timeout/i);
    expect(Date.now() - started).toBeGreaterThanOrEqual(8_000);
    const status = await helm("status", "slow", "-n", ns, "-o", "json");
    expect(JSON.parse(status.stdout).info.status).toBe("failed");
  });

  it("installs a StatefulSet with a volumeClaimTemplate with --wait (kwok binds its PVC)", async () => {
    const ns = `smoke-sts-${suffix}`;
    const install = await helm(
      "upgrade",
      "--install",
      "db",
      tinyStateful,
      "-n",
      ns,
      "--create-namespace",
      wait,
      "--timeout",
      "90s",
    );
    expect(install.code, install.stderr).toBe(0);
    const pvcs = await run("kubectl", ["--kubeconfig", kubeconfig(), "-n", ns, "get", "pvc", "-o", "json"]);
    const items = JSON.parse(pvcs.stdout).items as {
      metadata: { name: string };
      status: { phase: string };
    }[];
    expect(items.map((pvc) => [pvc.metadata.name, pvc.status.phase])).toEqual([["data-db-0", "Bound"]]);
  });
});
