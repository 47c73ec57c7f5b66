import { describe, expect, it } from "vitest";
import { cli } from "../cli/run-cli.js";

const listed = async (...argv: string[]) => {
  const result = await cli("stack", ["list", "-o", "json", ...argv]);
  expect(result.code, result.stderr).toBe(0);
  const ids = (JSON.parse(result.stdout) as { name: string; namespace: string }[]).map(
    (r) => `${r.namespace}/${r.name}`,
  );
  return { ids, stderr: result.stderr };
};

describe("selector flags combine as in Helmfile", () => {
  it("--include-needs with --include-transitive-needs is the transitive closure", async () => {
    const both = await listed("-l", "name=app1-front", "--include-needs", "--include-transitive-needs");
    const transitive = await listed("-l", "name=app1-front", "--include-transitive-needs");
    expect(both.ids).toEqual([
      "core/devops",
      "database/postgresql",
      "backend/app1-back",
      "frontend/app1-front",
    ]);
    expect(both.ids).toEqual(transitive.ids);
    expect(both.stderr).toBe("");
  });

  it("--skip-needs with --include-transitive-needs is refused", async () => {
    const result = await cli("stack", ["list", "--skip-needs", "--include-transitive-needs"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("releases: --skip-needs and --include-transitive-needs exclude each other\n");
  });
});

describe("a selector key no release has", () => {
  it("warns on stderr, suggesting the closest key and listing the keys in use", async () => {
    const { ids, stderr } = await listed("-l", "teir=core");
    expect(ids).toEqual([]);
    expect(stderr).toBe(
      'releases: warning: no release has the label "teir" (-l teir=core) (did you mean "tier"?); ' +
        "labels in use: app, tier (built in: name, namespace, chart)\n",
    );
  });

  it("warns once per key, also for != terms, and not for keys that exist", async () => {
    const { stderr } = await listed("-l", "colour!=red,tier=core", "-l", "colour=blue");
    expect(stderr.match(/warning/g)).toHaveLength(1);
    expect(stderr).toContain('no release has the label "colour" (-l colour!=red);');
  });

  it("says nothing for built-in keys", async () => {
    const { stderr } = await listed("-l", "name=metrics,namespace=core,chart=x");
    expect(stderr).toBe("");
  });
});
