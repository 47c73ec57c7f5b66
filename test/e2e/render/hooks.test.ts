// Release hooks with helmfile's events: each runs in order around the helm
// call; a failing presync stops the release before helm (nothing installed);
// a failing postsync is reported after a deploy that did happen.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import {
  HELM_BINARIES,
  helmHistory,
  Project,
  type ReleaseSpec,
  reportOf,
  unique,
} from "../deploy/support.js";

const EVENTS = ["prepare", "preapply", "presync", "postsync", "preuninstall", "postuninstall", "cleanup"];

/** A hook appending `<release> <event> <first arg>` to events.log in the project directory. */
const logHook = (events: string[]) => ({
  events,
  command: "sh",
  args: ["-c", 'echo "$RELEASES_RELEASE $RELEASES_EVENT $0" >> events.log', "{{release.namespace}}"],
});

describe.each(HELM_BINARIES)("hooks with %s", (helm) => {
  it("runs each event in order around sync, apply and destroy", async () => {
    const ns = `hooks-${unique()}`;
    const project = new Project(helm, [{ name: "h", namespace: ns, hooks: [logHook(EVENTS)] }]);
    onTestFinished(() => project.cleanUp());
    const log = () => readFileSync(path.join(project.dir, "events.log"), "utf8").trim().split("\n");

    expect((await project.releases(["sync"])).code).toBe(0);
    expect(log()).toEqual([
      `h prepare ${ns}`,
      `h preapply ${ns}`,
      `h presync ${ns}`,
      `h postsync ${ns}`,
      `h cleanup ${ns}`,
    ]);
    const unchanged = await project.releases(["apply"]);
    expect(reportOf(unchanged, `${ns}/h`).action).toBe("unchanged");
    expect(log().slice(5)).toEqual([`h prepare ${ns}`, `h cleanup ${ns}`]);
    const destroyed = await project.releases(["destroy", "--yes"]);
    expect(destroyed.code, destroyed.stderr).toBe(0);
    expect(log().slice(7)).toEqual([
      `h prepare ${ns}`,
      `h preuninstall ${ns}`,
      `h postuninstall ${ns}`,
      `h cleanup ${ns}`,
    ]);
  });

  it("a failing presync fails the release before helm; a failing postsync is reported after the deploy", async () => {
    const ns = `hookfail-${unique()}`;
    const failing = (event: string): ReleaseSpec["hooks"] => [
      { name: `${event}-check`, events: [event], command: "sh", args: ["-c", "echo broken >&2; exit 3"] },
      logHook(["postsync"]),
    ];
    const project = new Project(helm, [
      { name: "pre", namespace: ns, hooks: failing("presync") },
      { name: "post", namespace: ns, hooks: failing("postsync") },
    ]);
    onTestFinished(() => project.cleanUp());
    const result = await project.releases(["sync"]);
    expect(result.code, result.stderr).toBe(1);

    expect(reportOf(result, `${ns}/pre`)).toMatchObject({ outcome: "failed" });
    expect(reportOf(result, `${ns}/pre`).error).toBe('presync hook "presync-check" failed (exit 3): broken');
    expect(await helmHistory(helm, "pre", ns)).toEqual([]);

    expect(reportOf(result, `${ns}/post`)).toMatchObject({ outcome: "failed" });
    expect(reportOf(result, `${ns}/post`).error).toBe(
      'deployed revision 1, but postsync hook "postsync-check" failed (exit 3): broken',
    );
    expect((await helmHistory(helm, "post", ns)).map((h) => [h.revision, h.status])).toEqual([
      [1, "deployed"],
    ]);
    // The other postsync hook of the same release still ran.
    expect(readFileSync(path.join(project.dir, "events.log"), "utf8")).toBe(`post postsync ${ns}\n`);
  });
});
