// The shape of releases.yaml, defined once: `releases` validates with it and
// `npm run build` writes the JSON Schema editors use from the same definition.
import { z } from "zod";

const templated = z.string().min(1);
const duration = z
  .union([
    z.number().int().positive(),
    z.string().regex(/^(\d+h)?(\d+m)?(\d+s)?$|^\d+$/, "a duration like 90s, 5m or 1h30m"),
  ])
  .describe("seconds, or a duration such as 90s, 5m, 1h30m");
/** `{path, optional: true}`: a file that may be missing (e.g. a per-environment override). */
const optionalFile = z
  .strictObject({
    path: templated.describe("the file; templated like the plain form"),
    optional: z.boolean().describe("true: a missing file is skipped instead of being an error"),
  })
  .describe("a file that may be missing");
const valuesEntry = z
  .union([templated, optionalFile, z.record(z.string(), z.unknown())])
  .describe(
    "a values file (a .hbs file is a handlebars template), {path, optional: true}, or an inline map (its strings are templates)",
  );
const secretsEntry = z.union([templated, optionalFile]).describe("a SOPS file, or {path, optional: true}");
const labelValue = z.union([z.string(), z.number(), z.boolean()]).transform(String);

const helmSettings = {
  createNamespace: z.boolean().optional().describe("create the namespace if missing (default true)"),
  atomic: z.boolean().optional().describe("roll back on failure (default true)"),
  wait: z.boolean().optional().describe("wait for resources to be ready (default true)"),
  timeout: duration.optional().describe("helm timeout (default 300s)"),
  tests: z.boolean().optional().describe("run helm tests after install/upgrade (default false)"),
  historyMax: z.number().int().nonnegative().optional().describe("revisions kept per release (default 10)"),
  waitForJobs: z.boolean().optional().describe("helm --wait-for-jobs: wait for Jobs to complete"),
  skipCRDs: z.boolean().optional().describe("helm --skip-crds"),
  force: z.boolean().optional().describe("helm 3 --force, helm 4 --force-replace: replace resources"),
  cleanupOnFail: z.boolean().optional().describe("helm --cleanup-on-fail"),
  disableOpenAPIValidation: z.boolean().optional().describe("helm --disable-openapi-validation"),
  skipSchemaValidation: z.boolean().optional().describe("helm --skip-schema-validation (values.schema.json)"),
  takeOwnership: z.boolean().optional().describe("helm --take-ownership (helm >= 3.17)"),
  serverSide: z
    .union([z.boolean(), z.literal("auto")])
    .optional()
    .describe("helm 4 --server-side: true, false or auto; true is refused with helm 3"),
  description: z.string().optional().describe("helm --description, stored in the release's history"),
  devel: z.boolean().optional().describe("helm --devel: accept pre-release chart versions"),
  verify: z.boolean().optional().describe("helm --verify: verify the chart's provenance"),
  reuseValues: z.boolean().optional().describe("helm --reuse-values instead of --reset-values"),
  resetValues: z.boolean().optional().describe("helm --reset-values (default true; false passes neither)"),
  kubeVersion: z.string().optional().describe("helm template --kube-version"),
  apiVersions: z.array(z.string().min(1)).optional().describe("helm template --api-versions"),
  args: z
    .strictObject({
      sync: z
        .array(z.string())
        .optional()
        .describe("extra flags of helm upgrade --install (sync, apply, rotate)"),
      template: z.array(z.string()).optional().describe("extra flags of helm template"),
      diff: z.array(z.string()).optional().describe("extra flags of the dry-run diff renders with"),
      lint: z.array(z.string()).optional().describe("extra flags of helm lint"),
    })
    .optional()
    .describe(
      "extra helm flags per command; flags releases controls (values, --atomic, --wait…) are refused",
    ),
};

// --- rendering: patches, transformers, hooks (helmfile's spelling) ---
const patchTarget = z
  .strictObject({
    group: z.string().optional(),
    version: z.string().optional(),
    kind: z.string().optional(),
    name: z.string().optional().describe("a name, or an anchored regular expression"),
    namespace: z.string().optional().describe("a namespace, or an anchored regular expression"),
  })
  .describe("which rendered resources the patch applies to; omitted fields match anything");
const jsonPatch = z.union([
  z.strictObject({
    target: patchTarget,
    patch: z.array(z.record(z.string(), z.unknown())).describe("RFC 6902 operations"),
  }),
  z.strictObject({ target: patchTarget, path: templated.describe("a YAML file of RFC 6902 operations") }),
]);
const kustomizeObject = z
  .record(z.string(), z.unknown())
  .describe("an inline document, or a YAML file path (string)");
export const hookEvents = [
  "prepare",
  "preapply",
  "presync",
  "postsync",
  "preuninstall",
  "postuninstall",
  "cleanup",
] as const;
const hook = z.strictObject({
  name: z.string().optional(),
  events: z.array(z.enum(hookEvents)).min(1),
  command: z.string().min(1),
  args: z.array(z.string()).optional().describe("templates: environment, values, release"),
  showlogs: z.boolean().optional().describe("print the command's output"),
});
const renderKeys = {
  jsonPatches: z.array(jsonPatch).optional().describe("RFC 6902 patches applied to the rendered manifests"),
  strategicMergePatches: z
    .array(z.union([templated, kustomizeObject]))
    .optional()
    .describe("strategic merge patches (core kinds' merge keys), matched by apiVersion/kind/metadata.name"),
  transformers: z
    .array(z.union([templated, kustomizeObject]))
    .optional()
    .describe("kustomize builtin LabelTransformer / AnnotationsTransformer objects"),
  hooks: z.array(hook).optional().describe("commands run around the release's deploy and uninstall"),
  crds: z
    .enum(["create", "createReplace", "skip"])
    .optional()
    .describe(
      "the chart's crds/: create (helm's default: first install only), createReplace (create or replace on every install and upgrade), skip",
    ),
};
// --- end of rendering keys ---

// --- retries (Flux's remediation.retries): a failed install/upgrade is rolled back, then tried again ---
const retryCount = z
  .number()
  .int()
  .min(0)
  .max(10)
  .describe("how many times a failed install/upgrade is tried again (0 to 10)");
const retryKeys = {
  retries: z
    .union([
      retryCount,
      z.strictObject({
        count: retryCount,
        backoff: duration
          .optional()
          .describe("wait before the first retry, doubled for each next one, at most 5m (default 5s)"),
      }),
    ])
    .optional()
    .describe(
      "retries of a failed install/upgrade or failed tests, each after its rollback: a count, or {count, backoff}; needs atomic: true",
    ),
};
// --- end of retries ---

// --- drift detection (Flux's driftDetection spelling) ---
const jsonPointer = z
  .string()
  .regex(/^(\/([^~]|~[01])*)+$/, "a JSON pointer such as /spec/replicas (~0 for ~, ~1 for / in a key)")
  .describe("a JSON pointer; a * segment matches any one key or index");
export const driftDetectionSchema = z
  .strictObject({
    mode: z
      .enum(["enabled", "warn", "disabled"])
      .optional()
      .describe(
        "enabled (default): status reports drift and apply redeploys drifted releases; warn: reported only; disabled: not checked",
      ),
    ignore: z
      .array(
        z.strictObject({
          paths: z.array(jsonPointer).min(1).describe("fields that may differ from the deployed manifest"),
          target: patchTarget.optional().describe("which objects; omitted: every object of the release"),
        }),
      )
      .optional()
      .describe("differences that are not drift"),
  })
  .describe("compare the live objects with what helm deployed (server-side dry-run apply)");
// --- end of drift detection ---

/** Which cluster a release deploys to: per environment, in defaults, per release (the most specific wins). */
const clusterKeys = {
  kubeContext: templated
    .optional()
    .describe("the kube context (of the kubeconfig) the releases deploy to; default: the current context"),
  kubeconfig: z
    .string()
    .min(1)
    .optional()
    .describe(
      "a kubeconfig file (relative to the file it is written in); default: KUBECONFIG or ~/.kube/config",
    ),
};

export const environmentSchema = z.strictObject({
  values: z.array(valuesEntry).optional(),
  secrets: z.array(secretsEntry).optional().describe("SOPS-encrypted values files"),
  ...clusterKeys,
});

export const repositorySchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/i, "a repository name (letters, digits, . _ -)"),
  url: z.string().min(1).describe("https:// chart repository or oci:// registry"),
  usernameEnv: z.string().optional().describe("environment variable holding the username"),
  passwordEnv: z.string().optional().describe("environment variable holding the password"),
  caFile: z
    .string()
    .min(1)
    .optional()
    .describe("CA bundle that verifies the server's certificate (relative to releases.yaml)"),
  certFile: z.string().min(1).optional().describe("client certificate (with keyFile), for mutual TLS"),
  keyFile: z.string().min(1).optional().describe("client key (with certFile), for mutual TLS"),
  insecureSkipTLSVerify: z.boolean().optional().describe("do not verify the server's certificate"),
  plainHttp: z.boolean().optional().describe("oci:// only: talk plain HTTP to the registry"),
  passCredentials: z
    .boolean()
    .optional()
    .describe("https repositories only: send the credentials to other hosts charts are served from too"),
});

/** Every field a release (or a template) can set, except its name and what it inherits. */
const releaseFields = {
  namespace: templated.optional(),
  chart: templated
    .optional()
    .describe(
      "local path (./charts/x), repo/chart, or oci://registry/path/chart; required, here or in an inherited template",
    ),
  version: templated.optional(),
  labels: z.record(z.string(), labelValue).optional(),
  needs: z
    .array(z.string().min(1))
    .optional()
    .describe("releases to deploy first: name, namespace/name or kubeContext/namespace/name"),
  values: z.array(valuesEntry).optional(),
  secrets: z.array(secretsEntry).optional(),
  set: z
    .record(z.string(), z.unknown())
    .optional()
    .describe("helm --set style paths; win over every other layer; string values are templates"),
  installed: z.boolean().optional(),
  condition: z
    .string()
    .optional()
    .describe("a path in the environment values; false switches the release off"),
  ...clusterKeys,
  ...helmSettings,
  ...renderKeys,
  ...retryKeys,
  driftDetection: driftDetectionSchema.optional(),
};

export const INHERITABLE_FIELDS = Object.keys(releaseFields) as (keyof typeof releaseFields)[];

const inheritEntry = z
  .union([
    z.string().min(1),
    z.strictObject({
      template: z.string().min(1).describe("the name of an entry under templates:"),
      except: z
        .array(z.enum(INHERITABLE_FIELDS as [string, ...string[]]))
        .optional()
        .describe("fields of the template not to inherit"),
    }),
  ])
  .describe("a template name, or {template, except: [field, ...]}");

export const templateSchema = z
  .strictObject(releaseFields)
  .describe("a partial release that releases inherit");

export const releaseSchema = z.strictObject({
  name: z
    .string()
    .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "a helm release name (lower-case letters, digits, -)"),
  inherit: z
    .array(inheritEntry)
    .optional()
    .describe("templates applied in order, then the release's own keys (maps merge, lists are replaced)"),
  ...releaseFields,
});

export const defaultsSchema = z.strictObject({
  namespace: templated.optional(),
  lockNamespace: z
    .string()
    .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "a namespace name")
    .optional()
    .describe("where the deploy lock (a Lease) lives; default: the kube context's namespace, else `default`"),
  ...clusterKeys,
  ...helmSettings,
  ...retryKeys,
  driftDetection: driftDetectionSchema
    .optional()
    .describe("the releases' default mode, and ignore rules added before each release's own"),
});

/** What every project file (the root and included ones) may hold. */
const fileFields = {
  include: z
    .array(z.string().min(1))
    .optional()
    .describe(
      "other project files or globs (teams/*.yaml), relative to this file; their releases join the graph",
    ),
  defaults: defaultsSchema
    .optional()
    .describe("defaults for this file's releases (and the files it includes)"),
  templates: z
    .record(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, "a template name"), templateSchema)
    .optional()
    .describe("named partial releases that releases inherit"),
  releases: z.array(releaseSchema).optional(),
};

export const projectSchema = z.strictObject({
  environments: z.record(z.string().regex(/^[a-z0-9][a-z0-9_-]*$/i), environmentSchema.nullable()).optional(),
  repositories: z.array(repositorySchema).optional(),
  ...fileFields,
});

/** A file reached through `include:`; environments and repositories belong to the root file. */
export const includedFileSchema = z.strictObject(fileFields);

export type RawProject = z.infer<typeof projectSchema>;
export type RawFile = z.infer<typeof includedFileSchema>;
export type RawRelease = z.infer<typeof releaseSchema>;
export type RawTemplate = z.infer<typeof templateSchema>;
export type RawDefaults = z.infer<typeof defaultsSchema>;
export type RawEnvironment = z.infer<typeof environmentSchema>;
export type RawValuesEntry = z.infer<typeof valuesEntry>;
export type RawSecretsEntry = z.infer<typeof secretsEntry>;

export function projectJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(projectSchema, { io: "input", unrepresentable: "any" }) as unknown as {
    properties: { releases: { items: Record<string, unknown> } };
  };
  // A release needs a chart of its own or from a template it inherits (checked after inheritance).
  schema.properties.releases.items.anyOf = [{ required: ["chart"] }, { required: ["inherit"] }];
  return {
    ...schema,
    $id: "https://releases.dev/schema/releases.schema.json",
    title: "releases.yaml",
  };
}
