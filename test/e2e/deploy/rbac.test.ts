// Least privilege: a CI ServiceAccount bound by RBAC to two namespaces (no
// cluster-wide rights at all) deploys, plans and destroys releases there —
// `releases` reads release state per namespace and takes its lock in a
// namespace the account may write (--lock-namespace). A release in a third
// namespace is refused with a clear error before anything is deployed.
import { chmodSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { run } from "../../toolchain/tools.js";
import { scopedKubeconfig } from "./scoped-account.js";
import { HELM_BINARIES, helmList, kubectl, latestRevision, Project, unique } from "./support.js";

describe.each(HELM_BINARIES)("a namespace-scoped ServiceAccount with %s", (helm) => {
  it("syncs, applies, reports and destroys in its namespaces; a third namespace is refused, nothing deployed", async () => {
    const [a, b, c] = [`rbac-a-${unique()}`, `rbac-b-${unique()}`, `rbac-c-${unique()}`];
    for (const ns of [a, b, c]) await kubectl(["create", "namespace", ns]);
    onTestFinished(() => kubectl(["delete", "namespace", a, b, c, "--wait=false"]).then(() => {}));
    const releases = [
      { name: "db", namespace: a, createNamespace: false },
      { name: "app", namespace: b, createNamespace: false, needs: [`${a}/db`] },
    ];
    const project = new Project(helm, releases);
    onTestFinished(() => project.cleanUp());
    const kubeconfig = await scopedKubeconfig([a, b], project.dir);
    const asDeployer = { env: { KUBECONFIG: kubeconfig } };
    const lock = ["--lock-namespace", a];
    // The account really is scoped: it may not list Secrets cluster-wide.
    const canI = await run("kubectl", [
      "--kubeconfig",
      kubeconfig,
      "auth",
      "can-i",
      "list",
      "secrets",
      "--all-namespaces",
    ]);
    expect(canI.stdout.trim()).toBe("no");

    const synced = await project.releases(["sync", ...lock], asDeployer);
    expect(synced.code, synced.stderr).toBe(0);
    expect(await latestRevision(helm, "db", a)).toBe(1);
    expect(await latestRevision(helm, "app", b)).toBe(1);

    const applied = await project.releases(["apply", ...lock], asDeployer);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.report?.releases.map((r) => r.action)).toEqual(["unchanged", "unchanged"]);

    const status = await project.releases(["status"], asDeployer);
    expect(status.code, status.stderr).toBe(0);
    expect((JSON.parse(status.stdout) as { inSync: boolean }[]).every((r) => r.inSync)).toBe(true);

    project.setReleases([...releases, { name: "outside", namespace: c, createNamespace: false }]);
    const refused = await project.releases(["sync", ...lock], asDeployer);
    expect(refused.code, refused.stderr).toBe(4);
    expect(refused.stderr).toMatch(/forbidden/i);
    expect(await helmList(helm, [c])).toEqual([]);
    expect(await latestRevision(helm, "db", a)).toBe(1); // nothing else was touched either

    project.setReleases(releases);
    const destroyed = await project.releases(["destroy", "--yes", ...lock], asDeployer);
    expect(destroyed.code, destroyed.stderr).toBe(0);
    expect(await helmList(helm, [a, b])).toEqual([]);
  });
});

describe("a kubeconfig whose user is an exec credential plugin", () => {
  it("syncs and reports through the plugin's token; a failing plugin is a clear error with its stderr", async () => {
    const helm = HELM_BINARIES[0]!;
    const ns = `rbac-exec-${unique()}`;
    await kubectl(["create", "namespace", ns]);
    onTestFinished(() => kubectl(["delete", "namespace", ns, "--wait=false"]).then(() => {}));
    const releases = [{ name: "db", namespace: ns, createNamespace: false }];
    const project = new Project(helm, releases);
    onTestFinished(() => project.cleanUp());
    const kubeconfig = await scopedKubeconfig([ns], project.dir, undefined, "exec");
    const config = JSON.parse(readFileSync(kubeconfig, "utf8")) as {
      users: { user: Record<string, unknown> }[];
    };
    expect(Object.keys(config.users[0]!.user)).toEqual(["exec"]); // no token of its own
    const asDeployer = { env: { KUBECONFIG: kubeconfig } };

    const synced = await project.releases(["sync", "--lock-namespace", ns], asDeployer);
    expect(synced.code, synced.stderr).toBe(0);
    expect(await latestRevision(helm, "db", ns)).toBe(1);
    const status = await project.releases(["status"], asDeployer);
    expect(status.code, status.stderr).toBe(0);
    expect((JSON.parse(status.stdout) as { inSync: boolean }[]).map((r) => r.inSync)).toEqual([true]);

    const token = readFileSync(path.join(project.dir, "deployer.token"), "utf8");
    const failing = path.join(project.dir, "failing.sh");
    writeFileSync(failing, "#!/bin/sh\necho 'login expired: run the SSO login' >&2\necho more >&2\nexit 3\n");
    chmodSync(failing, 0o755);
    (config.users[0]!.user.exec as { command: string }).command = "./failing.sh";
    writeFileSync(kubeconfig, JSON.stringify(config));
    const refused = await project.releases(["status"], asDeployer);
    expect(refused.code, refused.stderr).toBe(4);
    expect(refused.stderr).toContain("exited with 3: login expired: run the SSO login");
    expect(refused.stderr).not.toContain("more");
    expect(refused.stderr + refused.stdout).not.toContain(token);
  });
});
