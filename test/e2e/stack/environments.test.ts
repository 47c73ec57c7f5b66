// The example stack in staging and production: the same release names and
// namespaces as development, so each environment is synced, checked and
// destroyed before the next (development gets the full treatment in
// development.test.ts).
import { beforeAll, describe, expect, it } from "vitest";
import { expectStackDeployed, expectStackGone } from "./expect-stack.js";
import { type RunReport, releases, releasesJson, seedApp1Db } from "./stack.js";

beforeAll(async () => {
  await seedApp1Db();
  // A kept cluster may still hold a stack from an interrupted run.
  const cleared = await releases(["-e", "development", "destroy", "--yes"]);
  expect(cleared.code, cleared.stderr).toBe(0);
});

describe.each(["staging", "production"])("the example stack in %s", (environment) => {
  it("sync deploys every release, runs the backends' tests, and status says in sync", async () => {
    const { json } = await releasesJson<RunReport>(["-e", environment, "sync"]);
    await expectStackDeployed(environment, json);
  });

  it("destroy --yes uninstalls every release", async () => {
    const { json } = await releasesJson<RunReport>(["-e", environment, "destroy", "--yes"]);
    expect(json.ok).toBe(true);
    await expectStackGone();
  });
});
