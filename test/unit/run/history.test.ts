import { describe, expect, it } from "vitest";
import { lastGood } from "../../../src/run/history.js";

const history = (...statuses: string[]) => statuses.map((status, i) => ({ revision: i + 1, status }));

describe("the revision a failed release goes back to", () => {
  it.each([
    {
      what: "the deployed revision before the failed upgrade",
      h: history("superseded", "deployed", "failed"),
      upTo: 3,
      want: 2,
    },
    {
      what: "past a failed revision to the last good one",
      h: history("superseded", "failed", "pending-upgrade"),
      upTo: 3,
      want: 1,
    },
    { what: "never a pending revision", h: history("deployed", "pending-rollback"), upTo: 2, want: 1 },
    {
      what: "nothing at or below the limit counts after it",
      h: history("failed", "deployed"),
      upTo: 1,
      want: undefined,
    },
    {
      what: "nothing when no revision ever deployed (a failed first install)",
      h: history("failed"),
      upTo: 1,
      want: undefined,
    },
  ])("$what", ({ h, upTo, want }) => {
    expect(lastGood(h, upTo)).toBe(want);
  });
});
