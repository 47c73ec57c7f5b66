// The redaction corpus through `releases template` and `releases lint`, with
// and without --debug, against the real helm: with each corpus word as the
// secret, everything printed is what is printed with a random control token
// as the secret (no leak, no mangled word).
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tool } from "../../toolchain/tools.js";
import {
  CONTROL,
  CORPUS_WORDS,
  type CorpusProject,
  corpusProject,
} from "../../unit/secrets/corpus-project.js";
import { type Printed, releasesIn } from "../../unit/secrets/run-in-process.js";

const COMMANDS = [["template"], ["template", "--debug"], ["lint", "--debug"]];

const projects = new Map<string, CorpusProject>();
beforeAll(async () => {
  for (const secret of [CONTROL, ...CORPUS_WORDS]) projects.set(secret, await corpusProject(secret));
});
afterAll(() => {
  for (const p of projects.values()) rmSync(p.dir, { recursive: true, force: true });
});

/** What differs between two runs whatever the secret: the project's temp dir, timings, the order of parallel helm calls. */
function normalized(printed: Printed, dir: string): Printed {
  const clean = (text: string) =>
    text.replaceAll(dir, "<dir>").replace(/\b\d+(?:\.\d+)?\s?(?:ms|s)\b/g, "<time>");
  return {
    code: printed.code,
    stdout: clean(printed.stdout),
    stderr: clean(printed.stderr).split("\n").sort().join("\n"),
  };
}

async function print(secret: string, argv: string[]): Promise<Printed> {
  const p = projects.get(secret)!;
  const printed = await releasesIn(
    p.dir,
    [...argv, "-e", p.environment, "--helm-binary", tool("helm")],
    p.env,
  );
  return normalized(printed, p.dir);
}

describe("template and lint with a dictionary-word secret", () => {
  it("the control run renders the secret's places redacted and nothing else", async () => {
    const control = await print(CONTROL, ["template", "--debug"]);
    expect(control.code).toBe(0);
    const all = control.stdout + control.stderr;
    expect(all).not.toContain(CONTROL);
    expect(all).not.toContain(Buffer.from(CONTROL).toString("base64"));
    expect(control.stdout).toContain("password: <redacted>");
    expect(control.stdout).toContain('url: "postgres://app:<redacted>@db.internal:5432/app"');
    expect(control.stdout).toContain(
      "docs: see secrets.hashicorp.com/v1beta1 and secret/data/app1/db#password",
    );
    expect(control.stdout).toContain('tier: "frontend-release"');
    expect(control.stderr).toContain("[debug]");
  });

  it.each(CORPUS_WORDS.flatMap((word) => COMMANDS.map((argv) => ({ word, argv, command: argv.join(" ") }))))(
    "$command with the secret $word prints exactly what it prints for a random one",
    async ({ word, argv }) => {
      const [printed, control] = await Promise.all([print(word, argv), print(CONTROL, argv)]);
      expect(printed).toEqual(control);
    },
  );
});
