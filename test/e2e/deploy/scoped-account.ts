// A ServiceAccount bound by RBAC to a few namespaces, and a kubeconfig for it:
// what a least-privilege CI deployer looks like (rbac.test.ts, undo's record failure).
import { writeFileSync } from "node:fs";
import path from "node:path";
import { kubectl } from "./support.js";

interface KubeconfigView {
  clusters: { name: string; cluster: Record<string, unknown> }[];
}

/**
 * A namespace-scoped deployer: a ServiceAccount with the rights `resources`
 * names in each of `namespaces` (default: every right), none elsewhere. Its
 * kubeconfig's context names the first namespace.
 */
export async function scopedKubeconfig(
  namespaces: readonly string[],
  dir: string,
  resources: (namespace: string) => string = () => "*.*",
): Promise<string> {
  const [home] = namespaces;
  await kubectl(["-n", home!, "create", "serviceaccount", "deployer"]);
  for (const ns of namespaces) {
    await kubectl(["-n", ns, "create", "role", "deployer", "--verb=*", `--resource=${resources(ns)}`]);
    await kubectl([
      "-n",
      ns,
      "create",
      "rolebinding",
      "deployer",
      "--role=deployer",
      `--serviceaccount=${home}:deployer`,
    ]);
  }
  const token = (await kubectl(["-n", home!, "create", "token", "deployer", "--duration=1h"])).trim();
  const view = JSON.parse(
    await kubectl(["config", "view", "--raw", "--minify", "-o", "json"]),
  ) as KubeconfigView;
  const file = path.join(dir, "deployer.kubeconfig");
  writeFileSync(
    file,
    JSON.stringify({
      apiVersion: "v1",
      kind: "Config",
      clusters: [{ name: "scoped", cluster: view.clusters[0]!.cluster }],
      users: [{ name: "deployer", user: { token } }],
      contexts: [{ name: "scoped", context: { cluster: "scoped", user: "deployer", namespace: home } }],
      "current-context": "scoped",
    }),
  );
  return file;
}
