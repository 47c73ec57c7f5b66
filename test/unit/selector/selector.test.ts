import { describe, expect, it } from "vitest";
import { UsageError } from "../../../src/errors.js";
import { matchesAny, parseSelector } from "../../../src/selector/selector.js";

const app1Back = {
  name: "app1-back",
  namespace: "backend",
  chart: "./charts/backend",
  labels: { tier: "apps", app: "app1" },
};
const devops = { name: "devops", namespace: "core", chart: "./charts/devops", labels: { tier: "core" } };

describe("label selectors (Helmfile semantics)", () => {
  it.each([
    { selectors: [], release: app1Back, matches: true, why: "no selector selects everything" },
    { selectors: ["tier=apps"], release: app1Back, matches: true, why: "equality on a label" },
    { selectors: ["tier=core"], release: app1Back, matches: false, why: "equality fails" },
    { selectors: ["tier=apps,app=app1"], release: app1Back, matches: true, why: "terms in one -l are ANDed" },
    {
      selectors: ["tier=apps,app=app2"],
      release: app1Back,
      matches: false,
      why: "one failing term fails the AND",
    },
    { selectors: ["app=app2", "app=app1"], release: app1Back, matches: true, why: "repeated -l are ORed" },
    { selectors: ["tier!=core"], release: app1Back, matches: true, why: "inequality" },
    {
      selectors: ["app!=app1"],
      release: devops,
      matches: true,
      why: "inequality matches a release without the label",
    },
    { selectors: ["name=devops"], release: devops, matches: true, why: "built-in label name" },
    { selectors: ["namespace=backend"], release: app1Back, matches: true, why: "built-in label namespace" },
    { selectors: ["chart=./charts/devops"], release: devops, matches: true, why: "built-in label chart" },
    { selectors: [" tier = core "], release: devops, matches: true, why: "spaces around terms are ignored" },
  ])("$why", ({ selectors, release, matches }) => {
    expect(matchesAny(release, selectors.map(parseSelector))).toBe(matches);
  });

  it.each(["tier", "tier==core", "=core", "tier=core,", "ti er=core", "tier=co re"])(
    "rejects the malformed selector %j as a usage error",
    (text) => {
      expect(() => parseSelector(text)).toThrow(UsageError);
    },
  );
});
