import {
  lookupKey
} from "./chunk-PZX4K3WG.js";
import {
  readValuesFile
} from "./chunk-PP4OAP52.js";
import {
  getPath,
  helmValuesDocument,
  isMap,
  mergeLayers,
  setPath
} from "./chunk-GH6ZRYFL.js";
import {
  checkPatchesApply
} from "./chunk-CFB6N6L3.js";
import "./chunk-VQSVI6AM.js";
import "./chunk-7Q7BMIIO.js";
import "./chunk-EOAQSOO2.js";
import "./chunk-BFLBSBCJ.js";
import {
  vaultRef
} from "./chunk-BB6MFFLY.js";
import {
  ConfigError,
  SecretError
} from "./chunk-XLEZOOEL.js";
import "./chunk-4VNS5WPM.js";

// dist/values/render-releases.js
import { isAbsolute, relative as relative2, resolve } from "node:path";

// dist/plan/fingerprint.js
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
function canonicalJson(value) {
  if (Array.isArray(value))
    return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).filter(([, v]) => v !== void 0).sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0);
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
var sha256 = (text) => createHash("sha256").update(text).digest("hex");
var textDigest = (text) => sha256(text);
function fingerprint(input) {
  const chart = input.chart.kind === "local" || input.chart.kind === "manifests" ? { local: input.chartDigest } : {
    remote: input.chart.kind === "repo" ? `${input.chart.repository}/${input.chart.name}` : input.chart.url,
    version: input.version
  };
  return sha256(canonicalJson({
    chart,
    values: input.values,
    settings: input.settings,
    secrets: input.secretsDigest,
    patches: input.patches
  })).slice(0, 40);
}
function secretsDigest(consumed) {
  const sorted = [...consumed.entries()].sort(([a], [b]) => a < b ? -1 : 1);
  return sha256(canonicalJson(sorted)).slice(0, 16);
}
async function chartDigest(dir) {
  const hash = createHash("sha256");
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)).sort();
  for (const file of files) {
    hash.update(relative(dir, file)).update("\0").update(await readFile(file)).update("\0");
  }
  return hash.digest("hex");
}

// dist/values/refs.js
var PREFIX = "ref+";
var SHAPE = /^ref\+([^:/]*):\/\/([\s\S]*)$/;
var VAULT_HINT = "write ref+vault://<mount>/<path>#<key>, e.g. ref+vault://secret/data/app#password";
var SUPPORTED = "ref+vault://<path>#<key>, ref+sops://<file>#/<json/pointer> and ref+envsubst://$VAR";
function isRef(value) {
  return typeof value === "string" && value.startsWith(PREFIX);
}
function parseRef(text, at, usedBy) {
  const m = SHAPE.exec(text.endsWith("+") ? text.slice(0, -1) : text);
  const of = `${JSON.stringify(text)} (used by ${usedBy})`;
  if (!m) {
    throw new ConfigError(`malformed reference ${of}`, {
      location: at,
      hint: `references are written ${SUPPORTED}`
    });
  }
  const [, backend, rest] = m;
  const hash = rest.indexOf("#");
  const body = hash < 0 ? rest : rest.slice(0, hash);
  const fragment = hash < 0 ? void 0 : rest.slice(hash + 1);
  if (body.includes("?")) {
    throw new ConfigError(`reference ${of}: query parameters are not supported`, {
      location: at,
      hint: "Vault's address, token and namespace come from VAULT_ADDR, VAULT_TOKEN and VAULT_NAMESPACE"
    });
  }
  switch (backend) {
    case "vault": {
      const key = (fragment ?? "").replace(/^\//, "");
      try {
        const ref = vaultRef(body, key, at, VAULT_HINT);
        return { backend, text, path: ref.path, key: ref.key };
      } catch (error) {
        throw new ConfigError(`${error.message} (used by ${usedBy})`, {
          location: at,
          hint: VAULT_HINT
        });
      }
    }
    case "sops": {
      if (body === "" || fragment === void 0 || !fragment.startsWith("/") || fragment === "/") {
        throw new ConfigError(`reference ${of} names no value in the file`, {
          location: at,
          hint: "write ref+sops://<file>#/<json/pointer>, e.g. ref+sops://environments/prod/secrets.yaml#/db/password"
        });
      }
      const pointer = fragment.slice(1).split("/").map((p) => p.replaceAll("~1", "/").replaceAll("~0", "~"));
      return { backend, text, file: body, pointer };
    }
    case "envsubst":
      return { backend, text, template: rest };
    default:
      throw new ConfigError(`unknown reference backend "${backend}" in ${of}`, {
        location: at,
        hint: `supported: ${SUPPORTED}; other vals backends cannot be reached from releases`
      });
  }
}
function findRefs(tree, locate, usedBy) {
  const out = [];
  const walk = (node) => {
    if (isRef(node)) {
      const at = locate(node);
      out.push({ ref: parseRef(node, at, usedBy), at });
    } else if (Array.isArray(node))
      node.forEach(walk);
    else if (isMap(node))
      Object.values(node).forEach(walk);
  };
  walk(tree);
  return out;
}
function replaceRefs(tree, resolve2) {
  const walk = (node) => {
    if (isRef(node))
      return resolve2(node);
    if (Array.isArray(node))
      return node.map(walk);
    if (isMap(node))
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v)]));
    return node;
  };
  return walk(tree);
}
function envsubst(ref, variable, at) {
  const variables = [];
  const value = ref.template.replace(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g, (_m, braced, bare) => {
    const name = braced ?? bare;
    const found = variable(name);
    if (found === void 0) {
      throw new SecretError(`environment variable ${name} is not set (${ref.text})`, {
        location: at,
        hint: `set ${name} in the environment releases runs in`
      });
    }
    variables.push(name);
    return found;
  });
  return { value, variables };
}
function positionOf(text, needle) {
  const index = text.indexOf(needle);
  if (index < 0)
    return void 0;
  const before = text.slice(0, index);
  const line = before.split("\n").length;
  return { line, column: index - before.lastIndexOf("\n") };
}
function atPointer(data, pointer) {
  let current = data;
  for (const part of pointer) {
    if (Array.isArray(current) && /^\d+$/.test(part))
      current = current[Number(part)];
    else if (isMap(current) && Object.hasOwn(current, part))
      current = current[part];
    else
      return void 0;
  }
  return current;
}

// dist/values/resolve-ref.js
function resolveValueRef(ref, at, fetched) {
  switch (ref.backend) {
    case "vault": {
      const value = fetched.vault.get(`${ref.path}#${ref.key}`);
      if (value === void 0) {
        throw new SecretError(`${ref.text} was not resolved before rendering`, {
          location: at,
          hint: "write the reference in the values file itself, not computed from another secret"
        });
      }
      return { value, consumed: [[`vault:${ref.path}#${ref.key}`, value]] };
    }
    case "sops": {
      const file = fetched.relative(ref.file);
      const value = atPointer(fetched.sops(ref.file), ref.pointer);
      if (value === void 0) {
        throw new SecretError(`${ref.text}: /${ref.pointer.join("/")} is not in ${file}`, { location: at });
      }
      return { value, consumed: [[`sops:${file}#${ref.pointer.join(".")}`, value]] };
    }
    case "envsubst": {
      const { value, variables } = envsubst(ref, fetched.variable, at);
      return { value, consumed: variables.map((name) => [`env:${name}`, fetched.variable(name)]) };
    }
  }
}

// dist/values/secret-reads.js
function leaves(tree, prefix = "") {
  const out = [];
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (isMap(value))
      out.push(...leaves(value, path));
    else
      out.push([path, value]);
  }
  return out;
}
function trackSecretReads(tree, origins, onRead) {
  if (origins.size === 0)
    return tree;
  const wrap = (node, prefix) => new Proxy(node, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (typeof key !== "string" || !Object.hasOwn(target, key))
        return value;
      const path = prefix ? `${prefix}.${key}` : key;
      if (isMap(value))
        return wrap(value, path);
      const origin = origins.get(path);
      if (origin)
        onRead(origin);
      return value;
    },
    set: () => false,
    deleteProperty: () => false
  });
  return wrap(tree, "");
}

// dist/values/environment-refs.js
async function environmentRefs(project, readText) {
  const texts = await Promise.all(project.environment.values.map(async (source) => source.kind === "inline" ? void 0 : { file: source.path, text: await readText(source.path) }));
  const locate = (ref) => {
    for (const t of texts) {
      const at = t && positionOf(t.text, ref);
      if (t && at)
        return { file: t.file, ...at };
    }
    return project.environment.values[0]?.location ?? { file: project.file };
  };
  return findRefs(project.environmentValues, locate, `environment ${project.environment.name}`);
}
function resolveEnvironment(project, uses, fetched, register) {
  const consumed = /* @__PURE__ */ new Map();
  const byText = new Map(uses.map((u) => [u.ref.text, u]));
  const idOf = /* @__PURE__ */ new Map();
  const values = replaceRefs(project.environmentValues, (text) => {
    const use = byText.get(text);
    const resolved = resolveValueRef(use.ref, use.at, fetched);
    for (const [id, value] of resolved.consumed)
      consumed.set(id, value);
    idOf.set(text, resolved.consumed[0][0]);
    register(resolved.value);
    return resolved.value;
  });
  const origins = /* @__PURE__ */ new Map();
  for (const [path, value] of leaves(project.environmentValues)) {
    const id = typeof value === "string" ? idOf.get(value) : void 0;
    if (id)
      origins.set(path, id);
  }
  return { values, origins, consumed };
}

// dist/values/render-releases.js
async function renderReleases(project, releases, deps) {
  const { templates, files, secrets, redactor } = deps;
  const rel = (path) => relative2(project.dir, path) || path;
  const sopsCache = /* @__PURE__ */ new Map();
  const readSops = (path) => {
    let entry = sopsCache.get(path);
    if (!entry) {
      entry = secrets.sops.read(path).then(({ data, secrets: encrypted }) => {
        for (const value of encrypted)
          redactor.register(value);
        return data;
      });
      sopsCache.set(path, entry);
    }
    return entry;
  };
  const textCache = /* @__PURE__ */ new Map();
  const readText = (path) => {
    let entry = textCache.get(path);
    if (!entry) {
      entry = files.read(path);
      textCache.set(path, entry);
    }
    return entry;
  };
  const envSecretLayers = await Promise.all(project.environment.secrets.map((s) => readSops(s.path)));
  const origins = /* @__PURE__ */ new Map();
  project.environment.secrets.forEach((s, i) => {
    for (const [path] of leaves(envSecretLayers[i]))
      origins.set(path, `sops:${rel(s.path)}#${path}`);
  });
  const envRefs = await environmentRefs(project, readText);
  let context = { values: mergeLayers([project.environmentValues, ...envSecretLayers]), origins };
  const contextFor = (release, consumed) => {
    const values = trackSecretReads(context.values, context.origins, (id) => consumed.add(id));
    return {
      environment: { name: project.environment.name, values },
      values,
      release: {
        name: release.name,
        namespace: release.namespace,
        labels: release.labels,
        chart: release.chart.display
      }
    };
  };
  const pending = await Promise.all(releases.map(async (release) => {
    const p = { release, layers: [], lookups: /* @__PURE__ */ new Map(), refs: /* @__PURE__ */ new Map(), consumed: /* @__PURE__ */ new Set() };
    const collect = (tree, locate) => {
      for (const use of findRefs(tree, locate, release.id))
        p.refs.set(use.ref.text, use);
    };
    for (const source of release.values) {
      if (source.kind === "inline") {
        p.layers.push({ data: source.data });
        collect(source.data, () => source.location);
        continue;
      }
      const text = await readText(source.path);
      const locate = (ref) => ({ file: source.path, ...positionOf(text, ref) });
      if (!source.template) {
        const data = readValuesFile(text, source.path);
        p.layers.push({ data });
        collect(data, locate);
        continue;
      }
      const preview = templates.render(text, { file: source.path }, contextFor(release, /* @__PURE__ */ new Set()), {
        lookup: (lookup, at) => {
          p.lookups.set(lookupKey(lookup), { lookup, at });
          return PENDING;
        }
      });
      if (preview.includes("ref+"))
        collect(tryReadValues(preview, source.path), locate);
      p.layers.push({ template: text, file: source.path, location: source.location });
    }
    for (const [path, value] of Object.entries(release.set)) {
      collect(value, () => ({ ...release.location, field: `set.${path}` }));
    }
    return p;
  }));
  const vaultUses = [];
  const sopsFiles = /* @__PURE__ */ new Set();
  for (const { ref, at } of envRefs) {
    const usedBy = `environment ${project.environment.name}`;
    if (ref.backend === "vault")
      vaultUses.push({ ref: { path: ref.path, key: ref.key }, usedBy, location: at });
    else if (ref.backend === "sops")
      sopsFiles.add(resolveIn(project.dir, ref.file));
  }
  for (const p of pending) {
    for (const { lookup, at } of p.lookups.values()) {
      if (lookup.kind === "vault")
        vaultUses.push({ ref: { path: lookup.path, key: lookup.key }, usedBy: p.release.id, location: at });
      else
        sopsFiles.add(resolveIn(project.dir, lookup.file));
    }
    for (const { ref, at } of p.refs.values()) {
      if (ref.backend === "vault")
        vaultUses.push({ ref: { path: ref.path, key: ref.key }, usedBy: p.release.id, location: at });
      else if (ref.backend === "sops")
        sopsFiles.add(resolveIn(project.dir, ref.file));
    }
  }
  const [vaultValues] = await Promise.all([
    vaultUses.length > 0 ? secrets.vault().resolve(vaultUses) : Promise.resolve(/* @__PURE__ */ new Map()),
    ...[...sopsFiles].map(readSops),
    ...pending.flatMap((p) => p.release.secrets.map((s) => readSops(s.path)))
  ]);
  for (const value of vaultValues.values())
    redactor.register(value);
  const settled = /* @__PURE__ */ new Map();
  for (const [path, data] of sopsCache)
    settled.set(path, await data);
  const fetched = {
    vault: vaultValues,
    sops: (file) => settled.get(resolveIn(project.dir, file)),
    relative: (file) => rel(resolveIn(project.dir, file)),
    variable: (name) => secrets.variable(name)
  };
  const environment = resolveEnvironment(project, envRefs, fetched, (value) => redactor.registerTree(value));
  context = {
    values: mergeLayers([environment.values, ...envSecretLayers]),
    origins: new Map([...environment.origins, ...origins])
  };
  const digests = /* @__PURE__ */ new Map();
  const digestOf = (dir) => {
    let entry = digests.get(dir);
    if (!entry) {
      entry = chartDigest(dir);
      digests.set(dir, entry);
    }
    return entry;
  };
  return Promise.all(pending.map(async (p) => {
    const { release } = p;
    const consumedValues = /* @__PURE__ */ new Map();
    const consume = (id, value) => {
      p.consumed.add(id);
      consumedValues.set(id, typeof value === "string" ? value : JSON.stringify(value));
    };
    const resolveRef = (text, at) => {
      const { ref, at: where } = p.refs.get(text) ?? { ref: parseRef(text, at, release.id), at };
      const resolved = resolveValueRef(ref, where, fetched);
      for (const [id, value] of resolved.consumed)
        consume(id, value);
      redactor.registerTree(resolved.value);
      return resolved.value;
    };
    const layers = [];
    for (const layer of p.layers) {
      if ("data" in layer) {
        layers.push(replaceRefs(layer.data, (text2) => resolveRef(text2, release.location)));
        continue;
      }
      const reads = /* @__PURE__ */ new Set();
      const text = templates.render(layer.template, { file: layer.file }, contextFor(release, reads), {
        lookup: (lookup, at) => {
          if (lookup.kind === "vault") {
            const value2 = vaultValues.get(`${lookup.path}#${lookup.key}`);
            if (value2 === void 0) {
              throw new SecretError(`vault: ${lookup.path}#${lookup.key} was not resolved before rendering`, {
                location: at,
                hint: "a lookup inside {{#if}} on another secret is not seen when lookups are collected; move it out of the branch"
              });
            }
            consume(lookupKey(lookup), value2);
            return value2;
          }
          const file = resolveIn(project.dir, lookup.file);
          const value = getPath(settled.get(file), lookup.key);
          if (value === void 0) {
            throw new SecretError(`sops: key "${lookup.key}" is not in ${rel(file)}`, { location: at });
          }
          consume(`sops:${rel(file)}#${lookup.key}`, value);
          return value;
        }
      });
      for (const id of reads) {
        if (environment.consumed.has(id)) {
          consume(id, environment.consumed.get(id));
          continue;
        }
        const [file, key] = splitSopsId(id, project.dir);
        consume(id, getPath(settled.get(file), key));
      }
      layers.push(replaceRefs(readValuesFile(text, layer.file), (ref) => resolveRef(ref, { file: layer.file })));
    }
    for (const s of release.secrets) {
      const data = settled.get(s.path);
      layers.push(data);
      for (const [key, value] of leaves(data))
        consume(`sops:${rel(s.path)}#${key}`, value);
    }
    let values = mergeLayers(layers);
    for (const [path, value] of Object.entries(release.set)) {
      const set = isRef(value) ? resolveRef(value, { ...release.location, field: `set.${path}` }) : value;
      values = setPath(values, path, set, { release: release.id, location: release.location });
    }
    const digest = secretsDigest(consumedValues);
    const manifests = await renderManifestsOf(release, deps.manifests);
    return {
      release,
      values,
      valuesYaml: helmValuesDocument(values),
      consumed: [...p.consumed].sort(),
      secretsDigest: digest,
      manifests,
      fingerprint: fingerprint({
        chart: release.chart,
        version: release.version,
        chartDigest: manifests !== void 0 ? textDigest(manifests) : release.chart.kind === "local" ? await digestOf(release.chart.path) : void 0,
        patches: release.patches,
        values,
        settings: {
          createNamespace: release.createNamespace,
          atomic: release.atomic,
          wait: release.wait,
          timeout: release.timeout,
          tests: release.tests,
          historyMax: release.historyMax,
          helm: release.helm
        },
        secretsDigest: digest
      })
    };
  }));
}
var PENDING = "<pending secret lookup>";
function tryReadValues(text, file) {
  try {
    return readValuesFile(text, file);
  } catch {
    return {};
  }
}
async function renderManifestsOf(release, renderer) {
  if (release.chart.kind !== "manifests")
    return void 0;
  if (!renderer)
    throw new Error(`no manifest renderer to render ${release.chart.display}`);
  const manifests = await renderer.render(release.chart, release.location);
  checkPatchesApply(release, manifests);
  return manifests;
}
function resolveIn(dir, file) {
  return isAbsolute(file) ? file : resolve(dir, file);
}
function splitSopsId(id, dir) {
  const hash = id.indexOf("#");
  return [resolveIn(dir, id.slice("sops:".length, hash)), id.slice(hash + 1)];
}
export {
  renderReleases
};
