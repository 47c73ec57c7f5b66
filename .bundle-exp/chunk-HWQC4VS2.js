import {
  loadForCommand
} from "./chunk-QSMOCHMN.js";
import {
  collectRequirements,
  highestSatisfying,
  isValidConstraint
} from "./chunk-C4CW35NZ.js";
import {
  readChartLock
} from "./chunk-6D2R6FHC.js";
import {
  formatLock,
  lockFileOf,
  makeLock,
  requirementKey
} from "./chunk-INHVRDHZ.js";
import {
  addRepositories,
  repositoryCredentials
} from "./chunk-WVLY2SAW.js";
import {
  parseYaml
} from "./chunk-7Q7BMIIO.js";
import {
  pullArgs
} from "./chunk-UHBPNIYZ.js";
import {
  localFiles
} from "./chunk-DE4Q4URJ.js";
import {
  require_dist
} from "./chunk-NZJELPZH.js";
import {
  ConfigError,
  ExitCode,
  ReleasesError
} from "./chunk-XLEZOOEL.js";
import {
  __toESM
} from "./chunk-4VNS5WPM.js";

// dist/cli/chart-lock.js
import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";

// dist/charts/oci-versions.js
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
function parsePullReport(output) {
  const pulled = /^Pulled: \S+:([^:\s]+)$/m.exec(output)?.[1];
  const digest = /^Digest: (sha256:[0-9a-f]{64})$/m.exec(output)?.[1];
  return pulled && digest ? { version: pulled, digest } : void 0;
}
async function ociVersion(helm, r) {
  const dir = await mkdtemp(join(tmpdir(), "releases-deps-"));
  try {
    const url = `${r.repository}/${r.chart}`;
    const source = {
      chart: { kind: "oci", url, display: url, ...r.source ? { repository: r.source } : {} },
      version: r.constraint === "*" ? void 0 : r.constraint
    };
    const devel = r.devel && r.constraint === "*" ? ["--devel"] : [];
    const result = await helm.run([...pullArgs(source, dir, { untar: false }), ...devel]);
    const found = parsePullReport(`${result.stdout}
${result.stderr}`);
    if (!found)
      throw new Error(`helm pull ${url} did not report the version and digest it pulled`);
    return found;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

// dist/charts/repository-index.js
var import_yaml = __toESM(require_dist(), 1);
import { readFile } from "node:fs/promises";
function parseIndex(text, url) {
  let index;
  try {
    index = (0, import_yaml.parse)(text);
  } catch (error) {
    throw new ConfigError(`${url}/index.yaml is not a chart repository index: ${error.message}`);
  }
  if (index === null || typeof index !== "object" || typeof index.entries !== "object") {
    throw new ConfigError(`${url}/index.yaml is not a chart repository index (no entries:)`);
  }
  const charts = /* @__PURE__ */ new Map();
  for (const [name, versions] of Object.entries(index.entries ?? {})) {
    charts.set(name, (versions ?? []).filter((v) => typeof v.version === "string").map((v) => ({
      version: v.version,
      digest: typeof v.digest === "string" && v.digest !== "" ? `sha256:${v.digest}` : ""
    })));
  }
  return charts;
}
async function fetchIndex(repo, options = {}) {
  const url = `${repo.url.replace(/\/+$/, "")}/index.yaml`;
  const tls = {
    ca: repo.caFile ? await readFile(repo.caFile) : void 0,
    cert: repo.certFile ? await readFile(repo.certFile) : void 0,
    key: repo.keyFile ? await readFile(repo.keyFile) : void 0,
    rejectUnauthorized: !repo.insecureSkipTLSVerify
  };
  const origin = new URL(url).host;
  const get = (target, left) => new Promise((resolve2, reject) => {
    const parsed = new URL(target);
    const headers = {};
    const { credentials } = options;
    if (credentials && (parsed.host === origin || repo.passCredentials)) {
      const token = Buffer.from(`${credentials.username}:${credentials.password}`).toString("base64");
      headers.authorization = `Basic ${token}`;
    }
    const send = process.getBuiltinModule(parsed.protocol === "https:" ? "node:https" : "node:http").request;
    const req = send(parsed, { headers, ...parsed.protocol === "https:" ? tls : {} }, (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location && left > 0) {
        res.resume();
        resolve2(get(new URL(res.headers.location, parsed).toString(), left - 1));
        return;
      }
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => {
        if (status === 200)
          resolve2(Buffer.concat(chunks).toString("utf8"));
        else
          reject(unreachable(repo, `${target} answered ${status}`));
      });
      res.on("error", (e) => reject(unreachable(repo, e.message)));
    });
    req.on("error", (e) => reject(unreachable(repo, e.message)));
    req.end();
  });
  return get(url, options.redirects ?? 5);
}
var ChartRepositoryError = class extends ReleasesError {
  exitCode = ExitCode.releaseFailed;
};
function unreachable(repo, reason) {
  return new ChartRepositoryError(`repository "${repo.name}": could not read its index: ${reason}`, {
    location: repo.location,
    hint: "check the url, its TLS options (caFile, insecureSkipTLSVerify) and credentials"
  });
}

// dist/charts/resolve-versions.js
async function resolveLock(requirements, previous, update, sources, now) {
  const kept = new Map((update ? [] : previous?.charts ?? []).map((c) => [requirementKey(c), c]));
  const indexes = /* @__PURE__ */ new Map();
  const indexOf = (repo) => {
    let index = indexes.get(repo.url);
    if (!index) {
      index = sources.index(repo);
      indexes.set(repo.url, index);
    }
    return index;
  };
  const charts = await Promise.all(requirements.map(async (r) => {
    const previousEntry = kept.get(requirementKey(r));
    if (previousEntry)
      return previousEntry;
    const at = r.usedBy[0];
    if (!isValidConstraint(r.constraint)) {
      throw new ConfigError(`${at.id}: version "${r.constraint}" is not a version or a range`, {
        location: { ...at.location, field: `${at.location.field ?? at.id}.version` },
        hint: "write 1.2.3, ~1.2.0, ^1, >=1.0 <2 or leave it out for the latest"
      });
    }
    const chosen = r.repository.startsWith("oci://") ? await sources.oci(r) : pick(r, (await indexOf(r.source)).get(r.chart), at);
    return { ...stripUse(r), version: chosen.version, digest: chosen.digest };
  }));
  return makeLock(charts, now);
}
function pick(r, offered, at) {
  const location = { ...at.location, field: `${at.location.field ?? at.id}.version` };
  if (!offered || offered.length === 0) {
    throw new ConfigError(`${at.id}: repository ${r.repository} has no chart "${r.chart}"`, { location });
  }
  const version = highestSatisfying(offered.map((o) => o.version), r.constraint, r.devel);
  if (version === void 0) {
    const newest = offered.slice(0, 5).map((o) => o.version).join(", ");
    throw new ConfigError(`${at.id}: no version of ${r.chart} in ${r.repository} meets "${r.constraint}"`, {
      location,
      hint: `the repository offers ${newest}${offered.length > 5 ? ", \u2026" : ""}`
    });
  }
  return offered.find((o) => o.version === version);
}
function stripUse(r) {
  return { repository: r.repository, chart: r.chart, constraint: r.constraint };
}

// dist/cli/chart-lock.js
async function lockCharts(ctx, options) {
  const projectFile = resolve(ctx.io.cwd, ctx.globals().file);
  const requirements = /* @__PURE__ */ new Map();
  const repositories = /* @__PURE__ */ new Map();
  for (const environment of await environmentsOf(projectFile)) {
    const project = await loadForCommand(ctx, environment);
    collectRequirements(project.releases, project.repositories, requirements);
    for (const r of project.repositories)
      repositories.set(r.name, r);
  }
  const file = lockFileOf(projectFile);
  const previous = await readChartLock(projectFile).catch((error) => {
    if (error instanceof ConfigError)
      return void 0;
    throw error;
  });
  const uses = [...requirements.values()];
  const ociRegistries = [...new Set(uses.flatMap((u) => u.source?.oci ? [u.source] : []))];
  let login;
  const lock = await resolveLock(uses, previous, options.update, {
    index: async (repo) => {
      const credentials = repositoryCredentials(repo, ctx.io.env);
      return parseIndex(await fetchIndex(repo, { credentials }), repo.url);
    },
    oci: async (requirement) => {
      const helm = await ctx.session.helm(options.helmBinary);
      login ??= addRepositories(ociRegistries, helm, ctx.io.env);
      await login;
      return ociVersion(helm, requirement);
    }
  }, /* @__PURE__ */ new Date());
  const unchanged = previous && sameEntries(previous, lock);
  const result = unchanged ? previous : lock;
  if (!unchanged)
    await writeFile(file, formatLock(lock));
  return { file, lock: result, previous, written: !unchanged };
}
function sameEntries(a, b) {
  return a.digest === b.digest && JSON.stringify(a.charts) === JSON.stringify(b.charts);
}
async function environmentsOf(projectFile) {
  if (!await localFiles.exists(projectFile))
    return [void 0];
  const data = parseYaml(await localFiles.read(projectFile), projectFile).data;
  const names = Object.keys(data?.environments ?? {});
  return names.length > 0 ? names : [void 0];
}

export {
  lockCharts
};
