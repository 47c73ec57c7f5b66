// dist/helm/repository-args.js
function tlsFiles(repo) {
  const args = [];
  if (repo.caFile)
    args.push("--ca-file", repo.caFile);
  if (repo.certFile)
    args.push("--cert-file", repo.certFile);
  if (repo.keyFile)
    args.push("--key-file", repo.keyFile);
  return args;
}
function repoAddArgs(repo, username) {
  const args = ["repo", "add", repo.name, repo.url, "--force-update", ...tlsFiles(repo)];
  if (repo.insecureSkipTLSVerify)
    args.push("--insecure-skip-tls-verify");
  if (repo.passCredentials)
    args.push("--pass-credentials");
  if (username !== void 0)
    args.push("--username", username, "--password-stdin");
  return args;
}
function repoUpdateArgs(names) {
  return ["repo", "update", ...names];
}
function registryHost(url) {
  return new URL(url.replace(/^oci:/, "https:")).host;
}
function registryLoginArgs(repo, username) {
  const args = ["registry", "login", registryHost(repo.url), "--username", username, "--password-stdin"];
  args.push(...tlsFiles(repo));
  if (repo.insecureSkipTLSVerify)
    args.push("--insecure");
  if (repo.plainHttp)
    args.push("--plain-http");
  return args;
}
function ociConnectionArgs(repo) {
  if (!repo)
    return [];
  const args = tlsFiles(repo);
  if (repo.insecureSkipTLSVerify)
    args.push("--insecure-skip-tls-verify");
  if (repo.plainHttp)
    args.push("--plain-http");
  return args;
}

export {
  repoAddArgs,
  repoUpdateArgs,
  registryLoginArgs,
  ociConnectionArgs
};
