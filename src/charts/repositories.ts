// Chart repositories: added and updated once per run, and only those the
// releases of the run use (sync, apply, template, lint, deps). Credentials come
// from environment variables and go to helm through stdin.
import { ConfigError } from "../errors.js";
import type { HelmClient } from "../helm/client.js";
import { registryLoginArgs, repoAddArgs, repoUpdateArgs } from "../helm/repository-args.js";
import type { Release, Repository } from "../model/project.js";

type Env = Readonly<Record<string, string | undefined>>;

/** The repositories `releases` fetch their charts from. */
export function usedRepositories(
  releases: readonly Release[],
  repositories: readonly Repository[],
): Repository[] {
  const used = new Set<string>();
  for (const r of releases) {
    if (!r.installed) continue;
    if (r.chart.kind === "repo") used.add(r.chart.repository);
    if (r.chart.kind === "oci" && r.chart.repository) used.add(r.chart.repository.name);
  }
  return repositories.filter((r) => used.has(r.name));
}

export async function prepareRepositories(
  releases: readonly Release[],
  repositories: readonly Repository[],
  helm: HelmClient,
  env: Env,
): Promise<void> {
  await addRepositories(usedRepositories(releases, repositories), helm, env);
}

/** The username and password a repository names, read from the environment; an unset variable is an error. */
export function repositoryCredentials(
  repo: Repository,
  env: Env,
): { username: string; password: string } | undefined {
  const username = repo.usernameEnv ? env[repo.usernameEnv] : undefined;
  const password = repo.passwordEnv ? env[repo.passwordEnv] : undefined;
  if ((repo.usernameEnv && username === undefined) || (repo.passwordEnv && password === undefined)) {
    throw new ConfigError(`repository "${repo.name}": credentials variable is not set`, {
      location: repo.location,
      hint: `export ${[repo.usernameEnv, repo.passwordEnv].filter(Boolean).join(" and ")}`,
    });
  }
  return username === undefined ? undefined : { username, password: password ?? "" };
}

/** `helm repo add` (or `registry login` for OCI) for each repository, then one `repo update`. */
export async function addRepositories(
  repositories: readonly Repository[],
  helm: HelmClient,
  env: Env,
): Promise<void> {
  const http: string[] = [];
  for (const repo of repositories) {
    const credentials = repositoryCredentials(repo, env);
    if (repo.oci) {
      if (credentials) {
        await helm.run(registryLoginArgs(repo, credentials.username), { stdin: credentials.password });
      }
      continue;
    }
    await helm.run(repoAddArgs(repo, credentials?.username), { stdin: credentials?.password });
    http.push(repo.name);
  }
  if (http.length > 0) await helm.run(repoUpdateArgs(http));
}
