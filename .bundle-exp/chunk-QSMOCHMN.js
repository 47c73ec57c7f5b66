import {
  checkHelmArg,
  helmOptions,
  releaseRenderSpec
} from "./chunk-RWJVQS3L.js";
import {
  clusterKey,
  clusterKeys,
  clusterName,
  needsMode,
  overlayCluster
} from "./chunk-TJWVONZY.js";
import {
  didYouMean
} from "./chunk-3DJX7KBG.js";
import {
  ProblemList
} from "./chunk-44P4TXDY.js";
import {
  readValuesFile
} from "./chunk-PP4OAP52.js";
import {
  mergeValues,
  parseSetPath,
  setPath
} from "./chunk-GH6ZRYFL.js";
import {
  manifestChart
} from "./chunk-CFB6N6L3.js";
import {
  formatField,
  lazyLocation,
  parseYaml
} from "./chunk-7Q7BMIIO.js";
import {
  isGlob,
  localFiles
} from "./chunk-DE4Q4URJ.js";
import {
  ConfigError,
  GraphError,
  UsageError
} from "./chunk-XLEZOOEL.js";

// dist/cli/workspace.js
import { resolve as resolve5 } from "node:path";

// dist/config/load.js
import { dirname as dirname3, resolve as resolve4 } from "node:path";

// dist/graph/release-graph.js
var ReleaseGraph = class _ReleaseGraph {
  ids;
  edges;
  #needs;
  #dependents;
  constructor(ids, edges) {
    this.ids = ids;
    this.edges = edges;
    const needs = new Map(ids.map((id) => [id, []]));
    const dependents = new Map(ids.map((id) => [id, []]));
    for (const [need, release] of edges) {
      needs.get(release)?.push(need);
      dependents.get(need)?.push(release);
    }
    this.#needs = needs;
    this.#dependents = dependents;
  }
  needsOf(id) {
    return this.#needs.get(id) ?? [];
  }
  dependentsOf(id) {
    return this.#dependents.get(id) ?? [];
  }
  /** Every release `id` needs, directly or not. */
  ancestorsOf(id) {
    return walk([id], (n) => this.needsOf(n));
  }
  /** Every release that needs `id`, directly or not. */
  descendantsOf(id) {
    return walk([id], (n) => this.dependentsOf(n));
  }
  /** The subgraph on `keep`: nodes in `keep`, edges with both ends in it. */
  restrict(keep) {
    return new _ReleaseGraph(this.ids.filter((id) => keep.has(id)), this.edges.filter(([a, b]) => keep.has(a) && keep.has(b)));
  }
  /** The same nodes with every edge reversed: the order to destroy in. */
  reversed() {
    return new _ReleaseGraph(this.ids, this.edges.map(([a, b]) => [b, a]));
  }
};
function walk(start, next) {
  const seen = /* @__PURE__ */ new Set();
  const stack = [...start];
  while (stack.length > 0) {
    for (const n of next(stack.pop())) {
      if (!seen.has(n)) {
        seen.add(n);
        stack.push(n);
      }
    }
  }
  return seen;
}
function buildReleaseGraph(nodes, absent = /* @__PURE__ */ new Set(), report) {
  const fail = (problem) => {
    if (!report)
      throw problem;
    report(problem);
  };
  const byId = /* @__PURE__ */ new Map();
  const byName = /* @__PURE__ */ new Map();
  for (const node of nodes) {
    const previous = byId.get(node.id);
    if (previous) {
      fail(new GraphError(`duplicate release "${node.id}"`, {
        location: node.location,
        hint: `${previous.location.field ?? "the first"} has the same namespace and name${previous.location.line === void 0 ? "" : ` (line ${previous.location.line})`}; give one a different name or namespace`
      }));
      continue;
    }
    byId.set(node.id, node);
    byName.set(node.name, [...byName.get(node.name) ?? [], node.id]);
    const plain = `${node.namespace}/${node.name}`;
    byName.set(plain, [...byName.get(plain) ?? [], node.id]);
    if (node.kubeContext !== void 0)
      byName.set(`${node.kubeContext}/${plain}`, [node.id]);
  }
  const edges = [];
  const written = /* @__PURE__ */ new Map();
  for (const node of byId.values()) {
    for (const need of node.needs) {
      let id;
      try {
        id = resolveNeed(need, byId, byName, absent);
      } catch (error) {
        if (!(error instanceof GraphError))
          throw error;
        fail(error);
      }
      if (id === void 0)
        continue;
      if (id === node.id) {
        fail(new GraphError(`release "${node.id}" needs itself`, { location: need.location }));
        continue;
      }
      edges.push([id, node.id]);
      written.set(`${node.id} needs ${id}`, need.location);
    }
  }
  const graph = new ReleaseGraph([...byId.keys()], edges);
  const cycle = findCycle(graph);
  if (cycle) {
    const first = byId.get(cycle[0]);
    fail(new GraphError(`dependency cycle: ${cycle.join(" -> ")}`, {
      location: written.get(`${cycle[0]} needs ${cycle[1]}`) ?? first.location,
      hint: "remove one of these needs"
    }));
  }
  return graph;
}
function resolveNeed(need, byId, byName, absent) {
  if (byId.has(need.ref))
    return need.ref;
  const matches = byName.get(need.ref) ?? [];
  if (matches.length === 1)
    return matches[0];
  const qualified = need.ref.includes("/");
  if (matches.length > 1) {
    throw new GraphError(`ambiguous need "${need.ref}": it names ${matches.join(", ")}`, {
      location: need.location,
      hint: qualified ? "the releases are in different clusters: write the need as kubeContext/namespace/name" : "write the need as namespace/name"
    });
  }
  const switchedOff = [...absent].some((id) => id === need.ref || id.endsWith(`/${need.ref}`));
  if (switchedOff)
    return void 0;
  const known = qualified ? [...byName.keys()].filter((k) => k.includes("/")) : byName.keys();
  throw new GraphError(`unknown need "${need.ref}"${didYouMean(need.ref, known)}`, {
    location: need.location
  });
}
function findCycle(graph) {
  const state = /* @__PURE__ */ new Map();
  const path = [];
  const visit = (id) => {
    state.set(id, "open");
    path.push(id);
    for (const need of graph.needsOf(id)) {
      const s = state.get(need);
      if (s === "open")
        return [...path.slice(path.indexOf(need)), need];
      if (s === void 0) {
        const found = visit(need);
        if (found)
          return found;
      }
    }
    path.pop();
    state.set(id, "done");
    return void 0;
  };
  for (const id of graph.ids) {
    if (!state.has(id)) {
      const found = visit(id);
      if (found)
        return found;
    }
  }
  return void 0;
}

// dist/config/drift-detection.js
function driftDetection(r, defaults, locate) {
  const own = r.driftDetection;
  const inherited = defaults.driftDetection;
  if (!own && !inherited)
    return void 0;
  return {
    mode: own?.mode ?? inherited?.mode ?? "enabled",
    ignore: [
      ...ignoreRules(inherited, "defaults.driftDetection", () => void 0),
      ...ignoreRules(own, "driftDetection", (field) => locate(["driftDetection", ...field]))
    ]
  };
}
function ignoreRules(raw, prefix, locate) {
  return (raw?.ignore ?? []).map((entry, i) => {
    for (const key of ["name", "namespace"]) {
      const pattern = entry.target?.[key];
      const location = locate(["ignore", i, "target", key]);
      if (pattern === void 0 || location === void 0)
        continue;
      try {
        new RegExp(`^(?:${pattern})$`);
      } catch (error) {
        throw new ConfigError(`${prefix}.ignore[${i}].target.${key}: not a regular expression: ${error.message}`, {
          location,
          hint: "an anchored regular expression, or a plain name"
        });
      }
    }
    return {
      ...entry.target ? { target: entry.target } : {},
      paths: entry.paths,
      rule: `${prefix}.ignore[${i}]`
    };
  });
}

// dist/config/environment.js
import { relative as relative2 } from "node:path";

// dist/config/release.js
import { dirname, isAbsolute, relative, resolve } from "node:path";

// dist/config/duration.js
function parseDuration(value) {
  if (typeof value === "number")
    return value;
  if (/^\d+$/.test(value))
    return Number(value);
  const match = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(value);
  if (!match || value === "")
    throw new RangeError(`not a duration: ${value}`);
  const [, h = "0", m = "0", s = "0"] = match;
  return Number(h) * 3600 + Number(m) * 60 + Number(s);
}

// dist/config/retries.js
var DEFAULT_BACKOFF_SECONDS = 5;
var MAX_BACKOFF_SECONDS = 300;
function retryPolicy(r, defaults, atomic, locate, releaseLocation) {
  const raw = r.retries ?? defaults.retries;
  if (raw === void 0)
    return void 0;
  const policy = typeof raw === "number" ? { count: raw, backoffSeconds: DEFAULT_BACKOFF_SECONDS } : {
    count: raw.count,
    backoffSeconds: raw.backoff === void 0 ? DEFAULT_BACKOFF_SECONDS : parseDuration(raw.backoff)
  };
  if (policy.count === 0)
    return void 0;
  if (!atomic) {
    const location = r.atomic === false ? locate(["atomic"]) : r.retries !== void 0 ? locate(["retries"]) : releaseLocation;
    throw new ConfigError(`${r.name}: retries need atomic: true (each failed attempt is rolled back first)`, {
      location,
      hint: "set atomic: true, or drop retries for this release (retries: 0)"
    });
  }
  return policy;
}
function backoffSeconds(policy, n) {
  return Math.min(policy.backoffSeconds * 2 ** (n - 1), MAX_BACKOFF_SECONDS);
}

// dist/config/release.js
var DEFAULT_SETTINGS = {
  namespace: "default",
  createNamespace: true,
  atomic: true,
  wait: true,
  timeout: 300,
  tests: false,
  historyMax: 10
};
async function buildRelease(inherited, location, b) {
  const r = inherited.raw;
  const at = (field, content = true) => inherited.locate(field, { content });
  const text = (value, field, context = b.context) => value.includes("{{") ? b.render(value, at(field), context) : value;
  const defaults = b.defaults;
  const namespace = text(r.namespace ?? defaults.namespace ?? DEFAULT_SETTINGS.namespace, ["namespace"]);
  if (r.chart === void 0) {
    throw new ConfigError(`missing required field "chart"`, {
      location,
      hint: r.inherit ? "give the release a chart, or inherit a template that has one" : void 0
    });
  }
  const chartText = text(r.chart, ["chart"]);
  const labels = {};
  for (const [key, value] of Object.entries(r.labels ?? {}))
    labels[key] = text(value, ["labels", key]);
  const chartAt = at(["chart"]);
  const chart = await resolveChart(chartText, dirname(chartAt.file), b.repositories, b.files, chartAt);
  const releaseContext = {
    ...b.context,
    release: { name: r.name, namespace, labels, chart: chart.display }
  };
  const values = [];
  for (const [i, entry] of (r.values ?? []).entries()) {
    const source = await valuesSource(entry, ["values", i], b, at, releaseContext);
    if (source)
      values.push(source);
  }
  const secrets = [];
  for (const [i, entry] of (r.secrets ?? []).entries()) {
    const file = await secretsFile(entry, ["secrets", i], b, at);
    if (file)
      secrets.push(file);
  }
  const set = {};
  for (const [key, value] of Object.entries(r.set ?? {})) {
    try {
      parseSetPath(key);
    } catch (error) {
      throw new ConfigError(error.message, {
        location: inherited.locate(["set", key], { key: true })
      });
    }
    set[key] = renderLeaves(value, ["set", key], at, b.render, releaseContext);
  }
  const timeout = r.timeout ?? defaults.timeout;
  const atomic = r.atomic ?? defaults.atomic ?? DEFAULT_SETTINGS.atomic;
  const retries = retryPolicy(r, defaults, atomic, (field) => inherited.locate(field), location);
  const drift = driftDetection(r, defaults, (field) => inherited.locate(field));
  const renderText = (value, field) => text(value, field);
  const fromDefaults = {
    kubeconfig: defaults.kubeconfig,
    kubeContext: defaults.kubeContext === void 0 ? void 0 : text(defaults.kubeContext, ["kubeContext"])
  };
  const cluster = overlayCluster(overlayCluster(b.cluster, fromDefaults), await clusterKeys({ kubeContext: r.kubeContext, kubeconfig: r.kubeconfig }, [], at, renderText, b.files));
  return {
    id: `${namespace}/${r.name}`,
    name: r.name,
    namespace,
    chart,
    version: r.version === void 0 ? void 0 : text(r.version, ["version"]),
    labels,
    needs: [],
    values,
    secrets,
    set: { ...set, ...b.runSet },
    installed: r.installed ?? true,
    condition: r.condition,
    createNamespace: r.createNamespace ?? defaults.createNamespace ?? DEFAULT_SETTINGS.createNamespace,
    atomic,
    wait: r.wait ?? defaults.wait ?? DEFAULT_SETTINGS.wait,
    timeout: timeout === void 0 ? DEFAULT_SETTINGS.timeout : parseDuration(timeout),
    tests: r.tests ?? defaults.tests ?? DEFAULT_SETTINGS.tests,
    historyMax: r.historyMax ?? defaults.historyMax ?? DEFAULT_SETTINGS.historyMax,
    helm: helmOptions(r, defaults, (field) => inherited.locate(field)),
    ...cluster,
    location,
    ...retries ? { retries } : {},
    ...drift ? { driftDetection: drift } : {},
    // Patches, transformers, hooks, crds: fields relative to the release (or the template they came from).
    ...await releaseRenderSpec(r, [], { name: r.name, namespace, labels, chart: chartText }, {
      dir: dirname(location.file),
      dirOf: (field) => dirname(at(field, false).file),
      render: (value, field, context) => b.render(value, at(field), context),
      context: b.context,
      loc: (field) => at(field, false),
      files: b.files
    })
  };
}
async function valuesSource(entry, field, b, at, context) {
  if (typeof entry === "string" || isOptionalFile(entry)) {
    const file = await fileEntry(entry, field, b, at, context);
    if (!file)
      return void 0;
    return { kind: "file", path: file.path, template: file.path.endsWith(".hbs"), location: file.location };
  }
  const data = renderLeaves(entry, field, at, b.render, context);
  return { kind: "inline", data, location: at(field, false) };
}
async function secretsFile(entry, field, b, at) {
  return fileEntry(entry, field, b, at, b.context);
}
function isOptionalFile(entry) {
  const keys = Object.keys(entry);
  return keys.length === 2 && "path" in entry && "optional" in entry && typeof entry.optional === "boolean";
}
async function fileEntry(entry, field, b, at, context) {
  const written = typeof entry === "string" ? entry : entry.path;
  const pathField = typeof entry === "string" ? field : [...field, "path"];
  const location = at(field, false);
  const dir = dirname(location.file);
  const path = resolve(dir, written.includes("{{") ? b.render(written, at(pathField), context) : written);
  if (await b.files.exists(path))
    return { path, location };
  if (typeof entry !== "string" && entry.optional)
    return void 0;
  throw new ConfigError(`file not found: ${relative(dir, path)}`, {
    location,
    hint: "write {path: ..., optional: true} for a file that may be missing"
  });
}
function renderLeaves(value, field, at, render, context) {
  if (typeof value === "string")
    return value.includes("{{") ? render(value, at(field), context) : value;
  if (Array.isArray(value))
    return value.map((v, i) => renderLeaves(v, [...field, i], at, render, context));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renderLeaves(v, [...field, k], at, render, context)]));
  }
  return value;
}
async function resolveChart(text, dir, repositories, files, location) {
  if (text.startsWith("oci://")) {
    const repository2 = repositories.find((r) => r.oci && text.startsWith(`${r.url.replace(/\/$/, "")}/`));
    return { kind: "oci", url: text, display: text, ...repository2 ? { repository: repository2 } : {} };
  }
  const explicitPath = text.startsWith("./") || text.startsWith("../") || isAbsolute(text);
  const [repoName, ...rest] = text.split("/");
  const repository = explicitPath ? void 0 : repositories.find((r) => r.name === repoName);
  if (repository && rest.length === 1) {
    return repository.oci ? { kind: "oci", url: `${repository.url.replace(/\/$/, "")}/${rest[0]}`, display: text, repository } : { kind: "repo", repository: repository.name, name: rest[0], display: text };
  }
  const path = resolve(dir, text);
  if (await files.exists(resolve(path, "Chart.yaml")))
    return { kind: "local", path, display: text };
  const manifests = explicitPath ? await manifestChart(path, text, files) : void 0;
  if (manifests)
    return manifests;
  if (!explicitPath && rest.length === 1) {
    throw new ConfigError(`chart "${text}": repository "${repoName}" is not declared`, {
      location,
      hint: `add it under repositories:${didYouMean(repoName, repositories.map((r) => r.name))}, or write a local chart as ./${text}`
    });
  }
  throw new ConfigError(`chart "${text}": no Chart.yaml in ${path}`, { location });
}
function conditionHolds(condition, values, location) {
  let current = values;
  for (const part of condition.split(".")) {
    if (current === null || typeof current !== "object" || !(part in current)) {
      throw new ConfigError(`condition "${condition}" is not a path in the environment values`, {
        location,
        hint: `define ${condition}: true|false in the environment's values`
      });
    }
    current = current[part];
  }
  if (typeof current !== "boolean") {
    throw new ConfigError(`condition "${condition}" must be true or false, got ${JSON.stringify(current)}`, {
      location
    });
  }
  return current;
}

// dist/config/environment.js
function chooseEnvironment(names, requested, environments) {
  if (names.length === 0) {
    if (requested === void 0 || requested === "default")
      return "default";
    throw new UsageError(`unknown environment "${requested}": the file declares no environments`, {
      location: { file: environments.file },
      hint: "add an `environments:` map, or drop -e"
    });
  }
  if (requested === void 0) {
    if (names.includes("default"))
      return "default";
    throw new UsageError(`no environment selected; choose one of: ${names.join(", ")}`, {
      location: environments,
      hint: "pass -e <name> or set RELEASES_ENV"
    });
  }
  if (!names.includes(requested)) {
    throw new UsageError(`unknown environment "${requested}"${didYouMean(requested, names)}; known: ${names.join(", ")}`, { location: environments });
  }
  return requested;
}
async function loadEnvironment(e) {
  const path = ["environments", e.name];
  const at = (field, content = true) => e.source.locate([...path, ...field], { content });
  const bare = { environment: { name: e.name, values: {} }, values: {} };
  const b = { render: e.render, files: e.files, context: bare };
  const environment = { name: e.name, values: [], secrets: [] };
  await e.problems.attempt(async () => {
    const render = (text, field) => e.render(text, at(field), bare);
    Object.assign(environment, await clusterKeys(e.raw, [], at, render, e.files));
  });
  let values = {};
  const problemsBefore = e.problems.size;
  for (const [i, entry] of (e.raw.values ?? []).entries()) {
    if (e.problems.size > problemsBefore)
      break;
    const context = { environment: { name: e.name, values }, values };
    await e.problems.attempt(async () => {
      const layer = await valuesSource(entry, ["values", i], b, at, context);
      if (!layer)
        return;
      environment.values.push(layer);
      values = mergeValues(values, await readLayer(layer, e, context));
    });
  }
  for (const [i, entry] of (e.raw.secrets ?? []).entries()) {
    await e.problems.attempt(async () => {
      const file = await secretsFile(entry, ["secrets", i], b, at);
      if (file)
        environment.secrets.push(file);
    });
  }
  for (const file of e.state.files) {
    await e.problems.attempt(async () => {
      if (!await e.files.exists(file)) {
        throw new UsageError(`--state-values-file: file not found: ${file}`);
      }
      values = mergeValues(values, readValuesFile(await e.files.read(file), file));
    });
  }
  for (const { path: setAt, value } of e.state.set)
    values = setPath(values, setAt, value);
  return { environment, values };
}
async function readLayer(layer, e, context) {
  if (layer.kind === "inline")
    return layer.data;
  if (!await e.files.exists(layer.path)) {
    throw new ConfigError(`values file not found: ${relative2(e.dir, layer.path)}`, {
      location: layer.location
    });
  }
  const text = await e.files.read(layer.path);
  return readValuesFile(layer.template ? e.renderFile(text, layer.path, context) : text, layer.path);
}

// dist/config/inherit.js
function collectTemplates(files, problems) {
  const templates = /* @__PURE__ */ new Map();
  for (const { source, raw } of files) {
    for (const [name, template] of Object.entries(raw.templates ?? {})) {
      const path = ["templates", name];
      const first = templates.get(name);
      if (first) {
        const at = first.source.locate(first.path, { key: true });
        problems.add(new ConfigError(`template "${name}" is defined twice`, {
          location: source.locate(path, { key: true }),
          hint: `first defined at ${at.file}${at.line === void 0 ? "" : `:${at.line}`}`
        }));
        continue;
      }
      templates.set(name, { name, raw: template, source, path });
    }
  }
  return templates;
}
var MERGED_MAPS = /* @__PURE__ */ new Set(["labels", "set"]);
function applyInheritance(release, source, path, templates) {
  const merged = {};
  const origins = /* @__PURE__ */ new Map();
  const apply = (fields, origin, except = []) => {
    for (const [key, value] of Object.entries(fields)) {
      if (except.includes(key) || value === void 0)
        continue;
      if (MERGED_MAPS.has(key) && value !== null && typeof value === "object") {
        merged[key] = { ...merged[key], ...value };
        for (const sub of Object.keys(value))
          origins.set(`${key}\0${sub}`, origin);
      } else {
        merged[key] = value;
      }
      origins.set(key, origin);
    }
  };
  for (const [i, entry] of (release.inherit ?? []).entries()) {
    const name = typeof entry === "string" ? entry : entry.template;
    const template = templates.get(name);
    if (!template) {
      const known = [...templates.keys()];
      throw new ConfigError(`unknown template "${name}"${didYouMean(name, known)}`, {
        location: source.locate([...path, "inherit", i]),
        hint: known.length > 0 ? `templates: ${known.join(", ")}` : "declare it under templates:"
      });
    }
    apply(template.raw, template, typeof entry === "string" ? [] : entry.except ?? []);
  }
  const { inherit: _, ...own } = release;
  apply(own, { source, path });
  return {
    raw: { ...merged, inherit: release.inherit },
    locate: (field, options) => {
      const key = String(field[0]);
      const origin = (field.length > 1 && MERGED_MAPS.has(key) ? origins.get(`${key}\0${String(field[1])}`) : void 0) ?? origins.get(key) ?? { source, path };
      return origin.source.locate([...origin.path, ...field], options);
    }
  };
}

// dist/config/project-files.js
import { dirname as dirname2, relative as relative3, resolve as resolve2 } from "node:path";

// dist/config/schema-check.js
var INVALID = Symbol("invalid");
function checkSpec(node, value) {
  switch (node.type) {
    case "string":
      if (typeof value !== "string")
        return INVALID;
      if (node.minLength !== void 0 && value.length < node.minLength)
        return INVALID;
      if (node.pattern && !regExp(node.pattern).test(value))
        return INVALID;
      return value;
    case "number":
      if (typeof value !== "number" || !Number.isFinite(value))
        return INVALID;
      if (node.safeInteger && !Number.isSafeInteger(value))
        return INVALID;
      if (node.min && (node.min.inclusive ? value < node.min.value : value <= node.min.value))
        return INVALID;
      if (node.max && (node.max.inclusive ? value > node.max.value : value >= node.max.value))
        return INVALID;
      return value;
    case "boolean":
      return typeof value === "boolean" ? value : INVALID;
    case "unknown":
      return value;
    case "literal":
    case "enum":
      return node.values.includes(value) ? value : INVALID;
    case "array": {
      if (!Array.isArray(value))
        return INVALID;
      if (node.minLength !== void 0 && value.length < node.minLength)
        return INVALID;
      const out = [];
      for (const item of value) {
        const checked = checkSpec(node.element, item);
        if (checked === INVALID)
          return INVALID;
        out.push(checked);
      }
      return out;
    }
    case "object": {
      if (!isPlainMap(value))
        return INVALID;
      const { index, required } = shapeOf(node);
      const keys = Object.keys(value);
      let requiredPresent = 0;
      for (const key of keys) {
        const at = index.get(key);
        if (at === void 0)
          return INVALID;
        if (node.shape[at][1].type !== "optional")
          requiredPresent++;
      }
      if (requiredPresent < required)
        return INVALID;
      keys.sort((a, b) => index.get(a) - index.get(b));
      const out = {};
      for (const key of keys) {
        const checked = checkSpec(node.shape[index.get(key)][1], value[key]);
        if (checked === INVALID)
          return INVALID;
        out[key] = checked;
      }
      return out;
    }
    case "record": {
      if (!isPlainMap(value))
        return INVALID;
      const out = {};
      for (const key of Object.keys(value)) {
        if (checkSpec(node.key, key) === INVALID)
          return INVALID;
        const checked = checkSpec(node.value, value[key]);
        if (checked === INVALID)
          return INVALID;
        out[key] = checked;
      }
      return out;
    }
    case "union":
      for (const option of node.options) {
        const checked = checkSpec(option, value);
        if (checked !== INVALID)
          return checked;
      }
      return INVALID;
    case "optional":
      return value === void 0 ? void 0 : checkSpec(node.inner, value);
    case "nullable":
      return value === null ? null : checkSpec(node.inner, value);
    case "toString": {
      const checked = checkSpec(node.inner, value);
      return checked === INVALID ? INVALID : String(checked);
    }
  }
}
function isPlainMap(value) {
  if (value === null || typeof value !== "object" || Array.isArray(value))
    return false;
  const proto = Object.getPrototypeOf(value);
  return (proto === Object.prototype || proto === null) && !Object.hasOwn(value, "__proto__");
}
var shapes = /* @__PURE__ */ new WeakMap();
function shapeOf(node) {
  let shape = shapes.get(node);
  if (!shape) {
    shape = {
      index: new Map(node.shape.map(([key], i) => [key, i])),
      required: node.shape.filter(([, schema]) => schema.type !== "optional").length
    };
    shapes.set(node, shape);
  }
  return shape;
}
var regExps = /* @__PURE__ */ new Map();
function regExp(pattern) {
  const key = `${pattern.flags}/${pattern.source}`;
  let re = regExps.get(key);
  if (!re) {
    re = new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ""));
    regExps.set(key, re);
  }
  return re;
}

// dist/config/schema-spec.json
var schema_spec_default = { project: { type: "object", shape: [["environments", { type: "optional", inner: { type: "record", key: { type: "string", pattern: { source: "^[a-z0-9][a-z0-9_-]*$", flags: "i" } }, value: { type: "nullable", inner: { type: "object", shape: [["values", { type: "optional", inner: { type: "array", element: { type: "union", options: [{ type: "string", minLength: 1 }, { type: "object", shape: [["path", { type: "string", minLength: 1 }], ["optional", { type: "boolean" }]] }, { type: "record", key: { type: "string" }, value: { type: "unknown" } }] } } }], ["secrets", { type: "optional", inner: { type: "array", element: { type: "union", options: [{ type: "string", minLength: 1 }, { type: "object", shape: [["path", { type: "string", minLength: 1 }], ["optional", { type: "boolean" }]] }] } } }], ["kubeContext", { type: "optional", inner: { type: "string", minLength: 1 } }], ["kubeconfig", { type: "optional", inner: { type: "string", minLength: 1 } }]] } } } }], ["repositories", { type: "optional", inner: { type: "array", element: { type: "object", shape: [["name", { type: "string", pattern: { source: "^[a-z0-9][a-z0-9._-]*$", flags: "i" } }], ["url", { type: "string", minLength: 1 }], ["usernameEnv", { type: "optional", inner: { type: "string" } }], ["passwordEnv", { type: "optional", inner: { type: "string" } }], ["caFile", { type: "optional", inner: { type: "string", minLength: 1 } }], ["certFile", { type: "optional", inner: { type: "string", minLength: 1 } }], ["keyFile", { type: "optional", inner: { type: "string", minLength: 1 } }], ["insecureSkipTLSVerify", { type: "optional", inner: { type: "boolean" } }], ["plainHttp", { type: "optional", inner: { type: "boolean" } }], ["passCredentials", { type: "optional", inner: { type: "boolean" } }]] } } }], ["include", { type: "optional", inner: { type: "array", element: { type: "string", minLength: 1 } } }], ["defaults", { type: "optional", inner: { type: "object", shape: [["namespace", { type: "optional", inner: { type: "string", minLength: 1 } }], ["lockNamespace", { type: "optional", inner: { type: "string", pattern: { source: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", flags: "" } } }], ["kubeContext", { type: "optional", inner: { type: "string", minLength: 1 } }], ["kubeconfig", { type: "optional", inner: { type: "string", minLength: 1 } }], ["createNamespace", { type: "optional", inner: { type: "boolean" } }], ["atomic", { type: "optional", inner: { type: "boolean" } }], ["wait", { type: "optional", inner: { type: "boolean" } }], ["timeout", { type: "optional", inner: { type: "union", options: [{ type: "number", safeInteger: true, min: { value: 0, inclusive: false } }, { type: "string", pattern: { source: "^(\\d+h)?(\\d+m)?(\\d+s)?$|^\\d+$", flags: "" } }] } }], ["tests", { type: "optional", inner: { type: "boolean" } }], ["historyMax", { type: "optional", inner: { type: "number", safeInteger: true, min: { value: 0, inclusive: true } } }], ["waitForJobs", { type: "optional", inner: { type: "boolean" } }], ["skipCRDs", { type: "optional", inner: { type: "boolean" } }], ["force", { type: "optional", inner: { type: "boolean" } }], ["cleanupOnFail", { type: "optional", inner: { type: "boolean" } }], ["disableOpenAPIValidation", { type: "optional", inner: { type: "boolean" } }], ["skipSchemaValidation", { type: "optional", inner: { type: "boolean" } }], ["takeOwnership", { type: "optional", inner: { type: "boolean" } }], ["serverSide", { type: "optional", inner: { type: "union", options: [{ type: "boolean" }, { type: "literal", values: ["auto"] }] } }], ["description", { type: "optional", inner: { type: "string" } }], ["devel", { type: "optional", inner: { type: "boolean" } }], ["verify", { type: "optional", inner: { type: "boolean" } }], ["reuseValues", { type: "optional", inner: { type: "boolean" } }], ["resetValues", { type: "optional", inner: { type: "boolean" } }], ["kubeVersion", { type: "optional", inner: { type: "string" } }], ["apiVersions", { type: "optional", inner: { type: "array", element: { type: "string", minLength: 1 } } }], ["args", { type: "optional", inner: { type: "object", shape: [["sync", { type: "optional", inner: { type: "array", element: { type: "string" } } }], ["template", { type: "optional", inner: { type: "array", element: { type: "string" } } }], ["diff", { type: "optional", inner: { type: "array", element: { type: "string" } } }], ["lint", { type: "optional", inner: { type: "array", element: { type: "string" } } }]] } }], ["retries", { type: "optional", inner: { type: "union", options: [{ type: "number", safeInteger: true, min: { value: 0, inclusive: true }, max: { value: 10, inclusive: true } }, { type: "object", shape: [["count", { type: "number", safeInteger: true, min: { value: 0, inclusive: true }, max: { value: 10, inclusive: true } }], ["backoff", { type: "optional", inner: { type: "union", options: [{ type: "number", safeInteger: true, min: { value: 0, inclusive: false } }, { type: "string", pattern: { source: "^(\\d+h)?(\\d+m)?(\\d+s)?$|^\\d+$", flags: "" } }] } }]] }] } }], ["driftDetection", { type: "optional", inner: { type: "object", shape: [["mode", { type: "optional", inner: { type: "enum", values: ["enabled", "warn", "disabled"] } }], ["ignore", { type: "optional", inner: { type: "array", element: { type: "object", shape: [["paths", { type: "array", element: { type: "string", pattern: { source: "^(\\/([^~]|~[01])*)+$", flags: "" } }, minLength: 1 }], ["target", { type: "optional", inner: { type: "object", shape: [["group", { type: "optional", inner: { type: "string" } }], ["version", { type: "optional", inner: { type: "string" } }], ["kind", { type: "optional", inner: { type: "string" } }], ["name", { type: "optional", inner: { type: "string" } }], ["namespace", { type: "optional", inner: { type: "string" } }]] } }]] } } }]] } }]] } }], ["templates", { type: "optional", inner: { type: "record", key: { type: "string", pattern: { source: "^[A-Za-z0-9][A-Za-z0-9_.-]*$", flags: "" } }, value: { type: "object", shape: [["namespace", { type: "optional", inner: { type: "string", minLength: 1 } }], ["chart", { type: "optional", inner: { type: "string", minLength: 1 } }], ["version", { type: "optional", inner: { type: "string", minLength: 1 } }], ["labels", { type: "optional", inner: { type: "record", key: { type: "string" }, value: { type: "toString", inner: { type: "union", options: [{ type: "string" }, { type: "number" }, { type: "boolean" }] } } } }], ["needs", { type: "optional", inner: { type: "array", element: { type: "string", minLength: 1 } } }], ["values", { type: "optional", inner: { type: "array", element: { type: "union", options: [{ type: "string", minLength: 1 }, { type: "object", shape: [["path", { type: "string", minLength: 1 }], ["optional", { type: "boolean" }]] }, { type: "record", key: { type: "string" }, value: { type: "unknown" } }] } } }], ["secrets", { type: "optional", inner: { type: "array", element: { type: "union", options: [{ type: "string", minLength: 1 }, { type: "object", shape: [["path", { type: "string", minLength: 1 }], ["optional", { type: "boolean" }]] }] } } }], ["set", { type: "optional", inner: { type: "record", key: { type: "string" }, value: { type: "unknown" } } }], ["installed", { type: "optional", inner: { type: "boolean" } }], ["condition", { type: "optional", inner: { type: "string" } }], ["kubeContext", { type: "optional", inner: { type: "string", minLength: 1 } }], ["kubeconfig", { type: "optional", inner: { type: "string", minLength: 1 } }], ["createNamespace", { type: "optional", inner: { type: "boolean" } }], ["atomic", { type: "optional", inner: { type: "boolean" } }], ["wait", { type: "optional", inner: { type: "boolean" } }], ["timeout", { type: "optional", inner: { type: "union", options: [{ type: "number", safeInteger: true, min: { value: 0, inclusive: false } }, { type: "string", pattern: { source: "^(\\d+h)?(\\d+m)?(\\d+s)?$|^\\d+$", flags: "" } }] } }], ["tests", { type: "optional", inner: { type: "boolean" } }], ["historyMax", { type: "optional", inner: { type: "number", safeInteger: true, min: { value: 0, inclusive: true } } }], ["waitForJobs", { type: "optional", inner: { type: "boolean" } }], ["skipCRDs", { type: "optional", inner: { type: "boolean" } }], ["force", { type: "optional", inner: { type: "boolean" } }], ["cleanupOnFail", { type: "optional", inner: { type: "boolean" } }], ["disableOpenAPIValidation", { type: "optional", inner: { type: "boolean" } }], ["skipSchemaValidation", { type: "optional", inner: { type: "boolean" } }], ["takeOwnership", { type: "optional", inner: { type: "boolean" } }], ["serverSide", { type: "optional", inner: { type: "union", options: [{ type: "boolean" }, { type: "literal", values: ["auto"] }] } }], ["description", { type: "optional", inner: { type: "string" } }], ["devel", { type: "optional", inner: { type: "boolean" } }], ["verify", { type: "optional", inner: { type: "boolean" } }], ["reuseValues", { type: "optional", inner: { type: "boolean" } }], ["resetValues", { type: "optional", inner: { type: "boolean" } }], ["kubeVersion", { type: "optional", inner: { type: "string" } }], ["apiVersions", { type: "optional", inner: { type: "array", element: { type: "string", minLength: 1 } } }], ["args", { type: "optional", inner: { type: "object", shape: [["sync", { type: "optional", inner: { type: "array", element: { type: "string" } } }], ["template", { type: "optional", inner: { type: "array", element: { type: "string" } } }], ["diff", { type: "optional", inner: { type: "array", element: { type: "string" } } }], ["lint", { type: "optional", inner: { type: "array", element: { type: "string" } } }]] } }], ["jsonPatches", { type: "optional", inner: { type: "array", element: { type: "union", options: [{ type: "object", shape: [["target", { type: "object", shape: [["group", { type: "optional", inner: { type: "string" } }], ["version", { type: "optional", inner: { type: "string" } }], ["kind", { type: "optional", inner: { type: "string" } }], ["name", { type: "optional", inner: { type: "string" } }], ["namespace", { type: "optional", inner: { type: "string" } }]] }], ["patch", { type: "array", element: { type: "record", key: { type: "string" }, value: { type: "unknown" } } }]] }, { type: "object", shape: [["target", { type: "object", shape: [["group", { type: "optional", inner: { type: "string" } }], ["version", { type: "optional", inner: { type: "string" } }], ["kind", { type: "optional", inner: { type: "string" } }], ["name", { type: "optional", inner: { type: "string" } }], ["namespace", { type: "optional", inner: { type: "string" } }]] }], ["path", { type: "string", minLength: 1 }]] }] } } }], ["strategicMergePatches", { type: "optional", inner: { type: "array", element: { type: "union", options: [{ type: "string", minLength: 1 }, { type: "record", key: { type: "string" }, value: { type: "unknown" } }] } } }], ["transformers", { type: "optional", inner: { type: "array", element: { type: "union", options: [{ type: "string", minLength: 1 }, { type: "record", key: { type: "string" }, value: { type: "unknown" } }] } } }], ["hooks", { type: "optional", inner: { type: "array", element: { type: "object", shape: [["name", { type: "optional", inner: { type: "string" } }], ["events", { type: "array", element: { type: "enum", values: ["prepare", "preapply", "presync", "postsync", "preuninstall", "postuninstall", "cleanup"] }, minLength: 1 }], ["command", { type: "string", minLength: 1 }], ["args", { type: "optional", inner: { type: "array", element: { type: "string" } } }], ["showlogs", { type: "optional", inner: { type: "boolean" } }]] } } }], ["crds", { type: "optional", inner: { type: "enum", values: ["create", "createReplace", "skip"] } }], ["retries", { type: "optional", inner: { type: "union", options: [{ type: "number", safeInteger: true, min: { value: 0, inclusive: true }, max: { value: 10, inclusive: true } }, { type: "object", shape: [["count", { type: "number", safeInteger: true, min: { value: 0, inclusive: true }, max: { value: 10, inclusive: true } }], ["backoff", { type: "optional", inner: { type: "union", options: [{ type: "number", safeInteger: true, min: { value: 0, inclusive: false } }, { type: "string", pattern: { source: "^(\\d+h)?(\\d+m)?(\\d+s)?$|^\\d+$", flags: "" } }] } }]] }] } }], ["driftDetection", { type: "optional", inner: { type: "object", shape: [["mode", { type: "optional", inner: { type: "enum", values: ["enabled", "warn", "disabled"] } }], ["ignore", { type: "optional", inner: { type: "array", element: { type: "object", shape: [["paths", { type: "array", element: { type: "string", pattern: { source: "^(\\/([^~]|~[01])*)+$", flags: "" } }, minLength: 1 }], ["target", { type: "optional", inner: { type: "object", shape: [["group", { type: "optional", inner: { type: "string" } }], ["version", { type: "optional", inner: { type: "string" } }], ["kind", { type: "optional", inner: { type: "string" } }], ["name", { type: "optional", inner: { type: "string" } }], ["namespace", { type: "optional", inner: { type: "string" } }]] } }]] } } }]] } }]] } } }], ["releases", { type: "optional", inner: { type: "array", element: { type: "object", shape: [["name", { type: "string", pattern: { source: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", flags: "" } }], ["inherit", { type: "optional", inner: { type: "array", element: { type: "union", options: [{ type: "string", minLength: 1 }, { type: "object", shape: [["template", { type: "string", minLength: 1 }], ["except", { type: "optional", inner: { type: "array", element: { type: "enum", values: ["namespace", "chart", "version", "labels", "needs", "values", "secrets", "set", "installed", "condition", "kubeContext", "kubeconfig", "createNamespace", "atomic", "wait", "timeout", "tests", "historyMax", "waitForJobs", "skipCRDs", "force", "cleanupOnFail", "disableOpenAPIValidation", "skipSchemaValidation", "takeOwnership", "serverSide", "description", "devel", "verify", "reuseValues", "resetValues", "kubeVersion", "apiVersions", "args", "jsonPatches", "strategicMergePatches", "transformers", "hooks", "crds", "retries", "driftDetection"] } } }]] }] } } }], ["namespace", { type: "optional", inner: { type: "string", minLength: 1 } }], ["chart", { type: "optional", inner: { type: "string", minLength: 1 } }], ["version", { type: "optional", inner: { type: "string", minLength: 1 } }], ["labels", { type: "optional", inner: { type: "record", key: { type: "string" }, value: { type: "toString", inner: { type: "union", options: [{ type: "string" }, { type: "number" }, { type: "boolean" }] } } } }], ["needs", { type: "optional", inner: { type: "array", element: { type: "string", minLength: 1 } } }], ["values", { type: "optional", inner: { type: "array", element: { type: "union", options: [{ type: "string", minLength: 1 }, { type: "object", shape: [["path", { type: "string", minLength: 1 }], ["optional", { type: "boolean" }]] }, { type: "record", key: { type: "string" }, value: { type: "unknown" } }] } } }], ["secrets", { type: "optional", inner: { type: "array", element: { type: "union", options: [{ type: "string", minLength: 1 }, { type: "object", shape: [["path", { type: "string", minLength: 1 }], ["optional", { type: "boolean" }]] }] } } }], ["set", { type: "optional", inner: { type: "record", key: { type: "string" }, value: { type: "unknown" } } }], ["installed", { type: "optional", inner: { type: "boolean" } }], ["condition", { type: "optional", inner: { type: "string" } }], ["kubeContext", { type: "optional", inner: { type: "string", minLength: 1 } }], ["kubeconfig", { type: "optional", inner: { type: "string", minLength: 1 } }], ["createNamespace", { type: "optional", inner: { type: "boolean" } }], ["atomic", { type: "optional", inner: { type: "boolean" } }], ["wait", { type: "optional", inner: { type: "boolean" } }], ["timeout", { type: "optional", inner: { type: "union", options: [{ type: "number", safeInteger: true, min: { value: 0, inclusive: false } }, { type: "string", pattern: { source: "^(\\d+h)?(\\d+m)?(\\d+s)?$|^\\d+$", flags: "" } }] } }], ["tests", { type: "optional", inner: { type: "boolean" } }], ["historyMax", { type: "optional", inner: { type: "number", safeInteger: true, min: { value: 0, inclusive: true } } }], ["waitForJobs", { type: "optional", inner: { type: "boolean" } }], ["skipCRDs", { type: "optional", inner: { type: "boolean" } }], ["force", { type: "optional", inner: { type: "boolean" } }], ["cleanupOnFail", { type: "optional", inner: { type: "boolean" } }], ["disableOpenAPIValidation", { type: "optional", inner: { type: "boolean" } }], ["skipSchemaValidation", { type: "optional", inner: { type: "boolean" } }], ["takeOwnership", { type: "optional", inner: { type: "boolean" } }], ["serverSide", { type: "optional", inner: { type: "union", options: [{ type: "boolean" }, { type: "literal", values: ["auto"] }] } }], ["description", { type: "optional", inner: { type: "string" } }], ["devel", { type: "optional", inner: { type: "boolean" } }], ["verify", { type: "optional", inner: { type: "boolean" } }], ["reuseValues", { type: "optional", inner: { type: "boolean" } }], ["resetValues", { type: "optional", inner: { type: "boolean" } }], ["kubeVersion", { type: "optional", inner: { type: "string" } }], ["apiVersions", { type: "optional", inner: { type: "array", element: { type: "string", minLength: 1 } } }], ["args", { type: "optional", inner: { type: "object", shape: [["sync", { type: "optional", inner: { type: "array", element: { type: "string" } } }], ["template", { type: "optional", inner: { type: "array", element: { type: "string" } } }], ["diff", { type: "optional", inner: { type: "array", element: { type: "string" } } }], ["lint", { type: "optional", inner: { type: "array", element: { type: "string" } } }]] } }], ["jsonPatches", { type: "optional", inner: { type: "array", element: { type: "union", options: [{ type: "object", shape: [["target", { type: "object", shape: [["group", { type: "optional", inner: { type: "string" } }], ["version", { type: "optional", inner: { type: "string" } }], ["kind", { type: "optional", inner: { type: "string" } }], ["name", { type: "optional", inner: { type: "string" } }], ["namespace", { type: "optional", inner: { type: "string" } }]] }], ["patch", { type: "array", element: { type: "record", key: { type: "string" }, value: { type: "unknown" } } }]] }, { type: "object", shape: [["target", { type: "object", shape: [["group", { type: "optional", inner: { type: "string" } }], ["version", { type: "optional", inner: { type: "string" } }], ["kind", { type: "optional", inner: { type: "string" } }], ["name", { type: "optional", inner: { type: "string" } }], ["namespace", { type: "optional", inner: { type: "string" } }]] }], ["path", { type: "string", minLength: 1 }]] }] } } }], ["strategicMergePatches", { type: "optional", inner: { type: "array", element: { type: "union", options: [{ type: "string", minLength: 1 }, { type: "record", key: { type: "string" }, value: { type: "unknown" } }] } } }], ["transformers", { type: "optional", inner: { type: "array", element: { type: "union", options: [{ type: "string", minLength: 1 }, { type: "record", key: { type: "string" }, value: { type: "unknown" } }] } } }], ["hooks", { type: "optional", inner: { type: "array", element: { type: "object", shape: [["name", { type: "optional", inner: { type: "string" } }], ["events", { type: "array", element: { type: "enum", values: ["prepare", "preapply", "presync", "postsync", "preuninstall", "postuninstall", "cleanup"] }, minLength: 1 }], ["command", { type: "string", minLength: 1 }], ["args", { type: "optional", inner: { type: "array", element: { type: "string" } } }], ["showlogs", { type: "optional", inner: { type: "boolean" } }]] } } }], ["crds", { type: "optional", inner: { type: "enum", values: ["create", "createReplace", "skip"] } }], ["retries", { type: "optional", inner: { type: "union", options: [{ type: "number", safeInteger: true, min: { value: 0, inclusive: true }, max: { value: 10, inclusive: true } }, { type: "object", shape: [["count", { type: "number", safeInteger: true, min: { value: 0, inclusive: true }, max: { value: 10, inclusive: true } }], ["backoff", { type: "optional", inner: { type: "union", options: [{ type: "number", safeInteger: true, min: { value: 0, inclusive: false } }, { type: "string", pattern: { source: "^(\\d+h)?(\\d+m)?(\\d+s)?$|^\\d+$", flags: "" } }] } }]] }] } }], ["driftDetection", { type: "optional", inner: { type: "object", shape: [["mode", { type: "optional", inner: { type: "enum", values: ["enabled", "warn", "disabled"] } }], ["ignore", { type: "optional", inner: { type: "array", element: { type: "object", shape: [["paths", { type: "array", element: { type: "string", pattern: { source: "^(\\/([^~]|~[01])*)+$", flags: "" } }, minLength: 1 }], ["target", { type: "optional", inner: { type: "object", shape: [["group", { type: "optional", inner: { type: "string" } }], ["version", { type: "optional", inner: { type: "string" } }], ["kind", { type: "optional", inner: { type: "string" } }], ["name", { type: "optional", inner: { type: "string" } }], ["namespace", { type: "optional", inner: { type: "string" } }]] } }]] } } }]] } }]] } } }]] }, includedFile: { type: "object", shape: [["include", { type: "optional", inner: { type: "array", element: { type: "string", minLength: 1 } } }], ["defaults", { type: "optional", inner: { type: "object", shape: [["namespace", { type: "optional", inner: { type: "string", minLength: 1 } }], ["lockNamespace", { type: "optional", inner: { type: "string", pattern: { source: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", flags: "" } } }], ["kubeContext", { type: "optional", inner: { type: "string", minLength: 1 } }], ["kubeconfig", { type: "optional", inner: { type: "string", minLength: 1 } }], ["createNamespace", { type: "optional", inner: { type: "boolean" } }], ["atomic", { type: "optional", inner: { type: "boolean" } }], ["wait", { type: "optional", inner: { type: "boolean" } }], ["timeout", { type: "optional", inner: { type: "union", options: [{ type: "number", safeInteger: true, min: { value: 0, inclusive: false } }, { type: "string", pattern: { source: "^(\\d+h)?(\\d+m)?(\\d+s)?$|^\\d+$", flags: "" } }] } }], ["tests", { type: "optional", inner: { type: "boolean" } }], ["historyMax", { type: "optional", inner: { type: "number", safeInteger: true, min: { value: 0, inclusive: true } } }], ["waitForJobs", { type: "optional", inner: { type: "boolean" } }], ["skipCRDs", { type: "optional", inner: { type: "boolean" } }], ["force", { type: "optional", inner: { type: "boolean" } }], ["cleanupOnFail", { type: "optional", inner: { type: "boolean" } }], ["disableOpenAPIValidation", { type: "optional", inner: { type: "boolean" } }], ["skipSchemaValidation", { type: "optional", inner: { type: "boolean" } }], ["takeOwnership", { type: "optional", inner: { type: "boolean" } }], ["serverSide", { type: "optional", inner: { type: "union", options: [{ type: "boolean" }, { type: "literal", values: ["auto"] }] } }], ["description", { type: "optional", inner: { type: "string" } }], ["devel", { type: "optional", inner: { type: "boolean" } }], ["verify", { type: "optional", inner: { type: "boolean" } }], ["reuseValues", { type: "optional", inner: { type: "boolean" } }], ["resetValues", { type: "optional", inner: { type: "boolean" } }], ["kubeVersion", { type: "optional", inner: { type: "string" } }], ["apiVersions", { type: "optional", inner: { type: "array", element: { type: "string", minLength: 1 } } }], ["args", { type: "optional", inner: { type: "object", shape: [["sync", { type: "optional", inner: { type: "array", element: { type: "string" } } }], ["template", { type: "optional", inner: { type: "array", element: { type: "string" } } }], ["diff", { type: "optional", inner: { type: "array", element: { type: "string" } } }], ["lint", { type: "optional", inner: { type: "array", element: { type: "string" } } }]] } }], ["retries", { type: "optional", inner: { type: "union", options: [{ type: "number", safeInteger: true, min: { value: 0, inclusive: true }, max: { value: 10, inclusive: true } }, { type: "object", shape: [["count", { type: "number", safeInteger: true, min: { value: 0, inclusive: true }, max: { value: 10, inclusive: true } }], ["backoff", { type: "optional", inner: { type: "union", options: [{ type: "number", safeInteger: true, min: { value: 0, inclusive: false } }, { type: "string", pattern: { source: "^(\\d+h)?(\\d+m)?(\\d+s)?$|^\\d+$", flags: "" } }] } }]] }] } }], ["driftDetection", { type: "optional", inner: { type: "object", shape: [["mode", { type: "optional", inner: { type: "enum", values: ["enabled", "warn", "disabled"] } }], ["ignore", { type: "optional", inner: { type: "array", element: { type: "object", shape: [["paths", { type: "array", element: { type: "string", pattern: { source: "^(\\/([^~]|~[01])*)+$", flags: "" } }, minLength: 1 }], ["target", { type: "optional", inner: { type: "object", shape: [["group", { type: "optional", inner: { type: "string" } }], ["version", { type: "optional", inner: { type: "string" } }], ["kind", { type: "optional", inner: { type: "string" } }], ["name", { type: "optional", inner: { type: "string" } }], ["namespace", { type: "optional", inner: { type: "string" } }]] } }]] } } }]] } }]] } }], ["templates", { type: "optional", inner: { type: "record", key: { type: "string", pattern: { source: "^[A-Za-z0-9][A-Za-z0-9_.-]*$", flags: "" } }, value: { type: "object", shape: [["namespace", { type: "optional", inner: { type: "string", minLength: 1 } }], ["chart", { type: "optional", inner: { type: "string", minLength: 1 } }], ["version", { type: "optional", inner: { type: "string", minLength: 1 } }], ["labels", { type: "optional", inner: { type: "record", key: { type: "string" }, value: { type: "toString", inner: { type: "union", options: [{ type: "string" }, { type: "number" }, { type: "boolean" }] } } } }], ["needs", { type: "optional", inner: { type: "array", element: { type: "string", minLength: 1 } } }], ["values", { type: "optional", inner: { type: "array", element: { type: "union", options: [{ type: "string", minLength: 1 }, { type: "object", shape: [["path", { type: "string", minLength: 1 }], ["optional", { type: "boolean" }]] }, { type: "record", key: { type: "string" }, value: { type: "unknown" } }] } } }], ["secrets", { type: "optional", inner: { type: "array", element: { type: "union", options: [{ type: "string", minLength: 1 }, { type: "object", shape: [["path", { type: "string", minLength: 1 }], ["optional", { type: "boolean" }]] }] } } }], ["set", { type: "optional", inner: { type: "record", key: { type: "string" }, value: { type: "unknown" } } }], ["installed", { type: "optional", inner: { type: "boolean" } }], ["condition", { type: "optional", inner: { type: "string" } }], ["kubeContext", { type: "optional", inner: { type: "string", minLength: 1 } }], ["kubeconfig", { type: "optional", inner: { type: "string", minLength: 1 } }], ["createNamespace", { type: "optional", inner: { type: "boolean" } }], ["atomic", { type: "optional", inner: { type: "boolean" } }], ["wait", { type: "optional", inner: { type: "boolean" } }], ["timeout", { type: "optional", inner: { type: "union", options: [{ type: "number", safeInteger: true, min: { value: 0, inclusive: false } }, { type: "string", pattern: { source: "^(\\d+h)?(\\d+m)?(\\d+s)?$|^\\d+$", flags: "" } }] } }], ["tests", { type: "optional", inner: { type: "boolean" } }], ["historyMax", { type: "optional", inner: { type: "number", safeInteger: true, min: { value: 0, inclusive: true } } }], ["waitForJobs", { type: "optional", inner: { type: "boolean" } }], ["skipCRDs", { type: "optional", inner: { type: "boolean" } }], ["force", { type: "optional", inner: { type: "boolean" } }], ["cleanupOnFail", { type: "optional", inner: { type: "boolean" } }], ["disableOpenAPIValidation", { type: "optional", inner: { type: "boolean" } }], ["skipSchemaValidation", { type: "optional", inner: { type: "boolean" } }], ["takeOwnership", { type: "optional", inner: { type: "boolean" } }], ["serverSide", { type: "optional", inner: { type: "union", options: [{ type: "boolean" }, { type: "literal", values: ["auto"] }] } }], ["description", { type: "optional", inner: { type: "string" } }], ["devel", { type: "optional", inner: { type: "boolean" } }], ["verify", { type: "optional", inner: { type: "boolean" } }], ["reuseValues", { type: "optional", inner: { type: "boolean" } }], ["resetValues", { type: "optional", inner: { type: "boolean" } }], ["kubeVersion", { type: "optional", inner: { type: "string" } }], ["apiVersions", { type: "optional", inner: { type: "array", element: { type: "string", minLength: 1 } } }], ["args", { type: "optional", inner: { type: "object", shape: [["sync", { type: "optional", inner: { type: "array", element: { type: "string" } } }], ["template", { type: "optional", inner: { type: "array", element: { type: "string" } } }], ["diff", { type: "optional", inner: { type: "array", element: { type: "string" } } }], ["lint", { type: "optional", inner: { type: "array", element: { type: "string" } } }]] } }], ["jsonPatches", { type: "optional", inner: { type: "array", element: { type: "union", options: [{ type: "object", shape: [["target", { type: "object", shape: [["group", { type: "optional", inner: { type: "string" } }], ["version", { type: "optional", inner: { type: "string" } }], ["kind", { type: "optional", inner: { type: "string" } }], ["name", { type: "optional", inner: { type: "string" } }], ["namespace", { type: "optional", inner: { type: "string" } }]] }], ["patch", { type: "array", element: { type: "record", key: { type: "string" }, value: { type: "unknown" } } }]] }, { type: "object", shape: [["target", { type: "object", shape: [["group", { type: "optional", inner: { type: "string" } }], ["version", { type: "optional", inner: { type: "string" } }], ["kind", { type: "optional", inner: { type: "string" } }], ["name", { type: "optional", inner: { type: "string" } }], ["namespace", { type: "optional", inner: { type: "string" } }]] }], ["path", { type: "string", minLength: 1 }]] }] } } }], ["strategicMergePatches", { type: "optional", inner: { type: "array", element: { type: "union", options: [{ type: "string", minLength: 1 }, { type: "record", key: { type: "string" }, value: { type: "unknown" } }] } } }], ["transformers", { type: "optional", inner: { type: "array", element: { type: "union", options: [{ type: "string", minLength: 1 }, { type: "record", key: { type: "string" }, value: { type: "unknown" } }] } } }], ["hooks", { type: "optional", inner: { type: "array", element: { type: "object", shape: [["name", { type: "optional", inner: { type: "string" } }], ["events", { type: "array", element: { type: "enum", values: ["prepare", "preapply", "presync", "postsync", "preuninstall", "postuninstall", "cleanup"] }, minLength: 1 }], ["command", { type: "string", minLength: 1 }], ["args", { type: "optional", inner: { type: "array", element: { type: "string" } } }], ["showlogs", { type: "optional", inner: { type: "boolean" } }]] } } }], ["crds", { type: "optional", inner: { type: "enum", values: ["create", "createReplace", "skip"] } }], ["retries", { type: "optional", inner: { type: "union", options: [{ type: "number", safeInteger: true, min: { value: 0, inclusive: true }, max: { value: 10, inclusive: true } }, { type: "object", shape: [["count", { type: "number", safeInteger: true, min: { value: 0, inclusive: true }, max: { value: 10, inclusive: true } }], ["backoff", { type: "optional", inner: { type: "union", options: [{ type: "number", safeInteger: true, min: { value: 0, inclusive: false } }, { type: "string", pattern: { source: "^(\\d+h)?(\\d+m)?(\\d+s)?$|^\\d+$", flags: "" } }] } }]] }] } }], ["driftDetection", { type: "optional", inner: { type: "object", shape: [["mode", { type: "optional", inner: { type: "enum", values: ["enabled", "warn", "disabled"] } }], ["ignore", { type: "optional", inner: { type: "array", element: { type: "object", shape: [["paths", { type: "array", element: { type: "string", pattern: { source: "^(\\/([^~]|~[01])*)+$", flags: "" } }, minLength: 1 }], ["target", { type: "optional", inner: { type: "object", shape: [["group", { type: "optional", inner: { type: "string" } }], ["version", { type: "optional", inner: { type: "string" } }], ["kind", { type: "optional", inner: { type: "string" } }], ["name", { type: "optional", inner: { type: "string" } }], ["namespace", { type: "optional", inner: { type: "string" } }]] } }]] } } }]] } }]] } } }], ["releases", { type: "optional", inner: { type: "array", element: { type: "object", shape: [["name", { type: "string", pattern: { source: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", flags: "" } }], ["inherit", { type: "optional", inner: { type: "array", element: { type: "union", options: [{ type: "string", minLength: 1 }, { type: "object", shape: [["template", { type: "string", minLength: 1 }], ["except", { type: "optional", inner: { type: "array", element: { type: "enum", values: ["namespace", "chart", "version", "labels", "needs", "values", "secrets", "set", "installed", "condition", "kubeContext", "kubeconfig", "createNamespace", "atomic", "wait", "timeout", "tests", "historyMax", "waitForJobs", "skipCRDs", "force", "cleanupOnFail", "disableOpenAPIValidation", "skipSchemaValidation", "takeOwnership", "serverSide", "description", "devel", "verify", "reuseValues", "resetValues", "kubeVersion", "apiVersions", "args", "jsonPatches", "strategicMergePatches", "transformers", "hooks", "crds", "retries", "driftDetection"] } } }]] }] } } }], ["namespace", { type: "optional", inner: { type: "string", minLength: 1 } }], ["chart", { type: "optional", inner: { type: "string", minLength: 1 } }], ["version", { type: "optional", inner: { type: "string", minLength: 1 } }], ["labels", { type: "optional", inner: { type: "record", key: { type: "string" }, value: { type: "toString", inner: { type: "union", options: [{ type: "string" }, { type: "number" }, { type: "boolean" }] } } } }], ["needs", { type: "optional", inner: { type: "array", element: { type: "string", minLength: 1 } } }], ["values", { type: "optional", inner: { type: "array", element: { type: "union", options: [{ type: "string", minLength: 1 }, { type: "object", shape: [["path", { type: "string", minLength: 1 }], ["optional", { type: "boolean" }]] }, { type: "record", key: { type: "string" }, value: { type: "unknown" } }] } } }], ["secrets", { type: "optional", inner: { type: "array", element: { type: "union", options: [{ type: "string", minLength: 1 }, { type: "object", shape: [["path", { type: "string", minLength: 1 }], ["optional", { type: "boolean" }]] }] } } }], ["set", { type: "optional", inner: { type: "record", key: { type: "string" }, value: { type: "unknown" } } }], ["installed", { type: "optional", inner: { type: "boolean" } }], ["condition", { type: "optional", inner: { type: "string" } }], ["kubeContext", { type: "optional", inner: { type: "string", minLength: 1 } }], ["kubeconfig", { type: "optional", inner: { type: "string", minLength: 1 } }], ["createNamespace", { type: "optional", inner: { type: "boolean" } }], ["atomic", { type: "optional", inner: { type: "boolean" } }], ["wait", { type: "optional", inner: { type: "boolean" } }], ["timeout", { type: "optional", inner: { type: "union", options: [{ type: "number", safeInteger: true, min: { value: 0, inclusive: false } }, { type: "string", pattern: { source: "^(\\d+h)?(\\d+m)?(\\d+s)?$|^\\d+$", flags: "" } }] } }], ["tests", { type: "optional", inner: { type: "boolean" } }], ["historyMax", { type: "optional", inner: { type: "number", safeInteger: true, min: { value: 0, inclusive: true } } }], ["waitForJobs", { type: "optional", inner: { type: "boolean" } }], ["skipCRDs", { type: "optional", inner: { type: "boolean" } }], ["force", { type: "optional", inner: { type: "boolean" } }], ["cleanupOnFail", { type: "optional", inner: { type: "boolean" } }], ["disableOpenAPIValidation", { type: "optional", inner: { type: "boolean" } }], ["skipSchemaValidation", { type: "optional", inner: { type: "boolean" } }], ["takeOwnership", { type: "optional", inner: { type: "boolean" } }], ["serverSide", { type: "optional", inner: { type: "union", options: [{ type: "boolean" }, { type: "literal", values: ["auto"] }] } }], ["description", { type: "optional", inner: { type: "string" } }], ["devel", { type: "optional", inner: { type: "boolean" } }], ["verify", { type: "optional", inner: { type: "boolean" } }], ["reuseValues", { type: "optional", inner: { type: "boolean" } }], ["resetValues", { type: "optional", inner: { type: "boolean" } }], ["kubeVersion", { type: "optional", inner: { type: "string" } }], ["apiVersions", { type: "optional", inner: { type: "array", element: { type: "string", minLength: 1 } } }], ["args", { type: "optional", inner: { type: "object", shape: [["sync", { type: "optional", inner: { type: "array", element: { type: "string" } } }], ["template", { type: "optional", inner: { type: "array", element: { type: "string" } } }], ["diff", { type: "optional", inner: { type: "array", element: { type: "string" } } }], ["lint", { type: "optional", inner: { type: "array", element: { type: "string" } } }]] } }], ["jsonPatches", { type: "optional", inner: { type: "array", element: { type: "union", options: [{ type: "object", shape: [["target", { type: "object", shape: [["group", { type: "optional", inner: { type: "string" } }], ["version", { type: "optional", inner: { type: "string" } }], ["kind", { type: "optional", inner: { type: "string" } }], ["name", { type: "optional", inner: { type: "string" } }], ["namespace", { type: "optional", inner: { type: "string" } }]] }], ["patch", { type: "array", element: { type: "record", key: { type: "string" }, value: { type: "unknown" } } }]] }, { type: "object", shape: [["target", { type: "object", shape: [["group", { type: "optional", inner: { type: "string" } }], ["version", { type: "optional", inner: { type: "string" } }], ["kind", { type: "optional", inner: { type: "string" } }], ["name", { type: "optional", inner: { type: "string" } }], ["namespace", { type: "optional", inner: { type: "string" } }]] }], ["path", { type: "string", minLength: 1 }]] }] } } }], ["strategicMergePatches", { type: "optional", inner: { type: "array", element: { type: "union", options: [{ type: "string", minLength: 1 }, { type: "record", key: { type: "string" }, value: { type: "unknown" } }] } } }], ["transformers", { type: "optional", inner: { type: "array", element: { type: "union", options: [{ type: "string", minLength: 1 }, { type: "record", key: { type: "string" }, value: { type: "unknown" } }] } } }], ["hooks", { type: "optional", inner: { type: "array", element: { type: "object", shape: [["name", { type: "optional", inner: { type: "string" } }], ["events", { type: "array", element: { type: "enum", values: ["prepare", "preapply", "presync", "postsync", "preuninstall", "postuninstall", "cleanup"] }, minLength: 1 }], ["command", { type: "string", minLength: 1 }], ["args", { type: "optional", inner: { type: "array", element: { type: "string" } } }], ["showlogs", { type: "optional", inner: { type: "boolean" } }]] } } }], ["crds", { type: "optional", inner: { type: "enum", values: ["create", "createReplace", "skip"] } }], ["retries", { type: "optional", inner: { type: "union", options: [{ type: "number", safeInteger: true, min: { value: 0, inclusive: true }, max: { value: 10, inclusive: true } }, { type: "object", shape: [["count", { type: "number", safeInteger: true, min: { value: 0, inclusive: true }, max: { value: 10, inclusive: true } }], ["backoff", { type: "optional", inner: { type: "union", options: [{ type: "number", safeInteger: true, min: { value: 0, inclusive: false } }, { type: "string", pattern: { source: "^(\\d+h)?(\\d+m)?(\\d+s)?$|^\\d+$", flags: "" } }] } }]] }] } }], ["driftDetection", { type: "optional", inner: { type: "object", shape: [["mode", { type: "optional", inner: { type: "enum", values: ["enabled", "warn", "disabled"] } }], ["ignore", { type: "optional", inner: { type: "array", element: { type: "object", shape: [["paths", { type: "array", element: { type: "string", pattern: { source: "^(\\/([^~]|~[01])*)+$", flags: "" } }, minLength: 1 }], ["target", { type: "optional", inner: { type: "object", shape: [["group", { type: "optional", inner: { type: "string" } }], ["version", { type: "optional", inner: { type: "string" } }], ["kind", { type: "optional", inner: { type: "string" } }], ["name", { type: "optional", inner: { type: "string" } }], ["namespace", { type: "optional", inner: { type: "string" } }]] } }]] } } }]] } }]] } } }]] } };

// dist/config/validate.js
var spec = schema_spec_default;
async function validateProjectFile(source, root, problems) {
  if (source.data === null || typeof source.data !== "object" || Array.isArray(source.data)) {
    problems.add(new ConfigError(source.data === null || source.data === void 0 ? "the file is empty: expected a map with a `releases:` list" : "expected a map with a `releases:` list", { location: source.locate([]) }));
    return void 0;
  }
  const checked = checkSpec(root ? spec.project : spec.includedFile, source.data);
  if (checked !== INVALID)
    return checked;
  const { zodValidate } = await import("./schema-problems-5EYZZPQL.js");
  const result = zodValidate(source, root);
  if ("data" in result)
    return result.data;
  for (const problem of result.problems)
    problems.add(problem);
  return void 0;
}

// dist/config/project-files.js
async function readProjectFiles(rootFile, files, problems) {
  const out = [];
  const seen = /* @__PURE__ */ new Map();
  const visit = async (file, inherited, stack, includedAt) => {
    seen.set(file, includedAt ?? { file });
    const source = await problems.attempt(async () => parseYaml(await files.read(file), file));
    if (!source)
      return;
    const raw = await validateProjectFile(source, stack.length === 0, problems);
    const defaults = { ...inherited, ...raw?.defaults };
    const kubeconfig = raw?.defaults?.kubeconfig;
    if (kubeconfig !== void 0) {
      const at = (field, content) => source.locate(field, { content });
      const checked = await problems.attempt(() => clusterKeys({ kubeconfig }, ["defaults"], at, (text) => text, files));
      defaults.kubeconfig = checked?.kubeconfig ?? resolve2(dirname2(file), kubeconfig);
    }
    if (raw)
      out.push({ file, source, raw, defaults, root: stack.length === 0 });
    const dir = dirname2(file);
    for (const [i, pattern] of includesOf(raw, source.data).entries()) {
      const at = source.locate(["include", i]);
      const targets = await problems.attempt(() => expand(pattern, dir, files, at));
      for (const target of targets ?? []) {
        const chain = [...stack, file];
        if (chain.includes(target)) {
          if (isGlob(pattern))
            continue;
          problems.add(new ConfigError(`include cycle: ${[...chain.slice(chain.indexOf(target)), target].map((f) => relative3(dirname2(rootFile), f)).join(" -> ")}`, { location: at }));
          continue;
        }
        const first = seen.get(target);
        if (first) {
          if (isGlob(pattern))
            continue;
          problems.add(new ConfigError(`${relative3(dir, target)} is included twice`, {
            location: at,
            hint: `it is already included at ${first.file}${first.line === void 0 ? "" : `:${first.line}`}`
          }));
          continue;
        }
        await visit(target, defaults, chain, at);
      }
    }
  };
  await visit(resolve2(rootFile), {}, []);
  return out;
}
function includesOf(raw, data) {
  if (raw)
    return raw.include ?? [];
  const include = data?.include;
  return Array.isArray(include) ? include.filter((p) => typeof p === "string" && p !== "") : [];
}
async function expand(pattern, dir, files, at) {
  if (!isGlob(pattern)) {
    const file = resolve2(dir, pattern);
    if (!await files.exists(file))
      throw new ConfigError(`included file not found: ${pattern}`, { location: at });
    return [file];
  }
  const matches = await files.glob(pattern, dir);
  if (matches.length === 0) {
    throw new ConfigError(`include "${pattern}" matches no file`, {
      location: at,
      hint: "globs are relative to the file that includes them"
    });
  }
  return matches;
}

// dist/config/release-ids.js
function assignReleaseIds(releases, report) {
  const byName = /* @__PURE__ */ new Map();
  for (const release of releases) {
    const plain = `${release.namespace}/${release.name}`;
    byName.set(plain, [...byName.get(plain) ?? [], release]);
  }
  for (const [plain, group] of byName) {
    const clusters = new Set(group.map(clusterKey));
    if (clusters.size < 2) {
      for (const release of group)
        release.id = plain;
      continue;
    }
    const named = /* @__PURE__ */ new Map();
    for (const release of group) {
      if (release.kubeContext === void 0) {
        report(new ConfigError(`release "${plain}" is deployed to more than one cluster; this one has no kubeContext`, {
          location: release.location,
          hint: `give each a kubeContext: its id becomes kubeContext/${plain}`
        }));
        continue;
      }
      release.id = `${release.kubeContext}/${plain}`;
      const same = named.get(release.id);
      if (same && clusterKey(same) !== clusterKey(release)) {
        report(new ConfigError(`release "${release.id}" is in two clusters whose contexts share a name`, {
          location: release.location,
          hint: `${clusterName(same)} and ${clusterName(release)}: rename a context in its kubeconfig`
        }));
      }
      named.set(release.id, release);
    }
  }
}

// dist/config/repository.js
import { resolve as resolve3 } from "node:path";
var TLS_FILES = ["caFile", "certFile", "keyFile"];
async function buildRepository(raw, locate, dir, files) {
  const oci = raw.url.startsWith("oci://");
  const refuse = (field, message, hint) => {
    throw new ConfigError(message, { location: locate([field]), hint });
  };
  if (!oci && !/^https?:\/\//.test(raw.url)) {
    refuse("url", `repository "${raw.name}": url must start with https://, http:// or oci://`, raw.url);
  }
  if (raw.plainHttp !== void 0 && !oci) {
    refuse("plainHttp", `repository "${raw.name}": plainHttp is for oci:// registries`, "an http(s) repository is reached as its url says: write http:// for plain HTTP");
  }
  if (raw.passCredentials !== void 0 && oci) {
    refuse("passCredentials", `repository "${raw.name}": passCredentials is for http(s) repositories`, "an OCI registry's credentials stay with its host (helm registry login)");
  }
  if (raw.certFile === void 0 !== (raw.keyFile === void 0)) {
    const missing = raw.certFile === void 0 ? "certFile" : "keyFile";
    refuse(raw.certFile === void 0 ? "keyFile" : "certFile", `repository "${raw.name}": ${missing} is missing`, "a client certificate needs both certFile and keyFile");
  }
  const paths = {};
  for (const field of TLS_FILES) {
    const written = raw[field];
    if (written === void 0)
      continue;
    const path = resolve3(dir, written);
    if (!await files.exists(path))
      refuse(field, `repository "${raw.name}": file not found: ${written}`, path);
    paths[field] = path;
  }
  return {
    name: raw.name,
    url: raw.url,
    oci,
    usernameEnv: raw.usernameEnv,
    passwordEnv: raw.passwordEnv,
    ...paths,
    insecureSkipTLSVerify: raw.insecureSkipTLSVerify,
    plainHttp: raw.plainHttp,
    passCredentials: raw.passCredentials,
    location: locate([])
  };
}

// dist/config/load.js
async function loadProject(options) {
  const files = rememberExists(options.files ?? localFiles);
  const file = resolve4(options.file);
  const dir = dirname3(file);
  if (!await files.exists(file)) {
    throw new ConfigError("file not found", {
      location: { file: options.file },
      hint: "pass -f <path> or run `releases init` to create one"
    });
  }
  const problems = new ProblemList();
  const projectFiles = await readProjectFiles(file, files, problems);
  const root = projectFiles[0];
  if (root?.root !== true)
    problems.check();
  if (!root)
    throw new Error("unreachable: a valid root file was read");
  const raw = root.raw;
  const environmentNames = Object.keys(raw.environments ?? {});
  const envName = chooseEnvironment(environmentNames, options.environment ?? options.env?.RELEASES_ENV, root.source.locate(["environments"], { key: true }));
  let shared;
  const renderedShared = /* @__PURE__ */ new Map();
  const render = (text, location, context2) => {
    if (context2 !== shared)
      return options.templates.renderString(text, location, context2);
    let out = renderedShared.get(text);
    if (out === void 0) {
      out = options.templates.renderString(text, location, context2);
      renderedShared.set(text, out);
    }
    return out;
  };
  const problemsBefore = problems.size;
  const { environment, values: environmentValues } = await loadEnvironment({
    name: envName,
    raw: raw.environments?.[envName] ?? {},
    source: root.source,
    dir,
    files,
    render,
    renderFile: (text, path, context2) => options.templates.renderFile(text, path, context2),
    state: options.stateValues ?? { files: [], set: [] },
    problems
  });
  if (problems.size > problemsBefore)
    problems.check();
  const context = { environment: { name: envName, values: environmentValues }, values: environmentValues };
  shared = context;
  const repositories = [];
  const problemsBeforeRepositories = problems.size;
  for (const [i, r] of (raw.repositories ?? []).entries()) {
    const at = (field) => ({
      ...root.source.locate(["repositories", i, ...field]),
      field: formatField(["repositories", i, ...field])
    });
    const repository = await problems.attempt(() => buildRepository(r, at, dir, files));
    if (repository)
      repositories.push(repository);
  }
  if (problems.size > problemsBeforeRepositories)
    problems.check();
  const templates = collectTemplates(projectFiles, problems);
  const runSet = Object.fromEntries((options.set ?? []).map((s) => [s.path, s.value]));
  const built = [];
  const cluster = { kubeContext: environment.kubeContext, kubeconfig: environment.kubeconfig };
  for (const projectFile of projectFiles) {
    const { source } = projectFile;
    for (const [kind, list] of Object.entries(projectFile.raw.defaults?.args ?? {})) {
      for (const [i, arg] of (list ?? []).entries()) {
        await problems.attempt(() => checkHelmArg(arg, source.locate(["defaults", "args", kind, i]), kind));
      }
    }
    await problems.attempt(() => ignoreRules(projectFile.raw.defaults?.driftDetection, "defaults.driftDetection", (field) => source.locate(["defaults", "driftDetection", ...field])));
    for (const [i, r] of (projectFile.raw.releases ?? []).entries()) {
      await problems.attempt(async () => {
        const path = ["releases", i];
        const at = source.locate(path);
        const location = lazyLocation(at.file, `releases[${i}] (${r.name})`, () => at);
        const inherited = applyInheritance(r, source, path, templates);
        const release = await buildRelease(inherited, location, {
          render,
          context,
          files,
          repositories,
          defaults: projectFile.defaults,
          runSet,
          cluster
        });
        const condition = inherited.raw.condition;
        built.push({
          release,
          enabled: condition === void 0 || conditionHolds(condition, environmentValues, inherited.locate(["condition"])),
          needs: (inherited.raw.needs ?? []).map((ref, j) => ({
            ref,
            location: inherited.locate(["needs", j])
          }))
        });
      });
    }
  }
  problems.check();
  assignReleaseIds(built.map((b) => b.release), (problem) => problems.add(problem));
  problems.check();
  const enabled = built.filter((b) => b.enabled).map((b) => b.release);
  const disabled = new Set(built.filter((b) => !b.enabled).map((b) => b.release.id));
  const nodes = built.filter((b) => b.enabled).map(({ release, needs }) => ({
    id: release.id,
    name: release.name,
    namespace: release.namespace,
    kubeContext: release.kubeContext,
    location: release.location,
    needs
  }));
  const graph = buildReleaseGraph(nodes, disabled, (problem) => problems.add(problem));
  problems.check();
  for (const release of enabled)
    release.needs = [...graph.needsOf(release.id)];
  const defaults = raw.defaults ?? {};
  return {
    file,
    dir,
    files: projectFiles.map((f) => f.file),
    environment,
    environmentNames,
    environmentValues,
    repositories,
    releases: enabled,
    graph,
    lockNamespace: defaults.lockNamespace
  };
}
function rememberExists(files) {
  const known = /* @__PURE__ */ new Map();
  return {
    read: (path) => files.read(path),
    glob: (pattern, dir) => files.glob(pattern, dir),
    exists: (path) => {
      let answer = known.get(path);
      if (!answer) {
        answer = files.exists(path);
        known.set(path, answer);
      }
      return answer;
    }
  };
}

// dist/graph/selection.js
function closeSelection(graph, matched, mode) {
  const chosen = new Set(matched);
  if (mode === "include") {
    for (const id of matched)
      for (const need of graph.needsOf(id))
        chosen.add(need);
  } else if (mode === "include-transitive") {
    for (const id of matched)
      for (const need of graph.ancestorsOf(id))
        chosen.add(need);
  }
  return {
    ids: graph.ids.filter((id) => chosen.has(id)),
    externalNeeds: mode === "skip" ? [] : needsOutside(graph, chosen)
  };
}
function needsOutside(graph, run) {
  const external = /* @__PURE__ */ new Set();
  for (const id of run)
    for (const need of graph.needsOf(id))
      if (!run.has(need))
        external.add(need);
  return graph.ids.filter((id) => external.has(id));
}

// dist/selector/selector.js
var LABEL = /^[A-Za-z0-9]([A-Za-z0-9._/-]*[A-Za-z0-9])?$/;
var VALUE = /^[A-Za-z0-9._/:@+-]*$/;
function parseSelector(text) {
  const terms = [];
  for (const raw of text.split(",")) {
    const term = raw.trim();
    const match = /^([^=!]+)(!=|=)(.*)$/.exec(term);
    if (!match) {
      throw new UsageError(`malformed selector "${text}": "${term}" is not key=value or key!=value`, {
        hint: "example: -l tier=core,app!=db (terms are ANDed; repeat -l to OR)"
      });
    }
    const [, key, op, value] = match;
    if (!LABEL.test(key.trim())) {
      throw new UsageError(`malformed selector "${text}": invalid label key "${key.trim()}"`);
    }
    if (!VALUE.test(value.trim())) {
      throw new UsageError(`malformed selector "${text}": invalid label value "${value.trim()}"`);
    }
    terms.push({ key: key.trim(), op, value: value.trim() });
  }
  return terms;
}
function effectiveLabels(release) {
  return { ...release.labels, name: release.name, namespace: release.namespace, chart: release.chart };
}
function matchesOne(labels, selector) {
  return selector.every((term) => {
    const actual = labels[term.key];
    return term.op === "=" ? actual === term.value : actual !== term.value;
  });
}
function matchesAny(release, selectors) {
  if (selectors.length === 0)
    return true;
  const labels = effectiveLabels(release);
  return selectors.some((selector) => matchesOne(labels, selector));
}

// dist/selector/select.js
function selectReleases(releases, graph, selectors, mode) {
  const parsed = selectors.map(parseSelector);
  const matched = new Set(releases.filter((r) => matchesAny({ ...r, chart: r.chart.display }, parsed)).map((r) => r.id));
  return closeSelection(graph, matched, mode);
}
function unknownSelectorKeys(releases, selectors) {
  const parsed = selectors.map(parseSelector);
  const known = /* @__PURE__ */ new Set();
  for (const r of releases)
    for (const key of Object.keys(effectiveLabels({ ...r, chart: r.chart.display })))
      known.add(key);
  const own = [...known].filter((k) => !["name", "namespace", "chart"].includes(k)).sort();
  const warned = /* @__PURE__ */ new Set();
  const warnings = [];
  for (const term of parsed.flat()) {
    if (known.has(term.key) || warned.has(term.key))
      continue;
    warned.add(term.key);
    warnings.push(`no release has the label "${term.key}" (-l ${term.key}${term.op}${term.value})${didYouMean(term.key, known)}; labels in use: ${own.length > 0 ? own.join(", ") : "none"} (built in: name, namespace, chart)`);
  }
  return warnings;
}

// dist/values/set-arguments.js
function parseSetArguments(text, flag = "--set") {
  const out = [];
  let i = 0;
  const bad = (why) => new UsageError(`${flag} "${text}": ${why}`, {
    hint: `write ${flag} path=value[,path=value] (helm --set syntax)`
  });
  while (i < text.length) {
    let path = "";
    while (i < text.length && text[i] !== "=") {
      if (text[i] === ",")
        throw bad(`key "${path}" has no value`);
      if (text[i] === "\\" && i + 1 < text.length)
        path += text[i++];
      path += text[i++];
    }
    if (i >= text.length)
      throw bad(`key "${path}" has no value`);
    i++;
    try {
      parseSetPath(path);
    } catch (error) {
      throw bad(error.message.replace(/^set: /, ""));
    }
    if (text[i] === "{") {
      const items = [];
      let item = "";
      i++;
      for (; ; ) {
        if (i >= text.length)
          throw bad("list must terminate with '}'");
        const ch = text[i++];
        if (ch === "\\" && i < text.length)
          item += text[i++];
        else if (ch === "," || ch === "}") {
          items.push(typed(item));
          item = "";
          if (ch === "}")
            break;
        } else
          item += ch;
      }
      if (text[i] === ",")
        i++;
      out.push({ path, value: items });
      continue;
    }
    let raw = "";
    while (i < text.length && text[i] !== ",") {
      if (text[i] === "\\" && i + 1 < text.length)
        i++;
      raw += text[i++];
    }
    if (text[i] === ",")
      i++;
    out.push({ path, value: typed(raw) });
  }
  return out;
}
function typed(raw) {
  const lower = raw.toLowerCase();
  if (lower === "true")
    return true;
  if (lower === "false")
    return false;
  if (lower === "null")
    return null;
  if (raw === "0")
    return 0;
  if (/^[1-9]\d*$|^-[1-9]\d*$|^\+[1-9]\d*$/.test(raw)) {
    const n = Number(raw);
    if (Number.isSafeInteger(n))
      return n;
  }
  return raw;
}

// dist/cli/workspace.js
function loadForCommand(ctx, environment) {
  const globals = ctx.globals();
  return loadProject({
    file: resolve5(ctx.io.cwd, globals.file),
    environment: environment ?? globals.environment,
    env: ctx.io.env,
    templates: ctx.session.templates,
    stateValues: {
      files: globals.stateValuesFile.map((f) => resolve5(ctx.io.cwd, f)),
      set: globals.stateValuesSet.flatMap((s) => parseSetArguments(s, "--state-values-set"))
    },
    set: globals.set.flatMap((s) => parseSetArguments(s, "--set"))
  });
}
async function openWorkspace(ctx) {
  const globals = ctx.globals();
  const mode = needsMode(globals);
  const project = await loadForCommand(ctx);
  const graph = project.graph;
  const selection = selectReleases(project.releases, graph, globals.selector, mode);
  for (const warning of unknownSelectorKeys(project.releases, globals.selector)) {
    ctx.io.stderr.write(`releases: warning: ${warning}
`);
  }
  const byId = new Map(project.releases.map((r) => [r.id, r]));
  return { project, graph, selection, selected: selection.ids.map((id) => byId.get(id)) };
}
function nothingSelected(workspace, ctx) {
  if (workspace.selected.length > 0)
    return false;
  const { selector } = ctx.globals();
  const by = selector.length > 0 ? ` match ${selector.map((s) => `-l ${s}`).join(" or ")}` : " are defined";
  ctx.io.stderr.write(`no releases${by} in environment "${workspace.project.environment.name}"; nothing to do
`);
  return true;
}
async function renderSelected(workspace, ctx, releases = workspace.selected, helmBinary) {
  const [{ lockedVersions }, { prepareChartDependencies }, { renderReleases }, { createManifestRenderer }] = await Promise.all([
    import("./chart-lock-ISTHO6XL.js"),
    import("./prepare-FFIBJH7Z.js"),
    import("./render-releases-T22TTSFQ.js"),
    import("./manifests-72HMFARQ.js")
  ]);
  const installed = await lockedVersions(releases.filter((r) => r.installed), workspace.project);
  await prepareChartDependencies(installed, workspace.project.repositories, () => ctx.session.helm(helmBinary), ctx.io.env);
  const rendered = await renderReleases(workspace.project, installed, {
    templates: ctx.session.templates,
    files: localFiles,
    secrets: ctx.session.secrets,
    redactor: ctx.redactor,
    manifests: createManifestRenderer(ctx.io.env)
  });
  const byId = new Map(rendered.map((r) => [r.release.id, r]));
  return releases.map((release) => byId.get(release.id) ?? unrendered(release));
}
function unrendered(release) {
  return { release, values: {}, valuesYaml: "", consumed: [], secretsDigest: "", fingerprint: "" };
}
async function prepareRendered(ctx, helmBinary, options = {}) {
  const helmReady = ctx.session.helm(helmBinary);
  const [{ checkHelmSupport }, { prepareRepositories }] = await Promise.all([
    import("./args-4F3E425Q.js"),
    import("./repositories-OFUYKH7W.js")
  ]);
  if (options.updateLock) {
    const { lockCharts } = await import("./chart-lock-Q4UKNWSZ.js");
    await lockCharts(ctx, { update: true, helmBinary });
  }
  const workspace = await openWorkspace(ctx);
  const rendered = await renderSelected(workspace, ctx, workspace.selected, helmBinary);
  const helm = await helmReady;
  checkHelmSupport(helm.major, workspace.selected);
  if (options.addRepositories) {
    const releases = rendered.map((r) => r.release);
    await prepareRepositories(releases, workspace.project.repositories, helm, ctx.io.env);
  }
  return { workspace, rendered, helm };
}

export {
  ReleaseGraph,
  backoffSeconds,
  needsOutside,
  loadForCommand,
  openWorkspace,
  nothingSelected,
  renderSelected,
  unrendered,
  prepareRendered
};
