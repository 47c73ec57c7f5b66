// Renders every selected release's values before anything is deployed:
// environment secrets are decrypted, templates are rendered once to collect
// their secret lookups, every lookup of the run is resolved at once (Vault
// references de-duplicated and fetched in parallel), then templates are
// rendered for real and the layers merged the Helm way:
//   release values (in order) → release secrets → set.
// Each release records the secrets it consumed; their digest is part of its
// fingerprint. Every secret value is registered with the run's redactor.
import { isAbsolute, relative, resolve } from "node:path";
import type { ProjectFiles } from "../config/files.js";
import { readValuesFile } from "../config/values-file.js";
import { SecretError, type SourceLocation } from "../errors.js";
import type { Project, Release } from "../model/project.js";
import { chartDigest, fingerprint, secretsDigest, textDigest } from "../plan/fingerprint.js";
import { checkPatchesApply, type ManifestRenderer } from "../render/manifests.js";
import type { Redactor } from "../secrets/redactor.js";
import { environmentRefs, resolveEnvironment } from "./environment-refs.js";
import { getPath, helmValuesDocument, mergeLayers, setPath, type Values } from "./merge.js";
import { findRefs, isRef, parseRef, positionOf, type RefUse, replaceRefs } from "./refs.js";
import { type FetchedSecrets, resolveValueRef } from "./resolve-ref.js";
import { leaves, trackSecretReads } from "./secret-reads.js";
import { type Lookup, lookupKey, type TemplateEngine } from "./templates.js";

export interface SopsContent {
  /** The decrypted, MAC-verified data. */
  data: Values;
  /** The values that were encrypted in the file; leaves a rule left in clear are not secrets. */
  secrets: readonly unknown[];
}

export interface SopsSource {
  read(path: string): Promise<SopsContent>;
}

export interface VaultUse {
  ref: { path: string; key: string };
  /** The release that uses it, e.g. `backend/app1-back`. */
  usedBy: string;
  location?: SourceLocation;
}

export interface VaultSource {
  /** Values keyed by `path#key`. */
  resolve(uses: readonly VaultUse[]): Promise<Map<string, string>>;
}

export interface SecretSources {
  sops: SopsSource;
  /** An environment variable, for `ref+envsubst://$VAR` references. */
  variable(name: string): string | undefined;
  /** Made on first need, so a run without Vault references never contacts Vault. */
  vault: () => VaultSource;
}

export interface RenderedRelease {
  release: Release;
  /** The merged values, nulls kept (helm deletes those keys from the chart defaults). */
  values: Values;
  /** `values` as the document piped to helm (JSON, a YAML document helm reads without retyping strings). */
  valuesYaml: string;
  /** Ids of the secrets this release consumed, sorted: `sops:<file>#<key>` or `vault:<path>#<key>`. */
  consumed: string[];
  secretsDigest: string;
  fingerprint: string;
  /** A manifests chart's rendered manifests (plain files or kustomize output). */
  manifests?: string;
}

export interface RenderDeps {
  templates: TemplateEngine;
  files: ProjectFiles;
  secrets: SecretSources;
  redactor: Redactor;
  /** Renders `chart:` directories of manifests or kustomizations. */
  manifests?: ManifestRenderer;
}

interface Pending {
  release: Release;
  /** Per values source: its parsed map, or a template still to render. */
  layers: ({ data: Values } | { template: string; file: string; location: SourceLocation })[];
  lookups: Map<string, { lookup: Lookup; at: SourceLocation }>;
  /** `ref+…` values by their text. */
  refs: Map<string, RefUse>;
  consumed: Set<string>;
}

export async function renderReleases(
  project: Project,
  releases: readonly Release[],
  deps: RenderDeps,
): Promise<RenderedRelease[]> {
  const { templates, files, secrets, redactor } = deps;
  const rel = (path: string) => relative(project.dir, path) || path;
  const sopsCache = new Map<string, Promise<Values>>();
  const readSops = (path: string): Promise<Values> => {
    let entry = sopsCache.get(path);
    if (!entry) {
      entry = secrets.sops.read(path).then(({ data, secrets: encrypted }) => {
        for (const value of encrypted) redactor.register(value);
        return data;
      });
      sopsCache.set(path, entry);
    }
    return entry;
  };
  const textCache = new Map<string, Promise<string>>();
  const readText = (path: string) => {
    let entry = textCache.get(path);
    if (!entry) {
      entry = files.read(path);
      textCache.set(path, entry);
    }
    return entry;
  };

  // Environment secrets join the template context; reads of their leaves are tracked.
  const envSecretLayers = await Promise.all(project.environment.secrets.map((s) => readSops(s.path)));
  const origins = new Map<string, string>();
  project.environment.secrets.forEach((s, i) => {
    for (const [path] of leaves(envSecretLayers[i]!)) origins.set(path, `sops:${rel(s.path)}#${path}`);
  });
  // Until the run's secrets are read, templates see references in environment values as written.
  const envRefs = await environmentRefs(project, readText);
  let context = { values: mergeLayers([project.environmentValues, ...envSecretLayers]), origins };

  const contextFor = (release: Release, consumed: Set<string>) => {
    const values = trackSecretReads(context.values, context.origins, (id) => consumed.add(id));
    return {
      environment: { name: project.environment.name, values },
      values,
      release: {
        name: release.name,
        namespace: release.namespace,
        labels: release.labels,
        chart: release.chart.display,
      },
    };
  };

  // Pass 1: read files, render templates to collect their lookups.
  const pending: Pending[] = await Promise.all(
    releases.map(async (release): Promise<Pending> => {
      const p: Pending = { release, layers: [], lookups: new Map(), refs: new Map(), consumed: new Set() };
      const collect = (tree: unknown, locate: (text: string) => SourceLocation) => {
        for (const use of findRefs(tree, locate, release.id)) p.refs.set(use.ref.text, use);
      };
      for (const source of release.values) {
        if (source.kind === "inline") {
          p.layers.push({ data: source.data });
          collect(source.data, () => source.location);
          continue;
        }
        const text = await readText(source.path);
        const locate = (ref: string) => ({ file: source.path, ...positionOf(text, ref) });
        if (!source.template) {
          const data = readValuesFile(text, source.path);
          p.layers.push({ data });
          collect(data, locate);
          continue;
        }
        const preview = templates.render(text, { file: source.path }, contextFor(release, new Set()), {
          lookup: (lookup, at) => {
            p.lookups.set(lookupKey(lookup), { lookup, at });
            // A non-empty stand-in, so `required (vault …)` passes this collecting render.
            return PENDING;
          },
        });
        // References the template writes or produces; a document that only parses once
        // its lookups are resolved is reported by the real render below.
        if (preview.includes("ref+")) collect(tryReadValues(preview, source.path), locate);
        p.layers.push({ template: text, file: source.path, location: source.location });
      }
      for (const [path, value] of Object.entries(release.set)) {
        collect(value, () => ({ ...release.location, field: `set.${path}` }));
      }
      return p;
    }),
  );

  // Resolve every lookup of the run at once.
  const vaultUses: VaultUse[] = [];
  const sopsFiles = new Set<string>();
  for (const { ref, at } of envRefs) {
    const usedBy = `environment ${project.environment.name}`;
    if (ref.backend === "vault")
      vaultUses.push({ ref: { path: ref.path, key: ref.key }, usedBy, location: at });
    else if (ref.backend === "sops") sopsFiles.add(resolveIn(project.dir, ref.file));
  }
  for (const p of pending) {
    for (const { lookup, at } of p.lookups.values()) {
      if (lookup.kind === "vault")
        vaultUses.push({ ref: { path: lookup.path, key: lookup.key }, usedBy: p.release.id, location: at });
      else sopsFiles.add(resolveIn(project.dir, lookup.file));
    }
    for (const { ref, at } of p.refs.values()) {
      if (ref.backend === "vault")
        vaultUses.push({ ref: { path: ref.path, key: ref.key }, usedBy: p.release.id, location: at });
      else if (ref.backend === "sops") sopsFiles.add(resolveIn(project.dir, ref.file));
    }
  }
  const [vaultValues] = await Promise.all([
    vaultUses.length > 0 ? secrets.vault().resolve(vaultUses) : Promise.resolve(new Map<string, string>()),
    ...[...sopsFiles].map(readSops),
    ...pending.flatMap((p) => p.release.secrets.map((s) => readSops(s.path))),
  ]);
  for (const value of vaultValues.values()) redactor.register(value);
  const settled = new Map<string, Values>();
  for (const [path, data] of sopsCache) settled.set(path, await data);
  const fetched: FetchedSecrets = {
    vault: vaultValues,
    sops: (file) => settled.get(resolveIn(project.dir, file)),
    relative: (file) => rel(resolveIn(project.dir, file)),
    variable: (name) => secrets.variable(name),
  };
  const environment = resolveEnvironment(project, envRefs, fetched, (value) => redactor.registerTree(value));
  context = {
    values: mergeLayers([environment.values, ...envSecretLayers]),
    origins: new Map([...environment.origins, ...origins]),
  };

  // Pass 2: render for real, merge, fingerprint.
  const digests = new Map<string, Promise<string>>();
  const digestOf = (dir: string) => {
    let entry = digests.get(dir);
    if (!entry) {
      entry = chartDigest(dir);
      digests.set(dir, entry);
    }
    return entry;
  };
  return Promise.all(
    pending.map(async (p): Promise<RenderedRelease> => {
      const { release } = p;
      const consumedValues = new Map<string, string>();
      const consume = (id: string, value: unknown) => {
        p.consumed.add(id);
        consumedValues.set(id, typeof value === "string" ? value : JSON.stringify(value));
      };
      const resolveRef = (text: string, at: SourceLocation): unknown => {
        const { ref, at: where } = p.refs.get(text) ?? { ref: parseRef(text, at, release.id), at };
        const resolved = resolveValueRef(ref, where, fetched);
        for (const [id, value] of resolved.consumed) consume(id, value);
        redactor.registerTree(resolved.value);
        return resolved.value;
      };
      const layers: Values[] = [];
      for (const layer of p.layers) {
        if ("data" in layer) {
          layers.push(replaceRefs(layer.data, (text) => resolveRef(text, release.location)));
          continue;
        }
        const reads = new Set<string>();
        const text = templates.render(layer.template, { file: layer.file }, contextFor(release, reads), {
          lookup: (lookup, at) => {
            if (lookup.kind === "vault") {
              const value = vaultValues.get(`${lookup.path}#${lookup.key}`);
              if (value === undefined) {
                // Only a lookup inside a branch that depends on another secret's value gets here.
                throw new SecretError(
                  `vault: ${lookup.path}#${lookup.key} was not resolved before rendering`,
                  {
                    location: at,
                    hint: "a lookup inside {{#if}} on another secret is not seen when lookups are collected; move it out of the branch",
                  },
                );
              }
              consume(lookupKey(lookup), value);
              return value;
            }
            const file = resolveIn(project.dir, lookup.file);
            const value = getPath(settled.get(file), lookup.key);
            if (value === undefined) {
              throw new SecretError(`sops: key "${lookup.key}" is not in ${rel(file)}`, { location: at });
            }
            consume(`sops:${rel(file)}#${lookup.key}`, value);
            return value;
          },
        });
        for (const id of reads) {
          if (environment.consumed.has(id)) {
            consume(id, environment.consumed.get(id));
            continue;
          }
          const [file, key] = splitSopsId(id, project.dir);
          consume(id, getPath(settled.get(file), key));
        }
        layers.push(
          replaceRefs(readValuesFile(text, layer.file), (ref) => resolveRef(ref, { file: layer.file })),
        );
      }
      for (const s of release.secrets) {
        const data = settled.get(s.path)!;
        layers.push(data);
        for (const [key, value] of leaves(data)) consume(`sops:${rel(s.path)}#${key}`, value);
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
          chartDigest:
            manifests !== undefined
              ? textDigest(manifests)
              : release.chart.kind === "local"
                ? await digestOf(release.chart.path)
                : undefined,
          patches: release.patches,
          values,
          settings: {
            createNamespace: release.createNamespace,
            atomic: release.atomic,
            wait: release.wait,
            timeout: release.timeout,
            tests: release.tests,
            historyMax: release.historyMax,
            helm: release.helm,
          },
          secretsDigest: digest,
        }),
      };
    }),
  );
}

const PENDING = "<pending secret lookup>";

function tryReadValues(text: string, file: string): Values {
  try {
    return readValuesFile(text, file);
  } catch {
    return {};
  }
}

async function renderManifestsOf(
  release: Release,
  renderer: ManifestRenderer | undefined,
): Promise<string | undefined> {
  if (release.chart.kind !== "manifests") return undefined;
  if (!renderer) throw new Error(`no manifest renderer to render ${release.chart.display}`);
  const manifests = await renderer.render(release.chart, release.location);
  checkPatchesApply(release, manifests);
  return manifests;
}

function resolveIn(dir: string, file: string): string {
  return isAbsolute(file) ? file : resolve(dir, file);
}

/** `sops:<relative file>#<key>` → [absolute file, key]. */
function splitSopsId(id: string, dir: string): [string, string] {
  const hash = id.indexOf("#");
  return [resolveIn(dir, id.slice("sops:".length, hash)), id.slice(hash + 1)];
}
