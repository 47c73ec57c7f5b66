// `--set a.b=1,c={x,y}` and `--state-values-set` on the command line, read the
// way helm reads --set (pkg/strvals): assignments separated by commas, a
// backslash escapes the next character, `{a,b}` is a list, and values are
// typed: true/false/null (any case), integers without a leading zero; the rest
// (floats included) stay strings.
import { UsageError } from "../errors.js";
import { parseSetPath } from "./set-path.js";

export interface SetAssignment {
  /** The path as helm reads it (escapes kept, for parseSetPath). */
  path: string;
  value: unknown;
}

export function parseSetArguments(text: string, flag = "--set"): SetAssignment[] {
  const out: SetAssignment[] = [];
  let i = 0;
  const bad = (why: string) =>
    new UsageError(`${flag} "${text}": ${why}`, {
      hint: `write ${flag} path=value[,path=value] (helm --set syntax)`,
    });
  while (i < text.length) {
    let path = "";
    while (i < text.length && text[i] !== "=") {
      if (text[i] === ",") throw bad(`key "${path}" has no value`);
      if (text[i] === "\\" && i + 1 < text.length) path += text[i++];
      path += text[i++];
    }
    if (i >= text.length) throw bad(`key "${path}" has no value`);
    i++; // =
    try {
      parseSetPath(path);
    } catch (error) {
      throw bad((error as Error).message.replace(/^set: /, ""));
    }
    if (text[i] === "{") {
      const items: unknown[] = [];
      let item = "";
      i++;
      for (;;) {
        if (i >= text.length) throw bad("list must terminate with '}'");
        const ch = text[i++]!;
        if (ch === "\\" && i < text.length) item += text[i++];
        else if (ch === "," || ch === "}") {
          items.push(typed(item));
          item = "";
          if (ch === "}") break;
        } else item += ch;
      }
      if (text[i] === ",") i++;
      out.push({ path, value: items });
      continue;
    }
    let raw = "";
    while (i < text.length && text[i] !== ",") {
      if (text[i] === "\\" && i + 1 < text.length) i++;
      raw += text[i++];
    }
    if (text[i] === ",") i++;
    out.push({ path, value: typed(raw) });
  }
  return out;
}

/** helm's typedVal. */
function typed(raw: string): unknown {
  const lower = raw.toLowerCase();
  if (lower === "true") return true;
  if (lower === "false") return false;
  if (lower === "null") return null;
  if (raw === "0") return 0;
  if (/^[1-9]\d*$|^-[1-9]\d*$|^\+[1-9]\d*$/.test(raw)) {
    const n = Number(raw);
    if (Number.isSafeInteger(n)) return n;
  }
  return raw;
}
