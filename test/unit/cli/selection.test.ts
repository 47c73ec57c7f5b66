import { describe, expect, it } from "vitest";
import { cli } from "./run-cli.js";

const ids = async (...argv: string[]) => {
  const result = await cli("stack", ["list", "-o", "json", ...argv]);
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  return (JSON.parse(result.stdout) as { name: string; namespace: string }[]).map(
    (r) => `${r.namespace}/${r.name}`,
  );
};

describe("selecting releases with -l (Helmfile semantics)", () => {
  it.each([
    {
      why: "no selector selects everything, in graph order",
      argv: [],
      selected: [
        "core/devops",
        "database/postgresql",
        "backend/app1-back",
        "frontend/app1-front",
        "backend/app2-back",
        "core/metrics",
      ],
    },
    { why: "one term", argv: ["-l", "tier=core"], selected: ["core/devops", "core/metrics"] },
    {
      why: "terms within one -l are ANDed",
      argv: ["-l", "tier=apps,app=app1"],
      selected: ["backend/app1-back", "frontend/app1-front"],
    },
    {
      why: "repeated -l are ORed",
      argv: ["-l", "app=app2", "-l", "tier=data"],
      selected: ["database/postgresql", "backend/app2-back"],
    },
    {
      why: "!= also matches releases without the label",
      argv: ["-l", "app!=app1"],
      selected: ["core/devops", "database/postgresql", "backend/app2-back", "core/metrics"],
    },
    { why: "the built-in name label", argv: ["-l", "name=metrics"], selected: ["core/metrics"] },
    {
      why: "the built-in namespace label",
      argv: ["-l", "namespace=backend"],
      selected: ["backend/app1-back", "backend/app2-back"],
    },
    {
      why: "the built-in chart label, as written",
      argv: ["-l", "chart=../../charts/tiny-stateful"],
      selected: ["core/metrics"],
    },
    { why: "a selector matching nothing selects nothing", argv: ["-l", "tier=none"], selected: [] },
  ])("$why", async ({ argv, selected }) => {
    expect(await ids(...argv)).toEqual(selected);
  });
});

describe("needs of selected releases", () => {
  it.each([
    {
      mode: "by default they stay out (deploying commands check they are deployed)",
      flags: [],
      selected: ["frontend/app1-front"],
    },
    {
      mode: "--include-needs adds direct needs",
      flags: ["--include-needs"],
      selected: ["backend/app1-back", "frontend/app1-front"],
    },
    {
      mode: "--include-transitive-needs adds every ancestor",
      flags: ["--include-transitive-needs"],
      selected: ["core/devops", "database/postgresql", "backend/app1-back", "frontend/app1-front"],
    },
    { mode: "--skip-needs ignores them", flags: ["--skip-needs"], selected: ["frontend/app1-front"] },
  ])("$mode", async ({ flags, selected }) => {
    expect(await ids("-l", "name=app1-front", ...flags)).toEqual(selected);
  });

  it.each([
    { flags: [], external: ["backend/app1-back"] },
    { flags: ["--skip-needs"], external: [] },
    // --include-needs takes the direct needs into the run; what they need in turn is checked.
    { flags: ["--include-needs"], external: ["database/postgresql"] },
    { flags: ["--include-transitive-needs"], external: [] },
  ])("graph names needs left outside the selection ($flags)", async ({ flags, external }) => {
    const result = await cli("stack", ["graph", "-o", "json", "-l", "name=app1-front", ...flags]);
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as { externalNeeds: string[] }).externalNeeds).toEqual(external);
  });

  it("graph prints parallel stages in needs order", async () => {
    const result = await cli("stack", ["graph"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        "1. in parallel: core/devops, core/metrics",
        "2. database/postgresql",
        "     database/postgresql <- core/devops",
        "3. in parallel: backend/app1-back, backend/app2-back",
        "     backend/app1-back <- database/postgresql",
        "     backend/app2-back <- core/devops, database/postgresql",
        "4. frontend/app1-front",
        "     frontend/app1-front <- backend/app1-back",
        "(each release starts as soon as its own needs are done; stages are for reading only)",
        "",
      ].join("\n"),
    );
  });
});
