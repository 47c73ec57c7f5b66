// A run whose record cannot be written (the account may take the lock but not
// write ConfigMaps in the lock namespace) stops before its first helm call,
// says why, and deploys nothing; --no-record deploys without an undo record.
import { describe, expect, it, onTestFinished } from "vitest";
import { scopedKubeconfig } from "../deploy/scoped-account.js";
import { HELM_BINARIES, helmList, kubectl, Project, unique } from "../deploy/support.js";

describe.each(HELM_BINARIES)("a run record that cannot be written, with %s", (helm) => {
  it("stops the run before any change with exit 4, naming the record and the namespace; --no-record deploys", async () => {
    const [apps, locks] = [`rec-${unique()}`, `rec-lock-${unique()}`];
    for (const ns of [apps, locks]) await kubectl(["create", "namespace", ns]);
    onTestFinished(() => kubectl(["delete", "namespace", apps, locks, "--wait=false"]).then(() => {}));
    const project = new Project(helm, [{ name: "web", namespace: apps, createNamespace: false }]);
    onTestFinished(() => project.cleanUp());
    // Every right in its own namespace; in the lock namespace Leases only.
    const kubeconfig = await scopedKubeconfig([apps, locks], project.dir, (ns) =>
      ns === locks ? "leases.coordination.k8s.io" : "*.*",
    );
    const asDeployer = { env: { KUBECONFIG: kubeconfig }, output: "text" as const };

    const refused = await project.releases(["sync", "--lock-namespace", locks], asDeployer);
    expect(refused.code, refused.stderr).toBe(4);
    expect(refused.stderr).toMatch(
      new RegExp(`cannot write the run record releases-run-\\S+ to ConfigMaps in namespace ${locks}`),
    );
    expect(refused.stderr).toContain("nothing was changed");
    expect(refused.stderr).toContain("--no-record");
    expect(await helmList(helm, [apps])).toEqual([]);

    const deployed = await project.releases(["sync", "--lock-namespace", locks, "--no-record"], asDeployer);
    expect(deployed.code, deployed.stderr).toBe(0);
    expect(await helmList(helm, [apps])).toEqual([`${apps}/web`]);
    expect(deployed.stderr).not.toContain("recorded in");
  });
});
