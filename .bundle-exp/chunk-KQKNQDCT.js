import {
  readTextFile
} from "./chunk-DE4Q4URJ.js";

// dist/secrets/age-keys.js
import { execFile } from "node:child_process";
import { homedir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
var run = promisify(execFile);
var nodeAgeKeyDeps = {
  // A device or FIFO named as a key file is refused, never read.
  readFile: (path) => readTextFile(path),
  runCommand: async ([cmd, ...args]) => (await run(cmd, args, { encoding: "utf8" })).stdout,
  platform: process.platform,
  homedir
};
function parseIdentityText(text) {
  const identities = [];
  let unsupported = 0;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#"))
      continue;
    if (/^AGE-SECRET-KEY-(PQ-)?1[0-9A-Z]+$/.test(line))
      identities.push(line);
    else
      unsupported += 1;
  }
  return { identities, unsupported };
}
function userConfigDir(env, deps) {
  const xdg = env.XDG_CONFIG_HOME;
  if (deps.platform === "win32")
    return env.AppData || void 0;
  if (deps.platform === "darwin") {
    return xdg ? xdg : join(env.HOME || deps.homedir(), "Library", "Application Support");
  }
  if (xdg?.startsWith("/"))
    return xdg;
  const home = env.HOME || deps.homedir();
  return home ? join(home, ".config") : void 0;
}
function splitCommand(line) {
  const out = [];
  let current = "";
  let inWord = false;
  let quote;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote === "'") {
      if (c === "'")
        quote = void 0;
      else
        current += c;
    } else if (quote === '"') {
      if (c === '"')
        quote = void 0;
      else if (c === "\\" && i + 1 < line.length)
        current += line[++i];
      else
        current += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (c === "\\" && i + 1 < line.length) {
      current += line[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord)
        out.push(current);
      current = "";
      inWord = false;
    } else {
      current += c;
      inWord = true;
    }
  }
  if (inWord)
    out.push(current);
  return out;
}
async function loadAgeIdentities(env, deps = nodeAgeKeyDeps) {
  const identities = [];
  const searched = [];
  const problems = [];
  const add = (text, source) => {
    const parsed = parseIdentityText(text);
    identities.push(...parsed.identities);
    if (parsed.unsupported > 0)
      problems.push(`${source}: ${parsed.unsupported} line(s) that are not age X25519 identities`);
  };
  if (env.SOPS_AGE_KEY !== void 0) {
    searched.push("SOPS_AGE_KEY");
    add(env.SOPS_AGE_KEY, "SOPS_AGE_KEY");
  }
  if (env.SOPS_AGE_KEY_FILE !== void 0) {
    const path = env.SOPS_AGE_KEY_FILE;
    searched.push(`SOPS_AGE_KEY_FILE (${path})`);
    try {
      add(await deps.readFile(path), path);
    } catch (error) {
      problems.push(`cannot read SOPS_AGE_KEY_FILE ${path}: ${error.code ?? error.message}`);
    }
  }
  if (env.SOPS_AGE_KEY_CMD !== void 0) {
    searched.push("SOPS_AGE_KEY_CMD");
    const argv = splitCommand(env.SOPS_AGE_KEY_CMD);
    if (argv.length === 0)
      problems.push("SOPS_AGE_KEY_CMD is empty");
    else {
      try {
        add(await deps.runCommand(argv), "SOPS_AGE_KEY_CMD");
      } catch {
        problems.push(`SOPS_AGE_KEY_CMD (${argv[0]}) failed`);
      }
    }
  }
  const configDir = userConfigDir(env, deps);
  if (configDir) {
    const path = join(configDir, "sops", "age", "keys.txt");
    searched.push(path);
    try {
      add(await deps.readFile(path), path);
    } catch (error) {
      const code = error.code;
      if (code !== "ENOENT")
        problems.push(`cannot read ${path}: ${code ?? error.message}`);
    }
  }
  return { identities: [...new Set(identities)], searched, problems, env };
}

export {
  nodeAgeKeyDeps,
  parseIdentityText,
  userConfigDir,
  splitCommand,
  loadAgeIdentities
};
