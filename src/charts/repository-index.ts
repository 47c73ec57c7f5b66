// A chart repository's index.yaml, read over HTTP(S) by `releases deps` itself
// (no `helm repo add` needed to resolve a version): the repository's TLS
// options and credentials apply, credentials only to the repository's own
// host unless passCredentials says otherwise (as helm does).
import { readFile } from "node:fs/promises";
import { parse } from "yaml";
import { ConfigError, ExitCode, ReleasesError } from "../errors.js";
import type { Repository } from "../model/project.js";

/** A chart version the repository offers, with the archive's digest. */
export interface OfferedVersion {
  version: string;
  digest: string;
}

/** Chart name → the versions offered, from the text of an index.yaml. */
export function parseIndex(text: string, url: string): Map<string, OfferedVersion[]> {
  let index: { entries?: Record<string, { version?: unknown; digest?: unknown }[] | null> };
  try {
    index = parse(text) as typeof index;
  } catch (error) {
    throw new ConfigError(`${url}/index.yaml is not a chart repository index: ${(error as Error).message}`);
  }
  if (index === null || typeof index !== "object" || typeof index.entries !== "object") {
    throw new ConfigError(`${url}/index.yaml is not a chart repository index (no entries:)`);
  }
  const charts = new Map<string, OfferedVersion[]>();
  for (const [name, versions] of Object.entries(index.entries ?? {})) {
    charts.set(
      name,
      (versions ?? [])
        .filter((v) => typeof v.version === "string")
        .map((v) => ({
          version: v.version as string,
          digest: typeof v.digest === "string" && v.digest !== "" ? `sha256:${v.digest}` : "",
        })),
    );
  }
  return charts;
}

export interface FetchOptions {
  credentials?: { username: string; password: string };
  /** Redirects left to follow. */
  redirects?: number;
}

/** GET `${repo.url}/index.yaml` with the repository's TLS options; a failure is an error naming the repository. */
export async function fetchIndex(repo: Repository, options: FetchOptions = {}): Promise<string> {
  const url = `${repo.url.replace(/\/+$/, "")}/index.yaml`;
  const tls = {
    ca: repo.caFile ? await readFile(repo.caFile) : undefined,
    cert: repo.certFile ? await readFile(repo.certFile) : undefined,
    key: repo.keyFile ? await readFile(repo.keyFile) : undefined,
    rejectUnauthorized: !repo.insecureSkipTLSVerify,
  };
  const origin = new URL(url).host;
  const get = (target: string, left: number): Promise<string> =>
    new Promise((resolve, reject) => {
      const parsed = new URL(target);
      const headers: Record<string, string> = {};
      const { credentials } = options;
      if (credentials && (parsed.host === origin || repo.passCredentials)) {
        const token = Buffer.from(`${credentials.username}:${credentials.password}`).toString("base64");
        headers.authorization = `Basic ${token}`;
      }
      // CommonJS modules: their ES-module facades load undici and http2 too (see kube/rest.ts).
      const send = process.getBuiltinModule(
        parsed.protocol === "https:" ? "node:https" : "node:http",
      ).request;
      const req = send(parsed, { headers, ...(parsed.protocol === "https:" ? tls : {}) }, (res) => {
        const status = res.statusCode ?? 0;
        if (status >= 300 && status < 400 && res.headers.location && left > 0) {
          res.resume();
          resolve(get(new URL(res.headers.location, parsed).toString(), left - 1));
          return;
        }
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          if (status === 200) resolve(Buffer.concat(chunks).toString("utf8"));
          else reject(unreachable(repo, `${target} answered ${status}`));
        });
        res.on("error", (e) => reject(unreachable(repo, e.message)));
      });
      req.on("error", (e) => reject(unreachable(repo, e.message)));
      req.end();
    });
  return get(url, options.redirects ?? 5);
}

/** A repository that could not be read: as a failed helm fetch, exit 1. */
export class ChartRepositoryError extends ReleasesError {
  override readonly exitCode = ExitCode.releaseFailed;
}

function unreachable(repo: Repository, reason: string): ChartRepositoryError {
  return new ChartRepositoryError(`repository "${repo.name}": could not read its index: ${reason}`, {
    location: repo.location,
    hint: "check the url, its TLS options (caFile, insecureSkipTLSVerify) and credentials",
  });
}
