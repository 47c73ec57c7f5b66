// The example stack's development environment, through the README's promises
// in order: a full sync, a partial redeploy that touches only what it selects,
// a Vault rotation that redeploys exactly the consumer, a rotation whose
// redeploy fails (rolled back, secret restored), no plaintext secret on disk or
// in any output, and a destroy that leaves nothing. The tests share one stack
// and run in file order.
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectInSync, expectStackDeployed, expectStackGone } from "./expect-stack.js";
import { scanForSecrets } from "./plaintext-scan.js";
import {
  APP1_DB,
  app1Passwords,
  cliOutputs,
  copyProject,
  helmReleases,
  leakForms,
  type RunReport,
  releases,
  releasesJson,
  seedApp1Db,
  setOnRelease,
  sopsSecretValues,
  startReleases,
  vault,
} from "./stack.js";

const ENV = ["-e", "development"];
const copies: string[] = [];

beforeAll(async () => {
  await seedApp1Db();
  const cleared = await releases([...ENV, "destroy", "--yes"]);
  expect(cleared.code, cleared.stderr).toBe(0);
});

afterAll(() => {
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
});

function projectCopy(): string {
  const dir = copyProject();
  copies.push(dir);
  return dir;
}

/** `namespace/name` → revision, from helm. */
async function revisions(): Promise<Map<string, number>> {
  return new Map([...(await helmReleases())].map(([id, r]) => [id, r.revision]));
}

/** The releases whose helm revision changed between two snapshots. */
function changed(before: Map<string, number>, after: Map<string, number>): string[] {
  return [...after]
    .filter(([id, revision]) => before.get(id) !== revision)
    .map(([id]) => id)
    .sort();
}

describe("the example stack in development", () => {
  it("sync deploys every release, runs the backends' tests, and status says in sync", async () => {
    const { json } = await releasesJson<RunReport>([...ENV, "sync"]);
    await expectStackDeployed("development", json);
  });

  it("sync -l app=app1 with nothing changed redeploys app1-back and app1-front only", async () => {
    const before = await revisions();
    const { json } = await releasesJson<RunReport>([...ENV, "sync", "-l", "app=app1"]);
    expect(json.releases.map((r) => [r.id, r.outcome])).toEqual([
      ["backend/app1-back", "succeeded"],
      ["frontend/app1-front", "succeeded"],
    ]);
    const after = await revisions();
    expect(changed(before, after)).toEqual(["backend/app1-back", "frontend/app1-front"]);
    expect(after.get("backend/app1-back")).toBe(before.get("backend/app1-back")! + 1);
    expect(after.get("frontend/app1-front")).toBe(before.get("frontend/app1-front")! + 1);
  });

  it("rotate vault …#password --generate redeploys exactly app1-back and writes a new Vault version", async () => {
    const secretBefore = await vault().readVersion(APP1_DB);
    const before = await revisions();

    const { json, result } = await releasesJson<RunReport>([
      ...ENV,
      "rotate",
      "vault",
      `${APP1_DB}#password`,
      "--generate",
    ]);
    expect(result.stderr).toContain("1 consumer(s): backend/app1-back");
    expect(json.releases.map((r) => [r.id, r.action, r.outcome])).toEqual([
      ["backend/app1-back", "upgrade", "succeeded"],
    ]);
    expect(changed(before, await revisions())).toEqual(["backend/app1-back"]);

    const secretAfter = await vault().readVersion(APP1_DB);
    expect(secretAfter.version).toBe(secretBefore.version + 1);
    expect(secretAfter.data.password).not.toBe(secretBefore.data.password);
    expect(secretAfter.data.username).toBe(secretBefore.data.username);
    await expectInSync("development");
  });

  it("a rotation whose redeploy fails exits 1, rolls app1-back back and restores the Vault secret", async () => {
    // app1-back's test pod fails on the kwok cluster (test/kwok/pod-stages.yaml).
    const failing = projectCopy();
    setOnRelease(failing, "app1-back", { "tests.podAnnotations.releases\\.test/simulate": "fail" });
    const secretBefore = await vault().readVersion(APP1_DB);
    const before = await revisions();

    const { json, result } = await releasesJson<RunReport>(
      [...ENV, "rotate", "vault", `${APP1_DB}#password`, "--generate"],
      { cwd: failing, expectCode: 1 },
    );
    const back = before.get("backend/app1-back")!;
    expect(json.ok).toBe(false);
    expect(json.releases).toEqual([
      expect.objectContaining({
        id: "backend/app1-back",
        outcome: "failed",
        rolledBack: true,
        rolledBackToRevision: back,
        error: expect.stringMatching(/test/i),
      }),
    ]);
    expect(result.stderr).toContain(
      `restored ${APP1_DB}#password to version ${secretBefore.version} (written as version ${secretBefore.version + 2})`,
    );

    // upgrade (back + 1) failed its test, rollback wrote back + 2 from revision `back`
    const after = await helmReleases();
    expect(after.get("backend/app1-back")).toEqual({ revision: back + 2, status: "deployed" });
    expect(changed(before, await revisions())).toEqual(["backend/app1-back"]);

    const secretAfter = await vault().readVersion(APP1_DB);
    expect(secretAfter.version).toBe(secretBefore.version + 2);
    expect(secretAfter.data).toEqual(secretBefore.data);
    // The original project again: the rolled-back revision carries the restored secret's digest.
    await expectInSync("development");
  });

  it("no secret value reaches a file in the temp dirs or the project while a slow sync of app2 runs", async () => {
    const slow = projectCopy();
    setOnRelease(slow, "app2-back", { "podAnnotations.releases\\.test/ready-after": "8s" });
    const secrets = [...(await sopsSecretValues()), ...(await app1Passwords())];
    expect(secrets.length).toBeGreaterThanOrEqual(7);
    const needles = secrets.flatMap(leakForms);
    const roots = [tmpdir(), "/dev/shm", slow];

    const since = Date.now() - 2_000;
    const run = startReleases([...ENV, "sync", "-l", "app=app2"], slow);
    let finished = false;
    const done = run.done.finally(() => {
      finished = true;
    });
    const leaks = new Map<string, number>();
    let scans = 0;
    while (!finished) {
      for (const leak of await scanForSecrets(roots, needles, since)) leaks.set(leak.file, leak.needle);
      scans++;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const result = await done;
    for (const leak of await scanForSecrets(roots, needles, since)) leaks.set(leak.file, leak.needle);

    expect(result.code, result.stderr).toBe(0);
    expect(result.ms, "app2-back was slow enough to be watched").toBeGreaterThan(8_000);
    expect(scans).toBeGreaterThan(3);
    // File names only: the values never go into an assertion message.
    expect([...leaks.keys()]).toEqual([]);
  });

  it("no secret value appears in the stdout or stderr of any run", async () => {
    const secrets = [...(await sopsSecretValues()), ...(await app1Passwords())];
    expect(cliOutputs.length).toBeGreaterThan(5);
    const leaked = cliOutputs.flatMap((run) =>
      secrets
        .flatMap(leakForms)
        .map((needle, index) => ({
          run: run.args.join(" "),
          index,
          hit: `${run.stdout}${run.stderr}`.includes(needle),
        }))
        .filter((r) => r.hit)
        .map(({ run, index }) => `${run}: secret #${index}`),
    );
    expect(leaked).toEqual([]);
  });

  it("destroy --yes uninstalls every release of the stack", async () => {
    const { json } = await releasesJson<RunReport>([...ENV, "destroy", "--yes"]);
    expect(json.ok).toBe(true);
    expect(json.releases.every((r) => r.outcome === "succeeded")).toBe(true);
    await expectStackGone();
  });
});
