// A release's chart can be a kustomize overlay (one per environment, through
// the templated `chart:` path) or a directory of plain manifests: deployed as
// a real helm release of a generated chart, with history, atomic rollback,
// fingerprints, diff, status and destroy working as for any chart.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import {
  HELM_BINARIES,
  helmHistory,
  helmList,
  helmManifest,
  Project,
  type ReleaseSpec,
  reportOf,
  unique,
} from "../deploy/support.js";
import { addManifests, type LiveDeployment, live, writeOverlay } from "./support.js";

describe.each(HELM_BINARIES)("manifests and kustomize overlays with %s", (helm) => {
  it("deploys each environment's overlay; history, fingerprints, diff, status, rollback and destroy work", async () => {
    const backend = (namespace: string): ReleaseSpec => ({
      name: "backend",
      namespace,
      chart: "./manifests/backend/overlays/{{environment.name}}",
      timeout: "15s",
    });
    const dev = new Project(helm, [backend(`kz-dev-${unique()}`)]);
    const prod = new Project(helm, [backend(`kz-prod-${unique()}`)]);
    onTestFinished(() => dev.cleanUp());
    onTestFinished(() => prod.cleanUp());
    for (const p of [dev, prod]) addManifests(p);
    writeOverlay(dev, { namePrefix: "dev-", replicas: [{ name: "backend", count: 1 }] });
    writeOverlay(prod, { replicas: [{ name: "backend", count: 3 }] });
    const [devNs] = dev.namespaces as [string];
    const [prodNs] = prod.namespaces as [string];

    for (const p of [dev, prod]) {
      const result = await p.releases(["sync"]);
      expect(result.code, result.stderr).toBe(0);
    }
    expect((await live<LiveDeployment>(devNs, "deployment", "dev-backend")).spec.replicas).toBe(1);
    expect((await live<LiveDeployment>(prodNs, "deployment", "backend")).spec.replicas).toBe(3);
    const history = await helmHistory(helm, "backend", devNs);
    expect(history.map((h) => [h.revision, h.status, h.chart])).toEqual([[1, "deployed", "backend-0.1.0"]]);

    // Same files: apply leaves it alone (no helm call).
    const again = await dev.releases(["apply"]);
    expect(reportOf(again, `${devNs}/backend`).action).toBe("unchanged");

    // A change in the shared base, outside the overlay's directory, changes the fingerprint.
    const base = path.join(dev.dir, "manifests/backend/base/deployment.yaml");
    writeFileSync(base, readFileSync(base, "utf8").replace("value: info", "value: debug"));
    const status = await dev.releases(["status"]);
    expect(JSON.parse(status.stdout)).toMatchObject([{ id: `${devNs}/backend`, inSync: false }]);
    const diff = await dev.releases(["diff", "--detailed-exitcode"]);
    expect(diff.code, diff.stderr).toBe(2);
    const changes = JSON.parse(diff.stdout) as {
      release: string;
      changes: { resource: string; patch: string }[];
    }[];
    expect(changes[0]!.changes.map((c) => c.resource)).toEqual([expect.stringContaining("dev-backend")]);
    expect(changes[0]!.changes[0]!.patch).toMatch(/-\s+value: info\n\+\s+value: debug/);
    const upgrade = await dev.releases(["apply"]);
    expect(reportOf(upgrade, `${devNs}/backend`)).toMatchObject({
      action: "upgrade",
      outcome: "succeeded",
      revision: 2,
    });
    const env = (await live<LiveDeployment>(devNs, "deployment", "dev-backend")).spec.template.spec
      .containers[0]!.env;
    expect(env).toEqual([{ name: "LOG_LEVEL", value: "debug" }]);
    expect(JSON.parse((await dev.releases(["status"])).stdout)).toMatchObject([
      { inSync: true, revision: 2 },
    ]);

    // An overlay whose pods never become ready: the upgrade fails and is rolled back.
    writeOverlay(dev, {
      namePrefix: "dev-",
      replicas: [{ name: "backend", count: 1 }],
      commonAnnotations: { "releases.test/simulate": "never-ready" },
    });
    const failed = await dev.releases(["sync"]);
    expect(failed.code, failed.stderr).toBe(1);
    expect(reportOf(failed, `${devNs}/backend`)).toMatchObject({
      outcome: "failed",
      rolledBack: true,
      rolledBackToRevision: 2,
    });
    expect((await helmHistory(helm, "backend", devNs)).map((h) => [h.revision, h.status])).toEqual([
      [1, "superseded"],
      [2, "superseded"],
      [3, "failed"],
      [4, "deployed"],
    ]);
    expect(await helmManifest(helm, "backend", devNs, 4)).toEqual(
      await helmManifest(helm, "backend", devNs, 2),
    );

    const destroyed = await dev.releases(["destroy", "--yes"]);
    expect(destroyed.code, destroyed.stderr).toBe(0);
    expect(await helmList(helm, [devNs])).toEqual([]);
  });

  it("deploys a directory of plain manifests, helm templating its values", async () => {
    const ns = `plain-${unique()}`;
    const project = new Project(helm, [
      { name: "plain", namespace: ns, chart: "./manifests/plain", values: [{ owner: "team-a" }] },
    ]);
    onTestFinished(() => project.cleanUp());
    addManifests(project);
    project.writeFile(
      "manifests/plain/owner.yaml",
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: owner\ndata:\n  owner: {{ .Values.owner | quote }}\n  release: {{ .Release.Name }}\n",
    );
    const result = await project.releases(["sync"]);
    expect(result.code, result.stderr).toBe(0);
    expect(reportOf(result, `${ns}/plain`)).toMatchObject({ action: "install", revision: 1 });
    expect((await live<{ data: object }>(ns, "configmap", "plain-settings")).data).toEqual({
      greeting: "hello",
    });
    expect((await live<{ data: object }>(ns, "configmap", "owner")).data).toEqual({
      owner: "team-a",
      release: "plain",
    });
    expect((await live<LiveDeployment>(ns, "deployment", "plain")).spec.replicas).toBe(1);
    expect(await helmManifest(helm, "plain", ns, 1)).toContain("name: plain-settings");
  });
});
