// Chart repositories: added and updated once per run, and only those the
// selected releases use. Credentials come from environment variables and go
// to helm through stdin.
import { ConfigError } from "../errors.js";
import { registryLoginArgs, repoAddArgs, repoUpdateArgs } from "../helm/args.js";
import type { HelmClient } from "../helm/client.js";
import type { Release, Repository } from "../model/project.js";

export async function prepareRepositories(
  releases: readonly Release[],
  repositories: readonly Repository[],
  helm: HelmClient,
  env: Readonly<Record<string, string | undefined>>,
): Promise<void> {
  const used = new Set<string>();
  for (const r of releases) {
    if (!r.installed) continue;
    if (r.chart.kind === "repo") used.add(r.chart.repository);
    if (r.chart.kind === "oci") {
      const repo = repositories.find((p) => p.oci && r.chart.kind === "oci" && r.chart.url.startsWith(p.url));
      if (repo) used.add(repo.name);
    }
  }
  await addRepositories(
    repositories.filter((r) => used.has(r.name)),
    helm,
    env,
  );
}

/** `helm repo add` (or `registry login` for OCI) for each repository, then one `repo update`. */
export async function addRepositories(
  repositories: readonly Repository[],
  helm: HelmClient,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<void> {
  const http: string[] = [];
  for (const repo of repositories) {
    const username = repo.usernameEnv ? env[repo.usernameEnv] : undefined;
    const password = repo.passwordEnv ? env[repo.passwordEnv] : undefined;
    if ((repo.usernameEnv && username === undefined) || (repo.passwordEnv && password === undefined)) {
      throw new ConfigError(`repository "${repo.name}": credentials variable is not set`, {
        location: repo.location,
        hint: `export ${[repo.usernameEnv, repo.passwordEnv].filter(Boolean).join(" and ")}`,
      });
    }
    if (repo.oci) {
      if (username !== undefined) {
        const host = new URL(repo.url.replace(/^oci:/, "https:")).host;
        await helm.run(registryLoginArgs(host, username), { stdin: password ?? "" });
      }
      continue;
    }
    await helm.run(repoAddArgs(repo.name, repo.url, username === undefined ? undefined : { username }), {
      stdin: password,
    });
    http.push(repo.name);
  }
  if (http.length > 0) await helm.run(repoUpdateArgs(http));
}
