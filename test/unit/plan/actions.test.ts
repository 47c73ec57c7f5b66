import { describe, expect, it } from "vitest";
import { FINGERPRINT_LABEL } from "../../../src/helm/args.js";
import type { DeployedRelease, HelmStatus } from "../../../src/kube/release-record.js";
import { plannedAction, planReleases } from "../../../src/plan/actions.js";

const deployed = (status: HelmStatus, fingerprint = "fp-1", revision = 3): DeployedRelease => ({
  id: "apps/web",
  name: "web",
  namespace: "apps",
  revision,
  status,
  labels: { [FINGERPRINT_LABEL]: fingerprint },
});
const desired = (installed = true, fingerprint = "fp-1") => ({
  release: { id: "apps/web", installed },
  fingerprint,
});

describe("what a run will do to a release", () => {
  it.each([
    { what: "installs what is not deployed", d: desired(), live: undefined, apply: false, want: "install" },
    {
      what: "installs again after an uninstall that kept history",
      d: desired(),
      live: deployed("uninstalled"),
      apply: true,
      want: "install",
    },
    {
      what: "sync upgrades even when nothing changed",
      d: desired(),
      live: deployed("deployed"),
      apply: false,
      want: "upgrade",
    },
    {
      what: "apply leaves an unchanged deployed release alone",
      d: desired(),
      live: deployed("deployed"),
      apply: true,
      want: "unchanged",
    },
    {
      what: "apply upgrades when the fingerprint differs",
      d: desired(true, "fp-2"),
      live: deployed("deployed"),
      apply: true,
      want: "upgrade",
    },
    {
      what: "apply retries a failed release with the same fingerprint",
      d: desired(),
      live: deployed("failed"),
      apply: true,
      want: "upgrade",
    },
    {
      what: "uninstalls a deployed release marked installed: false",
      d: desired(false),
      live: deployed("deployed"),
      apply: false,
      want: "uninstall",
    },
    {
      what: "does nothing for an absent release marked installed: false",
      d: desired(false),
      live: undefined,
      apply: true,
      want: "none",
    },
  ])("$what", ({ d, live, apply, want }) => {
    expect(plannedAction(d, live, apply)).toBe(want);
  });

  it("reports the deployed revision and a stuck state for the dry-run plan", () => {
    const plan = planReleases(
      [desired()],
      new Map([["apps/web", deployed("pending-upgrade", "fp-1", 4)]]),
      true,
    );
    expect(plan).toEqual([{ id: "apps/web", action: "upgrade", revision: 4, pending: "pending-upgrade" }]);
  });
});
