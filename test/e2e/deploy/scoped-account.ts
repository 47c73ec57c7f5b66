// A ServiceAccount bound by RBAC to a few namespaces, and a kubeconfig for it:
// what a least-privilege CI deployer looks like (rbac.test.ts, undo's record failure).
// Its user is the token itself, or an exec credential plugin that prints it.
import { chmodSync, writeFileSync } from "node:fs";
import path from "node:path";
import { kubectl } from "./support.js";

interface KubeconfigView {
  clusters: { name: string; cluster: Record<string, unknown> }[];
}

/**
 * A namespace-scoped deployer: a ServiceAccount with the rights `resources`
 * names in each of `namespaces` (default: every right), none elsewhere. Its
 * kubeconfig's context names the first namespace. With `user: "exec"`, the
 * kubeconfig's user is an exec plugin (a script beside it, named by a relative
 * path) that prints an ExecCredential carrying the token.
 */
export async function scopedKubeconfig(
  namespaces: readonly string[],
  dir: string,
  resources: (namespace: string) => string = () => "*.*",
  user: "token" | "exec" = "token",
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
      users: [{ name: "deployer", user: user === "token" ? { token } : execUser(token, dir) }],
      contexts: [{ name: "scoped", context: { cluster: "scoped", user: "deployer", namespace: home } }],
      "current-context": "scoped",
    }),
  );
  return file;
}

export const EXEC_API_VERSION = "client.authentication.k8s.io/v1";

/**
 * An exec plugin user: `./deployer-credential.sh` (relative to the kubeconfig)
 * reads the token from the file its env names, and fails unless it was told
 * what to produce (KUBERNETES_EXEC_INFO), as a real plugin would.
 */
function execUser(token: string, dir: string): Record<string, unknown> {
  writeFileSync(path.join(dir, "deployer.token"), token);
  const script = path.join(dir, "deployer-credential.sh");
  writeFileSync(
    script,
    [
      "#!/bin/sh",
      'case "$KUBERNETES_EXEC_INFO" in *ExecCredential*) ;; *) echo "no KUBERNETES_EXEC_INFO" >&2; exit 1 ;; esac',
      `expiry=$(date -u -d '+1 hour' +%Y-%m-%dT%H:%M:%SZ)`,
      `printf '{"apiVersion":"${EXEC_API_VERSION}","kind":"ExecCredential","status":{"token":"%s","expirationTimestamp":"%s"}}' "$(cat "$DEPLOYER_TOKEN_FILE")" "$expiry"`,
      "",
    ].join("\n"),
  );
  chmodSync(script, 0o755);
  return {
    exec: {
      apiVersion: EXEC_API_VERSION,
      command: "./deployer-credential.sh",
      env: [{ name: "DEPLOYER_TOKEN_FILE", value: path.join(dir, "deployer.token") }],
      interactiveMode: "Never",
    },
  };
}
