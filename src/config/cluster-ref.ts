// Which cluster a release deploys to: `kubeContext` and `kubeconfig`, written
// on the environment, in a file's `defaults` or on the release (the most
// specific wins, each key on its own). A kubeconfig path is relative to the
// file it is written in and must exist; a kubeContext is a template.
import { dirname, resolve } from "node:path";
import { ConfigError } from "../errors.js";
import type { ClusterRef } from "../model/project.js";
import type { ProjectFiles } from "./files.js";
import type { Locate } from "./release.js";
import type { FieldPath } from "./yaml-source.js";

/** The keys as written at one level (a release, a file's defaults, an environment). */
export interface RawClusterKeys {
  kubeContext?: string;
  kubeconfig?: string;
}

/** One level's cluster keys, rendered; the kubeconfig resolved and checked to exist. */
export async function clusterKeys(
  raw: RawClusterKeys,
  field: FieldPath,
  at: Locate,
  render: (text: string, field: FieldPath) => string,
  files: Pick<ProjectFiles, "exists">,
): Promise<ClusterRef> {
  const ref: ClusterRef = {};
  if (raw.kubeContext !== undefined) ref.kubeContext = render(raw.kubeContext, [...field, "kubeContext"]);
  if (raw.kubeconfig !== undefined) {
    const where = at([...field, "kubeconfig"], false);
    const path = resolve(dirname(where.file), raw.kubeconfig);
    if (!(await files.exists(path))) {
      throw new ConfigError(`kubeconfig file not found: ${path}`, {
        location: where,
        hint: "the path is relative to the file it is written in",
      });
    }
    ref.kubeconfig = path;
  }
  return ref;
}

/** `over`'s keys where it has them, else `under`'s. */
export function overlayCluster(under: ClusterRef, over: ClusterRef): ClusterRef {
  const kubeContext = over.kubeContext ?? under.kubeContext;
  const kubeconfig = over.kubeconfig ?? under.kubeconfig;
  return {
    ...(kubeContext === undefined ? {} : { kubeContext }),
    ...(kubeconfig === undefined ? {} : { kubeconfig }),
  };
}

/** Equal for releases of the same cluster (the same kubeconfig and context). */
export function clusterKey(ref: ClusterRef): string {
  return `${ref.kubeconfig ?? ""}\u0000${ref.kubeContext ?? ""}`;
}

/** How a cluster is named to people: its context, with the kubeconfig when one is set. */
export function clusterName(ref: ClusterRef): string {
  const context = ref.kubeContext ?? "the current context";
  return ref.kubeconfig ? `${context} of ${ref.kubeconfig}` : context;
}
