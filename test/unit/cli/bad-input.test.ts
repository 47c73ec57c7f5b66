import { describe, expect, it } from "vitest";
import { cli, PROJECTS } from "./run-cli.js";

// Every bad input exits 2 with one message: `releases: <file>:<line>:<col> <field>: <message>`,
// then an optional hint. Files are shown relative to the working directory (the project's).
describe("bad input is reported with file, line, column and field, and exits 2", () => {
  it.each([
    {
      what: "a YAML syntax error",
      project: "yaml-syntax",
      argv: ["list"],
      stderr: "releases: releases.yaml:3:1: YAML syntax error: Tabs are not allowed as indentation",
    },
    {
      what: "a key given twice",
      project: "duplicate-key",
      argv: ["list"],
      stderr: "releases: releases.yaml:4:5: YAML syntax error: Map keys must be unique",
    },
    {
      what: "an unknown key, with the closest known one",
      project: "unknown-key",
      argv: ["list"],
      stderr:
        'releases: releases.yaml:4:5 releases[0].namspace: unknown key "namspace" (did you mean "namespace"?)\n' +
        "  hint: known keys here: name, inherit, namespace, chart, version, labels, needs, values, secrets, set, installed, " +
        "condition, kubeContext, kubeconfig, createNamespace, atomic, wait, timeout, tests, historyMax, waitForJobs, skipCRDs, force, " +
        "cleanupOnFail, disableOpenAPIValidation, skipSchemaValidation, takeOwnership, serverSide, description, devel, " +
        "verify, reuseValues, resetValues, kubeVersion, apiVersions, args, " +
        "jsonPatches, strategicMergePatches, transformers, hooks, crds, retries, driftDetection",
    },
    {
      what: "a value of the wrong type",
      project: "wrong-type",
      argv: ["list"],
      stderr: 'releases: releases.yaml:4:11 releases[0].wait: expected boolean, got string "yes"',
    },
    {
      what: "a missing values file",
      project: "missing-values-file",
      argv: ["list"],
      stderr:
        "releases: releases.yaml:5:9 releases[0].values[0]: file not found: values/web.yaml\n" +
        "  hint: write {path: ..., optional: true} for a file that may be missing",
    },
    {
      what: "an unknown environment, listing the known ones",
      project: "environments",
      argv: ["list", "-e", "prod"],
      stderr:
        'releases: releases.yaml:1:1 environments: unknown environment "prod"; known: staging, production',
    },
    {
      what: "an environment name with a typo",
      project: "environments",
      argv: ["list", "-e", "stagin"],
      stderr:
        'releases: releases.yaml:1:1 environments: unknown environment "stagin" (did you mean "staging"?); ' +
        "known: staging, production",
    },
    {
      what: "no -e when the file has no default environment",
      project: "environments",
      argv: ["list"],
      stderr:
        "releases: releases.yaml:1:1 environments: no environment selected; choose one of: staging, production\n" +
        "  hint: pass -e <name> or set RELEASES_ENV",
    },
    {
      what: "an unknown variable in a releases.yaml field",
      project: "template-error",
      argv: ["list"],
      stderr:
        'releases: releases.yaml:4:21 releases[0].namespace: unknown variable "values.team"\n' +
        "  hint: check the spelling, or use (default <fallback> <value>) for optional values",
    },
    {
      what: "an unknown variable in an environment values template",
      project: "env-template-error",
      argv: ["list"],
      stderr:
        'releases: environments/default.yaml.hbs:3:12: unknown variable "values.mailDomain"\n' +
        "  hint: check the spelling, or use (default <fallback> <value>) for optional values",
    },
    {
      what: "an unknown need, with the closest release",
      project: "unknown-need",
      argv: ["list"],
      stderr:
        'releases: releases.yaml:6:13 releases[1].needs[0]: unknown need "databse" (did you mean "database"?)',
    },
    {
      what: "an ambiguous short need",
      project: "ambiguous-need",
      argv: ["list"],
      stderr:
        'releases: releases.yaml:10:13 releases[2].needs[0]: ambiguous need "db": it names blue/db, green/db\n' +
        "  hint: write the need as namespace/name",
    },
    {
      what: "a duplicate release",
      project: "duplicate-release",
      argv: ["list"],
      stderr:
        'releases: releases.yaml:5:5 releases[1] (web): duplicate release "apps/web"\n' +
        "  hint: releases[0] (web) has the same namespace and name (line 2); give one a different name or namespace",
    },
    {
      what: "a cycle, with its whole path, at one of its needs",
      project: "cycle",
      argv: ["graph"],
      stderr:
        "releases: releases.yaml:4:13 releases[0].needs[0]: dependency cycle: default/a -> default/b -> default/c -> default/a\n" +
        "  hint: remove one of these needs",
    },
    {
      what: "a malformed selector (a command-line problem: no file)",
      project: "environments",
      argv: ["list", "-e", "staging", "-l", "tier"],
      stderr:
        'releases: malformed selector "tier": "tier" is not key=value or key!=value\n' +
        "  hint: example: -l tier=core,app!=db (terms are ANDed; repeat -l to OR)",
    },
    {
      what: "mutually exclusive needs flags (a command-line problem: no file)",
      project: "environments",
      argv: ["list", "-e", "staging", "--skip-needs", "--include-needs"],
      stderr: "releases: --skip-needs and --include-needs exclude each other",
    },
  ])("$what", async ({ project, argv, stderr }) => {
    const result = await cli(project, argv);
    expect(result.stderr).toBe(`${stderr.replaceAll("<p>", `${PROJECTS}/${project}`)}\n`);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
  });

  it("a good project lists its releases and exits 0", async () => {
    const result = await cli("environments", ["list", "-e", "staging", "-o", "json"]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([
      {
        name: "web",
        namespace: "apps",
        chart: "../../charts/tiny",
        version: null,
        labels: { tier: "apps" },
        needs: [],
        installed: true,
        file: "releases.yaml",
      },
    ]);
  });
});
