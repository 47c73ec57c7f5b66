import { describe, expect, it } from "vitest";
import { microTime } from "../../../src/kube/micro-time.js";
import { statusMessage } from "../../../src/kube/rest.js";

describe("an API server's error answer", () => {
  it("is its Status message, first line, at most 500 characters", () => {
    const status = (message: string) =>
      JSON.stringify({
        kind: "Status",
        apiVersion: "v1",
        status: "Failure",
        message,
        reason: "Forbidden",
        code: 403,
      });
    expect(
      statusMessage(
        403,
        status('secrets is forbidden: User "system:serviceaccount:a:deployer" cannot list resource'),
      ),
    ).toBe('secrets is forbidden: User "system:serviceaccount:a:deployer" cannot list resource');
    expect(statusMessage(409, status("Operation cannot be fulfilled\non leases"))).toBe(
      "Operation cannot be fulfilled",
    );
    expect(statusMessage(422, status("x".repeat(800)))).toHaveLength(500);
  });

  it("is the body's first line when it is not a Status, or the HTTP code when there is nothing", () => {
    expect(statusMessage(502, "<html>Bad Gateway</html>\n<body/>")).toBe("<html>Bad Gateway</html>");
    expect(statusMessage(404, "")).toBe("HTTP 404");
    expect(statusMessage(500, JSON.stringify({ kind: "Status", message: "" }))).toBe(
      '{"kind":"Status","message":""}',
    );
  });
});

describe("MicroTime (a Lease's times)", () => {
  it("has exactly six fractional digits, in UTC", () => {
    expect(microTime(new Date(Date.UTC(2026, 11, 2, 5, 13, 3, 123)))).toBe("2026-12-02T05:13:03.123000Z");
    expect(microTime("2026-12-02T06:13:03+01:00")).toBe("2026-12-02T05:13:03.000000Z");
    expect(() => microTime("yesterday")).toThrow(RangeError);
  });
});
