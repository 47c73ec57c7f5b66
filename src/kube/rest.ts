// The one path to an API server: JSON over node:https (or node:http) with one
// keep-alive Agent per connection. A thin adapter instead of a client library:
// the few calls we make are plain REST, and importing @kubernetes/client-node
// cost 0.6–1 s per command. Non-2xx answers become KubeApiError with the
// server's own Status message and the HTTP code callers branch on.
import type http from "node:http";
import type https from "node:https";

/**
 * node:http and node:https as CommonJS modules: their ES-module facades
 * evaluate every lazy export (undici, http2, worker_threads), ≈ 50 ms of
 * start-up for a command that makes a handful of requests.
 */
function httpModules(): { http: typeof http; https: typeof https } {
  return { http: process.getBuiltinModule("node:http"), https: process.getBuiltinModule("node:https") };
}

/** An API error: `code` is the HTTP status when the server answered. */
export class KubeApiError extends Error {
  constructor(
    message: string,
    readonly code?: number,
  ) {
    super(message);
    this.name = "KubeApiError";
  }
}

/** Who we are to the server, asked for each request (an exec plugin's token can expire). */
export interface RestCredentials {
  authorization?: string;
  cert?: string;
  key?: string;
}

export interface RestTarget {
  /** https://host:port[/prefix] */
  server: string;
  ca?: string;
  insecureSkipTlsVerify: boolean;
  tlsServerName?: string;
  /** `renew`: the server answered 401 to the last ones (an exec plugin runs again). */
  credentials(renew: boolean): Promise<RestCredentials>;
  /** Whether asking again can give other credentials (an exec plugin). */
  renewable: boolean;
}

export interface RestRequest {
  query?: Record<string, string | number | boolean | undefined>;
  /** JSON-encoded unless a string. */
  body?: unknown;
  /** Default application/json when there is a body. */
  contentType?: string;
  /** The answer as text (a pod log), not JSON. */
  text?: boolean;
}

export interface Rest {
  request<T = unknown>(method: string, path: string, options?: RestRequest): Promise<T>;
}

export const CALL_TIMEOUT_MS = 30_000;

export function createRest(target: RestTarget, timeoutMs = CALL_TIMEOUT_MS): Rest {
  const base = new URL(target.server);
  const secure = base.protocol === "https:";
  const { http, https } = httpModules();
  const agent = secure ? new https.Agent({ keepAlive: true }) : new http.Agent({ keepAlive: true });
  const prefix = base.pathname.replace(/\/+$/, "");

  async function once(method: string, path: string, options: RestRequest, renew: boolean) {
    const credentials = await target.credentials(renew);
    const url = new URL(base.origin + prefix + path);
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    const body =
      options.body === undefined
        ? undefined
        : typeof options.body === "string"
          ? options.body
          : JSON.stringify(options.body);
    const headers: Record<string, string> = { Accept: options.text ? "*/*" : "application/json" };
    if (body !== undefined) {
      headers["Content-Type"] = options.contentType ?? "application/json";
      headers["Content-Length"] = String(Buffer.byteLength(body));
    }
    if (credentials.authorization) headers.Authorization = credentials.authorization;
    return send(url, {
      method,
      headers,
      agent,
      body,
      timeoutMs,
      tls: secure
        ? {
            ca: target.ca,
            rejectUnauthorized: !target.insecureSkipTlsVerify,
            servername: target.tlsServerName,
            cert: credentials.cert,
            key: credentials.key,
          }
        : undefined,
      label: `${method} ${path}`,
      server: target.server,
    });
  }

  return {
    async request<T>(method: string, path: string, options: RestRequest = {}): Promise<T> {
      let answer = await once(method, path, options, false);
      if (answer.status === 401 && target.renewable) answer = await once(method, path, options, true);
      if (answer.status < 200 || answer.status > 299) {
        throw new KubeApiError(statusMessage(answer.status, answer.text), answer.status);
      }
      if (options.text) return answer.text as T;
      try {
        return (answer.text === "" ? null : JSON.parse(answer.text)) as T;
      } catch {
        throw new KubeApiError(`the API server answered ${method} ${path} with something that is not JSON`);
      }
    },
  };
}

interface Sent {
  method: string;
  headers: Record<string, string>;
  agent: http.Agent;
  body?: string;
  timeoutMs: number;
  tls?: https.RequestOptions;
  label: string;
  server: string;
}

function send(url: URL, sent: Sent): Promise<{ status: number; text: string }> {
  return new Promise((resolvePromise, reject) => {
    const { http, https } = httpModules();
    const request = (url.protocol === "https:" ? https : http).request(
      url,
      { method: sent.method, headers: sent.headers, agent: sent.agent, ...sent.tls },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          clearTimeout(timer);
          resolvePromise({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") });
        });
        response.on("error", fail);
      },
    );
    // An API server that accepts connections but never answers must not hang the run.
    const timer = setTimeout(() => {
      request.destroy(
        new KubeApiError(`the API server did not answer ${sent.label} within ${sent.timeoutMs / 1000}s`),
      );
    }, sent.timeoutMs);
    function fail(error: Error) {
      clearTimeout(timer);
      reject(
        error instanceof KubeApiError
          ? error
          : new KubeApiError(`cannot reach the API server at ${sent.server}: ${error.message}`),
      );
    }
    request.on("error", fail);
    request.end(sent.body);
  });
}

/** The API server's own message (its Status body), first line, at most 500 characters. */
export function statusMessage(code: number, body: string): string {
  let message = body.trim();
  try {
    const status = JSON.parse(body) as { message?: unknown };
    if (typeof status?.message === "string" && status.message !== "") message = status.message;
  } catch {
    // not JSON: keep the text
  }
  return (message.split("\n")[0]!.slice(0, 500) || `HTTP ${code}`).trim();
}
