// One `repositories:` entry turned into a Repository: its TLS files resolved
// against releases.yaml and checked to exist, and the options that only make
// sense for one kind of repository refused on the other, at their line.
import { resolve } from "node:path";
import { ConfigError, type SourceLocation } from "../errors.js";
import type { Repository } from "../model/project.js";
import type { ProjectFiles } from "./files.js";
import type { RawProject } from "./schema.js";
import type { FieldPath } from "./yaml-source.js";

export type RawRepository = NonNullable<RawProject["repositories"]>[number];

const TLS_FILES = ["caFile", "certFile", "keyFile"] as const;

export async function buildRepository(
  raw: RawRepository,
  locate: (field: FieldPath) => SourceLocation,
  dir: string,
  files: ProjectFiles,
): Promise<Repository> {
  const oci = raw.url.startsWith("oci://");
  const refuse = (field: string, message: string, hint: string): never => {
    throw new ConfigError(message, { location: locate([field]), hint });
  };
  if (!oci && !/^https?:\/\//.test(raw.url)) {
    refuse("url", `repository "${raw.name}": url must start with https://, http:// or oci://`, raw.url);
  }
  if (raw.plainHttp !== undefined && !oci) {
    refuse(
      "plainHttp",
      `repository "${raw.name}": plainHttp is for oci:// registries`,
      "an http(s) repository is reached as its url says: write http:// for plain HTTP",
    );
  }
  if (raw.passCredentials !== undefined && oci) {
    refuse(
      "passCredentials",
      `repository "${raw.name}": passCredentials is for http(s) repositories`,
      "an OCI registry's credentials stay with its host (helm registry login)",
    );
  }
  if ((raw.certFile === undefined) !== (raw.keyFile === undefined)) {
    const missing = raw.certFile === undefined ? "certFile" : "keyFile";
    refuse(
      raw.certFile === undefined ? "keyFile" : "certFile",
      `repository "${raw.name}": ${missing} is missing`,
      "a client certificate needs both certFile and keyFile",
    );
  }
  const paths: Partial<Record<(typeof TLS_FILES)[number], string>> = {};
  for (const field of TLS_FILES) {
    const written = raw[field];
    if (written === undefined) continue;
    const path = resolve(dir, written);
    if (!(await files.exists(path)))
      refuse(field, `repository "${raw.name}": file not found: ${written}`, path);
    paths[field] = path;
  }
  return {
    name: raw.name,
    url: raw.url,
    oci,
    usernameEnv: raw.usernameEnv,
    passwordEnv: raw.passwordEnv,
    ...paths,
    insecureSkipTLSVerify: raw.insecureSkipTLSVerify,
    plainHttp: raw.plainHttp,
    passCredentials: raw.passCredentials,
    location: locate([]),
  };
}
