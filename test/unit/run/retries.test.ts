import { describe, expect, it } from "vitest";
import { maxAttempts, pause, retryDelayMs } from "../../../src/run/retries.js";

const policy = { count: 2, backoffSeconds: 5 };
const undone = { ok: false as const, error: "timed out", undo: { uninstalled: true } };
const notUndone = { ok: false as const, error: "chart not found" };

describe("when a failed attempt is tried again", () => {
  it.each([
    ["first failure, rolled back", policy, 1, undone, false, 5000],
    ["second failure, rolled back: the backoff doubled", policy, 2, undone, false, 10_000],
    ["the retries are spent", policy, 3, undone, false, undefined],
    ["nothing was rolled back (it failed before deploying)", policy, 1, notUndone, false, undefined],
    ["the run is stopping (Ctrl-C, lost lock, --fail-fast)", policy, 1, undone, true, undefined],
    ["no retries", undefined, 1, undone, false, undefined],
  ])("%s", (_, p, attempt, result, stopping, want) => {
    expect(retryDelayMs(p, attempt, result, stopping)).toBe(want);
  });

  it("a release gets 1 + retries attempts", () => {
    expect(maxAttempts(undefined)).toBe(1);
    expect(maxAttempts(policy)).toBe(3);
  });

  it("the backoff ends at once when the run stops", async () => {
    const stop = new AbortController();
    const started = Date.now();
    const waiting = pause(60_000, stop.signal);
    setTimeout(() => stop.abort(), 20);
    expect(await waiting).toBe(false);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await pause(10, new AbortController().signal)).toBe(true);
    expect(await pause(10_000, AbortSignal.abort())).toBe(false);
  });
});
