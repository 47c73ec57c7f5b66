// Plain data describing a loaded project. Built by config/, read by everything else.
import type { SourceLocation } from "../errors.js";
import type { ReleaseGraph } from "../graph/release-graph.js";

/** A layer of values: a file (a `.hbs` file is a handlebars template) or an inline map. */
export type ValuesSource =
  | { kind: "file"; path: string; template: boolean; location: SourceLocation }
  | { kind: "inline"; data: Record<string, unknown>; location: SourceLocation };

/** A SOPS-encrypted values file. */
export interface SecretsFile {
  path: string;
  location: SourceLocation;
}

export type ChartRef =
  | { kind: "local"; path: string; display: string }
  | { kind: "repo"; repository: string; name: string; display: string }
  /** `repository`: the `repositories:` entry whose URL it lies under (its TLS options apply). */
  | { kind: "oci"; url: string; display: string; repository?: Repository }
  /** A directory of plain manifests, or a kustomization: rendered, then deployed as a generated chart. */
  | { kind: "manifests"; path: string; display: string; kustomize: boolean };

export interface Repository {
  name: string;
  url: string;
  oci: boolean;
  /** Names of the environment variables holding credentials; values are read at use. */
  usernameEnv?: string;
  passwordEnv?: string;
  /** Absolute paths: the CA bundle, and the client certificate and key (mutual TLS). */
  caFile?: string;
  certFile?: string;
  keyFile?: string;
  insecureSkipTLSVerify?: boolean;
  /** OCI only: plain HTTP to the registry. */
  plainHttp?: boolean;
  /** http(s) only: credentials also go to other hosts the charts are served from. */
  passCredentials?: boolean;
  location: SourceLocation;
}

/** Where extra helm flags (`args`) go. */
export type HelmCommandKind = "sync" | "template" | "diff" | "lint";

/** Helm options beyond the core settings; each is passed only when set. */
export interface HelmOptions {
  waitForJobs?: boolean;
  skipCRDs?: boolean;
  force?: boolean;
  cleanupOnFail?: boolean;
  disableOpenAPIValidation?: boolean;
  skipSchemaValidation?: boolean;
  takeOwnership?: boolean;
  /** Helm 4 only: server-side apply (`auto` keeps the release's previous method). */
  serverSide?: boolean | "auto";
  description?: string;
  devel?: boolean;
  verify?: boolean;
  reuseValues?: boolean;
  resetValues?: boolean;
  /** For rendering (template): the Kubernetes version and API versions charts see. */
  kubeVersion?: string;
  apiVersions?: string[];
  /** Extra helm flags per command kind, checked against the flags releases controls. */
  args?: Partial<Record<HelmCommandKind, string[]>>;
}

export interface HelmSettings {
  createNamespace: boolean;
  atomic: boolean;
  wait: boolean;
  /** Seconds. */
  timeout: number;
  tests: boolean;
  historyMax: number;
  /** Undefined when the release sets none (so fingerprints of releases without them do not change). */
  helm?: HelmOptions;
}

/** Which cluster: a context of a kubeconfig (both undefined: the current context of KUBECONFIG). */
export interface ClusterRef {
  kubeContext?: string;
  /** Absolute path of a kubeconfig file. */
  kubeconfig?: string;
}

export interface Release extends HelmSettings, ClusterRef {
  /**
   * `namespace/name`, unique in a project; `kubeContext/namespace/name` when
   * another cluster of the project holds the same `namespace/name`.
   */
  id: string;
  name: string;
  namespace: string;
  chart: ChartRef;
  version?: string;
  labels: Record<string, string>;
  /** Release ids this release needs, resolved from `name` or `namespace/name`. */
  needs: string[];
  values: ValuesSource[];
  secrets: SecretsFile[];
  /** `set` entries, dotted key to value; applied over every other layer. */
  set: Record<string, unknown>;
  /** false: the release must be absent (uninstalled). */
  installed: boolean;
  /** Path in the environment values that switches the release on or off, as written. */
  condition?: string;
  /** Where the release is written: its file (releases.yaml or an included one), line and index. */
  location: SourceLocation;
  /** Patches applied to the rendered manifests through helm's post-render step. */
  patches?: ReleasePatches;
  hooks?: Hook[];
  /** The chart's crds/ directory: helm's default (create), create-or-replace on every deploy, or skip. */
  crds?: "create" | "createReplace" | "skip";
  /** Attempts after a failed install/upgrade (or failed tests); absent: none. Not part of the fingerprint. */
  retries?: RetryPolicy;
  /** How live objects are compared with the deployed manifest; undefined: enabled, no rules of its own. */
  driftDetection?: DriftDetection;
}

/** How a failed install/upgrade is tried again: `count` more times, waiting `backoffSeconds`, doubled each time. */
export interface RetryPolicy {
  count: number;
  backoffSeconds: number;
}

/** `enabled`: detect and correct (apply redeploys); `warn`: detect and report only; `disabled`: no check. */
export type DriftMode = "enabled" | "warn" | "disabled";

/** Differences that are not drift: fields (JSON pointers) of the objects a target matches. */
export interface DriftIgnoreRule {
  /** Omitted fields match any object; name and namespace are anchored regular expressions. */
  target?: PatchTarget;
  /** JSON pointers; everything beneath one is ignored too, and a `*` segment matches any one key or index. */
  paths: string[];
  /** Where it comes from, for reports: `driftDetection.ignore[0]`, `scaled by HorizontalPodAutoscaler web`, … */
  rule: string;
}

export interface DriftDetection {
  mode: DriftMode;
  /** The file's defaults' rules, then the release's own. */
  ignore: DriftIgnoreRule[];
}

/** Which rendered resources a JSON patch applies to; name and namespace are anchored regexps. */
export interface PatchTarget {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
}

export interface ReleasePatches {
  jsonPatches: { target: PatchTarget; patch: Record<string, unknown>[]; label: string }[];
  strategicMergePatches: { patch: Record<string, unknown>; label: string }[];
  transformers: { transformer: Record<string, unknown>; label: string }[];
}

export type HookEvent =
  | "prepare"
  | "preapply"
  | "presync"
  | "postsync"
  | "preuninstall"
  | "postuninstall"
  | "cleanup";

export interface Hook {
  name?: string;
  events: HookEvent[];
  command: string;
  /** Already rendered. */
  args: string[];
  showlogs: boolean;
  location: SourceLocation;
}

export interface Environment extends ClusterRef {
  name: string;
  values: ValuesSource[];
  secrets: SecretsFile[];
}

export interface Project {
  /** Absolute path of releases.yaml. */
  file: string;
  /** Directory relative paths resolve against. */
  dir: string;
  /** Absolute paths of releases.yaml and every file it includes, in the order they were read. */
  files: string[];
  environment: Environment;
  /** Names of every environment the file declares (empty: the file has none). */
  environmentNames: string[];
  /** The environment's plain (non-secret) values, merged in layer order. */
  environmentValues: Record<string, unknown>;
  repositories: Repository[];
  /** The releases switched on (a `condition` may switch one off). */
  releases: Release[];
  /** Their needs graph, built and validated once while loading. */
  graph: ReleaseGraph;
  /** The namespace of the deploy lock's Lease, when the project sets one (else the kube context's, else `default`). */
  lockNamespace?: string;
}
