import {
  registryLoginArgs,
  repoAddArgs,
  repoUpdateArgs
} from "./chunk-EZPMLSU3.js";
import {
  ConfigError
} from "./chunk-XLEZOOEL.js";

// dist/charts/repositories.js
function usedRepositories(releases, repositories) {
  const used = /* @__PURE__ */ new Set();
  for (const r of releases) {
    if (!r.installed)
      continue;
    if (r.chart.kind === "repo")
      used.add(r.chart.repository);
    if (r.chart.kind === "oci" && r.chart.repository)
      used.add(r.chart.repository.name);
  }
  return repositories.filter((r) => used.has(r.name));
}
async function prepareRepositories(releases, repositories, helm, env) {
  await addRepositories(usedRepositories(releases, repositories), helm, env);
}
function repositoryCredentials(repo, env) {
  const username = repo.usernameEnv ? env[repo.usernameEnv] : void 0;
  const password = repo.passwordEnv ? env[repo.passwordEnv] : void 0;
  if (repo.usernameEnv && username === void 0 || repo.passwordEnv && password === void 0) {
    throw new ConfigError(`repository "${repo.name}": credentials variable is not set`, {
      location: repo.location,
      hint: `export ${[repo.usernameEnv, repo.passwordEnv].filter(Boolean).join(" and ")}`
    });
  }
  return username === void 0 ? void 0 : { username, password: password ?? "" };
}
async function addRepositories(repositories, helm, env) {
  const http = [];
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
  if (http.length > 0)
    await helm.run(repoUpdateArgs(http));
}

export {
  usedRepositories,
  prepareRepositories,
  repositoryCredentials,
  addRepositories
};
