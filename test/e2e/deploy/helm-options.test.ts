// Helm options on a real cluster: what helm records (the description in the
// release's history), the flags each helm major receives, and `apply`
// redeploying a release whose options changed (they are in its fingerprint).
import { describe, expect, it, onTestFinished } from "vitest";
import { HELM_BINARIES, helmHistory, Project, reportOf, unique } from "./support.js";

describe.each(HELM_BINARIES)("helm options with %s", (helm) => {
  it("records the description, passes each option in its helm's spelling, and redeploys when one changes", async () => {
    const ns = `opts-${unique()}`;
    const options = {
      description: "first deploy by releases",
      waitForJobs: true,
      cleanupOnFail: true,
      takeOwnership: true,
      force: true,
      // helm 4 refuses --force-replace with server-side apply: force goes with client-side apply.
      ...(helm === "helm4" ? { serverSide: false } : {}),
    };
    const project = new Project(helm, [{ name: "web", namespace: ns, ...options }]);
    onTestFinished(() => project.cleanUp());

    const first = await project.releases(["sync", "--debug"]);

    expect(first.code, first.stderr).toBe(0);
    const upgrade = first.helmCalls.find((args) => args[0] === "upgrade")!;
    expect(upgrade).toEqual(
      expect.arrayContaining([
        "--wait-for-jobs",
        "--cleanup-on-fail",
        "--take-ownership",
        helm === "helm4" ? "--force-replace" : "--force",
        ...(helm === "helm4" ? ["--server-side=false"] : []),
      ]),
    );
    expect((await helmHistory(helm, "web", ns)).at(-1)).toMatchObject({
      revision: 1,
      description: "first deploy by releases",
    });

    const unchanged = await project.releases(["apply"]);
    expect(reportOf(unchanged, `${ns}/web`)).toMatchObject({ outcome: "unchanged" });

    project.setReleases([{ name: "web", namespace: ns, ...options, description: "second deploy" }]);
    const changed = await project.releases(["apply"]);
    expect(changed.code, changed.stderr).toBe(0);
    expect(reportOf(changed, `${ns}/web`)).toMatchObject({ action: "upgrade", revision: 2 });
    expect((await helmHistory(helm, "web", ns)).at(-1)).toMatchObject({
      revision: 2,
      description: "second deploy",
    });
  });
});
