// The REST adapter against a real local HTTP server (node:http): what an API
// server's answers become — Status errors with their code, a server that never
// answers, one that refuses connections, a 401 that makes an exec plugin run again.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createRest, KubeApiError, type RestTarget } from "../../../src/kube/rest.js";

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

async function serve(
  handle: (req: IncomingMessage, body: string, res: ServerResponse) => void,
): Promise<string> {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => handle(req, body, res));
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const target = (server: string, more: Partial<RestTarget> = {}): RestTarget => ({
  server,
  insecureSkipTlsVerify: false,
  renewable: false,
  credentials: async () => ({ authorization: "Bearer t" }),
  ...more,
});

async function failure(promise: Promise<unknown>): Promise<KubeApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(KubeApiError);
  return error as KubeApiError;
}

describe("the REST adapter", () => {
  it("sends JSON with the query, content type and credentials; reads JSON back", async () => {
    const seen: unknown[] = [];
    const url = await serve((req, body, res) => {
      seen.push({
        method: req.method,
        url: req.url,
        type: req.headers["content-type"],
        auth: req.headers.authorization,
        body,
      });
      res.setHeader("Content-Type", "application/json");
      res.end(JSON.stringify({ kind: "ConfigMap", data: { a: "1" } }));
    });
    const rest = createRest(target(`${url}/prefix/`));
    const answer = await rest.request("PATCH", "/api/v1/namespaces/a/configmaps/x", {
      query: { dryRun: "All", force: true, skipped: undefined },
      contentType: "application/apply-patch+yaml",
      body: { data: { a: "1" } },
    });
    expect(answer).toEqual({ kind: "ConfigMap", data: { a: "1" } });
    expect(seen).toEqual([
      {
        method: "PATCH",
        url: "/prefix/api/v1/namespaces/a/configmaps/x?dryRun=All&force=true",
        type: "application/apply-patch+yaml",
        auth: "Bearer t",
        body: '{"data":{"a":"1"}}',
      },
    ]);
  });

  it("a non-2xx answer is a KubeApiError with the Status message and the HTTP code", async () => {
    const url = await serve((_req, _body, res) => {
      res.statusCode = 409;
      res.end(
        JSON.stringify({
          kind: "Status",
          message: 'Operation cannot be fulfilled on leases "x"\nmore',
          code: 409,
        }),
      );
    });
    const error = await failure(createRest(target(url)).request("PUT", "/x", { body: {} }));
    expect(error.message).toBe('Operation cannot be fulfilled on leases "x"');
    expect(error.code).toBe(409);
  });

  it("an API server that accepts but never answers does not hang the run", async () => {
    const url = await serve(() => {});
    const error = await failure(createRest(target(url), 300).request("GET", "/api/v1/secrets"));
    expect(error.message).toBe("the API server did not answer GET /api/v1/secrets within 0.3s");
    expect(error.code).toBeUndefined();
  });

  it("a refused connection is a KubeApiError without a code, naming the server", async () => {
    const url = await serve(() => {});
    server!.close();
    server = undefined;
    const error = await failure(createRest(target(url)).request("GET", "/api/v1"));
    expect(error.message).toMatch(new RegExp(`^cannot reach the API server at ${url}: .*ECONNREFUSED`));
    expect(error.code).toBeUndefined();
  });

  it("a 401 with renewable credentials asks for new ones once, then retries", async () => {
    const url = await serve((req, _body, res) => {
      res.statusCode = req.headers.authorization === "Bearer fresh" ? 200 : 401;
      res.end(res.statusCode === 200 ? "{}" : JSON.stringify({ kind: "Status", message: "Unauthorized" }));
    });
    const asked: boolean[] = [];
    const credentials = async (renew: boolean) => {
      asked.push(renew);
      return { authorization: renew ? "Bearer fresh" : "Bearer stale" };
    };
    expect(await createRest(target(url, { renewable: true, credentials })).request("GET", "/api")).toEqual(
      {},
    );
    expect(asked).toEqual([false, true]);
    const fixed = await failure(
      createRest(target(url, { credentials: async () => ({}) })).request("GET", "/api"),
    );
    expect([fixed.code, fixed.message]).toEqual([401, "Unauthorized"]);
  });

  it("a pod log comes back as text", async () => {
    const url = await serve((_req, _body, res) => res.end("line 1\nline 2\n"));
    expect(await createRest(target(url)).request("GET", "/log", { text: true })).toBe("line 1\nline 2\n");
  });
});
