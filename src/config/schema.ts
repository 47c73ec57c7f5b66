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
const valuesEntry = z
  .union([templated, z.record(z.string(), z.unknown())])
  .describe("a values file (a .hbs file is a handlebars template) or an inline map");
const labelValue = z.union([z.string(), z.number(), z.boolean()]).transform(String);

const helmSettings = {
  createNamespace: z.boolean().optional().describe("create the namespace if missing (default true)"),
  atomic: z.boolean().optional().describe("roll back on failure (default true)"),
  wait: z.boolean().optional().describe("wait for resources to be ready (default true)"),
  timeout: duration.optional().describe("helm timeout (default 300s)"),
  tests: z.boolean().optional().describe("run helm tests after install/upgrade (default false)"),
  historyMax: z.number().int().nonnegative().optional().describe("revisions kept per release (default 10)"),
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

export const environmentSchema = z.strictObject({
  values: z.array(valuesEntry).optional(),
  secrets: z.array(templated).optional().describe("SOPS-encrypted values files"),
  kubeContext: z.string().optional(),
});

export const repositorySchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/i, "a repository name (letters, digits, . _ -)"),
  url: z.string().min(1).describe("https:// chart repository or oci:// registry"),
  usernameEnv: z.string().optional().describe("environment variable holding the username"),
  passwordEnv: z.string().optional().describe("environment variable holding the password"),
});

export const releaseSchema = z.strictObject({
  name: z
    .string()
    .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "a helm release name (lower-case letters, digits, -)"),
  namespace: templated.optional(),
  chart: templated.describe("local path (./charts/x), repo/chart, or oci://registry/path/chart"),
  version: templated.optional(),
  labels: z.record(z.string(), labelValue).optional(),
  needs: z.array(z.string().min(1)).optional().describe("releases to deploy first: name or namespace/name"),
  values: z.array(valuesEntry).optional(),
  secrets: z.array(templated).optional(),
  set: z
    .record(z.string(), z.unknown())
    .optional()
    .describe("helm --set style paths; win over every other layer"),
  installed: z.boolean().optional(),
  condition: z
    .string()
    .optional()
    .describe("a path in the environment values; false switches the release off"),
  ...helmSettings,
  ...renderKeys,
});

export const defaultsSchema = z.strictObject({
  namespace: templated.optional(),
  ...helmSettings,
});

export const projectSchema = z.strictObject({
  environments: z.record(z.string().regex(/^[a-z0-9][a-z0-9_-]*$/i), environmentSchema.nullable()).optional(),
  repositories: z.array(repositorySchema).optional(),
  defaults: defaultsSchema.optional(),
  releases: z.array(releaseSchema),
});

export type RawProject = z.infer<typeof projectSchema>;
export type RawRelease = z.infer<typeof releaseSchema>;
export type RawEnvironment = z.infer<typeof environmentSchema>;

export function projectJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(projectSchema, { io: "input", unrepresentable: "any" }),
    $id: "https://releases.dev/schema/releases.schema.json",
    title: "releases.yaml",
  };
}
