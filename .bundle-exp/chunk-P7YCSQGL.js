import {
  external_exports
} from "./chunk-T6BXHNBH.js";

// dist/config/schema.js
var templated = external_exports.string().min(1);
var duration = external_exports.union([
  external_exports.number().int().positive(),
  external_exports.string().regex(/^(\d+h)?(\d+m)?(\d+s)?$|^\d+$/, "a duration like 90s, 5m or 1h30m")
]).describe("seconds, or a duration such as 90s, 5m, 1h30m");
var optionalFile = external_exports.strictObject({
  path: templated.describe("the file; templated like the plain form"),
  optional: external_exports.boolean().describe("true: a missing file is skipped instead of being an error")
}).describe("a file that may be missing");
var valuesEntry = external_exports.union([templated, optionalFile, external_exports.record(external_exports.string(), external_exports.unknown())]).describe("a values file (a .hbs file is a handlebars template), {path, optional: true}, or an inline map (its strings are templates)");
var secretsEntry = external_exports.union([templated, optionalFile]).describe("a SOPS file, or {path, optional: true}");
var labelValue = external_exports.union([external_exports.string(), external_exports.number(), external_exports.boolean()]).transform(String);
var helmSettings = {
  createNamespace: external_exports.boolean().optional().describe("create the namespace if missing (default true)"),
  atomic: external_exports.boolean().optional().describe("roll back on failure (default true)"),
  wait: external_exports.boolean().optional().describe("wait for resources to be ready (default true)"),
  timeout: duration.optional().describe("helm timeout (default 300s)"),
  tests: external_exports.boolean().optional().describe("run helm tests after install/upgrade (default false)"),
  historyMax: external_exports.number().int().nonnegative().optional().describe("revisions kept per release (default 10)"),
  waitForJobs: external_exports.boolean().optional().describe("helm --wait-for-jobs: wait for Jobs to complete"),
  skipCRDs: external_exports.boolean().optional().describe("helm --skip-crds"),
  force: external_exports.boolean().optional().describe("helm 3 --force, helm 4 --force-replace: replace resources"),
  cleanupOnFail: external_exports.boolean().optional().describe("helm --cleanup-on-fail"),
  disableOpenAPIValidation: external_exports.boolean().optional().describe("helm --disable-openapi-validation"),
  skipSchemaValidation: external_exports.boolean().optional().describe("helm --skip-schema-validation (values.schema.json)"),
  takeOwnership: external_exports.boolean().optional().describe("helm --take-ownership (helm >= 3.17)"),
  serverSide: external_exports.union([external_exports.boolean(), external_exports.literal("auto")]).optional().describe("helm 4 --server-side: true, false or auto; true is refused with helm 3"),
  description: external_exports.string().optional().describe("helm --description, stored in the release's history"),
  devel: external_exports.boolean().optional().describe("helm --devel: accept pre-release chart versions"),
  verify: external_exports.boolean().optional().describe("helm --verify: verify the chart's provenance"),
  reuseValues: external_exports.boolean().optional().describe("helm --reuse-values instead of --reset-values"),
  resetValues: external_exports.boolean().optional().describe("helm --reset-values (default true; false passes neither)"),
  kubeVersion: external_exports.string().optional().describe("helm template --kube-version"),
  apiVersions: external_exports.array(external_exports.string().min(1)).optional().describe("helm template --api-versions"),
  args: external_exports.strictObject({
    sync: external_exports.array(external_exports.string()).optional().describe("extra flags of helm upgrade --install (sync, apply, rotate)"),
    template: external_exports.array(external_exports.string()).optional().describe("extra flags of helm template"),
    diff: external_exports.array(external_exports.string()).optional().describe("extra flags of the dry-run diff renders with"),
    lint: external_exports.array(external_exports.string()).optional().describe("extra flags of helm lint")
  }).optional().describe("extra helm flags per command; flags releases controls (values, --atomic, --wait\u2026) are refused")
};
var patchTarget = external_exports.strictObject({
  group: external_exports.string().optional(),
  version: external_exports.string().optional(),
  kind: external_exports.string().optional(),
  name: external_exports.string().optional().describe("a name, or an anchored regular expression"),
  namespace: external_exports.string().optional().describe("a namespace, or an anchored regular expression")
}).describe("which rendered resources the patch applies to; omitted fields match anything");
var jsonPatch = external_exports.union([
  external_exports.strictObject({
    target: patchTarget,
    patch: external_exports.array(external_exports.record(external_exports.string(), external_exports.unknown())).describe("RFC 6902 operations")
  }),
  external_exports.strictObject({ target: patchTarget, path: templated.describe("a YAML file of RFC 6902 operations") })
]);
var kustomizeObject = external_exports.record(external_exports.string(), external_exports.unknown()).describe("an inline document, or a YAML file path (string)");
var hookEvents = [
  "prepare",
  "preapply",
  "presync",
  "postsync",
  "preuninstall",
  "postuninstall",
  "cleanup"
];
var hook = external_exports.strictObject({
  name: external_exports.string().optional(),
  events: external_exports.array(external_exports.enum(hookEvents)).min(1),
  command: external_exports.string().min(1),
  args: external_exports.array(external_exports.string()).optional().describe("templates: environment, values, release"),
  showlogs: external_exports.boolean().optional().describe("print the command's output")
});
var renderKeys = {
  jsonPatches: external_exports.array(jsonPatch).optional().describe("RFC 6902 patches applied to the rendered manifests"),
  strategicMergePatches: external_exports.array(external_exports.union([templated, kustomizeObject])).optional().describe("strategic merge patches (core kinds' merge keys), matched by apiVersion/kind/metadata.name"),
  transformers: external_exports.array(external_exports.union([templated, kustomizeObject])).optional().describe("kustomize builtin LabelTransformer / AnnotationsTransformer objects"),
  hooks: external_exports.array(hook).optional().describe("commands run around the release's deploy and uninstall"),
  crds: external_exports.enum(["create", "createReplace", "skip"]).optional().describe("the chart's crds/: create (helm's default: first install only), createReplace (create or replace on every install and upgrade), skip")
};
var retryCount = external_exports.number().int().min(0).max(10).describe("how many times a failed install/upgrade is tried again (0 to 10)");
var retryKeys = {
  retries: external_exports.union([
    retryCount,
    external_exports.strictObject({
      count: retryCount,
      backoff: duration.optional().describe("wait before the first retry, doubled for each next one, at most 5m (default 5s)")
    })
  ]).optional().describe("retries of a failed install/upgrade or failed tests, each after its rollback: a count, or {count, backoff}; needs atomic: true")
};
var jsonPointer = external_exports.string().regex(/^(\/([^~]|~[01])*)+$/, "a JSON pointer such as /spec/replicas (~0 for ~, ~1 for / in a key)").describe("a JSON pointer; a * segment matches any one key or index");
var driftDetectionSchema = external_exports.strictObject({
  mode: external_exports.enum(["enabled", "warn", "disabled"]).optional().describe("enabled (default): status reports drift and apply redeploys drifted releases; warn: reported only; disabled: not checked"),
  ignore: external_exports.array(external_exports.strictObject({
    paths: external_exports.array(jsonPointer).min(1).describe("fields that may differ from the deployed manifest"),
    target: patchTarget.optional().describe("which objects; omitted: every object of the release")
  })).optional().describe("differences that are not drift")
}).describe("compare the live objects with what helm deployed (server-side dry-run apply)");
var clusterKeys = {
  kubeContext: templated.optional().describe("the kube context (of the kubeconfig) the releases deploy to; default: the current context"),
  kubeconfig: external_exports.string().min(1).optional().describe("a kubeconfig file (relative to the file it is written in); default: KUBECONFIG or ~/.kube/config")
};
var environmentSchema = external_exports.strictObject({
  values: external_exports.array(valuesEntry).optional(),
  secrets: external_exports.array(secretsEntry).optional().describe("SOPS-encrypted values files"),
  ...clusterKeys
});
var repositorySchema = external_exports.strictObject({
  name: external_exports.string().regex(/^[a-z0-9][a-z0-9._-]*$/i, "a repository name (letters, digits, . _ -)"),
  url: external_exports.string().min(1).describe("https:// chart repository or oci:// registry"),
  usernameEnv: external_exports.string().optional().describe("environment variable holding the username"),
  passwordEnv: external_exports.string().optional().describe("environment variable holding the password"),
  caFile: external_exports.string().min(1).optional().describe("CA bundle that verifies the server's certificate (relative to releases.yaml)"),
  certFile: external_exports.string().min(1).optional().describe("client certificate (with keyFile), for mutual TLS"),
  keyFile: external_exports.string().min(1).optional().describe("client key (with certFile), for mutual TLS"),
  insecureSkipTLSVerify: external_exports.boolean().optional().describe("do not verify the server's certificate"),
  plainHttp: external_exports.boolean().optional().describe("oci:// only: talk plain HTTP to the registry"),
  passCredentials: external_exports.boolean().optional().describe("https repositories only: send the credentials to other hosts charts are served from too")
});
var releaseFields = {
  namespace: templated.optional(),
  chart: templated.optional().describe("local path (./charts/x), repo/chart, or oci://registry/path/chart; required, here or in an inherited template"),
  version: templated.optional(),
  labels: external_exports.record(external_exports.string(), labelValue).optional(),
  needs: external_exports.array(external_exports.string().min(1)).optional().describe("releases to deploy first: name, namespace/name or kubeContext/namespace/name"),
  values: external_exports.array(valuesEntry).optional(),
  secrets: external_exports.array(secretsEntry).optional(),
  set: external_exports.record(external_exports.string(), external_exports.unknown()).optional().describe("helm --set style paths; win over every other layer; string values are templates"),
  installed: external_exports.boolean().optional(),
  condition: external_exports.string().optional().describe("a path in the environment values; false switches the release off"),
  ...clusterKeys,
  ...helmSettings,
  ...renderKeys,
  ...retryKeys,
  driftDetection: driftDetectionSchema.optional()
};
var INHERITABLE_FIELDS = Object.keys(releaseFields);
var inheritEntry = external_exports.union([
  external_exports.string().min(1),
  external_exports.strictObject({
    template: external_exports.string().min(1).describe("the name of an entry under templates:"),
    except: external_exports.array(external_exports.enum(INHERITABLE_FIELDS)).optional().describe("fields of the template not to inherit")
  })
]).describe("a template name, or {template, except: [field, ...]}");
var templateSchema = external_exports.strictObject(releaseFields).describe("a partial release that releases inherit");
var releaseSchema = external_exports.strictObject({
  name: external_exports.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "a helm release name (lower-case letters, digits, -)"),
  inherit: external_exports.array(inheritEntry).optional().describe("templates applied in order, then the release's own keys (maps merge, lists are replaced)"),
  ...releaseFields
});
var defaultsSchema = external_exports.strictObject({
  namespace: templated.optional(),
  lockNamespace: external_exports.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "a namespace name").optional().describe("where the deploy lock (a Lease) lives; default: the kube context's namespace, else `default`"),
  ...clusterKeys,
  ...helmSettings,
  ...retryKeys,
  driftDetection: driftDetectionSchema.optional().describe("the releases' default mode, and ignore rules added before each release's own")
});
var fileFields = {
  include: external_exports.array(external_exports.string().min(1)).optional().describe("other project files or globs (teams/*.yaml), relative to this file; their releases join the graph"),
  defaults: defaultsSchema.optional().describe("defaults for this file's releases (and the files it includes)"),
  templates: external_exports.record(external_exports.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, "a template name"), templateSchema).optional().describe("named partial releases that releases inherit"),
  releases: external_exports.array(releaseSchema).optional()
};
var projectSchema = external_exports.strictObject({
  environments: external_exports.record(external_exports.string().regex(/^[a-z0-9][a-z0-9_-]*$/i), environmentSchema.nullable()).optional(),
  repositories: external_exports.array(repositorySchema).optional(),
  ...fileFields
});
var includedFileSchema = external_exports.strictObject(fileFields);

export {
  hookEvents,
  environmentSchema,
  repositorySchema,
  templateSchema,
  releaseSchema,
  defaultsSchema,
  projectSchema,
  includedFileSchema
};
