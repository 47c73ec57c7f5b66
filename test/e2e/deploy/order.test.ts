// The needs graph on a real cluster: a release starts only once everything it
// needs is deployed, independent releases run at the same time, and destroy
// uninstalls dependents before what they need.
import { describe, expect, it, onTestFinished } from "vitest";
import {
  HELM_BINARIES,
  helmHistory,
  helmList,
  loggedAt,
  Project,
  type ReleaseSpec,
  reportOf,
  storageRecords,
  unique,
} from "./support.js";

function logIndex(stderr: string, line: RegExp): number {
  const index = stderr.split("\n").findIndex((l) => line.test(l));
  if (index < 0) throw new Error(`no line matching ${line} in:\n${stderr}`);
  return index;
}

describe.each(HELM_BINARIES)("deploy order with %s", (helm) => {
  it("starts b after a finished and c after b, while independent d runs alongside a", async () => {
    const ns = `order-${unique()}`;
    const other = `order-d-${unique()}`;
    // a and d take 3s to become Ready, b 1s: long enough to tell sequential from parallel.
    const project = new Project(helm, [
      { name: "a", namespace: ns, values: [{ readyAfter: "3s" }] },
      { name: "b", namespace: ns, needs: ["a"], values: [{ readyAfter: "1s" }] },
      { name: "c", namespace: ns, needs: ["b"] },
      { name: "d", namespace: other, values: [{ readyAfter: "3s" }] },
    ]);
    onTestFinished(() => project.cleanUp());

    const result = await project.releases(["sync"]);
    expect(result.code, result.stderr).toBe(0);
    for (const id of [`${ns}/a`, `${ns}/b`, `${ns}/c`, `${other}/d`]) {
      expect(reportOf(result, id)).toMatchObject({ action: "install", outcome: "succeeded", revision: 1 });
    }
    expect(reportOf(result, `${ns}/a`).durationMs).toBeGreaterThanOrEqual(3000);

    // From the run's own log: starts and ends, in ms since the run started.
    const start = (id: string) => loggedAt(result, id, /^installing$/);
    const end = (id: string) => loggedAt(result, id, /^installed/);
    expect(start(`${ns}/b`)).toBeGreaterThanOrEqual(end(`${ns}/a`));
    expect(start(`${ns}/c`)).toBeGreaterThanOrEqual(end(`${ns}/b`));
    expect(start(`${other}/d`)).toBeLessThan(end(`${ns}/a`));
    expect(end(`${other}/d`)).toBeGreaterThan(start(`${ns}/a`));

    // From the cluster: helm stamps a revision when its upgrade starts.
    const deployedAt = async (name: string, namespace: string) => {
      const history = await helmHistory(helm, name, namespace);
      expect(history).toHaveLength(1);
      return Date.parse(history[0]!.updated);
    };
    const [a, b, c, d] = await Promise.all([
      deployedAt("a", ns),
      deployedAt("b", ns),
      deployedAt("c", ns),
      deployedAt("d", other),
    ]);
    expect(b - a).toBeGreaterThanOrEqual(3000); // b waited for a's 3s pod
    expect(c - b).toBeGreaterThanOrEqual(1000); // c waited for b's 1s pod
    expect(Math.abs(d - a)).toBeLessThan(2000); // d did not wait for anything
  });

  it("destroy uninstalls dependents before what they need and leaves nothing behind", async () => {
    const ns = `destroy-${unique()}`;
    const other = `destroy-x-${unique()}`;
    const releases: ReleaseSpec[] = [
      { name: "base", namespace: ns },
      { name: "mid", namespace: ns, needs: ["base"] },
      { name: "top", namespace: other, needs: [`${ns}/mid`] },
      { name: "solo", namespace: other },
    ];
    const project = new Project(helm, releases);
    onTestFinished(() => project.cleanUp());
    const synced = await project.releases(["sync"]);
    expect(synced.code, synced.stderr).toBe(0);
    expect((await helmList(helm, project.namespaces)).sort()).toEqual(
      [`${ns}/base`, `${ns}/mid`, `${other}/solo`, `${other}/top`].sort(),
    );

    const result = await project.releases(["destroy", "--yes"]);
    expect(result.code, result.stderr).toBe(0);
    for (const r of releases) {
      expect(reportOf(result, `${r.namespace}/${r.name}`)).toMatchObject({
        action: "uninstall",
        outcome: "succeeded",
      });
    }
    // Order of the log lines: a dependent is uninstalled before what it needs starts uninstalling.
    const done = (id: string) => logIndex(result.stderr, new RegExp(`\\] ${id}: uninstalled`));
    const begins = (id: string) => logIndex(result.stderr, new RegExp(`\\] ${id}: uninstalling`));
    expect(done(`${other}/top`)).toBeLessThan(begins(`${ns}/mid`));
    expect(done(`${ns}/mid`)).toBeLessThan(begins(`${ns}/base`));
    expect(loggedAt(result, `${ns}/mid`, /^uninstalling/)).toBeGreaterThanOrEqual(
      loggedAt(result, `${other}/top`, /^uninstalled/),
    );

    expect(await helmList(helm, project.namespaces)).toEqual([]);
    expect(await storageRecords(project.namespaces)).toEqual([]);
  });
});
