// The redaction corpus through the built CLI against the real cluster: with a
// dictionary word as the secret, `diff`, `sync --debug`, `status -o json` and
// `values -o json` print exactly what they print with a random token as the
// secret (no leak, no mangled word), and JSON output stays valid JSON.
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot, tool } from "../../toolchain/tools.js";
import {
  CONTROL,
  type CorpusProject,
  corpusProject,
  setCorpusSecret,
} from "../../unit/secrets/corpus-project.js";
import { kubectl, unique } from "../deploy/support.js";

const WORDS = ["secret", "name", "password"];
const cliPath = path.join(repoRoot, "dist", "cli", "main.js");

interface Deployed extends CorpusProject {
  namespace: string;
}
const projects = new Map<string, Deployed>();

interface Printed {
  code: number;
  stdout: string;
  stderr: string;
}

function releases(p: Deployed, args: string[]): Promise<Printed> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [cliPath, ...args, "-e", p.environment, "--helm-binary", tool("helm")],
      {
        cwd: p.dir,
        env: { ...process.env, ...p.env, NO_COLOR: "1" },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr.on("data", (c: Buffer) => {
      stderr += c.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/**
 * What a run printed with what differs between two projects whatever their
 * secret (names, paths, times, digests) taken out. Parallel releases log in
 * the order they finish, so stderr is compared as a set of lines, sorted
 * after the times are taken out.
 */
function normalized(p: Deployed, printed: Printed): string {
  const lines = normalizedText(p, printed.stderr).split("\n").sort().join("\n");
  return `${normalizedText(p, printed.stdout)}\n--- stderr ---\n${lines}`;
}

function normalizedText(p: Deployed, text: string): string {
  return text
    .replaceAll(p.dir, "<dir>")
    .replaceAll(p.namespace, "<ns>")
    .replaceAll(p.environment, "<env>")
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})/g, "<time>")
    .replace(/\b[0-9a-f]{16,}\b/g, "<digest>")
    .replace(/\b\d{8}-\d{6}-[0-9a-f]{4}\b/g, "<run>")
    .replace(/\b\d+(\.\d+)?\s?(ms|s)\b/g, "<duration>")
    .replace(/("(durationMs|startedAtMs|finishedAtMs|wallMs|[a-zA-Z]*Ms)":\s*)\d+/g, "$1<n>")
    .replace(/\[\d+(\.\d)?s\]/g, "[<t>]");
}

beforeAll(async () => {
  for (const secret of [CONTROL, ...WORDS]) {
    const id = unique();
    const namespace = `corpus-${id}`;
    // Deployed first with another value, so `diff` then shows the secret changing.
    const p = {
      ...(await corpusProject(`initial-Xk2${id}`, { environment: `corpus-${id}`, namespace })),
      namespace,
    };
    projects.set(secret, p);
    const first = await releases(p, ["sync"]);
    if (first.code !== 0) throw new Error(first.stderr);
    await setCorpusSecret(p.dir, secret);
  }
});

afterAll(async () => {
  for (const p of projects.values()) {
    await releases(p, ["destroy", "--yes"]);
    await kubectl(["delete", "namespace", p.namespace, "--wait=false", "--ignore-not-found"]);
    rmSync(p.dir, { recursive: true, force: true });
  }
});

const STEPS = [
  ["diff"],
  ["sync", "--debug"],
  ["status", "-o", "json"],
  ["values", "app1-back", "-o", "json"],
];

describe("redaction through the CLI against the cluster", () => {
  it.each(STEPS.map((argv) => ({ command: argv.join(" "), argv })))(
    "$command: a dictionary-word secret prints exactly what a random one does",
    async ({ argv }) => {
      const control = projects.get(CONTROL)!;
      const expected = await releases(control, argv);
      const everything = `${expected.stdout}${expected.stderr}`;
      expect(everything).not.toContain(CONTROL);
      expect(everything).not.toContain(Buffer.from(CONTROL).toString("base64"));
      if (argv.includes("json")) expect(() => JSON.parse(expected.stdout)).not.toThrow();
      // Every project runs the step before anything is compared, so one
      // mismatch does not leave the other projects a step behind.
      const seen = [];
      for (const word of WORDS) {
        const p = projects.get(word)!;
        const printed = await releases(p, argv);
        seen.push({ word, code: printed.code, out: normalized(p, printed) });
      }
      const want = { code: expected.code, out: normalized(control, expected) };
      expect(seen).toEqual(WORDS.map((word) => ({ word, ...want })));
    },
  );
});
