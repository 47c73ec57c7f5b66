import { describe, expect, it } from "vitest";
import {
  formatLock,
  type LockedChart,
  lockFileOf,
  makeLock,
  requirementsDigest,
} from "../../../src/charts/lock-file.js";
import { parseLock } from "../../../src/charts/lock-parse.js";
import { ConfigError } from "../../../src/errors.js";

const nginx: LockedChart = {
  repository: "https://charts.example.com",
  chart: "nginx",
  constraint: "~15.3.0",
  version: "15.3.4",
  digest: `sha256:${"a".repeat(64)}`,
};
const app: LockedChart = {
  repository: "oci://ghcr.io/acme/charts",
  chart: "app",
  constraint: "*",
  version: "1.0.0",
  digest: `sha256:${"b".repeat(64)}`,
};
const at = new Date("2026-12-01T23:00:00.000Z");

describe("releases.lock", () => {
  it("lies beside the project file, named after it", () => {
    expect(lockFileOf("/p/releases.yaml")).toBe("/p/releases.lock");
    expect(lockFileOf("/p/stack.yml")).toBe("/p/stack.lock");
  });

  it("round-trips: written sorted, read back equal", () => {
    const lock = makeLock([nginx, app], at);
    expect(lock.charts.map((c) => c.chart)).toEqual(["nginx", "app"]);
    expect(lock.generated).toBe("2026-12-01T23:00:00.000Z");
    const text = formatLock(lock);
    expect(text).toMatch(/^# The chart versions/);
    expect(parseLock(text, "/p/releases.lock")).toEqual(lock);
    expect(formatLock(makeLock([app, nginx], at))).toBe(text);
  });

  it("its digest covers what is asked (repository, chart, constraint), not what was resolved", () => {
    const moved: LockedChart = { ...nginx, version: "15.3.9" };
    expect(requirementsDigest([nginx])).toBe(requirementsDigest([moved]));
    expect(requirementsDigest([nginx])).not.toBe(requirementsDigest([{ ...nginx, constraint: "~15.4.0" }]));
    expect(requirementsDigest([nginx, app])).toBe(requirementsDigest([app, nginx]));
  });

  it("a lock whose entries were edited by hand is refused at its digest line", () => {
    const text = formatLock(makeLock([nginx], at)).replace("~15.3.0", "~15.4.0");
    const error = (() => {
      try {
        parseLock(text, "/p/releases.lock");
      } catch (e) {
        return e as ConfigError;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(error?.message).toContain("do not match its digest");
    expect(error?.location).toMatchObject({ file: "/p/releases.lock", field: "digest", line: 4 });
    expect(error?.hint).toContain("releases deps");
  });

  it("a malformed lock names the field and line", () => {
    const text = formatLock(makeLock([nginx], at)).replace("version: 15.3.4", "versoin: 15.3.4");
    expect(() => parseLock(text, "/p/releases.lock")).toThrow(/malformed chart lock/);
    try {
      parseLock(text, "/p/releases.lock");
    } catch (e) {
      expect((e as ConfigError).location?.field).toMatch(/^charts\[0\]/);
      expect((e as ConfigError).location?.line).toBeGreaterThan(4);
    }
  });
});
