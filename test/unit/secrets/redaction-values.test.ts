// The redaction corpus through `releases values`: with each corpus word as the
// secret, the output is exactly the output with a random control token as the
// secret — no word leaked, none mangled — and JSON stays valid JSON.

import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONTROL, CORPUS_WORDS, type CorpusProject, corpusProject } from "./corpus-project.js";
import { type Printed, releasesIn } from "./run-in-process.js";

const COMMANDS = [
  ["values", "app1-back"],
  ["values", "web"],
  ["values", "app1-back", "-o", "json"],
  ["values", "web", "-o", "json"],
];

const projects = new Map<string, CorpusProject>();
beforeAll(async () => {
  for (const secret of [CONTROL, ...CORPUS_WORDS]) projects.set(secret, await corpusProject(secret));
});
afterAll(() => {
  for (const p of projects.values()) rmSync(p.dir, { recursive: true, force: true });
});

const print = (secret: string, argv: string[]): Promise<Printed> => {
  const p = projects.get(secret)!;
  return releasesIn(p.dir, [...argv, "-e", p.environment], p.env);
};

describe("releases values with a dictionary-word secret", () => {
  it.each(COMMANDS.map((argv) => ({ command: argv.join(" "), argv })))(
    "the control output hides the secret and prints the value a rule left in clear: $command",
    async ({ argv }) => {
      const control = await print(CONTROL, argv);
      expect(control.stderr).toBe("");
      expect(control.code).toBe(0);
      expect(control.stdout).not.toContain(CONTROL);
      expect(control.stdout).toContain("frontend-release");
      if (argv[1] === "app1-back") expect(control.stdout).toContain("postgres://app:<redacted>@db.internal");
    },
  );

  it.each(CORPUS_WORDS.flatMap((word) => COMMANDS.map((argv) => ({ word, command: argv.join(" "), argv }))))(
    "$command with the secret $word prints exactly what it prints for a random one",
    async ({ word, argv }) => {
      const [printed, control] = await Promise.all([print(word, argv), print(CONTROL, argv)]);
      expect(printed).toEqual(control);
      if (argv.includes("json")) expect(() => JSON.parse(printed.stdout)).not.toThrow();
    },
  );
});
