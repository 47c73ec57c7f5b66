import { describe, expect, it } from "vitest";
import { atomicUndo } from "../../../src/run/release-step.js";

describe("what helm's atomic mode did, read from its error", () => {
  it.each([
    [
      "helm 3 upgrade",
      "Error: UPGRADE FAILED: release web failed, and has been rolled back due to atomic being set: context deadline exceeded",
      "rolled back",
    ],
    [
      "helm 3 install",
      "Error: INSTALLATION FAILED: release web failed, and has been uninstalled due to atomic being set: timed out",
      "uninstalled",
    ],
    [
      "helm 4 upgrade",
      "Error: UPGRADE FAILED: release web failed, and has been rolled back due to rollback-on-failure being set: resource not ready",
      "rolled back",
    ],
    [
      "helm 4 install",
      "Error: INSTALLATION FAILED: release web failed, and has been uninstalled due to rollback-on-failure being set: x",
      "uninstalled",
    ],
    [
      "a failure before helm changed anything",
      "Error: UPGRADE FAILED: another operation (install/upgrade/rollback) is in progress",
      undefined,
    ],
  ])("%s", (_, stderr, want) => {
    expect(atomicUndo(stderr)).toBe(want);
  });
});
