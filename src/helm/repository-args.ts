// Pure builders of the helm calls that reach chart repositories and OCI
// registries: adding a repository, logging in to a registry, and the
// connection flags an OCI chart needs on every command that fetches it.
// Passwords never appear here: they go to helm on stdin (`--password-stdin`).
// Helm 3.21 and 4.2 spell all of these the same (checked against both
// binaries' --help); only `registry login` says `--insecure` where the
// fetching commands say `--insecure-skip-tls-verify`.
import type { Repository } from "../model/project.js";

type Connection = Pick<Repository, "caFile" | "certFile" | "keyFile" | "insecureSkipTLSVerify" | "plainHttp">;

function tlsFiles(repo: Connection): string[] {
  const args: string[] = [];
  if (repo.caFile) args.push("--ca-file", repo.caFile);
  if (repo.certFile) args.push("--cert-file", repo.certFile);
  if (repo.keyFile) args.push("--key-file", repo.keyFile);
  return args;
}

/** `helm repo add`; the options are stored with the repository, so charts fetched from it use them. */
export function repoAddArgs(repo: Repository, username?: string): string[] {
  const args = ["repo", "add", repo.name, repo.url, "--force-update", ...tlsFiles(repo)];
  if (repo.insecureSkipTLSVerify) args.push("--insecure-skip-tls-verify");
  if (repo.passCredentials) args.push("--pass-credentials");
  if (username !== undefined) args.push("--username", username, "--password-stdin");
  return args;
}

export function repoUpdateArgs(names: readonly string[]): string[] {
  return ["repo", "update", ...names];
}

/** The registry host of an `oci://host/path` URL. */
export function registryHost(url: string): string {
  return new URL(url.replace(/^oci:/, "https:")).host;
}

export function registryLoginArgs(repo: Repository, username: string): string[] {
  const args = ["registry", "login", registryHost(repo.url), "--username", username, "--password-stdin"];
  args.push(...tlsFiles(repo));
  if (repo.insecureSkipTLSVerify) args.push("--insecure");
  if (repo.plainHttp) args.push("--plain-http");
  return args;
}

/** What `upgrade`, `template`, `pull` and `show` need to fetch a chart from this registry. */
export function ociConnectionArgs(repo: Connection | undefined): string[] {
  if (!repo) return [];
  const args = tlsFiles(repo);
  if (repo.insecureSkipTLSVerify) args.push("--insecure-skip-tls-verify");
  if (repo.plainHttp) args.push("--plain-http");
  return args;
}
