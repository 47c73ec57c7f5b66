// The person at the terminal, for the questions a command asks: whether one
// can be asked (stdin is a terminal) and the answer. Injectable through CliIO
// so a test answers in-process; the default reads the command's stdin.
import { createInterface } from "node:readline/promises";
import type { CliIO } from "./io.js";

export interface Terminal {
  /** Whether questions can be asked: stdin is a terminal. */
  readonly interactive: boolean;
  /** Writes `question` (to stderr) and returns the line typed. */
  ask(question: string): Promise<string>;
}

export function stdinTerminal(io: Pick<CliIO, "stdin" | "stderr">): Terminal {
  return {
    interactive: Boolean(io.stdin.isTTY),
    async ask(question) {
      const rl = createInterface({ input: io.stdin, output: io.stderr });
      try {
        return await rl.question(question);
      } finally {
        rl.close();
      }
    },
  };
}

/** y or yes, in any case. */
export function isYes(answer: string): boolean {
  return /^\s*y(es)?\s*$/i.test(answer);
}
