// A release whose `chart:` is a directory of plain manifests or a kustomization
// (kustomization.yaml present, as helmfile/chartify decide). Rendered once per
// run, before the first helm call, so a kustomize error deploys nothing; the
// text is what the generated chart carries and what the fingerprint digests.
import { spawn } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { parseAllDocuments } from "yaml";
import type { ProjectFiles } from "../config/files.js";
import { ConfigError, type SourceLocation, UsageError } from "../errors.js";
import type { ChartRef, Release } from "../model/project.js";
import { yaml } from "../util/lazy-yaml.js";
import { PatchError, postRender } from "./patches.js";

export type ManifestsChart = Extract<ChartRef, { kind: "manifests" }>;

/** `path` as a manifests chart, or undefined when it is not a directory. */
export async function manifestChart(
  path: string,
  display: string,
  files: ProjectFiles,
): Promise<ManifestsChart | undefined> {
  if (await files.exists(resolve(path, "kustomization.yaml"))) {
    return { kind: "manifests", path, display, kustomize: true };
  }
  if (await files.exists(resolve(path, "."))) return { kind: "manifests", path, display, kustomize: false };
  return undefined;
}

/** Renders a manifests chart to one multi-document YAML stream. */
export interface ManifestRenderer {
  render(chart: ManifestsChart, location: SourceLocation): Promise<string>;
}

export function createManifestRenderer(env: Readonly<Record<string, string | undefined>>): ManifestRenderer {
  const kustomize = env.RELEASES_KUSTOMIZE ?? "kustomize";
  return {
    render: (chart, location) =>
      chart.kustomize ? kustomizeBuild(kustomize, chart, env, location) : readPlainManifests(chart, location),
  };
}

async function readPlainManifests(chart: ManifestsChart, location: SourceLocation): Promise<string> {
  const entries = await readdir(chart.path).catch((error: NodeJS.ErrnoException) => {
    throw new ConfigError(
      `chart "${chart.display}": not a chart directory (${error.code ?? error.message})`,
      {
        location,
        hint: "a chart is a directory with Chart.yaml, a kustomization, or *.yaml manifests",
      },
    );
  });
  const names = entries.filter((n) => /\.ya?ml$/.test(n)).sort();
  if (names.length === 0) {
    throw new ConfigError(`chart "${chart.display}": no Chart.yaml, kustomization.yaml or *.yaml manifests`, {
      location,
    });
  }
  const parts: string[] = [];
  for (const name of names) {
    const text = await readFile(join(chart.path, name), "utf8");
    checkManifests(text, `${chart.display}/${name}`, location);
    parts.push(`${text.replace(/^---\s*\n/, "").trimEnd()}\n`);
  }
  return parts.join("---\n");
}

/** Every document of a manifest stream is a Kubernetes object (apiVersion, kind, metadata.name). */
export function checkManifests(text: string, where: string, location: SourceLocation): void {
  for (const doc of yaml().parseAllDocuments(text) as ReturnType<typeof parseAllDocuments> & unknown[]) {
    const [error] = doc.errors;
    if (error) {
      throw new ConfigError(`${where}: YAML syntax error: ${error.message.split("\n")[0]}`, { location });
    }
    const data = doc.toJS() as { apiVersion?: unknown; kind?: unknown; metadata?: { name?: unknown } } | null;
    if (data === null || data === undefined) continue;
    if (typeof data.apiVersion !== "string" || typeof data.kind !== "string" || !data.metadata?.name) {
      throw new ConfigError(`${where}: every document needs apiVersion, kind and metadata.name`, {
        location,
      });
    }
  }
}

function kustomizeBuild(
  binary: string,
  chart: ManifestsChart,
  env: Readonly<Record<string, string | undefined>>,
  location: SourceLocation,
): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn(binary, ["build", chart.path], {
      env: { ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (c: Buffer) => out.push(c));
    child.stderr.on("data", (c: Buffer) => err.push(c));
    child.on("error", (error) =>
      fail(
        new UsageError(`cannot run kustomize (${binary}): ${error.message}`, {
          location,
          hint: "scripts/toolchain kustomize builds the pinned kustomize; or set RELEASES_KUSTOMIZE",
        }),
      ),
    );
    child.on("close", (code) => {
      const stderr = Buffer.concat(err).toString().trim();
      if (code !== 0) {
        fail(
          new ConfigError(`kustomize build ${chart.display} failed: ${stderr.split("\n").at(-1)}`, {
            location,
          }),
        );
        return;
      }
      done(Buffer.concat(out).toString());
    });
  });
}

/**
 * Before anything is deployed: a manifests release's patches must apply to its
 * rendered manifests (a patch that matches nothing is invalid input). Manifests
 * that are helm templates themselves are checked by the post-render step instead.
 */
export function checkPatchesApply(release: Release, manifests: string): void {
  if (!release.patches || manifests.includes("{{")) return;
  try {
    postRender(manifests, { release: release.id, namespace: release.namespace, patches: release.patches });
  } catch (error) {
    if (!(error instanceof PatchError)) throw error;
    throw new ConfigError(error.message, { location: release.location });
  }
}
