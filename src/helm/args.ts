// Pure builders of helm argument lists. Values always arrive on stdin (`-f -`),
// so no argument ever carries a secret. Helm 3 and Helm 4 differ in a few
// flags (see ../shared/reference: A1); those differences live here only.
import { ConfigError, type SourceLocation } from "../errors.js";
import type { ChartRef, HelmOptions, HelmSettings } from "../model/project.js";
import { ociConnectionArgs } from "./repository-args.js";

export type HelmMajor = 3 | 4;

export interface Target {
  name: string;
  namespace: string;
  kubeContext?: string;
  /** Absolute path of the kubeconfig; absent: helm's own (KUBECONFIG). */
  kubeconfig?: string;
}

/** A release as helm is told about it: its name, namespace and cluster. */
export function releaseTarget(release: Target): Target {
  const { name, namespace, kubeContext, kubeconfig } = release;
  return {
    name,
    namespace,
    ...(kubeContext === undefined ? {} : { kubeContext }),
    ...(kubeconfig === undefined ? {} : { kubeconfig }),
  };
}

/** Where a chart comes from, already mapped to what helm accepts as CHART. */
export interface ChartSource {
  chart: ChartRef;
  version?: string;
}

export const FINGERPRINT_LABEL = "releases.dev/fingerprint";
export const SECRETS_LABEL = "releases.dev/secrets";

function common(target: Target): string[] {
  return ["--namespace", target.namespace, ...clusterArgs(target)];
}

/** The cluster helm talks to: the release's kube context and kubeconfig, when it names them. */
export function clusterArgs(target: Pick<Target, "kubeContext" | "kubeconfig">): string[] {
  const args: string[] = [];
  if (target.kubeContext) args.push("--kube-context", target.kubeContext);
  if (target.kubeconfig) args.push("--kubeconfig", target.kubeconfig);
  return args;
}

export function chartArgs({ chart, version }: ChartSource): string[] {
  const ref =
    chart.kind === "local" || chart.kind === "manifests"
      ? chart.path
      : chart.kind === "repo"
        ? `${chart.repository}/${chart.name}`
        : chart.url;
  const args =
    version && (chart.kind === "repo" || chart.kind === "oci") ? [ref, "--version", version] : [ref];
  // An http(s) repository's TLS options live in helm's repositories.yaml (`repo add`); a registry's do not.
  if (chart.kind === "oci") args.push(...ociConnectionArgs(chart.repository));
  return args;
}

/** The chart into `dir`: unpacked (a repository or OCI chart, for `lint`), or as its archive. */
export function pullArgs(source: ChartSource, dir: string, options: { untar: boolean }): string[] {
  const into = options.untar ? ["--untar", "--untardir", dir] : ["--destination", dir];
  return ["pull", ...chartArgs(source), ...into];
}

/** Applies a release's patches to what helm renders (see render/helm-chart.ts). */
export interface PostRendererArgs {
  /** helm 3: an executable; helm 4: a postrenderer/v1 plugin name. */
  command: string;
  args: readonly string[];
}

function postRendererArgs(postRenderer: PostRendererArgs | undefined): string[] {
  if (!postRenderer) return [];
  return [
    "--post-renderer",
    postRenderer.command,
    ...postRenderer.args.flatMap((a) => ["--post-renderer-args", a]),
  ];
}

function waitArgs(major: HelmMajor, wait: boolean): string[] {
  if (!wait) return [];
  return major === 4 ? ["--wait=watcher"] : ["--wait"];
}

export interface UpgradeOptions {
  major: HelmMajor;
  target: Target;
  source: ChartSource;
  settings: HelmSettings;
  /** Labels stored on the release (helm ≥ 3.13). */
  labels?: Record<string, string>;
  postRenderer?: PostRendererArgs;
  /** Take back fields another manager changed (helm 4 server-side apply): the upgrade corrects drift. */
  forceConflicts?: boolean;
}

/** Flags both `upgrade --install` and the dry-run diff renders with take from the options. */
function renderFlags(o: HelmOptions): string[] {
  const args: string[] = [];
  if (o.skipCRDs) args.push("--skip-crds");
  if (o.disableOpenAPIValidation) args.push("--disable-openapi-validation");
  if (o.skipSchemaValidation) args.push("--skip-schema-validation");
  if (o.devel) args.push("--devel");
  if (o.verify) args.push("--verify");
  return args;
}

/**
 * Options the detected helm cannot honour, checked for every selected release
 * before the first helm call (upgradeFlags refuses them too, as a last guard).
 */
export function checkHelmSupport(
  major: HelmMajor,
  releases: readonly { id: string; installed: boolean; helm?: HelmOptions; location?: SourceLocation }[],
): void {
  const refused = releases.find((r) => r.installed && r.helm?.serverSide === true && major === 3);
  if (refused) {
    throw new ConfigError(`${refused.id}: serverSide: true needs helm 4`, {
      location: refused.location,
      hint: "pass --helm-binary with helm 4, or drop serverSide (helm 3 applies client-side)",
    });
  }
}

/** The upgrade-only options; serverSide: true with helm 3 is refused rather than dropped. */
function upgradeFlags(major: HelmMajor, o: HelmOptions, target: Target): string[] {
  const args = renderFlags(o);
  if (o.waitForJobs) args.push("--wait-for-jobs");
  if (o.force) args.push(major === 4 ? "--force-replace" : "--force");
  if (o.cleanupOnFail) args.push("--cleanup-on-fail");
  if (o.takeOwnership) args.push("--take-ownership");
  if (o.serverSide !== undefined) {
    if (major === 4) args.push(`--server-side=${String(o.serverSide)}`);
    else if (o.serverSide === true) {
      throw new ConfigError(`${target.namespace}/${target.name}: serverSide: true needs helm 4`, {
        hint: "pass --helm-binary with helm 4, or drop serverSide (helm 3 applies client-side)",
      });
    }
  }
  if (o.description !== undefined) args.push("--description", o.description);
  return args;
}

function valuesFlags(o: HelmOptions): string[] {
  if (o.reuseValues) return ["--reuse-values"];
  return o.resetValues === false ? [] : ["--reset-values"];
}

export function upgradeArgs({
  major,
  target,
  source,
  settings,
  labels,
  postRenderer,
  forceConflicts,
}: UpgradeOptions): string[] {
  const o = settings.helm ?? {};
  const args = ["upgrade", "--install", target.name, ...chartArgs(source), ...common(target)];
  args.push(...postRendererArgs(postRenderer));
  args.push("--values", "-", ...valuesFlags(o));
  if (settings.createNamespace) args.push("--create-namespace");
  if (settings.atomic) args.push(major === 4 ? "--rollback-on-failure" : "--atomic");
  args.push(...waitArgs(major, settings.wait || settings.atomic));
  args.push("--timeout", `${settings.timeout}s`, "--history-max", String(settings.historyMax));
  const labelList = Object.entries(labels ?? {}).map(([k, v]) => `${k}=${v}`);
  if (labelList.length > 0) args.push("--labels", labelList.join(","));
  args.push(...upgradeFlags(major, o, target), ...(o.args?.sync ?? []));
  if (forceConflicts && major === 4 && o.serverSide !== false) args.push("--force-conflicts");
  return args;
}

// No --logs: helm 3 fetches logs after a hook-succeeded delete policy removed the
// pod (helm/helm#9098), and a pod without logs (kwok, evicted) fails even a
// passing test; helm's own error names the failed test pod.
export function testArgs(target: Target, timeoutSeconds: number): string[] {
  return ["test", target.name, ...common(target), "--timeout", `${timeoutSeconds}s`];
}

/** What a rollback takes from the release's settings beyond waiting and its timeout. */
export interface RollbackFlags {
  /** --history-max (helm's default, 10, when absent). */
  historyMax?: number;
  /** --wait-for-jobs (only with wait). */
  waitForJobs?: boolean;
  /** helm 3 --force, helm 4 --force-replace. */
  force?: boolean;
}

/**
 * `helm rollback NAME REVISION`: waits (helm 4: the watcher strategy), times
 * out and removes what a failed rollback created. Rollback has no atomic flag
 * in either helm; the caller undoes a failed one (run/rollback-step.ts).
 */
export function rollbackArgs(
  major: HelmMajor,
  target: Target,
  revision: number,
  timeoutSeconds: number,
  wait = true,
  flags: RollbackFlags = {},
): string[] {
  const args = [
    "rollback",
    target.name,
    String(revision),
    ...common(target),
    ...waitArgs(major, wait),
    "--timeout",
    `${timeoutSeconds}s`,
    "--cleanup-on-fail",
  ];
  if (flags.historyMax !== undefined) args.push("--history-max", String(flags.historyMax));
  if (wait && flags.waitForJobs) args.push("--wait-for-jobs");
  if (flags.force) args.push(major === 4 ? "--force-replace" : "--force");
  return args;
}

export function uninstallArgs(
  major: HelmMajor,
  target: Target,
  timeoutSeconds: number,
  wait = true,
): string[] {
  return [
    "uninstall",
    target.name,
    ...common(target),
    ...waitArgs(major, wait),
    "--timeout",
    `${timeoutSeconds}s`,
  ];
}

export function templateArgs(
  target: Target,
  source: ChartSource,
  options: HelmOptions = {},
  postRenderer?: PostRendererArgs,
): string[] {
  const args = [
    "template",
    target.name,
    ...chartArgs(source),
    "--namespace",
    target.namespace,
    "--values",
    "-",
    ...renderFlags(options),
    ...postRendererArgs(postRenderer),
  ];
  if (options.kubeVersion) args.push("--kube-version", options.kubeVersion);
  for (const api of options.apiVersions ?? []) args.push("--api-versions", api);
  args.push(...(options.args?.template ?? []));
  return args;
}

export function lintArgs(target: Target, source: ChartSource, options: HelmOptions = {}): string[] {
  if (source.chart.kind !== "local") throw new Error("helm lint takes a local chart directory");
  const args = ["lint", source.chart.path, "--namespace", target.namespace, "--values", "-", "--strict"];
  if (options.skipSchemaValidation) args.push("--skip-schema-validation");
  if (options.kubeVersion) args.push("--kube-version", options.kubeVersion);
  args.push(...(options.args?.lint ?? []));
  return args;
}

/** The chart's dependencies into its charts/ (repositories were added and updated just before). */
export function dependencyBuildArgs(chartPath: string): string[] {
  return ["dependency", "build", chartPath, "--skip-refresh"];
}

/** Every stored revision of a release, as JSON: `[{revision, status, …}]`. */
export function historyArgs(target: Target): string[] {
  return ["history", target.name, ...common(target), "--output", "json"];
}

export function getManifestArgs(target: Target): string[] {
  return ["get", "manifest", target.name, ...common(target)];
}

/** What an upgrade would deploy, without deploying: the release as JSON, its manifest included. */
export function dryRunArgs(
  target: Target,
  source: ChartSource,
  options: HelmOptions = {},
  postRenderer?: PostRendererArgs,
): string[] {
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
    ...(options.args?.diff ?? []),
  ];
}
