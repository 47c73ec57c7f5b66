import { describe, expect, it } from "vitest";
import {
  constraintOf,
  highestSatisfying,
  isValidConstraint,
  satisfies,
} from "../../../src/charts/version-range.js";

const offered = [
  "0.9.0",
  "1.0.0",
  "1.2.0",
  "1.2.7",
  "1.3.0-rc.1",
  "1.3.0",
  "1.10.2",
  "2.0.0",
  "2.1.0-beta.1",
];

describe("chart version ranges", () => {
  it.each([
    { constraint: "~1.2.0", expected: "1.2.7" },
    { constraint: "^1", expected: "1.10.2" },
    { constraint: ">=1.0 <2", expected: "1.10.2" },
    { constraint: ">=1.0, <1.3", expected: "1.2.7" }, // helm's comma is AND
    { constraint: "1.2.x", expected: "1.2.7" },
    { constraint: "1.2.0", expected: "1.2.0" },
    { constraint: "v1.2.0", expected: "1.2.0" },
    { constraint: "*", expected: "2.0.0" }, // the latest stable: pre-releases only when asked
    { constraint: "^3", expected: undefined },
  ])("$constraint resolves to $expected", ({ constraint, expected }) => {
    expect(highestSatisfying(offered, constraint)).toBe(expected);
  });

  it("takes pre-releases with devel, or when the constraint names one", () => {
    expect(highestSatisfying(offered, "*", true)).toBe("2.1.0-beta.1");
    expect(highestSatisfying(offered, ">=1.3.0-rc.0 <1.3.0")).toBe("1.3.0-rc.1");
  });

  it("no version is the latest; blanks too", () => {
    expect(constraintOf(undefined)).toBe("*");
    expect(constraintOf("  ")).toBe("*");
    expect(constraintOf(" ~1.2.0 ")).toBe("~1.2.0");
  });

  it("tells a constraint from nonsense, and a non-semver version never satisfies", () => {
    expect(isValidConstraint("~1.2")).toBe(true);
    expect(isValidConstraint("latest")).toBe(false);
    expect(satisfies("not-a-version", "*")).toBe(false);
    expect(satisfies("1.2.3", "~1.2.0")).toBe(true);
    expect(satisfies("1.3.0", "~1.2.0")).toBe(false);
  });
});
