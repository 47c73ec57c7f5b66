// "See it, then do it": apply prints the plan's changes before making them;
// -i asks once on the terminal (answered here through a real pseudo-terminal,
// util-linux `script`), and is refused when stdin is not a terminal.
import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { fixtureCharts, repoRoot, tool } from "../../toolchain/tools.js";
import { helmHistory, Project, type ReleaseSpec, unique } from "../deploy/support.js";

const troubled = path.join(fixtureCharts, "troubled");
const cli = path.join(repoRoot, "dist", "cli", "main.js");

/** `releases <args>` on a pseudo-terminal, `answer` typed on it; the terminal's output and the exit code. */
function onTerminal(
  project: Project,
  args: string[],
  answer: string,
): Promise<{ code: number; output: string }> {
  const command = [
    process.execPath,
    cli,
    ...args,
    "-e",
    project.environment,
    "--helm-binary",
    tool(project.helm),
  ]
    .map((a) => `'${a}'`)
    .join(" ");
  const child = spawn("script", ["-qec", command, "/dev/null"], {
    cwd: project.dir,
    env: { ...process.env, NO_COLOR: "1" },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => {
    output += chunk.toString();
    // Answer once the question is on the screen.
    if (output.includes("[y/N]") && !child.stdin.writableEnded) child.stdin.end(`${answer}\n`);
  });
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, output }));
  });
}

describe("apply shows its plan, and -i asks once", () => {
  it("no: nothing changes (exit 2); yes: the plan runs; without a terminal -i is refused", async () => {
    const ns = `ask-${unique()}`;
    const web = (replicaCount: number): ReleaseSpec => ({
      name: "web",
      namespace: ns,
      chart: troubled,
      values: [{ replicaCount, image: "registry.invalid/web:1" }],
    });
    const project = new Project("helm", [web(1)]);
    onTestFinished(() => project.cleanUp());

    // The default: the plan is printed (stderr), then carried out without a question.
    const first = await project.releases(["apply"], { output: "text" });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toContain(`plan: 1 install`);
    expect(first.stderr).toMatch(
      new RegExp(`install {2}${ns}/web {2}not installed; chart .*troubled; 2 values`),
    );

    project.setReleases([web(2)]);
    const declined = await onTerminal(project, ["apply", "-i"], "n");
    expect(declined.output).toMatch(
      new RegExp(
        `upgrade {2}${ns}/web {2}fingerprint changed \\(revision 1\\); .*values changed: replicaCount`,
      ),
    );
    expect(declined.output).toContain("Go ahead with this plan? [y/N]");
    expect(declined.output).toContain("not confirmed; nothing was changed");
    expect(declined.code).toBe(2);
    expect((await helmHistory("helm", "web", ns)).map((h) => h.revision)).toEqual([1]);

    const accepted = await onTerminal(project, ["apply", "-i"], "y");
    expect(accepted.code, accepted.output).toBe(0);
    expect(accepted.output).toMatch(/upgraded \(revision 2\)/);
    expect((await helmHistory("helm", "web", ns)).map((h) => h.revision)).toEqual([1, 2]);

    const piped = await project.releases(["apply", "-i"], { output: "text" });
    expect(piped.code).toBe(2);
    expect(piped.stderr).toContain("--interactive asks on the terminal, and stdin is not one");
    // --yes goes ahead without asking, also where RELEASES_INTERACTIVE makes asking the default.
    project.setReleases([web(3)]);
    const yes = await project.releases(["apply", "--yes"], {
      output: "text",
      env: { RELEASES_INTERACTIVE: "1" },
    });
    expect(yes.code, yes.stderr).toBe(0);
    expect((await helmHistory("helm", "web", ns)).map((h) => h.revision)).toEqual([1, 2, 3]);
  });
});
