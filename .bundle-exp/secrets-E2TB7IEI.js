import {
  changeThenRedeploy,
  consumersOf,
  describeConsumers
} from "./chunk-KVLRAMGF.js";
import "./chunk-U4TBGQHR.js";
import "./chunk-RILUZRHU.js";
import "./chunk-NFGW6MRI.js";
import {
  addRunOptions
} from "./chunk-AA6YABJK.js";
import "./chunk-O7C643CG.js";
import "./chunk-IGDKEUG5.js";
import {
  openWorkspace
} from "./chunk-QSMOCHMN.js";
import "./chunk-RWJVQS3L.js";
import {
  Option
} from "./chunk-TJWVONZY.js";
import "./chunk-RBSEO7UU.js";
import "./chunk-3DJX7KBG.js";
import "./chunk-44P4TXDY.js";
import "./chunk-WVLY2SAW.js";
import "./chunk-PP4OAP52.js";
import "./chunk-GH6ZRYFL.js";
import "./chunk-CFB6N6L3.js";
import "./chunk-VQSVI6AM.js";
import "./chunk-7Q7BMIIO.js";
import "./chunk-EOAQSOO2.js";
import "./chunk-UHBPNIYZ.js";
import "./chunk-EZPMLSU3.js";
import "./chunk-WZBXSRHM.js";
import "./chunk-BFLBSBCJ.js";
import {
  loadAgeIdentities
} from "./chunk-KQKNQDCT.js";
import {
  UnreadableFile,
  localFiles,
  readTextFile,
  readTextFileAs,
  unreadableAs
} from "./chunk-DE4Q4URJ.js";
import {
  RULE_FIELDS,
  SOPS_VERSION,
  emitDocument,
  encryptMac,
  encryptTree,
  formatForPath,
  generateDataKey,
  goRegExp,
  keyAccess,
  metadataObject,
  openSops,
  parseDocument,
  parseSops,
  parseTransitUri,
  plaintextOf,
  rfc3339,
  unwrapDataKey,
  wrapDataKey
} from "./chunk-CNZIHLMC.js";
import {
  require_dist
} from "./chunk-NZJELPZH.js";
import {
  ReleaseFailedError,
  SecretError,
  UsageError
} from "./chunk-XLEZOOEL.js";
import {
  __toESM
} from "./chunk-4VNS5WPM.js";

// dist/cli/commands/secrets.js
import { relative as relative2, resolve as resolve3 } from "node:path";

// dist/secrets/sops/edit.js
import { spawn } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { mkdtemp, readFile, writeFile as writeFile2 } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join as join2, resolve as resolve2 } from "node:path";

// dist/secrets/sops/encrypt.js
function sealSops(input) {
  const { branch, mac } = encryptTree(input.branch, input.rules, input.dataKey, input.stash);
  const lastModified = rfc3339(input.now ?? /* @__PURE__ */ new Date());
  const metadata = {
    ...input.keys,
    lastModified,
    mac: encryptMac(mac, input.dataKey, lastModified),
    rules: input.rules,
    version: SOPS_VERSION
  };
  return emitDocument(branch, input.file, input.format, metadataObject(metadata));
}
function normalizeRules(rules = {}, file) {
  const keyRules = ["unencryptedSuffix", "encryptedSuffix", "unencryptedRegex", "encryptedRegex"].filter((k) => rules[k] !== void 0 && rules[k] !== "");
  if (keyRules.length > 1) {
    throw new SecretError("only one of unencrypted_suffix, encrypted_suffix, unencrypted_regex, encrypted_regex may be set", { location: { file } });
  }
  const out = {};
  for (const [k, v] of Object.entries(rules)) {
    if (v !== void 0 && v !== "" && v !== false)
      out[k] = v;
  }
  if (keyRules.length === 0)
    out.unencryptedSuffix = "_unencrypted";
  return out;
}
async function encryptSops(plaintext, file, options) {
  const format = options.format ?? formatForPath(file);
  const parsed = parseDocument(plaintext, file, format);
  if (parsed.metadata !== void 0) {
    throw new SecretError("the file is already encrypted (it has sops metadata)", { location: { file } });
  }
  const groups = options.groups ?? [(options.recipients ?? []).map((id) => ({ type: "age", id }))];
  const dataKey = generateDataKey();
  const access = keyAccess({ identities: [], searched: [], problems: [], env: options.env });
  return sealSops({
    file,
    format,
    branch: parsed.branch,
    rules: normalizeRules(options.rules, file),
    dataKey,
    keys: await wrapDataKey(dataKey, groups, options.shamirThreshold, access, file),
    now: options.now
  });
}

// dist/secrets/sops/files.js
import { randomBytes } from "node:crypto";
import { rename, stat, unlink, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";

// dist/secrets/sops/rekey.js
var same = (a, b) => a.type === b.type && a.id === b.id;
var ids = (groups) => groups.flat().map((k) => k.id);
function diff(before, after) {
  return {
    added: after.filter((r) => !before.includes(r)),
    removed: before.filter((r) => !after.includes(r))
  };
}
function currentKeys(metadata) {
  return {
    groups: metadata.keyGroups.map((g) => g.map(({ type, id }) => ({ type, id }))),
    shamirThreshold: metadata.shamirThreshold
  };
}
function unchanged(metadata, target) {
  const now = currentKeys(metadata);
  return now.groups.length === target.groups.length && (target.groups.length === 1 || (target.shamirThreshold ?? target.groups.length) === now.shamirThreshold) && now.groups.every((g, i) => g.length === target.groups[i].length && g.every((k) => target.groups[i].some((t) => same(k, t))));
}
async function updateKeys(text, file, keys, target) {
  const parsed = parseSops(text, file);
  const change = diff(ids(currentKeys(parsed.metadata).groups), ids(target.groups));
  if (unchanged(parsed.metadata, target))
    return { text, change: { added: [], removed: [] } };
  const access = keyAccess(keys);
  const dataKey = await unwrapDataKey(parsed.metadata, access, file);
  let held;
  if (target.groups.length === 1 && parsed.metadata.keyGroups.length === 1) {
    const existing = parsed.metadata.keyGroups[0];
    const fresh = target.groups[0].filter((t) => !existing.some((k) => same(k, t)));
    const wrapped = fresh.length === 0 ? [] : (await wrapDataKey(dataKey, [fresh], void 0, access, file)).keyGroups[0];
    const all = [...existing, ...wrapped];
    held = { keyGroups: [target.groups[0].map((t) => all.find((k) => same(k, t)))] };
  } else {
    held = await wrapDataKey(dataKey, target.groups, target.shamirThreshold, access, file);
  }
  const metadata = metadataObject({ ...parsed.metadata, ...held, shamirThreshold: held.shamirThreshold });
  return { text: emitDocument(parsed.branch, file, parsed.format, metadata), change };
}
async function rotate(text, file, keys, options = {}) {
  const opened = await openSops(text, file, keys);
  const before = currentKeys(opened.metadata);
  const target = options.target ?? before;
  const dataKey = generateDataKey();
  const sealed = sealSops({
    file,
    format: opened.format,
    branch: opened.branch,
    rules: opened.metadata.rules,
    dataKey,
    keys: await wrapDataKey(dataKey, target.groups, target.shamirThreshold, keyAccess(keys), file),
    now: options.now
  });
  return { text: sealed, change: diff(ids(before.groups), ids(target.groups)) };
}

// dist/secrets/sops/rules.js
var import_yaml = __toESM(require_dist(), 1);
import { isAbsolute, relative, sep } from "node:path";
function recipientList(value, file, field) {
  if (value === void 0 || value === null)
    return [];
  const items = typeof value === "string" ? value.split(",") : Array.isArray(value) ? value : void 0;
  if (!items || items.some((i) => typeof i !== "string")) {
    throw new SecretError("must be a comma-separated string or a list of keys", {
      location: { file, field }
    });
  }
  return items.map((r) => r.trim()).filter((r) => r !== "");
}
var FLAT_KEY_FIELDS = [
  ["age", "age"],
  ["pgp", "pgp"],
  ["hc_vault_transit_uri", "hc_vault"],
  ["kms", "kms"],
  ["gcp_kms", "gcp_kms"],
  ["azure_keyvault", "azure_kv"]
];
var GROUP_KEY_FIELDS = [
  ["age", "age"],
  ["pgp", "pgp"],
  ["hc_vault", "hc_vault"],
  ["kms", "kms"],
  ["gcp_kms", "gcp_kms"],
  ["azure_keyvault", "azure_kv"]
];
function keySpecs(raw, fields, file, where) {
  const specs = [];
  for (const [name, type] of fields) {
    for (const item of recipientList(entryIds(raw[name]), file, `${where}${name}`))
      specs.push({ type, id: item });
  }
  return specs;
}
function entryIds(value) {
  if (!Array.isArray(value))
    return value;
  return value.map((v) => v !== null && typeof v === "object" ? Object.values(v).find((x) => typeof x === "string") : v);
}
function parseSopsConfig(text, file) {
  const doc = (0, import_yaml.parseDocument)(text);
  const error = doc.errors[0];
  if (error)
    throw new SecretError(`invalid YAML: ${error.code}`, {
      location: { file, line: error.linePos?.[0]?.line }
    });
  let raw;
  try {
    raw = doc.toJS() ?? {};
  } catch (cause) {
    throw new SecretError("too many alias expansions", { location: { file }, cause });
  }
  const list = raw.creation_rules;
  if (list !== void 0 && !Array.isArray(list)) {
    throw new SecretError("must be a list", { location: { file, field: "creation_rules" } });
  }
  const creationRules = (list ?? []).map((entry, index) => {
    const field = `creation_rules[${index}]`;
    if (!entry || typeof entry !== "object")
      throw new SecretError("must be a mapping", { location: { file, field } });
    const r = entry;
    let groups = [keySpecs(r, FLAT_KEY_FIELDS, file, `${field}.`)];
    let shamirThreshold;
    if (Array.isArray(r.key_groups) && r.key_groups.length > 0) {
      groups = r.key_groups.map((group, g) => {
        if (!group || typeof group !== "object" || Array.isArray(group)) {
          throw new SecretError("must be a mapping", {
            location: { file, field: `${field}.key_groups[${g}]` }
          });
        }
        return keySpecs(group, GROUP_KEY_FIELDS, file, `${field}.key_groups[${g}].`);
      });
      const t = r.shamir_threshold;
      if (t !== void 0 && t !== null) {
        if (typeof t !== "number" || !Number.isInteger(t) || t < 1 || t > groups.length) {
          throw new SecretError(`must be a whole number from 1 to ${groups.length}, the number of key groups`, {
            location: { file, field: `${field}.shamir_threshold` }
          });
        }
        shamirThreshold = t;
      }
    }
    const rules = {};
    for (const [name, prop] of RULE_FIELDS) {
      const v = r[name];
      if (v === void 0 || v === null || v === "")
        continue;
      if (typeof v !== "string")
        throw new SecretError("must be a string", { location: { file, field: `${field}.${name}` } });
      rules[prop] = v;
    }
    if (r.mac_only_encrypted === true)
      rules.macOnlyEncrypted = true;
    const pathRegex = typeof r.path_regex === "string" && r.path_regex !== "" ? r.path_regex : void 0;
    if (pathRegex) {
      try {
        goRegExp(pathRegex);
      } catch (cause) {
        throw new SecretError("invalid regular expression", {
          location: { file, field: `${field}.path_regex` },
          cause
        });
      }
    }
    groups = groups.map((g) => g.filter((k, i) => g.findIndex((o) => o.type === k.type && o.id === k.id) === i));
    return { pathRegex, groups, ...shamirThreshold ? { shamirThreshold } : {}, rules, index };
  });
  return { file, creationRules };
}
function ruleForFile(config, configDir, filePath) {
  const rel = relative(configDir, filePath);
  const candidate = !rel.startsWith("..") && !isAbsolute(rel) ? rel.split(sep).join("/") : filePath;
  const rule = config.creationRules.find((r) => !r.pathRegex || goRegExp(r.pathRegex).test(candidate));
  if (!rule) {
    throw new SecretError(`no creation rule in ${config.file} matches this file`, {
      location: { file: filePath },
      hint: "add a creation rule whose path_regex matches it, or one without path_regex"
    });
  }
  return rule;
}

// dist/secrets/sops/files.js
var SOPS_CONFIG_NAME = ".sops.yaml";
function readText(path) {
  return readTextFileAs(path, SecretError);
}
async function writeAtomically(path, text) {
  const mode = await stat(path).then((s) => s.mode & 511, () => 384);
  const tmp = join(dirname(path), `.${randomBytes(6).toString("hex")}.releases-tmp`);
  try {
    await writeFile(tmp, text, { mode, flag: "wx" });
    await rename(tmp, path);
  } catch (error) {
    await unlink(tmp).catch(() => void 0);
    throw new SecretError(`cannot write the file (${error.code ?? "error"})`, {
      location: { file: path },
      cause: error
    });
  }
}
async function findSopsConfig(startDir) {
  let dir = resolve(startDir);
  for (; ; ) {
    const path = join(dir, SOPS_CONFIG_NAME);
    const text = await readTextFile(path).catch((error) => {
      if (error instanceof UnreadableFile && (error.code === "ENOENT" || error.code === "ENOTDIR"))
        return void 0;
      throw unreadableAs(error, SecretError);
    });
    if (text !== void 0)
      return { config: parseSopsConfig(text, path), dir };
    const parent = dirname(dir);
    if (parent === dir)
      return void 0;
    dir = parent;
  }
}
async function creationRuleFor(file, lookup) {
  const absolute = resolve(lookup.cwd, file);
  let found;
  if (lookup.configPath) {
    const path = resolve(lookup.cwd, lookup.configPath);
    found = { config: parseSopsConfig(await readText(path), path), dir: dirname(path) };
  } else {
    found = await findSopsConfig(lookup.cwd);
  }
  if (!found) {
    throw new SecretError(`no ${SOPS_CONFIG_NAME} found from ${lookup.cwd} upwards`, {
      location: { file },
      hint: "create one with creation_rules naming age recipients, or pass --age"
    });
  }
  return ruleForFile(found.config, found.dir, absolute);
}
async function encryptFile(file, options) {
  const path = resolve(options.cwd, file);
  const plaintext = await readText(path);
  const rule = options.keys?.length ? void 0 : await creationRuleFor(path, options);
  const text = await encryptSops(plaintext, path, {
    groups: options.keys?.length ? [options.keys] : rule?.groups,
    shamirThreshold: rule?.shamirThreshold,
    rules: rule?.rules,
    env: options.env
  });
  const target = options.output ? resolve(options.cwd, options.output) : path;
  await writeAtomically(target, text);
  return target;
}
async function decryptFileToText(file, keys, cwd) {
  const path = resolve(cwd, file);
  return plaintextOf(await openSops(await readText(path), path, keys));
}
async function updateKeysFile(file, keys, lookup) {
  const path = resolve(lookup.cwd, file);
  const rule = await creationRuleFor(path, lookup);
  const result = await updateKeys(await readText(path), path, keys, rule);
  const written = result.change.added.length > 0 || result.change.removed.length > 0;
  if (written)
    await writeAtomically(path, result.text);
  return { ...result, written };
}
async function rotateSopsFile(path, keys, options = {}) {
  const absolute = resolve(path);
  const text = await readText(absolute);
  let target;
  if (options.addRecipients?.length || options.removeRecipients?.length) {
    const current = currentKeys(parseSops(text, absolute).metadata);
    const removed = new Set(options.removeRecipients ?? []);
    const groups = current.groups.map((group, i) => {
      const kept = group.filter((k) => !(k.type === "age" && removed.has(k.id)));
      if (i > 0)
        return kept;
      const added = (options.addRecipients ?? []).filter((r) => !kept.some((k) => k.type === "age" && k.id === r));
      return [...kept, ...added.map((id) => ({ type: "age", id }))];
    });
    target = { groups, shamirThreshold: current.shamirThreshold };
  }
  const result = await rotate(text, absolute, keys, { target, now: options.now });
  await writeAtomically(absolute, result.text);
  return result;
}

// dist/secrets/sops/edit.js
function plaintextTempBase() {
  return existsSync("/dev/shm") ? "/dev/shm" : tmpdir();
}
function shellEditor(env) {
  const editor = env.SOPS_EDITOR || env.EDITOR || "vi";
  return (path) => new Promise((resolvePromise, reject) => {
    const child = spawn("sh", ["-c", `${editor} "$1"`, "sh", path], { stdio: "inherit", env: { ...env } });
    const forward = (signal) => child.kill(signal);
    process.on("SIGTERM", forward);
    process.on("SIGHUP", forward);
    const ignore = () => void 0;
    process.on("SIGINT", ignore);
    const done = () => {
      process.off("SIGTERM", forward);
      process.off("SIGHUP", forward);
      process.off("SIGINT", ignore);
    };
    child.on("error", (error) => {
      done();
      reject(new UsageError(`cannot run the editor "${editor}"`, { cause: error, hint: "set $EDITOR" }));
    });
    child.on("exit", (code, signal) => {
      done();
      resolvePromise(code ?? (signal ? 128 : 1));
    });
  });
}
function guard(dir) {
  let removed = false;
  const cleanup = () => {
    if (removed)
      return;
    removed = true;
    rmSync(dir, { recursive: true, force: true });
  };
  const onSignal = (signal) => {
    cleanup();
    release();
    process.kill(process.pid, signal);
  };
  const signals = ["SIGTERM", "SIGHUP"];
  for (const s of signals)
    process.once(s, onSignal);
  process.once("exit", cleanup);
  const release = () => {
    for (const s of signals)
      process.off(s, onSignal);
    process.off("exit", cleanup);
  };
  return () => {
    cleanup();
    release();
  };
}
async function editSopsFile(file, keys, options) {
  const path = resolve2(file);
  const opened = await openSops(await readText(path), path, keys);
  const before = plaintextOf(opened);
  const dir = await mkdtemp(join2(options.tempBase ?? plaintextTempBase(), "releases-edit-"));
  const finish = guard(dir);
  try {
    const tempFile = join2(dir, basename(path));
    await writeFile2(tempFile, before, { mode: 384, flag: "wx" });
    const status = await options.runEditor(tempFile);
    if (status !== 0)
      throw new UsageError(`the editor exited with status ${status}; the file was not changed`);
    const after = await readFile(tempFile, "utf8");
    if (after === before)
      return { changed: false };
    const parsed = parseDocument(after, path, opened.format);
    if (parsed.metadata !== void 0) {
      throw new SecretError("the edited text must not contain a sops key; the file was not changed", {
        location: { file: path, field: "sops" }
      });
    }
    const text = sealSops({
      file: path,
      format: opened.format,
      branch: parsed.branch,
      rules: opened.metadata.rules,
      dataKey: opened.dataKey,
      keys: opened.metadata,
      stash: opened.stash,
      now: options.now
    });
    await writeAtomically(path, text);
    return { changed: true };
  } finally {
    finish();
  }
}

// dist/cli/commands/secrets.js
function recipientsOption(value, previous) {
  const list = value.split(",").map((r) => r.trim()).filter((r) => r !== "");
  if (list.some((r) => !r.startsWith("age1")))
    throw new UsageError(`"${value}" is not a list of age recipients (age1\u2026)`);
  return [...previous, ...list];
}
function pgpOption(value, previous) {
  const list = value.split(",").map((f) => f.trim().replaceAll(" ", "")).filter((f) => f !== "");
  if (list.some((f) => !/^(0x)?[0-9A-Fa-f]{16}([0-9A-Fa-f]{24})?$/.test(f)))
    throw new UsageError(`"${value}" is not a list of PGP key fingerprints (40 or 16 hex digits)`);
  return [...previous, ...list.map((f) => f.replace(/^0x/, "").toUpperCase())];
}
function transitOption(value, previous) {
  const list = value.split(",").map((u) => u.trim()).filter((u) => u !== "");
  if (list.some((u) => parseTransitUri(u) === void 0))
    throw new UsageError(`"${value}" is not a list of Vault transit key URIs (https://vault:8200/v1/<engine>/keys/<key>)`);
  return [...previous, ...list];
}
function describeChange(io, file, change) {
  for (const r of change.added)
    io.stderr.write(`${file}: + ${r}
`);
  for (const r of change.removed)
    io.stderr.write(`${file}: - ${r}
`);
}
function registerSecrets(program, ctx) {
  const { io } = ctx;
  const secrets = program.command("secrets").description("encrypt, decrypt, edit and re-key SOPS files (age, PGP, Vault transit keys), without the sops binary");
  const keys = () => loadAgeIdentities(io.env);
  secrets.command("encrypt <file>").description("encrypt a plaintext YAML, JSON or .env file in place, for the recipients .sops.yaml names").option("--age <recipients>", "encrypt for these age recipients instead of .sops.yaml's (repeatable)", recipientsOption, []).option("--pgp <fingerprints>", "encrypt for these PGP keys (fingerprints, through gpg) instead of .sops.yaml's (repeatable)", pgpOption, []).option("--hc-vault-transit <uris>", "encrypt with these Vault transit keys (https://vault:8200/v1/<engine>/keys/<key>) instead of .sops.yaml's", transitOption, []).option("--output-file <path>", "write the encrypted file here instead of in place").option("--config <path>", "the .sops.yaml to use (default: found from the working directory upwards)").addHelpText("after", `
Keys given with --age, --pgp and --hc-vault-transit form one key group (any one
of them decrypts the file), as with sops; without them, .sops.yaml's creation
rule for the file decides.

Examples:
  releases secrets encrypt environments/staging/secrets.sops.yaml
  releases secrets encrypt .env --age age1\u2026 --output-file .env.enc
  releases secrets encrypt secrets.sops.yaml --pgp 85D77543B3D624B63CEA9E6DBC17301B491B3F21`).action(async (file, options) => {
    const written = await encryptFile(file, {
      cwd: io.cwd,
      configPath: options.config,
      keys: [
        ...options.age.map((id) => ({ type: "age", id })),
        ...options.pgp.map((id) => ({ type: "pgp", id })),
        ...options.hcVaultTransit.map((id) => ({ type: "hc_vault", id }))
      ],
      output: options.outputFile,
      env: io.env
    });
    io.stderr.write(`encrypted ${written}
`);
  });
  secrets.command("decrypt <file>").description("print the decrypted file on stdout (after verifying its MAC)").action(async (file) => {
    io.stdout.write(await decryptFileToText(file, await keys(), io.cwd));
  });
  secrets.command("edit <file>").description("decrypt to a private file in memory (/dev/shm), run $EDITOR, re-encrypt if it changed").action(async (file) => {
    const path = resolveFrom(io, file);
    const { changed } = await editSopsFile(path, await keys(), { runEditor: shellEditor(io.env) });
    io.stderr.write(changed ? `updated ${path}
` : `no changes to ${path}
`);
  });
  secrets.command("updatekeys <file>").description("wrap the file's data key for the recipients .sops.yaml now names (values and MAC unchanged)").option("--config <path>", "the .sops.yaml to use (default: found from the working directory upwards)").action(async (file, options) => {
    const result = await updateKeysFile(file, await keys(), { cwd: io.cwd, configPath: options.config });
    describeChange(io, file, result.change);
    io.stderr.write(result.written ? `updated keys of ${file}
` : `${file}: keys already up to date
`);
  });
  addRunOptions(secrets.command("rotate <file>").description("generate a new data key and re-encrypt every value and the MAC, then redeploy the file's consumers").option("--add-age <recipients>", "also encrypt for these age recipients", recipientsOption, []).option("--rm-age <recipients>", "stop encrypting for these age recipients", recipientsOption, []).addHelpText("after", `
When the project file (-f, default releases.yaml) exists, the releases of the
environment (-e) whose values consume this file are redeployed afterwards,
in dependency order, atomically, with their tests. --no-deploy skips that.

Examples:
  releases -e production secrets rotate environments/production/database.sops.yaml
  releases secrets rotate secrets.sops.yaml --rm-age age1old... --no-deploy`).addOption(new Option("--no-deploy", "change the secret only; do not redeploy its consumers"))).action(async (file, options) => {
    const path = resolveFrom(io, file);
    const rotate2 = async () => {
      const result = await rotateSopsFile(path, await keys(), {
        addRecipients: options.addAge,
        removeRecipients: options.rmAge
      });
      describeChange(io, file, result.change);
      io.stderr.write(`rotated the data key of ${file}
`);
    };
    if (options.deploy === false || !await localFiles.exists(resolve3(io.cwd, ctx.globals().file))) {
      return rotate2();
    }
    const workspace = await openWorkspace(ctx);
    const consumers = await consumersOf(ctx, workspace, {
      kind: "sops",
      file: relative2(workspace.project.dir, path)
    });
    io.stderr.write(`${describeConsumers(consumers)}
`);
    if (consumers.length === 0)
      return rotate2();
    try {
      await changeThenRedeploy(ctx, workspace, consumers, options, rotate2, false, "secrets rotate");
    } catch (error) {
      if (!(error instanceof ReleaseFailedError))
        throw error;
      throw new ReleaseFailedError(`redeploy of the consumers of ${file} failed`, {
        hint: "the file is rotated and valid; failed releases were rolled back \u2014 fix them and run sync",
        cause: error
      });
    }
  });
}
function resolveFrom(io, file) {
  return resolve3(io.cwd, file);
}
export {
  registerSecrets
};
