// Drift against the live cluster: objects changed or deleted by hand after a
// deploy are reported by `status`, shown by `diff --live` (Secret values never
// in clear), left alone by `apply --ignore-drift` and corrected by `apply`;
// a replica count an autoscaler owns is not drift.
import { describe, it } from "vitest";
import type { ReleaseStatus } from "../../../src/cli/commands/status.js";
import type { DeployPlan } from "../../../src/plan/deploy-plan.js";
import { settingsChart } from "../commands/fixtures.js";
import { HELM_BINARIES, kubectl, latestRevision, Project, reportOf, unique } from "../deploy/support.js";

interface LiveDiffJson {
  release: string;
  drift: string;
  changes: { resource: string; change: string; fields: string[]; patch: string }[];
  ignored: { resource: string; field: string; rule: string }[];
}

describe.concurrent.each(HELM_BINARIES)("drift with %s", (helm) => {
  it("reports hand edits, deletions and a scaled replica count; apply corrects exactly the drifted releases", async ({
    expect,
    onTestFinished,
  }) => {
    const ns = `drift-${unique()}`;
    const password = `deployed-pw-${unique()}-Qz8`;
    const handPassword = `hand-pw-${unique()}-Wk3`;
    const project = new Project(helm, [
      { name: "web", namespace: ns },
      { name: "scaled", namespace: ns },
      { name: "creds", namespace: ns, chart: settingsChart, values: [{ password }] },
    ]);
    onTestFinished(() => project.cleanUp());
    const sync = await project.releases(["sync"]);
    expect(sync.code, sync.stderr).toBe(0);

    const status = async () => {
      const result = await project.releases(["status"]);
      expect(result.code, result.stderr).toBe(0);
      return new Map((JSON.parse(result.stdout) as ReleaseStatus[]).map((r) => [r.name, r]));
    };
    // By hand: a new image, a deleted ConfigMap, a changed Secret, and an autoscaler that scaled `scaled` to 3.
    await kubectl(["-n", ns, "set", "image", "deployment/web", "app=registry.invalid/hand:9"]);
    await kubectl(["-n", ns, "delete", "configmap", "web-message"]);
    await kubectl([
      "-n",
      ns,
      "patch",
      "secret",
      "creds-credentials",
      "-p",
      JSON.stringify({ stringData: { password: handPassword } }),
    ]);
    await kubectl(["-n", ns, "autoscale", "deployment", "scaled", "--min=1", "--max=5", "--cpu=80%"]);
    await kubectl(["-n", ns, "scale", "deployment", "scaled", "--replicas=3"]);

    const drifted = await status();
    expect(drifted.get("web")).toMatchObject({
      inSync: true, // the fingerprint is deployed: only the cluster changed
      action: "upgrade",
      drift: {
        state: "drifted",
        objects: [
          { resource: "ConfigMap/web-message", change: "deleted", fields: [] },
          {
            resource: "Deployment/web",
            change: "changed",
            fields: ["/spec/template/spec/containers/0/image"],
          },
        ],
      },
    });
    expect(drifted.get("creds")).toMatchObject({
      action: "upgrade",
      drift: {
        state: "drifted",
        objects: [{ resource: "Secret/creds-credentials", change: "changed", fields: ["/data/password"] }],
      },
    });
    expect(drifted.get("scaled")).toMatchObject({
      action: "unchanged",
      drift: {
        state: "in-sync",
        objects: [],
        ignored: [
          {
            resource: "Deployment/scaled",
            field: "/spec/replicas",
            rule: "scaled by HorizontalPodAutoscaler scaled",
          },
        ],
      },
    });
    const text = await project.releases(["status"], { output: "text" });
    expect(text.stdout).toMatch(
      new RegExp(
        `${ns}/web .*drifted: ConfigMap/web-message deleted, Deployment/web /spec/template/spec/containers/0/image`,
      ),
    );
    expect(text.stdout).toMatch(new RegExp(`${ns}/scaled .*in sync \\(1 ignored\\)`));
    // Without the check, status reads nothing more than helm's storage.
    const plain = await project.releases(["status", "--ignore-drift"]);
    for (const r of JSON.parse(plain.stdout) as ReleaseStatus[])
      expect(r).toMatchObject({ drift: null, action: "unchanged" });

    // diff --live: live (-) against deployed (+); Secret values never in clear; exit 2 with the flag.
    const live = await project.releases(["diff", "--live"], { output: "text" });
    expect(live.code, live.stderr).toBe(0);
    expect(live.stdout).toContain(`--- ${ns}/web Deployment/web (live)`);
    expect(live.stdout).toContain(`+++ ${ns}/web Deployment/web (deployed)`);
    expect(live.stdout).toMatch(/^-\s+- image: registry\.invalid\/hand:9$/m);
    expect(live.stdout).toMatch(/^\+\s+- image: registry\.invalid\/paced:1\.0\.0$/m);
    expect(live.stdout).toMatch(/^\+ {2}message: hello$/m); // the deleted ConfigMap, whole
    expect(live.stdout).toMatch(/^\+ {2}password: <redacted \(changed\)>$/m);
    expect(live.stdout).not.toContain(`${ns}/scaled`); // its only difference is ignored
    expect(live.stderr).toContain("2 of 3 release(s) drifted");
    for (const secret of [password, handPassword]) {
      for (const form of [secret, Buffer.from(secret).toString("base64")]) {
        expect(live.stdout).not.toContain(form);
        expect(live.stderr).not.toContain(form);
      }
    }
    const detailed = await project.releases(["diff", "--live", "--detailed-exitcode"]);
    expect(detailed.code, detailed.stderr).toBe(2);
    const json = JSON.parse(detailed.stdout) as LiveDiffJson[];
    expect(json.map((r) => [r.release, r.drift, r.changes.map((c) => c.resource)])).toEqual([
      [`${ns}/web`, "drifted", ["ConfigMap/web-message", "Deployment/web"]],
      [`${ns}/scaled`, "in-sync", []],
      [`${ns}/creds`, "drifted", ["Secret/creds-credentials"]],
    ]);

    // The plan says why; --ignore-drift leaves everything alone.
    const dryRun = await project.releases(["apply", "--dry-run"]);
    const plan = JSON.parse(dryRun.stdout) as DeployPlan;
    const reasons = Object.fromEntries(plan.releases.map((r) => [r.name, [r.action, r.reason]]));
    expect(reasons).toEqual({
      web: [
        "upgrade",
        "drifted: ConfigMap/web-message deleted, Deployment/web /spec/template/spec/containers/0/image",
      ],
      scaled: ["unchanged", "fingerprint deployed"],
      creds: ["upgrade", "drifted: Secret/creds-credentials /data/password"],
    });
    const ignoring = await project.releases(["apply", "--ignore-drift"]);
    expect(ignoring.code, ignoring.stderr).toBe(0);
    expect(ignoring.report?.releases.map((r) => r.outcome)).toEqual(["unchanged", "unchanged", "unchanged"]);
    expect(await latestRevision(helm, "web", ns)).toBe(1);

    // apply redeploys exactly the drifted releases and restores what helm deployed.
    const apply = await project.releases(["apply"]);
    expect(apply.code, apply.stderr).toBe(0);
    expect(reportOf(apply, `${ns}/web`)).toMatchObject({ outcome: "succeeded", revision: 2 });
    expect(reportOf(apply, `${ns}/creds`)).toMatchObject({ outcome: "succeeded", revision: 2 });
    expect(reportOf(apply, `${ns}/scaled`)).toMatchObject({ outcome: "unchanged" });
    const jsonpath = (what: string, path: string) =>
      kubectl(["-n", ns, "get", what, "-o", `jsonpath=${path}`]);
    expect(await jsonpath("deployment/web", "{.spec.template.spec.containers[0].image}")).toBe(
      "registry.invalid/paced:1.0.0",
    );
    expect(await jsonpath("configmap/web-message", "{.data.message}")).toBe("hello");
    expect(
      Buffer.from(await jsonpath("secret/creds-credentials", "{.data.password}"), "base64").toString(),
    ).toBe(password);
    expect(await jsonpath("deployment/scaled", "{.spec.replicas}")).toBe("3"); // the autoscaler's count stays

    for (const r of (await status()).values()) expect(r.drift?.state, r.id).toBe("in-sync");
    const clean = await project.releases(["diff", "--live", "--detailed-exitcode"]);
    expect(clean.code, clean.stderr).toBe(0);
  }, 600_000); // about twenty runs of the CLI, helm and kubectl on a shared machine
});
