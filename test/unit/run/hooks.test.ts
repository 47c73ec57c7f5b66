import { describe, expect, it } from "vitest";
import type { Hook, HookEvent, Release } from "../../../src/model/project.js";
import type { PlanAction } from "../../../src/plan/deploy-plan.js";
import type { RunEvent } from "../../../src/run/events.js";
import { type Exec, hookEventsFor, hooksFor, runHooks, withHooks } from "../../../src/run/hooks.js";

const hook = (name: string, events: HookEvent[]): Hook => ({
  name,
  events,
  command: name,
  args: [],
  showlogs: false,
  location: { file: "/project/releases.yaml" },
});

const release = (hooks: Hook[]): Release =>
  ({ id: "backend/api", name: "api", namespace: "backend", hooks }) as unknown as Release;

/** Records the commands run; commands named in `failing` exit 1. */
function recorder(failing: string[] = []) {
  const ran: string[] = [];
  const exec: Exec = async (command, _args, options) => {
    ran.push(`${command}:${options.env.RELEASES_EVENT}`);
    return failing.includes(command)
      ? { code: 1, stdout: "", stderr: `${command} broke` }
      : { code: 0, stdout: "", stderr: "" };
  };
  return { ran, deps: { exec, environment: "dev", log: () => {} } };
}

describe("which hook events run for an action", () => {
  it.each<[PlanAction, HookEvent[], HookEvent[]]>([
    ["install", ["prepare", "preapply", "presync"], ["postsync", "cleanup"]],
    ["upgrade", ["prepare", "preapply", "presync"], ["postsync", "cleanup"]],
    ["uninstall", ["prepare", "preuninstall"], ["postuninstall", "cleanup"]],
    ["unchanged", ["prepare"], ["cleanup"]],
    ["none", ["prepare"], ["cleanup"]],
  ])("%s: before %j, after %j", (action, before, after) => {
    expect(hookEventsFor(action)).toMatchObject({ before, after });
  });

  it("picks the hooks listing the event, in written order", () => {
    const hooks = [hook("a", ["presync", "postsync"]), hook("b", ["postsync"]), hook("c", ["cleanup"])];
    expect(hooksFor(hooks, "postsync").map((h) => h.name)).toEqual(["a", "b"]);
    expect(hooksFor(hooks, "prepare")).toEqual([]);
    expect(hooksFor(undefined, "prepare")).toEqual([]);
  });
});

describe("runHooks", () => {
  it("stops at the first failing hook and names the event and hook", async () => {
    const { ran, deps } = recorder(["first"]);
    const r = release([hook("first", ["presync"]), hook("second", ["presync"])]);
    await expect(runHooks(r, "presync", deps)).rejects.toThrow(
      'presync hook "first" failed (exit 1): first broke',
    );
    expect(ran).toEqual(["first:presync"]);
  });
});

describe("withHooks around a release step", () => {
  const all: HookEvent[] = [
    "prepare",
    "preapply",
    "presync",
    "postsync",
    "preuninstall",
    "postuninstall",
    "cleanup",
  ];
  const everyEvent = () => release(all.map((e) => hook(e, [e])));

  async function run(action: PlanAction, r: Release, stepOk: boolean, failing: string[] = []) {
    const { ran, deps } = recorder(failing);
    const events: RunEvent[] = [];
    let stepRan = false;
    const ok = await withHooks(
      r,
      action,
      deps,
      (e) => events.push(e),
      async (emit) => {
        stepRan = true;
        ran.push("helm");
        emit(
          stepOk
            ? { type: "succeeded", id: r.id, action: "upgrade", revision: 2, at: 0 }
            : { type: "failed", id: r.id, action: "upgrade", error: "helm failed", at: 0 },
        );
        return stepOk;
      },
    );
    return { ok, ran, events, stepRan };
  }

  it("runs every sync event in order around helm", async () => {
    const { ok, ran } = await run("upgrade", everyEvent(), true);
    expect(ok).toBe(true);
    expect(ran).toEqual([
      "prepare:prepare",
      "preapply:preapply",
      "presync:presync",
      "helm",
      "postsync:postsync",
      "cleanup:cleanup",
    ]);
  });

  it("runs the uninstall events around an uninstall", async () => {
    const { ran } = await run("uninstall", everyEvent(), true);
    expect(ran).toEqual([
      "prepare:prepare",
      "preuninstall:preuninstall",
      "helm",
      "postuninstall:postuninstall",
      "cleanup:cleanup",
    ]);
  });

  it("a failing presync fails the release and helm never runs", async () => {
    const { ok, stepRan, events } = await run("install", everyEvent(), true, ["presync"]);
    expect(ok).toBe(false);
    expect(stepRan).toBe(false);
    expect(events.at(-1)).toMatchObject({
      type: "failed",
      error: expect.stringContaining('presync hook "presync" failed'),
    });
  });

  it("postsync runs when helm failed, and sees the error", async () => {
    const seen: (string | undefined)[] = [];
    const r = release([hook("notify", ["postsync"])]);
    const deps = {
      exec: (async (_c, _a, o) => {
        seen.push(o.env.RELEASES_EVENT_ERROR);
        return { code: 0, stdout: "", stderr: "" };
      }) as Exec,
      environment: "dev",
      log: () => {},
    };
    const ok = await withHooks(
      r,
      "upgrade",
      deps,
      () => {},
      async (emit) => {
        emit({ type: "failed", id: r.id, action: "upgrade", error: "helm failed", at: 0 });
        return false;
      },
    );
    expect(ok).toBe(false);
    expect(seen).toEqual(["helm failed"]);
  });

  it("a failing postsync turns a deployed release into a failure that says it deployed", async () => {
    const { ok, events } = await run("upgrade", everyEvent(), true, ["postsync"]);
    expect(ok).toBe(false);
    expect(events.filter((e) => e.type === "succeeded")).toEqual([]);
    expect(events.at(-1)).toMatchObject({
      type: "failed",
      error: expect.stringMatching(/^deployed revision 2, but postsync hook "postsync" failed/),
    });
  });

  it("every postsync hook runs even when an earlier one failed", async () => {
    const r = release([hook("first", ["postsync"]), hook("second", ["postsync"])]);
    const { ran, deps } = recorder(["first"]);
    const ok = await withHooks(
      r,
      "install",
      deps,
      () => {},
      async (emit) => {
        emit({ type: "succeeded", id: r.id, action: "install", revision: 1, at: 0 });
        return true;
      },
    );
    expect(ok).toBe(false);
    expect(ran).toEqual(["first:postsync", "second:postsync"]);
  });

  it("without hooks the step runs as it is", async () => {
    const { ok, ran } = await run("upgrade", release([]), true);
    expect(ok).toBe(true);
    expect(ran).toEqual(["helm"]);
  });
});
