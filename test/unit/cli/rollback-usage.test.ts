import { describe, expect, it } from "vitest";
import { cli } from "./run-cli.js";

// Usage mistakes with rollback and history exit 2 before any cluster is touched
// (the env has no KUBECONFIG: reaching the cluster would fail differently).
describe("rollback and history refuse what they cannot honour", () => {
  it.each([
    { argv: ["rollback", "app1-back", "--run", "x"], stderr: "pass either <release> or --run, not both" },
    { argv: ["rollback", "--revision", "2"], stderr: "--revision goes with a release" },
    { argv: ["rollback", "--recover", "rollback"], stderr: "unknown option '--recover'" },
    { argv: ["rollback", "-l", "app=app1"], stderr: "rollback undoes a whole run: it takes no selector" },
    { argv: ["rollback", "--include-needs"], stderr: "it takes no selector or needs flags" },
    { argv: ["rollback", "app1-back", "--revision", "0"], stderr: "--revision must be a positive integer" },
    { argv: ["history", "-l", "app=app1"], stderr: "history lists whole runs: it takes no selector" },
  ])("$argv.0 $argv.1 $argv.2: $stderr", async ({ argv, stderr }) => {
    const result = await cli("stack", [...argv, "-e", "development"], { KUBECONFIG: "/nonexistent" });
    expect(result.stderr).toContain(stderr);
    expect(result.code).toBe(2);
  });
});
