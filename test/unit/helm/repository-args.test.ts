// Golden argument lists of the repository and registry calls, written out by
// hand from helm 3.21 / 4.2 `--help` (the same spelling in both).
import { describe, expect, it } from "vitest";
import { chartArgs, pullArgs } from "../../../src/helm/args.js";
import {
  ociConnectionArgs,
  registryHost,
  registryLoginArgs,
  repoAddArgs,
  repoUpdateArgs,
} from "../../../src/helm/repository-args.js";
import type { Repository } from "../../../src/model/project.js";

const location = { file: "/p/releases.yaml" };
const bitnami: Repository = {
  name: "bitnami",
  url: "https://charts.bitnami.com/bitnami",
  oci: false,
  location,
};
const internal: Repository = {
  name: "internal",
  url: "https://charts.acme.dev",
  oci: false,
  caFile: "/p/ca.pem",
  certFile: "/p/client.pem",
  keyFile: "/p/client-key.pem",
  insecureSkipTLSVerify: true,
  passCredentials: true,
  location,
};
const registry: Repository = {
  name: "registry",
  url: "oci://registry.acme.dev:5000/charts",
  oci: true,
  caFile: "/p/ca.pem",
  insecureSkipTLSVerify: true,
  plainHttp: true,
  location,
};

describe("repo add", () => {
  it("replaces an existing entry; a password only ever comes on stdin", () => {
    expect(repoAddArgs(bitnami)).toEqual([
      "repo",
      "add",
      "bitnami",
      "https://charts.bitnami.com/bitnami",
      "--force-update",
    ]);
    expect(repoAddArgs(bitnami, "ci-bot")).toEqual([
      "repo",
      "add",
      "bitnami",
      "https://charts.bitnami.com/bitnami",
      "--force-update",
      "--username",
      "ci-bot",
      "--password-stdin",
    ]);
  });

  it("stores the TLS options and pass-credentials with the repository", () => {
    expect(repoAddArgs(internal, "ci-bot")).toEqual([
      "repo",
      "add",
      "internal",
      "https://charts.acme.dev",
      "--force-update",
      "--ca-file",
      "/p/ca.pem",
      "--cert-file",
      "/p/client.pem",
      "--key-file",
      "/p/client-key.pem",
      "--insecure-skip-tls-verify",
      "--pass-credentials",
      "--username",
      "ci-bot",
      "--password-stdin",
    ]);
  });

  it("repo update names exactly the repositories used", () => {
    expect(repoUpdateArgs(["bitnami", "internal"])).toEqual(["repo", "update", "bitnami", "internal"]);
  });
});

describe("OCI registries", () => {
  it("registry login: the host, the password on stdin, --insecure and --plain-http", () => {
    expect(registryHost(registry.url)).toBe("registry.acme.dev:5000");
    expect(registryLoginArgs(registry, "ci-bot")).toEqual([
      "registry",
      "login",
      "registry.acme.dev:5000",
      "--username",
      "ci-bot",
      "--password-stdin",
      "--ca-file",
      "/p/ca.pem",
      "--insecure",
      "--plain-http",
    ]);
  });

  it("every command fetching an OCI chart carries the registry's connection flags", () => {
    const source = {
      chart: {
        kind: "oci" as const,
        url: `${registry.url}/app`,
        display: "registry/app",
        repository: registry,
      },
      version: "1.2.3",
    };
    expect(ociConnectionArgs(undefined)).toEqual([]);
    expect(chartArgs(source)).toEqual([
      "oci://registry.acme.dev:5000/charts/app",
      "--version",
      "1.2.3",
      "--ca-file",
      "/p/ca.pem",
      "--insecure-skip-tls-verify",
      "--plain-http",
    ]);
    expect(pullArgs(source, "/tmp/x", { untar: false })).toEqual([
      "pull",
      ...chartArgs(source),
      "--destination",
      "/tmp/x",
    ]);
  });

  it("a repository chart is pulled unpacked for lint, by its repository name", () => {
    const source = {
      chart: { kind: "repo" as const, repository: "bitnami", name: "nginx", display: "bitnami/nginx" },
      version: "15.3.4",
    };
    expect(pullArgs(source, "/tmp/x", { untar: true })).toEqual([
      "pull",
      "bitnami/nginx",
      "--version",
      "15.3.4",
      "--untar",
      "--untardir",
      "/tmp/x",
    ]);
  });
});
