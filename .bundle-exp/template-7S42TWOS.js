import {
  RENDER_GOMAXPROCS,
  detectHelm,
  spawnHelm
} from "./chunk-WU4WVU3X.js";
import {
  debugLine,
  mapLimit,
  withHelmChart
} from "./chunk-RILUZRHU.js";
import {
  addHelmOption,
  addRenderConcurrency
} from "./chunk-AA6YABJK.js";
import {
  prepareRendered
} from "./chunk-QSMOCHMN.js";
import "./chunk-RWJVQS3L.js";
import "./chunk-TJWVONZY.js";
import "./chunk-RBSEO7UU.js";
import "./chunk-3DJX7KBG.js";
import "./chunk-44P4TXDY.js";
import "./chunk-PP4OAP52.js";
import "./chunk-GH6ZRYFL.js";
import "./chunk-CFB6N6L3.js";
import "./chunk-VQSVI6AM.js";
import "./chunk-7Q7BMIIO.js";
import "./chunk-EOAQSOO2.js";
import {
  lintArgs,
  pullArgs,
  releaseTarget,
  templateArgs
} from "./chunk-UHBPNIYZ.js";
import "./chunk-EZPMLSU3.js";
import "./chunk-BFLBSBCJ.js";
import "./chunk-DE4Q4URJ.js";
import {
  HelmError,
  ReleaseFailedError
} from "./chunk-XLEZOOEL.js";
import "./chunk-4VNS5WPM.js";

// dist/charts/pulled-charts.js
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
function chartName(source) {
  const { chart } = source;
  if (chart.kind === "repo")
    return chart.name;
  if (chart.kind === "oci")
    return chart.url.replace(/\/+$/, "").split("/").at(-1);
  throw new Error(`not a repository or OCI chart: ${chart.display}`);
}
async function withPulledCharts(helm, work) {
  let root;
  const pulled = /* @__PURE__ */ new Map();
  const pull = (source) => {
    const key = `${source.chart.display}@${source.version ?? ""}`;
    let dir = pulled.get(key);
    if (!dir) {
      dir = (async () => {
        root ??= mkdtemp(join(tmpdir(), "releases-pull-"));
        const into = join(await root, String(pulled.size));
        await helm.run(pullArgs(source, into, { untar: true }));
        return join(into, chartName(source));
      })();
      pulled.set(key, dir);
    }
    return dir;
  };
  try {
    return await work(pull);
  } finally {
    if (root)
      await rm(await root, { recursive: true, force: true });
  }
}

// dist/helm/batch-choice.js
var BOOL_FLAGS = /* @__PURE__ */ new Set([
  "--include-crds",
  "--skip-crds",
  "--skip-tests",
  "--no-hooks",
  "--is-upgrade",
  "--skip-schema-validation",
  "--disable-openapi-validation",
  "--devel"
]);
var VALUE_FLAGS = /* @__PURE__ */ new Set(["--namespace", "-n", "--kube-version", "--api-versions", "-a"]);
function chooseRenderPath(c, available) {
  if (available.major !== 3)
    return { batch: false, reason: `helm ${available.major}` };
  if (available.unavailable)
    return { batch: false, reason: available.unavailable };
  if (c.chart.kind !== "local")
    return { batch: false, reason: `a ${c.chart.kind} chart` };
  if (c.generatedChart)
    return { batch: false, reason: "a generated chart" };
  if (c.patched)
    return { batch: false, reason: "patches (a post-renderer)" };
  const refused = refusedFlag(c.args);
  if (refused)
    return { batch: false, reason: `the flag ${refused}` };
  return { batch: true };
}
function refusedFlag(args) {
  if (args[0] !== "template" || args.length < 3)
    return args[0] ?? "(none)";
  let stdinValues = 0;
  for (let i = 3; i < args.length; i++) {
    const arg = args[i];
    const eq = arg.indexOf("=");
    const flag = eq < 0 ? arg : arg.slice(0, eq);
    if (BOOL_FLAGS.has(flag)) {
      if (eq >= 0 && !["true", "false"].includes(arg.slice(eq + 1)))
        return arg;
      continue;
    }
    const isValues = flag === "--values" || flag === "-f";
    if (!VALUE_FLAGS.has(flag) && !isValues)
      return flag;
    const value = eq >= 0 ? arg.slice(eq + 1) : args[++i];
    if (value === void 0)
      return flag;
    if (isValues && (value !== "-" || ++stdinValues > 1))
      return `${flag} ${value}`;
  }
  return stdinValues === 1 ? void 0 : "no --values -";
}

// dist/helm/batch-render.js
import { access, constants } from "node:fs/promises";
import path from "node:path";
var BATCH_RENDERER = "releases-render";
async function locateBatchRenderer(helmBinary, env) {
  const dirs = helmBinary.includes(path.sep) ? [path.dirname(helmBinary)] : (env.PATH ?? "").split(path.delimiter).filter(Boolean);
  for (const dir of dirs) {
    const file = path.join(dir, BATCH_RENDERER);
    try {
      await access(file, constants.X_OK);
      return file;
    } catch {
    }
  }
  return void 0;
}
async function openBatchRenderer(helmBinary, env, helmVersion) {
  if (env.RELEASES_RENDER === "off")
    return { unavailable: "RELEASES_RENDER=off" };
  const binary = await locateBatchRenderer(helmBinary, env);
  if (!binary)
    return { unavailable: `no ${BATCH_RENDERER} beside ${helmBinary}` };
  const [ours, helms] = await Promise.all([
    run(binary, ["version"], "", env),
    helmVersion ?? detectHelm(helmBinary, env).then((helm) => helm.version, () => void 0)
  ]);
  const linked = ours.code === 0 ? ours.stdout.trim().split("+")[0] : void 0;
  if (linked === void 0 || linked !== helms) {
    return { unavailable: `${BATCH_RENDERER} links helm ${linked ?? "?"}, ${helmBinary} is ${helms ?? "?"}` };
  }
  return { binary, render: (jobs, concurrency) => renderBatch(binary, jobs, concurrency, env) };
}
async function renderBatch(binary, jobs, concurrency, env) {
  if (jobs.length === 0)
    return [];
  const out = await run(binary, ["-j", String(concurrency)], JSON.stringify(jobs), env);
  if (out.code !== 0) {
    throw new Error(`${binary} failed (exit code ${out.code}): ${out.stderr.trim()}`);
  }
  const results = new Array(jobs.length);
  for (const line of out.stdout.split("\n")) {
    if (line === "")
      continue;
    const { index, manifest, error, refused } = JSON.parse(line);
    results[index] = manifest !== void 0 ? { manifest } : error !== void 0 ? { error } : { refused: refused ?? "" };
  }
  const missing = results.indexOf(void 0);
  if (missing >= 0)
    throw new Error(`${binary} gave no result for job ${missing}`);
  return results;
}
var run = (binary, args, stdin, env) => spawnHelm(binary, args, { ...env }, { stdin });

// dist/cli/template-output.js
async function templateManifests(releases, { helm, env, concurrency, debug }) {
  const renderer = helm.major === 3 ? await openBatchRenderer(helm.binary, env, helm.version) : void 0;
  const unavailable = renderer && "unavailable" in renderer ? renderer.unavailable : void 0;
  const plans = releases.map((r) => {
    const { release } = r;
    const args = templateArgs(releaseTarget(release), { chart: release.chart, version: release.version }, release.helm);
    const choice = chooseRenderPath({ chart: release.chart, generatedChart: r.manifests !== void 0, patched: !!release.patches, args }, { major: helm.major, unavailable });
    return { r, args, choice };
  });
  const batch = plans.filter((p) => p.choice.batch);
  const viaHelm = async (r) => {
    const { release } = r;
    try {
      const out = await withHelmChart(r, { major: helm.major }, (chart) => helm.run(templateArgs(releaseTarget(release), chart.source, release.helm, chart.postRenderer), {
        stdin: r.valuesYaml,
        env: chart.env,
        goMaxProcs: RENDER_GOMAXPROCS
      }));
      return out.stdout;
    } catch (error) {
      throw error instanceof HelmError ? naming(release.id, error) : error;
    }
  };
  const results = renderer && "render" in renderer && batch.length > 0 ? await renderer.render(batch.map((p) => ({ args: p.args, valuesYaml: p.r.valuesYaml })), concurrency) : [];
  const batchResult = new Map(batch.map((p, i) => [p, results[i]]));
  for (const p of plans) {
    const result = batchResult.get(p);
    const path2 = !p.choice.batch ? `helm template (${p.choice.reason})` : result && "refused" in result ? `helm template (${renderer && "binary" in renderer ? renderer.binary : ""} refused: ${result.refused})` : "batch (releases-render)";
    debug?.(`template ${p.r.release.id}: ${path2}`);
  }
  const failed = plans.find((p) => {
    const result = batchResult.get(p);
    return result !== void 0 && "error" in result;
  });
  if (failed) {
    const { error } = batchResult.get(failed);
    throw naming(failed.r.release.id, helm.failure(failed.args, 1, `Error: ${error}
`));
  }
  return mapLimit(plans, concurrency, async (p) => {
    const result = batchResult.get(p);
    return result && "manifest" in result ? result.manifest : viaHelm(p.r);
  });
}
function naming(id, error) {
  return new HelmError(`${id}: ${error.message}`, error.args, error.helmExitCode, error.stderr);
}

// dist/cli/commands/template.js
function registerTemplate(program, ctx) {
  addRenderConcurrency(addHelmOption(program.command("template").description("render the selected releases' manifests with helm template (no cluster needed; secrets redacted)").addHelpText("after", `
Examples:
  releases template -e production -l app=app1
  releases template -e development > rendered.yaml`))).action(async (options) => {
    const { rendered, helm } = await prepareRendered(ctx, options.helmBinary, {
      addRepositories: true
    });
    const installed = rendered.filter((r) => r.release.installed);
    const manifests = await templateManifests(installed, {
      helm,
      env: ctx.io.env,
      concurrency: options.concurrency,
      debug: debugLine(ctx)
    });
    const outputs = installed.map((r, i) => `# release: ${r.release.id}
${manifests[i]}`);
    ctx.io.stdout.write(outputs.join("---\n"));
  });
  addRenderConcurrency(addHelmOption(program.command("lint").description("helm lint --strict each selected release's chart (repository and OCI charts as pulled) with its rendered values").addHelpText("after", `
Examples:
  releases lint -e production
  releases lint -e staging -l tier=core`))).action(async (options) => {
    const globals = ctx.globals();
    const { rendered, helm } = await prepareRendered(ctx, options.helmBinary, { addRepositories: true });
    const installed = rendered.filter((x) => x.release.installed);
    const results = await withPulledCharts(helm, (pull) => mapLimit(installed, options.concurrency, (r) => withHelmChart(r, { major: helm.major }, async (chart) => {
      const kind = chart.source.chart.kind;
      const source = kind === "repo" || kind === "oci" ? {
        chart: {
          kind: "local",
          path: await pull(chart.source),
          display: r.release.chart.display
        }
      } : chart.source;
      return helm.run(lintArgs({ name: r.release.name, namespace: r.release.namespace }, source, r.release.helm), {
        stdin: r.valuesYaml,
        allowFailure: true,
        goMaxProcs: RENDER_GOMAXPROCS
      });
    })));
    let failed = 0;
    for (const [i, r] of installed.entries()) {
      const { release } = r;
      const out = results[i];
      const ok = out.code === 0;
      if (!ok)
        failed++;
      ctx.io.stdout.write(`${release.id}: ${ok ? "ok" : "FAILED"}
`);
      if (!ok || globals.debug)
        ctx.io.stdout.write(`${out.stdout}${out.stderr}`.replace(/^/gm, "  "));
    }
    if (failed > 0)
      throw new ReleaseFailedError(`${failed} release(s) failed lint`);
  });
}
export {
  registerTemplate
};
