// Manifest-directory and kustomize projects for the render e2e tests: the
// fixture manifests copied into a deploy-test Project, plus reads of what the
// cluster runs.
import { cpSync } from "node:fs";
import path from "node:path";
import { repoRoot } from "../../toolchain/tools.js";
import { kubectl, type Project } from "../deploy/support.js";

/** Copies test/fixtures/manifests into the project as ./manifests. */
export function addManifests(project: Project): void {
  cpSync(path.join(repoRoot, "test", "fixtures", "manifests"), path.join(project.dir, "manifests"), {
    recursive: true,
  });
}

/** An overlay of the backend base for the project's environment, as ./manifests/backend/overlays/<env>. */
export function writeOverlay(project: Project, kustomization: Record<string, unknown>): void {
  project.writeFile(`manifests/backend/overlays/${project.environment}/kustomization.yaml`, {
    apiVersion: "kustomize.config.k8s.io/v1beta1",
    kind: "Kustomization",
    resources: ["../../base"],
    ...kustomization,
  });
}

/** A live object as JSON (`kubectl get -o json`). */
export async function live<T = Record<string, unknown>>(
  namespace: string,
  kind: string,
  name: string,
): Promise<T> {
  return JSON.parse(await kubectl(["-n", namespace, "get", kind, name, "-o", "json"])) as T;
}

export interface LiveDeployment {
  metadata: { labels?: Record<string, string> };
  spec: {
    replicas: number;
    template: {
      metadata: { annotations?: Record<string, string> };
      spec: {
        securityContext?: Record<string, unknown>;
        containers: {
          name: string;
          env?: { name: string; value: string }[];
          readinessProbe?: { httpGet: { path: string } };
        }[];
      };
    };
  };
}
