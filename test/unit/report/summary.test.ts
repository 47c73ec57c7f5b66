import { describe, expect, it } from "vitest";
import {
  collectSummary,
  formatSummary,
  type ReleaseSummary,
  type RunSummary,
  summaryJson,
  totalsLine,
} from "../../../src/report/summary.js";
import { fakeClock, queued, SKIP_REASON, T0, TEST_ERROR, wholeRun } from "./scenario.js";

function summaryOfScenario(): RunSummary {
  const clock = fakeClock();
  const collector = collectSummary({ now: clock.now });
  for (const event of wholeRun) collector.listener(event);
  clock.set(20_500);
  return collector.summary();
}

describe("run summary", () => {
  it("records each release's outcome, in queued order", () => {
    const summary = summaryOfScenario();
    expect(summary.releases.map((r) => [r.id, r.outcome, r.action, r.revision, r.durationMs])).toEqual([
      ["core/devops", "succeeded", "upgrade", 4, 8_100],
      ["core/metrics", "unchanged", "unchanged", 2, undefined],
      ["backend/app1-back", "failed", "upgrade", undefined, 11_100],
      ["backend/app2-back", "succeeded", "install", 1, 3_300],
      ["frontend/app1-front", "skipped", undefined, undefined, undefined],
    ]);
    expect(summary.releases[2]).toMatchObject({
      error: TEST_ERROR,
      rollback: { toRevision: 3, uninstalled: false },
    });
    expect(summary.releases[4]).toMatchObject({ reason: SKIP_REASON });
    expect(summary).toMatchObject({ ok: false, durationMs: 20_500 });
  });

  it("is ok when every release succeeded or was already as wanted", () => {
    const collector = collectSummary({ now: fakeClock().now });
    collector.listener({ type: "succeeded", id: "a/x", action: "unchanged", revision: 1, at: T0 });
    collector.listener({ type: "succeeded", id: "a/y", action: "none", at: T0 });
    collector.listener({ type: "started", id: "a/z", action: "uninstall", at: T0 });
    collector.listener({ type: "succeeded", id: "a/z", action: "uninstall", at: T0 + 1 });
    expect(collector.summary().ok).toBe(true);
  });

  it("counts a release queued but never finished as not run, and the run as not ok", () => {
    const collector = collectSummary({ now: fakeClock().now });
    for (const event of queued.slice(0, 1)) collector.listener(event);
    const summary = collector.summary();
    expect(summary.releases).toEqual([
      { id: "core/devops", namespace: "core", name: "devops", outcome: "not-run" },
    ]);
    expect(summary.ok).toBe(false);
  });

  it("prints a table and a totals line", () => {
    expect(formatSummary(summaryOfScenario()).split("\n")).toEqual([
      "RELEASE              RESULT                                     REVISION  DURATION  NOTE",
      "core/devops          upgraded                                   4         8.1s",
      "core/metrics         unchanged                                  2         -",
      `backend/app1-back    upgrade failed, rolled back to revision 3  -         11.1s     ${TEST_ERROR}`,
      "backend/app2-back    installed                                  1         3.3s",
      `frontend/app1-front  skipped                                    -         -         ${SKIP_REASON}`,
      "",
      "5 releases: 1 installed, 1 upgraded, 1 unchanged, 1 failed (rolled back), 1 skipped",
    ]);
  });

  it("keeps the table to one line per release and prints long errors in full below it", () => {
    const summary: RunSummary = {
      releases: [
        {
          id: "a/x",
          name: "x",
          namespace: "a",
          action: "install",
          outcome: "failed",
          error: "helm upgrade failed (exit 1)\nError: timed out",
          rollback: { uninstalled: true },
        },
      ],
      ok: false,
      durationMs: 1,
    };
    expect(formatSummary(summary).split("\n")).toEqual([
      "RELEASE  RESULT                                     REVISION  DURATION  NOTE",
      "a/x      install failed, rolled back (uninstalled)  -         -         helm upgrade failed (exit 1)",
      "",
      "1 release: 1 failed (rolled back)",
      "",
      "a/x: install failed:",
      "  helm upgrade failed (exit 1)",
      "  Error: timed out",
    ]);
  });

  it("prints only the totals when no release ran", () => {
    expect(formatSummary({ releases: [], ok: true, durationMs: 0 })).toBe("0 releases");
  });
});

const release = (
  outcome: ReleaseSummary["outcome"],
  action?: ReleaseSummary["action"],
  rolledBack = false,
): ReleaseSummary => ({
  id: "a/x",
  name: "x",
  namespace: "a",
  outcome,
  ...(action ? { action } : {}),
  ...(rolledBack ? { rollback: { toRevision: 1, uninstalled: false } } : {}),
});
const times = (n: number, r: ReleaseSummary) => Array.from({ length: n }, () => r);

describe("totals line", () => {
  it.each([
    {
      why: "upgrades, an unchanged release and a rolled-back failure",
      releases: [
        ...times(5, release("succeeded", "upgrade")),
        release("unchanged", "unchanged"),
        release("failed", "upgrade", true),
      ],
      line: "7 releases: 5 upgraded, 1 unchanged, 1 failed (rolled back)",
    },
    {
      why: "only some failures rolled back",
      releases: [release("failed", "upgrade", true), release("failed", "install")],
      line: "2 releases: 2 failed (1 rolled back)",
    },
    {
      why: "a destroy: uninstalled and already absent",
      releases: [...times(2, release("succeeded", "uninstall")), release("unchanged", "none")],
      line: "3 releases: 2 uninstalled, 1 not installed",
    },
    {
      why: "one release, interrupted runs",
      releases: [release("not-run")],
      line: "1 release: 1 not run",
    },
    {
      why: "skips after a failure without rollback",
      releases: [release("failed", "install"), ...times(3, release("skipped"))],
      line: "4 releases: 1 failed, 3 skipped",
    },
  ])("$why", ({ releases, line }) => {
    expect(totalsLine({ releases, ok: false, durationMs: 0 })).toBe(line);
  });
});

describe("JSON report", () => {
  it("has every field for every release, null where it does not apply", () => {
    const succeededAtOnce = {
      attempt: 1,
      outcome: "succeeded",
      error: null,
      rolledBack: false,
      rolledBackToRevision: null,
      diagnosis: null,
    };
    const json = summaryJson(summaryOfScenario());
    const iso = (ms: number) => new Date(T0 + ms).toISOString();
    expect(json).toEqual({
      ok: false,
      durationMs: 20_500,
      releases: [
        {
          id: "core/devops",
          name: "devops",
          namespace: "core",
          action: "upgrade",
          outcome: "succeeded",
          revision: 4,
          durationMs: 8_100,
          error: null,
          reason: null,
          rolledBack: false,
          rolledBackToRevision: null,
          startedAt: iso(500),
          endedAt: iso(8_600),
          diagnosis: null,
          attempts: [succeededAtOnce],
        },
        {
          id: "core/metrics",
          name: "metrics",
          namespace: "core",
          action: "unchanged",
          outcome: "unchanged",
          revision: 2,
          durationMs: null,
          error: null,
          reason: null,
          rolledBack: false,
          rolledBackToRevision: null,
          startedAt: null,
          endedAt: iso(700),
          diagnosis: null,
          attempts: [],
        },
        {
          id: "backend/app1-back",
          name: "app1-back",
          namespace: "backend",
          action: "upgrade",
          outcome: "failed",
          revision: null,
          durationMs: 11_100,
          error: TEST_ERROR,
          reason: null,
          rolledBack: true,
          rolledBackToRevision: 3,
          startedAt: iso(9_000),
          endedAt: iso(20_100),
          diagnosis: null,
          attempts: [
            {
              attempt: 1,
              outcome: "failed",
              error: TEST_ERROR,
              rolledBack: true,
              rolledBackToRevision: 3,
              diagnosis: null,
            },
          ],
        },
        {
          id: "backend/app2-back",
          name: "app2-back",
          namespace: "backend",
          action: "install",
          outcome: "succeeded",
          revision: 1,
          durationMs: 3_300,
          error: null,
          reason: null,
          rolledBack: false,
          rolledBackToRevision: null,
          startedAt: iso(9_000),
          endedAt: iso(12_300),
          diagnosis: null,
          attempts: [succeededAtOnce],
        },
        {
          id: "frontend/app1-front",
          name: "app1-front",
          namespace: "frontend",
          action: null,
          outcome: "skipped",
          revision: null,
          durationMs: null,
          error: null,
          reason: SKIP_REASON,
          rolledBack: false,
          rolledBackToRevision: null,
          startedAt: null,
          endedAt: iso(20_100), // when it was skipped
          diagnosis: null,
          attempts: [],
        },
      ],
    });
    // It survives a JSON round trip unchanged: no undefined fields dropped on the way.
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });
});
