import { describe, expect, it } from "vitest";
import { reachesCluster } from "../../../src/kube/cluster.js";

describe("which command lines start the Kubernetes client early", () => {
  it.each([
    [["-e", "dev", "sync", "-l", "app=app1"], true],
    [["apply", "--dry-run"], true],
    [["status", "-o", "json"], true],
    [["rotate", "vault", "secret/app1/db#password", "--generate"], true],
    [["list"], false],
    [["template", "-e", "dev"], false],
    [["sync", "--help"], false],
  ])("%j → %s", (argv, expected) => {
    expect(reachesCluster(argv)).toBe(expected);
  });
});
