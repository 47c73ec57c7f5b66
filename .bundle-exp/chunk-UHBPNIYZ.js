import {
  ociConnectionArgs
} from "./chunk-EZPMLSU3.js";
import {
  ConfigError
} from "./chunk-XLEZOOEL.js";

// dist/helm/args.js
function releaseTarget(release) {
  const { name, namespace, kubeContext, kubeconfig } = release;
  return {
    name,
    namespace,
    ...kubeContext === void 0 ? {} : { kubeContext },
    ...kubeconfig === void 0 ? {} : { kubeconfig }
  };
}
var FINGERPRINT_LABEL = "releases.dev/fingerprint";
var SECRETS_LABEL = "releases.dev/secrets";
function common(target) {
  return ["--namespace", target.namespace, ...clusterArgs(target)];
}
function clusterArgs(target) {
  const args = [];
  if (target.kubeContext)
    args.push("--kube-context", target.kubeContext);
  if (target.kubeconfig)
    args.push("--kubeconfig", target.kubeconfig);
  return args;
}
function chartArgs({ chart, version }) {
  const ref = chart.kind === "local" || chart.kind === "manifests" ? chart.path : chart.kind === "repo" ? `${chart.repository}/${chart.name}` : chart.url;
  const args = version && (chart.kind === "repo" || chart.kind === "oci") ? [ref, "--version", version] : [ref];
  if (chart.kind === "oci")
    args.push(...ociConnectionArgs(chart.repository));
  return args;
}
function pullArgs(source, dir, options) {
  const into = options.untar ? ["--untar", "--untardir", dir] : ["--destination", dir];
  return ["pull", ...chartArgs(source), ...into];
}
function postRendererArgs(postRenderer) {
  if (!postRenderer)
    return [];
  return [
    "--post-renderer",
    postRenderer.command,
    ...postRenderer.args.flatMap((a) => ["--post-renderer-args", a])
  ];
}
function waitArgs(major, wait) {
  if (!wait)
    return [];
  return major === 4 ? ["--wait=watcher"] : ["--wait"];
}
function renderFlags(o) {
  const args = [];
  if (o.skipCRDs)
    args.push("--skip-crds");
  if (o.disableOpenAPIValidation)
    args.push("--disable-openapi-validation");
  if (o.skipSchemaValidation)
    args.push("--skip-schema-validation");
  if (o.devel)
    args.push("--devel");
  if (o.verify)
    args.push("--verify");
  return args;
}
function checkHelmSupport(major, releases) {
  const refused = releases.find((r) => r.installed && r.helm?.serverSide === true && major === 3);
  if (refused) {
    throw new ConfigError(`${refused.id}: serverSide: true needs helm 4`, {
      location: refused.location,
      hint: "pass --helm-binary with helm 4, or drop serverSide (helm 3 applies client-side)"
    });
  }
}
function upgradeFlags(major, o, target) {
  const args = renderFlags(o);
  if (o.waitForJobs)
    args.push("--wait-for-jobs");
  if (o.force)
    args.push(major === 4 ? "--force-replace" : "--force");
  if (o.cleanupOnFail)
    args.push("--cleanup-on-fail");
  if (o.takeOwnership)
    args.push("--take-ownership");
  if (o.serverSide !== void 0) {
    if (major === 4)
      args.push(`--server-side=${String(o.serverSide)}`);
    else if (o.serverSide === true) {
      throw new ConfigError(`${target.namespace}/${target.name}: serverSide: true needs helm 4`, {
        hint: "pass --helm-binary with helm 4, or drop serverSide (helm 3 applies client-side)"
      });
    }
  }
  if (o.description !== void 0)
    args.push("--description", o.description);
  return args;
}
function valuesFlags(o) {
  if (o.reuseValues)
    return ["--reuse-values"];
  return o.resetValues === false ? [] : ["--reset-values"];
}
function upgradeArgs({ major, target, source, settings, labels, postRenderer, forceConflicts }) {
  const o = settings.helm ?? {};
  const args = ["upgrade", "--install", target.name, ...chartArgs(source), ...common(target)];
  args.push(...postRendererArgs(postRenderer));
  args.push("--values", "-", ...valuesFlags(o));
  if (settings.createNamespace)
    args.push("--create-namespace");
  if (settings.atomic)
    args.push(major === 4 ? "--rollback-on-failure" : "--atomic");
  args.push(...waitArgs(major, settings.wait || settings.atomic));
  args.push("--timeout", `${settings.timeout}s`, "--history-max", String(settings.historyMax));
  const labelList = Object.entries(labels ?? {}).map(([k, v]) => `${k}=${v}`);
  if (labelList.length > 0)
    args.push("--labels", labelList.join(","));
  args.push(...upgradeFlags(major, o, target), ...o.args?.sync ?? []);
  if (forceConflicts && major === 4 && o.serverSide !== false)
    args.push("--force-conflicts");
  return args;
}
function testArgs(target, timeoutSeconds) {
  return ["test", target.name, ...common(target), "--timeout", `${timeoutSeconds}s`];
}
function rollbackArgs(major, target, revision, timeoutSeconds, wait = true, flags = {}) {
  const args = [
    "rollback",
    target.name,
    String(revision),
    ...common(target),
    ...waitArgs(major, wait),
    "--timeout",
    `${timeoutSeconds}s`,
    "--cleanup-on-fail"
  ];
  if (flags.historyMax !== void 0)
    args.push("--history-max", String(flags.historyMax));
  if (wait && flags.waitForJobs)
    args.push("--wait-for-jobs");
  if (flags.force)
    args.push(major === 4 ? "--force-replace" : "--force");
  return args;
}
function uninstallArgs(major, target, timeoutSeconds, wait = true) {
  return [
    "uninstall",
    target.name,
    ...common(target),
    ...waitArgs(major, wait),
    "--timeout",
    `${timeoutSeconds}s`
  ];
}
function templateArgs(target, source, options = {}, postRenderer) {
  const args = [
    "template",
    target.name,
    ...chartArgs(source),
    "--namespace",
    target.namespace,
    "--values",
    "-",
    ...renderFlags(options),
    ...postRendererArgs(postRenderer)
  ];
  if (options.kubeVersion)
    args.push("--kube-version", options.kubeVersion);
  for (const api of options.apiVersions ?? [])
    args.push("--api-versions", api);
  args.push(...options.args?.template ?? []);
  return args;
}
function lintArgs(target, source, options = {}) {
  if (source.chart.kind !== "local")
    throw new Error("helm lint takes a local chart directory");
  const args = ["lint", source.chart.path, "--namespace", target.namespace, "--values", "-", "--strict"];
  if (options.skipSchemaValidation)
    args.push("--skip-schema-validation");
  if (options.kubeVersion)
    args.push("--kube-version", options.kubeVersion);
  args.push(...options.args?.lint ?? []);
  return args;
}
function dependencyBuildArgs(chartPath) {
  return ["dependency", "build", chartPath, "--skip-refresh"];
}
function historyArgs(target) {
  return ["history", target.name, ...common(target), "--output", "json"];
}
function getManifestArgs(target) {
  return ["get", "manifest", target.name, ...common(target)];
}
function dryRunArgs(target, source, options = {}, postRenderer) {
  return [
    "upgrade",
    "--install",
    target.name,
    ...chartArgs(source),
    ...common(target),
    ...postRendererArgs(postRenderer),
    "--values",
    "-",
    ...valuesFlags(options),
    "--dry-run=client",
    "--output",
    "json",
    ...renderFlags(options),
    ...options.args?.diff ?? []
  ];
}

export {
  releaseTarget,
  FINGERPRINT_LABEL,
  SECRETS_LABEL,
  clusterArgs,
  chartArgs,
  pullArgs,
  checkHelmSupport,
  upgradeArgs,
  testArgs,
  rollbackArgs,
  uninstallArgs,
  templateArgs,
  lintArgs,
  dependencyBuildArgs,
  historyArgs,
  getManifestArgs,
  dryRunArgs
};
