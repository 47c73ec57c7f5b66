import {
  require_dist
} from "./chunk-NZJELPZH.js";
import {
  SecretError
} from "./chunk-XLEZOOEL.js";
import {
  __toESM
} from "./chunk-4VNS5WPM.js";

// dist/secrets/sops/data-key.js
import { spawn } from "node:child_process";
import { randomBytes as randomBytes2 } from "node:crypto";

// dist/secrets/sops/keys/entry.js
function parseEntry(type, entry, file, where, required, idOf) {
  const e = entry;
  if (e === null || typeof e !== "object" || Array.isArray(e)) {
    throw new SecretError("must be a mapping", { location: { file, field: where } });
  }
  for (const name of required) {
    if (typeof e[name] !== "string" || e[name] === "") {
      throw new SecretError(`needs a ${name} string`, { location: { file, field: `${where}.${name}` } });
    }
  }
  return { type, id: idOf(e).trim(), entry: { ...e } };
}
function createdAt(now = /* @__PURE__ */ new Date()) {
  return now.toISOString().replace(/\.\d{3}Z$/, "Z");
}

// dist/secrets/sops/keys/types.js
var KeyUnavailable = class extends Error {
};

// dist/secrets/sops/keys/age.js
var age = () => import("./dist-Q5MDQXC3.js");
var ageKey = {
  field: "age",
  name: "age",
  parse: (entry, file, where) => parseEntry("age", entry, file, where, ["recipient", "enc"], (e) => e.recipient),
  async wrap(dataKey, recipient, _access, file) {
    const { armor, Encrypter } = await age();
    const encrypter = new Encrypter();
    try {
      encrypter.addRecipient(recipient);
    } catch (cause) {
      throw new SecretError(`invalid age recipient "${recipient}"`, { location: { file }, cause });
    }
    const enc = armor.encode(await encrypter.encrypt(dataKey));
    return { type: "age", id: recipient, entry: { recipient, enc } };
  },
  async unwrap(key, access) {
    if (access.age.identities.length === 0)
      throw new KeyUnavailable(`no age identity (${whereLooked(access.age)})`);
    const { armor, Decrypter } = await age();
    const decrypter = new Decrypter();
    for (const identity of access.age.identities)
      decrypter.addIdentity(identity);
    let wrapped;
    try {
      wrapped = armor.decode(String(key.entry.enc));
    } catch {
      throw new KeyUnavailable("its enc is not an armored age file");
    }
    try {
      return await decrypter.decrypt(wrapped);
    } catch {
      throw new KeyUnavailable(`none of the age identities matches (${whereLooked(access.age)})`);
    }
  }
};
function whereLooked(keys) {
  const where = keys.searched.length > 0 ? keys.searched.join(", ") : "nowhere";
  const problems = keys.problems.length > 0 ? `; ${keys.problems.join("; ")}` : "";
  return `looked in ${where}${problems}`;
}

// dist/secrets/sops/keys/unreachable.js
var SUPPORTED_KEYS = "age, PGP (gpg) or Vault transit";
function unreachableKeyType(field, name, required, idOf) {
  return {
    field,
    name,
    parse: (entry, file, where) => parseEntry(field, entry, file, where, [...required, "enc"], idOf),
    async unwrap() {
      throw new KeyUnavailable(`releases cannot reach ${name}; add an ${SUPPORTED_KEYS} key to the file (sops updatekeys, or releases secrets updatekeys) and decrypt with that`);
    }
  };
}

// dist/secrets/sops/keys/azure-kv.js
var azureKeyVaultKey = unreachableKeyType("azure_kv", "Azure Key Vault", ["vault_url", "name"], (e) => `${e.vault_url.replace(/\/+$/, "")}/keys/${e.name}${e.version ? `/${e.version}` : ""}`);

// dist/secrets/sops/keys/gcp-kms.js
var gcpKmsKey = unreachableKeyType("gcp_kms", "GCP KMS", ["resource_id"], (e) => e.resource_id);

// dist/secrets/sops/keys/hc-vault.js
import { readFile } from "node:fs/promises";
import { join } from "node:path";
function parseTransitUri(uri) {
  const m = /^(https?:\/\/[^/]+)\/v1\/(.+)\/keys\/([^/]+)\/?$/.exec(uri.trim());
  return m ? { address: m[1], enginePath: m[2], keyName: m[3] } : void 0;
}
var uriOf = (t) => `${t.address}/v1/${t.enginePath}/keys/${t.keyName}`;
var vaultTransitKey = {
  field: "hc_vault",
  ruleField: "hc_vault_transit_uri",
  name: "Vault transit",
  parse: (entry, file, where) => parseEntry("hc_vault", entry, file, where, ["vault_address", "engine_path", "key_name", "enc"], (e) => uriOf({ address: e.vault_address, enginePath: e.engine_path, keyName: e.key_name })),
  async wrap(dataKey, uri, access, file) {
    const transit = parseTransitUri(uri);
    if (!transit) {
      throw new SecretError(`invalid Vault transit URI "${uri}"`, {
        location: { file },
        hint: "write it as https://vault.example.com:8200/v1/<engine path>/keys/<key name>"
      });
    }
    const body = await call(transit, "encrypt", { plaintext: Buffer.from(dataKey).toString("base64") }, access).catch((error) => {
      throw new SecretError(`Vault transit key ${uriOf(transit)} could not encrypt: ${error.message}`, {
        location: { file }
      });
    });
    const ciphertext = body.ciphertext;
    if (typeof ciphertext !== "string")
      throw new SecretError("Vault transit returned no ciphertext", { location: { file } });
    return {
      type: "hc_vault",
      id: uriOf(transit),
      entry: {
        vault_address: transit.address,
        engine_path: transit.enginePath,
        key_name: transit.keyName,
        created_at: createdAt(),
        enc: ciphertext
      }
    };
  },
  async unwrap(key, access) {
    const transit = {
      address: String(key.entry.vault_address),
      enginePath: String(key.entry.engine_path),
      keyName: String(key.entry.key_name)
    };
    const body = await call(transit, "decrypt", { ciphertext: key.entry.enc }, access).catch((error) => {
      throw new KeyUnavailable(error.message);
    });
    if (typeof body.plaintext !== "string")
      throw new KeyUnavailable("Vault transit returned no plaintext");
    return new Uint8Array(Buffer.from(body.plaintext, "base64"));
  }
};
async function call(transit, operation, payload, access) {
  const token = access.env.VAULT_TOKEN ?? await tokenFile(access.env);
  if (!token)
    throw new Error("no Vault token: set VAULT_TOKEN or log in with `vault login`");
  const headers = { "X-Vault-Token": token, "Content-Type": "application/json" };
  if (access.env.VAULT_NAMESPACE)
    headers["X-Vault-Namespace"] = access.env.VAULT_NAMESPACE;
  let response;
  try {
    response = await access.fetch(`${transit.address}/v1/${transit.enginePath}/${operation}/${transit.keyName}`, {
      method: "POST",
      headers,
      body: JSON.stringify(payload)
    });
  } catch (error) {
    throw new Error(`cannot reach Vault at ${transit.address} (${error.cause ?? error.message})`);
  }
  const json = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error(`Vault answered ${response.status}${json.errors?.length ? `: ${json.errors.join("; ")}` : ""}`);
  }
  return json.data ?? {};
}
async function tokenFile(env) {
  if (!env.HOME)
    return void 0;
  return (await readFile(join(env.HOME, ".vault-token"), "utf8").catch(() => "")).trim() || void 0;
}

// dist/secrets/sops/keys/kms.js
var awsKmsKey = unreachableKeyType("kms", "AWS KMS", ["arn"], (e) => e.arn);

// dist/secrets/sops/keys/pgp.js
var pgpKey = {
  field: "pgp",
  name: "PGP",
  parse: (entry, file, where) => parseEntry("pgp", entry, file, where, ["fp", "enc"], (e) => e.fp.replace(/\s+/g, "").toUpperCase()),
  async wrap(dataKey, fingerprint, access, file) {
    const fp = fingerprint.replace(/\s+/g, "").toUpperCase();
    const result = await access.gpg([
      "--no-default-recipient",
      "--yes",
      "--encrypt",
      "-a",
      "-r",
      fp,
      "--trusted-key",
      fp.slice(-16),
      "--no-encrypt-to"
    ], dataKey);
    if (result.code !== 0) {
      throw new SecretError(`gpg could not encrypt for PGP key ${fp}: ${firstLine(result.stderr)}`, {
        location: { file },
        hint: "import the public key into your GnuPG keyring (gpg --import), or check GNUPGHOME"
      });
    }
    return {
      type: "pgp",
      id: fp,
      entry: { created_at: createdAt(), enc: result.stdout.toString("utf8"), fp }
    };
  },
  async unwrap(key, access) {
    const result = await access.gpg(["-d"], String(key.entry.enc));
    if (result.code !== 0)
      throw new KeyUnavailable(`gpg cannot decrypt it: ${firstLine(result.stderr)}`);
    return new Uint8Array(result.stdout);
  }
};
function firstLine(stderr) {
  const lines = stderr.split("\n").map((l) => l.replace(/^gpg: /, "").trim()).filter((l) => l !== "");
  return lines.at(-1) ?? "no output";
}

// dist/secrets/sops/keys/index.js
var KEY_TYPES = [
  awsKmsKey,
  gcpKmsKey,
  azureKeyVaultKey,
  vaultTransitKey,
  ageKey,
  pgpKey
];
function keyType(field) {
  const found = KEY_TYPES.find((k) => k.field === field);
  if (!found)
    throw new Error(`unknown key type ${field}`);
  return found;
}

// dist/secrets/sops/keys/shamir.js
import { randomBytes } from "node:crypto";
function mult(a, b) {
  let r = 0;
  for (let i = 7; i >= 0; i--) {
    r = -(b >> i & 1) & a ^ -(r >> 7) & 27 ^ r << 1 & 255;
    r &= 255;
  }
  return r;
}
function inverse(a) {
  let result = 1;
  let base = a;
  for (let e = 254; e > 0; e >>= 1) {
    if (e & 1)
      result = mult(result, base);
    base = mult(base, base);
  }
  return result;
}
function interpolateAtZero(xs, ys) {
  let result = 0;
  for (let i = 0; i < xs.length; i++) {
    let basis = 1;
    for (let j = 0; j < xs.length; j++) {
      if (i === j)
        continue;
      basis = mult(basis, mult(xs[j], inverse(xs[i] ^ xs[j])));
    }
    result ^= mult(ys[i], basis);
  }
  return result;
}
function split(secret, parts, threshold) {
  if (parts < 2 || parts > 255 || threshold < 2 || threshold > parts || secret.length === 0) {
    throw new RangeError("shamir: need 2 <= threshold <= parts <= 255 and a non-empty secret");
  }
  const xs = [...Array(255).keys()].map((x) => x + 1);
  const random = randomBytes(xs.length * 2);
  for (let i = xs.length - 1; i > 0; i--) {
    const j = random.readUInt16BE(i * 2) % (i + 1);
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
  const shares = Array.from({ length: parts }, (_, p) => {
    const share = new Uint8Array(secret.length + 1);
    share[secret.length] = xs[p];
    return share;
  });
  for (let b = 0; b < secret.length; b++) {
    const coefficients = [secret[b], ...randomBytes(threshold - 1)];
    for (const share of shares) {
      const x = share[secret.length];
      let y = 0;
      for (let c = coefficients.length - 1; c >= 0; c--)
        y = mult(y, x) ^ coefficients[c];
      share[b] = y;
    }
  }
  return shares;
}
function combine(shares) {
  if (shares.length < 2)
    throw new RangeError("shamir: at least two shares are needed");
  const length = shares[0].length;
  if (length < 2 || shares.some((s) => s.length !== length)) {
    throw new RangeError("shamir: shares must have one length");
  }
  const xs = shares.map((s) => s[length - 1]);
  if (new Set(xs).size !== xs.length)
    throw new RangeError("shamir: duplicate share");
  const secret = new Uint8Array(length - 1);
  for (let b = 0; b < secret.length; b++)
    secret[b] = interpolateAtZero(xs, shares.map((s) => s[b]));
  return secret;
}

// dist/secrets/sops/data-key.js
var DATA_KEY_SIZE = 32;
function generateDataKey() {
  return new Uint8Array(randomBytes2(DATA_KEY_SIZE));
}
function keyAccess(keys) {
  const env = keys.env ?? {};
  return {
    age: keys,
    env,
    gpg: (args, input) => runGpg(env, args, input),
    fetch: (...args) => fetch(...args)
  };
}
async function wrapDataKey(dataKey, groups, threshold, access, file) {
  if (groups.length === 0 || groups.some((g) => g.length === 0)) {
    throw new SecretError("no keys to encrypt for", {
      location: { file },
      hint: "add a creation rule with age, pgp or hc_vault_transit_uri keys to .sops.yaml, or pass --age"
    });
  }
  const shamirThreshold = groups.length > 1 ? threshold ?? groups.length : void 0;
  if (shamirThreshold !== void 0 && (shamirThreshold < 2 || shamirThreshold > groups.length)) {
    throw new SecretError(`shamir_threshold must be from 2 to ${groups.length}, the number of key groups`, {
      location: { file }
    });
  }
  const parts = shamirThreshold === void 0 ? [dataKey] : split(dataKey, groups.length, shamirThreshold);
  const keyGroups = await Promise.all(groups.map((group, g) => Promise.all(group.map((spec) => {
    const type = keyType(spec.type);
    if (!type.wrap) {
      throw new SecretError(`cannot encrypt for ${type.name} key ${spec.id}: releases cannot reach ${type.name}`, {
        location: { file },
        hint: `use ${SUPPORTED_KEYS} keys`
      });
    }
    return type.wrap(parts[g], spec.id, access, file);
  }))));
  return { keyGroups, ...shamirThreshold ? { shamirThreshold } : {} };
}
async function unwrapDataKey(groups, access, file) {
  const needed = groups.keyGroups.length > 1 ? groups.shamirThreshold ?? groups.keyGroups.length : 1;
  const parts = [];
  const reasons = [];
  for (const group of groups.keyGroups) {
    if (parts.length === needed)
      break;
    const part = await firstThatOpens(group, access, reasons);
    if (part)
      parts.push(part);
  }
  if (parts.length < needed) {
    const all = groups.keyGroups.flat();
    if (needed === 1 && all.every((k) => k.type === "age"))
      throw ageOnlyFailure(all, access.age, file);
    throw new SecretError(needed === 1 ? "none of the file's keys can decrypt the data key" : `only ${parts.length} of the ${needed} key groups needed could be opened`, {
      location: { file, field: "sops" },
      hint: reasons.join("; ")
    });
  }
  const dataKey = needed === 1 ? parts[0] : combine(parts);
  if (dataKey.length !== DATA_KEY_SIZE) {
    throw new SecretError("the data key has the wrong size: the file's keys were altered", {
      location: { file, field: "sops" }
    });
  }
  return dataKey;
}
async function firstThatOpens(group, access, reasons) {
  const order = ["age", "pgp", "hc_vault"];
  const rank = (k) => order.includes(k.type) ? order.indexOf(k.type) : order.length;
  const failed = /* @__PURE__ */ new Map();
  for (const key of [...group].sort((a, b) => rank(a) - rank(b))) {
    const type = keyType(key.type);
    try {
      return await type.unwrap(key, access);
    } catch (error) {
      if (!(error instanceof KeyUnavailable))
        throw error;
      const reason = `${type.name}: ${error.message}`;
      const entry = failed.get(reason) ?? { name: type.name, message: error.message, ids: [] };
      entry.ids.push(key.id);
      failed.set(reason, entry);
    }
  }
  for (const { name, message, ids } of failed.values())
    reasons.push(`${name} ${ids.join(", ")}: ${message}`);
  return void 0;
}
function ageOnlyFailure(keys, age2, file) {
  if (age2.identities.length === 0) {
    return new SecretError("no age identity found to decrypt the data key", {
      location: { file },
      hint: noAgeIdentityHint(age2)
    });
  }
  return new SecretError("none of the available age identities can decrypt the data key", {
    location: { file, field: "sops.age" },
    hint: `the file is encrypted for ${keys.map((k) => k.id).join(", ")}; ${noAgeIdentityHint(age2)}`
  });
}
function noAgeIdentityHint(keys) {
  return `${whereLooked(keys)}; set SOPS_AGE_KEY_FILE to a key file holding a matching identity`;
}
function runGpg(env, args, input) {
  return new Promise((resolve) => {
    const binary = env.SOPS_GPG_EXEC || "gpg";
    const child = spawn(binary, args, { env, stdio: ["pipe", "pipe", "pipe"] });
    const out = [];
    let stderr = "";
    child.stdout.on("data", (chunk) => out.push(chunk));
    child.stderr.on("data", (chunk) => {
      stderr += chunk.toString();
    });
    child.on("error", (error) => resolve({ code: -1, stdout: Buffer.alloc(0), stderr: `cannot run ${binary}: ${error.message}` }));
    child.on("close", (code) => resolve({ code: code ?? -1, stdout: Buffer.concat(out), stderr }));
    child.stdin.on("error", () => {
    });
    child.stdin.end(input);
  });
}

// dist/secrets/sops/document.js
import { createHash, timingSafeEqual } from "node:crypto";

// dist/secrets/sops/cipher.js
import { createCipheriv, createDecipheriv, createSecretKey, randomBytes as randomBytes3 } from "node:crypto";
var NONCE_SIZE = 32;
var TAG_SIZE = 16;
var ENC_PATTERN = /^ENC\[AES256_GCM,data:(.+),iv:(.+),tag:(.+),type:(.+)\]/;
function parseEncrypted(text) {
  const m = ENC_PATTERN.exec(text);
  if (!m)
    return void 0;
  return {
    data: Buffer.from(m[1], "base64"),
    iv: Buffer.from(m[2], "base64"),
    tag: Buffer.from(m[3], "base64"),
    type: m[4]
  };
}
function formatFloat(v) {
  if (Number.isNaN(v))
    return "NaN";
  if (v === Number.POSITIVE_INFINITY)
    return "+Inf";
  if (v === Number.NEGATIVE_INFINITY)
    return "-Inf";
  const text = String(v);
  const e = text.indexOf("e");
  if (e < 0)
    return text;
  const negative = text.startsWith("-");
  const mantissa = text.slice(negative ? 1 : 0, e);
  const exponent = Number(text.slice(e + 1));
  const [intPart, fracPart = ""] = mantissa.split(".");
  const digits = intPart + fracPart;
  const point = intPart.length + exponent;
  let out;
  if (point <= 0)
    out = `0.${"0".repeat(-point)}${digits}`;
  else if (point >= digits.length)
    out = digits + "0".repeat(point - digits.length);
  else
    out = `${digits.slice(0, point)}.${digits.slice(point)}`;
  return negative ? `-${out}` : out;
}
function scalarText(s) {
  switch (s.type) {
    case "str":
      return s.value;
    case "int":
      return s.value.toString();
    case "float":
      return formatFloat(s.value);
    case "bool":
      return s.value ? "True" : "False";
  }
}
var ValueCipherError = class extends Error {
};
function valueKey(dataKey) {
  return createSecretKey(dataKey);
}
function encryptValue(plain, key, aad, iv = randomBytes3(NONCE_SIZE)) {
  const text = plain.type === "comment" ? plain.value : scalarText(plain);
  if ((plain.type === "str" || plain.type === "comment") && text === "")
    return "";
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_SIZE });
  cipher.setAAD(Buffer.from(aad, "utf8"));
  const data = Buffer.concat([cipher.update(text, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return `ENC[AES256_GCM,data:${data.toString("base64")},iv:${Buffer.from(iv).toString("base64")},tag:${tag.toString("base64")},type:${plain.type}]`;
}
function decryptValue(text, key, aad) {
  if (text === "")
    return void 0;
  const enc = parseEncrypted(text);
  if (!enc)
    throw new ValueCipherError("value is not in SOPS' encrypted form");
  if (enc.iv.length === 0 || enc.tag.length !== TAG_SIZE)
    throw new ValueCipherError("malformed iv or tag");
  let bytes;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, enc.iv, { authTagLength: TAG_SIZE });
    decipher.setAAD(Buffer.from(aad, "utf8"));
    decipher.setAuthTag(enc.tag);
    bytes = Buffer.concat([decipher.update(enc.data), decipher.final()]);
  } catch {
    throw new ValueCipherError("authentication failed (wrong key, moved or altered value)");
  }
  const s = bytes.toString("utf8");
  return { plain: typedValue(s, enc.type), iv: enc.iv };
}
function typedValue(s, type) {
  switch (type) {
    case "str":
      return { kind: "scalar", type: "str", value: s };
    case "comment":
      return { type: "comment", value: s };
    case "int":
    case "int64":
      if (!/^[+-]?\d+$/.test(s))
        throw new ValueCipherError(`invalid ${type} plaintext`);
      return { kind: "scalar", type: "int", value: BigInt(s) };
    case "float": {
      const v = goParseFloat(s);
      if (v === void 0)
        throw new ValueCipherError("invalid float plaintext");
      return { kind: "scalar", type: "float", value: v };
    }
    case "bool": {
      if (["1", "t", "T", "TRUE", "true", "True"].includes(s))
        return { kind: "scalar", type: "bool", value: true };
      if (["0", "f", "F", "FALSE", "false", "False"].includes(s))
        return { kind: "scalar", type: "bool", value: false };
      throw new ValueCipherError("invalid bool plaintext");
    }
    default:
      throw new ValueCipherError(`unsupported value type "${type}"`);
  }
}
function goParseFloat(s) {
  if (s === "NaN")
    return Number.NaN;
  if (s === "+Inf" || s === "Inf")
    return Number.POSITIVE_INFINITY;
  if (s === "-Inf")
    return Number.NEGATIVE_INFINITY;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s))
    return void 0;
  return Number(s);
}

// dist/secrets/sops/tree.js
var DEFAULT_UNENCRYPTED_SUFFIX = "_unencrypted";
var RULE_FIELDS = [
  ["unencrypted_suffix", "unencryptedSuffix"],
  ["encrypted_suffix", "encryptedSuffix"],
  ["unencrypted_regex", "unencryptedRegex"],
  ["encrypted_regex", "encryptedRegex"],
  ["unencrypted_comment_regex", "unencryptedCommentRegex"],
  ["encrypted_comment_regex", "encryptedCommentRegex"]
];
function goRegExp(pattern) {
  const m = /^\(\?([imsU]+)\)/.exec(pattern);
  if (!m)
    return new RegExp(pattern, "u");
  const flags = [...new Set(m[1].replace("U", "").split(""))].join("");
  return new RegExp(pattern.slice(m[0].length), `u${flags}`);
}
function compileRules(rules) {
  const re = (p) => p ? goRegExp(p) : void 0;
  const unencryptedRegex = re(rules.unencryptedRegex);
  const encryptedRegex = re(rules.encryptedRegex);
  const unencryptedComment = re(rules.unencryptedCommentRegex);
  const encryptedComment = re(rules.encryptedCommentRegex);
  return {
    rules,
    shouldEncrypt(path, comments2, isComment) {
      let encrypted = true;
      const { unencryptedSuffix: us, encryptedSuffix: es } = rules;
      if (us && path.some((k) => k.endsWith(us)))
        encrypted = false;
      if (es)
        encrypted = path.some((k) => k.endsWith(es));
      if (unencryptedRegex && path.some((k) => unencryptedRegex.test(k)))
        encrypted = false;
      if (encryptedRegex)
        encrypted = path.some((k) => encryptedRegex.test(k));
      if (unencryptedComment && comments2.some((level) => level.some((c) => unencryptedComment.test(c)))) {
        encrypted = false;
      }
      if (encryptedComment) {
        encrypted = false;
        const last = comments2.length - 1;
        comments2.forEach((level, i) => {
          level.forEach((c, j) => {
            if (isComment && i === last && j === level.length - 1)
              return;
            if (encryptedComment.test(c))
              encrypted = true;
          });
        });
      }
      return encrypted;
    }
  };
}
function mapLeaves(branch, visit2) {
  const walkValue = (v, path, stack, inList = false) => {
    if (v === null)
      return null;
    if (v.kind === "scalar")
      return visit2(v, path, stack, inList);
    if (v.kind === "branch")
      return walkBranch(v, path, stack);
    return walkList(v, path, stack);
  };
  const walkList = (list, path, outer) => {
    const stack = [...outer, []];
    const level = stack.length - 1;
    const items = list.items.map((item) => {
      if (item !== null && item.kind === "comment") {
        stack[level] = [...stack[level], item.text];
        return visit2(item, path, stack, true);
      }
      const out = walkValue(item, path, stack, true);
      stack[level] = [];
      return out;
    });
    return { kind: "list", items };
  };
  const walkBranch = (b, path, outer) => {
    const stack = [...outer, []];
    const level = stack.length - 1;
    const items = b.items.map((item) => {
      if (item.kind === "comment") {
        stack[level] = [...stack[level], item.text];
        return visit2(item, path, stack, false);
      }
      const out = {
        kind: "item",
        key: item.key,
        value: walkValue(item.value, [...path, item.key], stack)
      };
      stack[level] = [];
      return out;
    });
    return b.documents ? { kind: "branch", items, documents: b.documents } : { kind: "branch", items };
  };
  return walkBranch(branch, [], []);
}
function aadOf(path) {
  return `${path.join(":")}:`;
}
function toPlain(value) {
  if (value === null)
    return null;
  switch (value.kind) {
    case "scalar":
      if (value.type === "int") {
        const n = Number(value.value);
        return Number.isSafeInteger(n) ? n : value.value.toString();
      }
      return value.value;
    case "list":
      return value.items.filter((i) => i === null || i.kind !== "comment").map((i) => toPlain(i));
    case "branch": {
      const out = {};
      for (const item of value.items)
        if (item.kind === "item")
          out[item.key] = toPlain(item.value);
      return out;
    }
  }
}

// dist/secrets/sops/metadata.js
var SOPS_VERSION = "3.13.2";
function fail(file, message, field = "sops") {
  throw new SecretError(message, { location: { file, field } });
}
function asString(raw, name, file) {
  const v = raw[name];
  if (v === void 0 || v === null || v === "")
    return void 0;
  if (typeof v !== "string")
    fail(file, `must be a string`, `sops.${name}`);
  return v;
}
function parseGroup(raw, file, where) {
  if (raw.merge !== void 0 && raw.merge !== null) {
    fail(file, "merged key groups are not supported", `${where}.merge`);
  }
  const keys = [];
  for (const type of KEY_TYPES) {
    const list = raw[type.field];
    if (list === void 0 || list === null)
      continue;
    if (!Array.isArray(list))
      fail(file, "must be a list", `${where}${type.field}`);
    list.forEach((entry, i) => {
      keys.push(type.parse(entry, file, `${where}${type.field}[${i}]`));
    });
  }
  return keys;
}
function parseMetadata(raw, file) {
  if (raw === void 0 || raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw new SecretError("not a SOPS file: the sops metadata is missing", {
      location: { file },
      hint: "encrypt it first with `releases secrets encrypt`"
    });
  }
  const m = raw;
  let keyGroups;
  let shamirThreshold;
  if (Array.isArray(m.key_groups) && m.key_groups.length > 0) {
    keyGroups = m.key_groups.map((group, i) => {
      if (group === null || typeof group !== "object" || Array.isArray(group)) {
        fail(file, "must be a mapping", `sops.key_groups[${i}]`);
      }
      return parseGroup(group, file, `sops.key_groups[${i}].`);
    });
    const threshold = m.shamir_threshold;
    if (threshold !== void 0 && threshold !== null && threshold !== 0) {
      if (typeof threshold !== "number" || !Number.isInteger(threshold) || threshold < 1 || threshold > keyGroups.length) {
        fail(file, `must be a whole number from 1 to ${keyGroups.length}`, "sops.shamir_threshold");
      }
      shamirThreshold = threshold;
    }
    if (keyGroups.length > 1)
      shamirThreshold ??= keyGroups.length;
  } else {
    keyGroups = [parseGroup(m, file, "sops.")];
  }
  if (keyGroups.some((g) => g.length === 0))
    fail(file, "no keys found in the file", "sops");
  const rules = {};
  for (const [name, prop] of RULE_FIELDS) {
    const v = asString(m, name, file);
    if (v !== void 0)
      rules[prop] = v;
  }
  const keyRules = [
    rules.unencryptedSuffix,
    rules.encryptedSuffix,
    rules.unencryptedRegex,
    rules.encryptedRegex
  ];
  const count = keyRules.filter((v) => v !== void 0).length;
  if (count > 1) {
    fail(file, "only one of encrypted_suffix, unencrypted_suffix, encrypted_regex or unencrypted_regex may be set");
  }
  if (count === 0)
    rules.unencryptedSuffix = DEFAULT_UNENCRYPTED_SUFFIX;
  const macOnly = m.mac_only_encrypted;
  if (macOnly === true || macOnly === "true")
    rules.macOnlyEncrypted = true;
  const lastModified = asString(m, "lastmodified", file);
  if (lastModified === void 0)
    fail(file, "is missing", "sops.lastmodified");
  return {
    keyGroups,
    ...keyGroups.length > 1 ? { shamirThreshold } : {},
    lastModified,
    mac: asString(m, "mac", file) ?? "",
    rules,
    version: asString(m, "version", file) ?? SOPS_VERSION
  };
}
function groupObject(keys, always) {
  const out = {};
  for (const type of KEY_TYPES) {
    const entries = keys.filter((k) => k.type === type.field).map((k) => k.entry);
    if (entries.length > 0 || always.includes(type.field))
      out[type.field] = entries;
  }
  return out;
}
function metadataObject(md) {
  const out = {};
  let flat = {};
  if (md.keyGroups.length > 1) {
    out.shamir_threshold = md.shamirThreshold ?? md.keyGroups.length;
    out.key_groups = md.keyGroups.map((g) => groupObject(g, []));
  } else {
    flat = groupObject(md.keyGroups[0] ?? [], ["age"]);
  }
  for (const field of ["kms", "gcp_kms", "azure_kv", "hc_vault", "age"])
    if (flat[field])
      out[field] = flat[field];
  out.lastmodified = md.lastModified;
  out.mac = md.mac;
  if (flat.pgp)
    out.pgp = flat.pgp;
  for (const [name, prop] of RULE_FIELDS)
    if (md.rules[prop] !== void 0)
      out[name] = md.rules[prop];
  if (md.rules.macOnlyEncrypted)
    out.mac_only_encrypted = true;
  out.version = md.version;
  return out;
}
function rfc3339(date) {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}
function macAad(lastModified) {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.exec(lastModified);
  if (!m)
    return lastModified;
  const zone = m[3].toUpperCase() === "Z" || m[3] === "+00:00" || m[3] === "-00:00" ? "Z" : m[3];
  return `${m[1]}${zone}`;
}

// dist/secrets/sops/document.js
var MAC_ONLY_ENCRYPTED_SEED = Buffer.from("8a3fd2ad54ce66527b1034f3d147be0b0b975b3bf44f72c6fdadec8176f27d69", "hex");
var stashKey = (aad, type, text) => `${aad}\0${type}\0${text}`;
function newMac(rules) {
  const hash = createHash("sha512");
  if (rules.macOnlyEncrypted)
    hash.update(MAC_ONLY_ENCRYPTED_SEED);
  return hash;
}
function encryptTree(branch, rules, dataKey, stash = /* @__PURE__ */ new Map()) {
  const compiled = compileRules(rules);
  const hash = newMac(rules);
  const key = valueKey(dataKey);
  const out = mapLeaves(branch, (leaf, path, comments2) => {
    const isComment = leaf.kind === "comment";
    const encrypt = compiled.shouldEncrypt(path, comments2, isComment);
    const aad = aadOf(path);
    if (leaf.kind === "comment") {
      if (!encrypt)
        return leaf;
      const iv2 = stash.get(stashKey(aad, "comment", leaf.text));
      return { kind: "comment", text: encryptValue({ type: "comment", value: leaf.text }, key, aad, iv2) };
    }
    if (!rules.macOnlyEncrypted || encrypt)
      hash.update(scalarText(leaf), "utf8");
    if (!encrypt)
      return leaf;
    const iv = stash.get(stashKey(aad, leaf.type, scalarText(leaf)));
    return { kind: "scalar", type: "str", value: encryptValue(leaf, key, aad, iv) };
  });
  return { branch: out, mac: hash.digest("hex").toUpperCase() };
}
function decryptTree(branch, metadata, dataKey, file) {
  const rules = metadata.rules;
  const compiled = compileRules(rules);
  const hash = newMac(rules);
  const stash = /* @__PURE__ */ new Map();
  const secrets = [];
  const key = valueKey(dataKey);
  const out = mapLeaves(branch, (leaf, path, comments2, inList) => {
    const isComment = leaf.kind === "comment";
    const encrypted = compiled.shouldEncrypt(path, comments2, isComment);
    const aad = aadOf(path);
    if (leaf.kind === "comment") {
      if (!encrypted)
        return leaf;
      const text = decryptComment(leaf.text, key, path, stash);
      return text === void 0 ? leaf : { kind: "comment", text };
    }
    let plain = leaf;
    if (encrypted) {
      if (leaf.type !== "str") {
        throw new SecretError("value should be encrypted but is not: the file was altered", {
          location: { file, field: path.join(".") }
        });
      }
      try {
        const result = decryptValue(leaf.value, key, aad);
        if (result?.plain.type === "comment") {
          if (!inList)
            throw new ValueCipherError("comment where a value belongs");
          return { kind: "comment", text: result.plain.value };
        }
        if (result) {
          plain = result.plain;
          stash.set(stashKey(aad, plain.type, scalarText(plain)), result.iv);
          secrets.push(plain.value);
        }
      } catch (error) {
        if (!(error instanceof ValueCipherError))
          throw error;
        throw new SecretError(`cannot decrypt value: ${error.message}`, {
          location: { file, field: path.join(".") },
          hint: "the file was altered, or a value was copied from another place or file"
        });
      }
    }
    if (!rules.macOnlyEncrypted || encrypted)
      hash.update(scalarText(plain), "utf8");
    return plain;
  });
  const computed = hash.digest("hex").toUpperCase();
  verifyMac(metadata, computed, key, file);
  return { branch: out, stash, secrets };
}
function decryptComment(text, key, path, stash) {
  for (let n = path.length; n >= 0; n--) {
    const aad = aadOf(path.slice(0, n));
    try {
      const result = decryptValue(text, key, aad);
      if (result?.plain.type === "comment") {
        if (n === path.length)
          stash.set(stashKey(aad, "comment", result.plain.value), result.iv);
        return result.plain.value;
      }
      return void 0;
    } catch {
    }
  }
  return void 0;
}
function verifyMac(metadata, computed, key, file) {
  let stored;
  try {
    const result = decryptValue(metadata.mac, key, macAad(metadata.lastModified));
    stored = result?.plain.type === "str" ? result.plain.value : void 0;
  } catch {
    stored = void 0;
  }
  const a = Buffer.from(computed);
  const b = Buffer.from(stored ?? "");
  if (a.length !== b.length || !timingSafeEqual(a, b)) {
    throw new SecretError("MAC mismatch: the file's values were changed, added, removed or reordered", {
      location: { file, field: "sops.mac" },
      hint: "restore the file from version control; only edit it with `releases secrets edit` or `sops`"
    });
  }
}
function encryptMac(mac, dataKey, lastModified) {
  return encryptValue({ kind: "scalar", type: "str", value: mac }, dataKey, macAad(lastModified));
}

// dist/secrets/sops/formats/dotenv.js
var PREFIX = "sops_";
var MAP = "__map_";
var LIST = "__list_";
function parseDotenv(text, file) {
  const items = [];
  const flatMetadata = {};
  text.split("\n").forEach((line, i) => {
    if (line.length === 0)
      return;
    if (line.startsWith("#")) {
      items.push({ kind: "comment", text: line.slice(1) });
      return;
    }
    const eq = line.indexOf("=");
    if (eq < 0)
      throw new SecretError("invalid dotenv line: no `=`", { location: { file, line: i + 1 } });
    const key = line.slice(0, eq);
    const value = line.slice(eq + 1).replaceAll("\\n", "\n");
    if (key.startsWith(PREFIX))
      flatMetadata[key.slice(PREFIX.length)] = value;
    else
      items.push({ kind: "item", key, value: { kind: "scalar", type: "str", value } });
  });
  const hasMetadata = Object.keys(flatMetadata).length > 0;
  return { branch: { kind: "branch", items }, metadata: hasMetadata ? unflatten(flatMetadata) : void 0 };
}
function tokenize(path) {
  const tokens = [];
  const re = /__map_|__list_/g;
  let last = 0;
  let kind = "map";
  let m = re.exec(path);
  while (m) {
    const part2 = path.slice(last, m.index);
    tokens.push(kind === "map" ? { map: part2 } : { list: Number(part2) });
    kind = m[0] === MAP ? "map" : "list";
    last = m.index + m[0].length;
    m = re.exec(path);
  }
  const part = path.slice(last);
  tokens.push(kind === "map" ? { map: part } : { list: Number(part) });
  return tokens;
}
function unflatten(flat) {
  const root = {};
  for (const [path, value] of Object.entries(flat)) {
    const tokens = tokenize(path);
    let node = root;
    tokens.forEach((token, i) => {
      const key = "map" in token ? token.map : token.list;
      const next = tokens[i + 1];
      const container = node;
      if (!next) {
        container[key] = value;
        return;
      }
      container[key] ??= "list" in next ? [] : {};
      node = container[key];
    });
  }
  return root;
}
function flatten(value, prefix, out) {
  if (value === null || value === void 0)
    return;
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      flatten(v, `${prefix}${LIST}${i}`, out);
    });
  } else if (typeof value === "object") {
    for (const [k, v] of Object.entries(value))
      flatten(v, prefix ? `${prefix}${MAP}${k}` : k, out);
  } else {
    out[prefix] = String(value);
  }
}
function emitDotenv(branch, file, metadata) {
  const lines = [];
  for (const item of branch.items) {
    if (item.kind === "comment") {
      lines.push(`#${item.text}`);
      continue;
    }
    if (item.value !== null && item.value.kind !== "scalar") {
      throw new SecretError("dotenv files cannot hold nested values", {
        location: { file, field: item.key }
      });
    }
    const text = item.value === null ? "" : scalarText(item.value);
    lines.push(`${item.key}=${text.replaceAll("\n", "\\n")}`);
  }
  if (metadata) {
    const flat = {};
    flatten(metadata, "", flat);
    for (const key of Object.keys(flat).sort())
      lines.push(`${PREFIX}${key}=${flat[key].replaceAll("\n", "\\n")}`);
  }
  return lines.map((l) => `${l}
`).join("");
}

// dist/secrets/sops/formats/json.js
function jsonValue(v, indent, file) {
  if (v === null || v === void 0)
    return "null";
  if (typeof v === "object" && "kind" in v) {
    const node = v;
    switch (node.kind) {
      case "scalar":
        if (node.type === "float") {
          if (!Number.isFinite(node.value))
            throw new SecretError("JSON cannot hold NaN or infinity", { location: { file } });
          return Math.abs(node.value) < 1e21 ? formatFloat(node.value) : JSON.stringify(node.value);
        }
        if (node.type === "int")
          return node.value.toString();
        return JSON.stringify(node.value);
      case "branch":
        return jsonObject(node.items.flatMap((i) => i.kind === "item" ? [[i.key, i.value]] : []), indent, file);
      case "list": {
        const items = node.items.filter((i) => i === null || i.kind !== "comment");
        if (items.length === 0)
          return "[]";
        const inner = `${indent}    `;
        return `[
${items.map((i) => inner + jsonValue(i, inner, file)).join(",\n")}
${indent}]`;
      }
    }
  }
  if (Array.isArray(v)) {
    if (v.length === 0)
      return "[]";
    const inner = `${indent}    `;
    return `[
${v.map((i) => inner + jsonValue(i, inner, file)).join(",\n")}
${indent}]`;
  }
  if (typeof v === "object")
    return jsonObject(Object.entries(v), indent, file);
  return JSON.stringify(v);
}
function jsonObject(entries, indent, file) {
  if (entries.length === 0)
    return "{}";
  const inner = `${indent}    `;
  const body = entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${jsonValue(v, inner, file)}`).join(",\n");
  return `{
${body}
${indent}}`;
}
function emitJson(branch, file, metadata) {
  const entries = branch.items.flatMap((i) => i.kind === "item" ? [[i.key, i.value]] : []);
  if (metadata)
    entries.push(["sops", metadata]);
  return `${jsonObject(entries, "", file)}
`;
}

// dist/secrets/sops/formats/yaml.js
var import_yaml = __toESM(require_dist(), 1);
var TIMESTAMPS = /* @__PURE__ */ new Set(["lastmodified", "created_at"]);
function comments(text) {
  if (!text)
    return [];
  return text.split("\n").filter((line) => line !== "").map((line) => ({ kind: "comment", text: line }));
}
function fail2(file, message, line) {
  throw new SecretError(message, { location: { file, line } });
}
function parseYamlLike(text, file, mode) {
  const docs = (0, import_yaml.parseAllDocuments)(text, { intAsBigInt: true, uniqueKeys: mode === "yaml" });
  if (!Array.isArray(docs) || docs.length === 0)
    return { branch: { kind: "branch", items: [] }, metadata: void 0 };
  if (docs.length === 1 || mode === "json")
    return parseOne(docs[0], text, file, mode);
  const parsed = docs.map((doc) => parseOne(doc, text, file, mode));
  return {
    branch: {
      kind: "branch",
      items: parsed.flatMap((p) => p.branch.items),
      documents: parsed.map((p) => p.branch.items.length)
    },
    metadata: parsed.find((p) => p.metadata !== void 0)?.metadata
  };
}
function parseOne(doc, text, file, mode) {
  const error = doc.errors[0];
  if (error)
    fail2(file, `invalid ${mode === "json" ? "JSON" : "YAML"}: ${error.code}`, error.linePos?.[0]?.line);
  const position = (node) => {
    if (!node?.range)
      return void 0;
    return text.slice(0, node.range[0]).split("\n").length;
  };
  const scalar = (node) => {
    const v = node.value;
    if (v === null || v === void 0)
      return null;
    if (typeof v === "string")
      return { kind: "scalar", type: "str", value: v };
    if (typeof v === "boolean")
      return { kind: "scalar", type: "bool", value: v };
    if (typeof v === "bigint")
      return { kind: "scalar", type: "int", value: v };
    if (typeof v === "number")
      return { kind: "scalar", type: "float", value: v };
    return fail2(file, `unsupported YAML value (tag ${node.tag ?? "unknown"})`, position(node));
  };
  const budget = Math.max(text.length, 1e5);
  let made = 0;
  const value = (node, depth) => {
    if (depth > 200)
      fail2(file, "document nested too deeply (alias loop?)");
    if (++made > budget)
      fail2(file, `expands to more than ${budget} values through aliases`);
    if ((0, import_yaml.isAlias)(node))
      return value(node.resolve(doc), depth + 1);
    if ((0, import_yaml.isScalar)(node))
      return scalar(node);
    if ((0, import_yaml.isMap)(node))
      return mapping(node, depth, true);
    if ((0, import_yaml.isSeq)(node))
      return sequence(node, depth);
    if (node === null || node === void 0)
      return null;
    return fail2(file, "unsupported YAML node");
  };
  const sequence = (node, depth) => {
    const items = [...comments(node.commentBefore)];
    for (const item of node.items) {
      const n = item;
      items.push(...comments(n?.commentBefore));
      if ((0, import_yaml.isScalar)(n))
        items.push(...comments(n.comment));
      items.push(value(n, depth + 1));
      if (!(0, import_yaml.isScalar)(n))
        items.push(...comments(n?.comment));
    }
    const list = { kind: "list", items };
    sinkTrailing(list, comments(node.comment));
    return list;
  };
  const mapping = (node, depth, own) => {
    const items = own ? comments(node.commentBefore) : [];
    for (const pair of node.items) {
      const key = pair.key;
      if (!(0, import_yaml.isScalar)(key) || typeof key.value !== "string") {
        fail2(file, "only string keys are supported", position(key));
      }
      items.push(...comments(key.commentBefore), ...comments(key.comment));
      const v = pair.value;
      const simple = v === null || (0, import_yaml.isScalar)(v) || (0, import_yaml.isAlias)(v);
      if (simple && v)
        items.push(...comments(v.commentBefore), ...comments(v.comment));
      items.push({ kind: "item", key: key.value, value: value(v, depth + 1) });
    }
    const branch2 = { kind: "branch", items };
    if (own && depth > 0)
      sinkTrailing(branch2, comments(node.comment));
    else if (own)
      items.push(...comments(node.comment));
    return branch2;
  };
  const root = doc.contents;
  let branch;
  if (root === null || (0, import_yaml.isScalar)(root) && root.value === null)
    branch = { kind: "branch", items: [] };
  else if ((0, import_yaml.isMap)(root))
    branch = mapping(root, 0, true);
  else
    fail2(file, mode === "json" ? "the top level must be an object" : "the top level must be a mapping");
  if (mode === "yaml") {
    branch.items.unshift(...comments(doc.commentBefore));
    branch.items.push(...comments(doc.comment));
  }
  let metadata;
  const index = branch.items.findIndex((i) => i.kind === "item" && i.key === "sops");
  if (index >= 0) {
    const pair = root.items.find((p) => (0, import_yaml.isScalar)(p.key) && p.key.value === "sops");
    metadata = pair ? toJs(pair.value, doc) : void 0;
    branch.items.splice(index, 1);
  }
  return { branch, metadata };
}
function sinkTrailing(container, extra) {
  if (extra.length === 0)
    return;
  const last = container.items[container.items.length - 1];
  const lastValue = container.kind === "branch" ? last?.kind === "item" ? last.value : void 0 : last !== void 0 && (last === null || last.kind !== "comment") ? last : void 0;
  if (lastValue && (lastValue.kind === "branch" || lastValue.kind === "list") && lastValue.items.length > 0) {
    sinkTrailing(lastValue, extra);
    return;
  }
  container.items.push(...extra);
}
function toJs(node, doc) {
  if (node && typeof node.toJSON === "function") {
    return node.toJSON(null, { doc, keep: false, mapAsMap: false });
  }
  return node;
}
function emitYaml(branch, metadata) {
  if (!branch.documents || branch.documents.length < 2)
    return emitOne(branch, metadata);
  const texts = [];
  let start = 0;
  for (const size of branch.documents) {
    texts.push(emitOne({ kind: "branch", items: branch.items.slice(start, start + size) }, metadata));
    start += size;
  }
  return texts.join("---\n");
}
function emitOne(branch, metadata) {
  const doc = new import_yaml.Document();
  const root = yamlMap(branch, doc);
  if (metadata) {
    const node = doc.createNode(metadata);
    (0, import_yaml.visit)(node, {
      Pair(_, pair) {
        if ((0, import_yaml.isScalar)(pair.key) && TIMESTAMPS.has(String(pair.key.value)) && (0, import_yaml.isScalar)(pair.value)) {
          pair.value.type = import_yaml.Scalar.QUOTE_DOUBLE;
        }
      }
    });
    const key = new import_yaml.Scalar("sops");
    if (root.comment)
      key.commentBefore = root.comment;
    root.comment = null;
    root.items.push(new import_yaml.Pair(key, node));
  }
  doc.contents = root;
  if (root.comment) {
    doc.comment = root.comment;
    root.comment = null;
  }
  return doc.toString({ indent: 4, lineWidth: 0, minContentWidth: 0 });
}
function yamlScalar(s) {
  if (s === null)
    return new import_yaml.Scalar(null);
  const node = new import_yaml.Scalar(s.value);
  if (s.type === "float" && Number.isInteger(s.value))
    node.minFractionDigits = 1;
  return node;
}
function joinComments(lines) {
  return lines.length > 0 ? lines.join("\n") : void 0;
}
function yamlNode(v, doc) {
  if (v === null || v.kind === "scalar")
    return yamlScalar(v);
  return v.kind === "branch" ? yamlMap(v, doc) : yamlSeq(v, doc);
}
function yamlMap(branch, doc) {
  const map = new import_yaml.YAMLMap();
  let pending = [];
  for (const item of branch.items) {
    if (item.kind === "comment") {
      pending.push(item.text);
      continue;
    }
    const key = new import_yaml.Scalar(item.key);
    const before = joinComments(pending);
    if (before !== void 0)
      key.commentBefore = before;
    pending = [];
    map.items.push(new import_yaml.Pair(key, yamlNode(item.value, doc)));
  }
  const after = joinComments(pending);
  if (after !== void 0)
    map.comment = after;
  return map;
}
function yamlSeq(list, doc) {
  const seq = new import_yaml.YAMLSeq();
  let pending = [];
  for (const item of list.items) {
    if (item !== null && item.kind === "comment") {
      pending.push(item.text);
      continue;
    }
    const node = yamlNode(item, doc);
    const before = joinComments(pending);
    if (before !== void 0)
      node.commentBefore = before;
    pending = [];
    seq.items.push(node);
  }
  const after = joinComments(pending);
  if (after !== void 0)
    seq.comment = after;
  return seq;
}

// dist/secrets/sops/formats/index.js
function formatForPath(path) {
  if (path.endsWith(".json"))
    return "json";
  if (path.endsWith(".env"))
    return "dotenv";
  return "yaml";
}
function parseDocument(text, file, format) {
  if (format === "dotenv")
    return parseDotenv(text, file);
  return parseYamlLike(text, file, format);
}
function emitDocument(branch, file, format, metadata) {
  if (format === "json")
    return emitJson(branch, file, metadata);
  if (format === "dotenv")
    return emitDotenv(branch, file, metadata);
  return emitYaml(branch, metadata);
}

// dist/secrets/sops/decrypt.js
function parseSops(text, file, format = formatForPath(file)) {
  const parsed = parseDocument(text, file, format);
  if (parsed.metadata === void 0) {
    throw new SecretError("not a SOPS file: the sops metadata is missing", {
      location: { file },
      hint: "encrypt it first with `releases secrets encrypt`"
    });
  }
  return { format, branch: parsed.branch, metadata: parseMetadata(parsed.metadata, file) };
}
async function openSops(text, file, keys, format = formatForPath(file)) {
  const parsed = parseSops(text, file, format);
  const dataKey = await unwrapDataKey(parsed.metadata, keyAccess(keys), file);
  const { branch, stash, secrets } = decryptTree(parsed.branch, parsed.metadata, dataKey, file);
  return { file, format, branch, metadata: parsed.metadata, dataKey, stash, secrets };
}
async function decryptSops(text, file, keys) {
  const opened = await openSops(text, file, keys);
  if ((opened.branch.documents?.length ?? 1) > 1) {
    throw new SecretError("a multi-document YAML file cannot be read as values", {
      location: { file },
      hint: "split it into one file per document; `releases secrets decrypt` prints it whole"
    });
  }
  return {
    data: toPlain(opened.branch),
    format: opened.format,
    secrets: opened.secrets
  };
}
function plaintextOf(opened) {
  return emitDocument(opened.branch, opened.file, opened.format);
}

export {
  parseTransitUri,
  generateDataKey,
  keyAccess,
  wrapDataKey,
  unwrapDataKey,
  RULE_FIELDS,
  goRegExp,
  SOPS_VERSION,
  metadataObject,
  rfc3339,
  encryptTree,
  encryptMac,
  formatForPath,
  parseDocument,
  emitDocument,
  parseSops,
  openSops,
  decryptSops,
  plaintextOf
};
