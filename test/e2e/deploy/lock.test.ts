// The deploy lock on a real cluster: a run claims the releases it decides
// about in the Lease `releases-lock` of its lock namespace. Another run that
// claims any of them — of the same environment or another one deploying the
// same namespace/name — waits, then fails naming the holder; a lost lock
// starts nothing new and exits 4; a holder whose process is gone does not
// block. Each test uses a lock namespace of its own (--lock-namespace).
import { hostname, userInfo } from "node:os";
import { describe, expect, it, onTestFinished } from "vitest";
import {
  HELM_BINARIES,
  helmHistory,
  helmList,
  holdLock,
  latestRevision,
  lockHolders,
  namespace,
  otherRun,
  Project,
  type ReleaseSpec,
  reportOf,
  sleep,
  storageRecords,
  unique,
  waitFor,
} from "./support.js";

describe.each(HELM_BINARIES)("the deploy lock with %s", (helm) => {
  it("a run holding the same release makes sync wait, then fail with exit 4 naming it; nothing deployed", async () => {
    const ns = await namespace(`lock-${unique()}`);
    const project = new Project(helm, [{ name: "l", namespace: ns }]);
    onTestFinished(() => project.cleanUp());
    const holder = otherRun([`${ns}/l`]);
    await holdLock(ns, [holder], project.dir);

    const result = await project.releases(["sync", "--lock-timeout", "2", "--lock-namespace", ns]);

    expect(result.code, result.stderr).toBe(4);
    expect(result.stderr).toContain("someone@elsewhere pid 4242");
    expect(result.stderr).toContain(`environment "production"`);
    expect(result.stderr).toContain(`holds ${ns}/l`);
    expect(result.wallMs).toBeGreaterThanOrEqual(2000);
    expect(await helmList(helm, [ns])).toEqual([]);
    expect((await lockHolders(ns)).map((h) => h.run)).toEqual([holder.run]); // not taken over
  });

  it("a run holding other releases does not block; a holder whose process is gone on this host does not either", async () => {
    const ns = await namespace(`lock-free-${unique()}`);
    const project = new Project(helm, [{ name: "f", namespace: ns }]);
    onTestFinished(() => project.cleanUp());
    const unrelated = otherRun([`${ns}/someone-else`]);
    // A run killed on this machine (SIGKILL, no cleanup): its pid no longer exists.
    const dead = otherRun([`${ns}/f`], {
      identity: `${userInfo().username}@${hostname()} pid 999999`,
      host: hostname(),
      pid: 999_999,
    });
    await holdLock(ns, [unrelated, dead], project.dir);

    const result = await project.releases(["sync", "--lock-timeout", "2", "--lock-namespace", ns]);

    expect(result.code, result.stderr).toBe(0);
    expect(await latestRevision(helm, "f", ns)).toBe(1);
    // Our claim is gone again; the unrelated live claim is kept; the dead one was dropped.
    expect((await lockHolders(ns)).map((h) => h.run)).toEqual([unrelated.run]);
  });

  it("Ctrl-C while waiting for the lock stops at once with exit 130 and deploys nothing", async () => {
    const ns = await namespace(`lock-int-${unique()}`);
    const project = new Project(helm, [{ name: "l", namespace: ns }]);
    onTestFinished(() => project.cleanUp());
    await holdLock(ns, [otherRun([`${ns}/l`])], project.dir);

    const running = project.start(["sync", "--lock-timeout", "60", "--lock-namespace", ns]);
    await waitFor("the run to wait for the lock", async () =>
      running.child.exitCode === null ? true : undefined,
    );
    await sleep(3000); // rendering done, waiting for the lease
    const interruptedAt = Date.now();
    running.child.kill("SIGINT");
    const result = await running.done;

    expect(result.code, result.stderr).toBe(130);
    expect(Date.now() - interruptedAt).toBeLessThan(5000);
    expect(await helmList(helm, [ns])).toEqual([]);
  });

  it("a second run of another environment deploying the same release waits, never calls it stuck, never recovers it", async () => {
    const ns = await namespace(`lock-env-${unique()}`);
    const release = (message: string): ReleaseSpec => ({
      name: "shared",
      namespace: ns,
      values: [{ message, readyAfter: "6s" }],
    });
    const first = new Project(helm, [release("from-first")]);
    const second = new Project(helm, [release("from-second")]);
    onTestFinished(() => first.cleanUp());
    onTestFinished(() => second.cleanUp());

    const running = first.start(["sync", "--lock-namespace", ns]);
    await waitFor("the first run to start installing", async () =>
      /shared: installing/.test(running.stderr()) ? true : undefined,
    );
    // The storage now says pending-install: without the shared lock this is what looked "stuck".
    const blocked = await second.releases([
      "sync",
      "--recover=rollback",
      "--lock-timeout",
      "2",
      "--lock-namespace",
      ns,
    ]);
    const done = await running.done;

    expect(blocked.code, blocked.stderr).toBe(4);
    expect(blocked.stderr).toContain(`environment "${first.environment}"`);
    expect(blocked.stderr).not.toMatch(/stuck/);
    expect(done.code, done.stderr).toBe(0);
    const history = await helmHistory(helm, "shared", ns);
    expect(history.map((h) => h.status)).toEqual(["deployed"]); // never rolled back behind the first run's back
    // Once the first run is done, the second goes through.
    const after = await second.releases(["sync", "--lock-namespace", ns]);
    expect(after.code, after.stderr).toBe(0);
    expect(await latestRevision(helm, "shared", ns)).toBe(2);
  });

  it("a long run renews its claim, and releases it at the end", async () => {
    const ns = await namespace(`lock-renew-${unique()}`);
    const project = new Project(helm, [{ name: "long", namespace: ns, values: [{ readyAfter: "8s" }] }]);
    onTestFinished(() => project.cleanUp());

    const running = project.start(["sync", "--lock-namespace", ns, "--lock-duration", "3"]);
    await waitFor("the run to start installing", async () =>
      /long: installing/.test(running.stderr()) ? true : undefined,
    );
    const [before] = await lockHolders(ns);
    expect(before?.identity).toContain(`pid ${running.child.pid}`);
    expect(before?.releases).toEqual([`${ns}/long`]);
    const renewed = await waitFor(
      "the claim to be renewed",
      async () => {
        const [now] = await lockHolders(ns);
        return now && Date.parse(now.renewed) > Date.parse(before!.renewed) ? now : undefined;
      },
      10_000,
    );
    expect(renewed.run).toBe(before!.run);
    const result = await running.done;
    expect(result.code, result.stderr).toBe(0);
    expect(await lockHolders(ns)).toEqual([]);
  });

  it("a lock taken over mid-run starts nothing new and exits 4 saying the lock was lost", async () => {
    const ns = await namespace(`lock-lost-${unique()}`);
    const project = new Project(helm, [
      { name: "first", namespace: ns, values: [{ readyAfter: "6s" }] },
      { name: "then", namespace: ns, needs: ["first"] },
    ]);
    onTestFinished(() => project.cleanUp());

    const running = project.start(["sync", "--lock-namespace", ns, "--lock-duration", "3"]);
    await waitFor("the run to start installing", async () =>
      /first: installing/.test(running.stderr()) ? true : undefined,
    );
    // Another run takes the lock over (as after our claim expired): ours is gone from the lease.
    await holdLock(ns, [otherRun([`${ns}/first`, `${ns}/then`])], project.dir);
    const result = await running.done;

    expect(result.code, result.stderr).toBe(4);
    expect(result.stderr).toMatch(/lost the deploy lock/);
    expect(reportOf(result, `${ns}/first`).outcome).toBe("succeeded"); // running release finished
    expect(reportOf(result, `${ns}/then`)).toMatchObject({ outcome: "skipped" }); // nothing new started
    expect(await helmHistory(helm, "then", ns)).toEqual([]);
    expect((await storageRecords([ns])).filter((r) => r.status.startsWith("pending"))).toEqual([]);
  });
});
