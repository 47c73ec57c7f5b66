// A real chart repository for tests: charts packaged with the pinned helm
// (`helm package`), indexed with `helm repo index`, served over HTTP — or
// HTTPS with a throw-away CA made by openssl — from this process. Publishing
// a version re-indexes, as a repository does.
import { execFileSync } from "node:child_process";
import { createReadStream, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { run } from "./tools.js";

export interface ChartRepository {
  url: string;
  /** Directory holding the archives and index.yaml. */
  dir: string;
  /** The CA that signed the server's certificate (HTTPS only). */
  caFile?: string;
  /** Every path requested, in order. */
  requests: string[];
  /** Packages `chart` at `version` and re-indexes; returns the archive's path. */
  publish(chart: string, version: string): Promise<string>;
  close(): Promise<void>;
}

export async function serveChartRepository(options: { tls?: boolean } = {}): Promise<ChartRepository> {
  const dir = mkdtempSync(path.join(tmpdir(), "releases-chart-repo-"));
  const requests: string[] = [];
  const handler = (request: IncomingMessage, response: ServerResponse) => {
    requests.push(request.url ?? "/");
    const file = path.join(dir, path.basename(new URL(request.url ?? "/", "http://x").pathname));
    if (!existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200);
    createReadStream(file).pipe(response);
  };
  const tls = options.tls ? certificates(mkdtempSync(path.join(tmpdir(), "releases-chart-tls-"))) : undefined;
  const server = tls ? createHttpsServer({ cert: tls.cert, key: tls.key }, handler) : createHttpServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `${tls ? "https" : "http"}://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const index = async () => {
    const indexed = await run("helm", ["repo", "index", dir, "--url", url]);
    if (indexed.code !== 0) throw new Error(`helm repo index failed: ${indexed.stderr}`);
  };
  await index();
  return {
    url,
    dir,
    caFile: tls?.caFile,
    requests,
    publish: async (chart, version) => {
      const packaged = await run("helm", ["package", chart, "--version", version, "-d", dir]);
      if (packaged.code !== 0) throw new Error(`helm package failed: ${packaged.stderr}`);
      await index();
      return path.join(dir, `${path.basename(chart)}-${version}.tgz`);
    },
    close: async () => {
      await new Promise((resolve) => server.close(resolve));
      rmSync(dir, { recursive: true, force: true });
      if (tls) rmSync(path.dirname(tls.caFile), { recursive: true, force: true });
    },
  };
}

/** A CA and a certificate for 127.0.0.1 it signed, with the system's openssl. */
function certificates(dir: string): { caFile: string; cert: Buffer; key: Buffer } {
  const openssl = (args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
  openssl([
    "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=releases test CA",
    "-keyout", "ca.key", "-out", "ca.crt",
    "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
  ]);
  openssl([
    "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1", "-keyout", "server.key", "-out", "server.csr",
  ]);
  writeFileSync(path.join(dir, "san.ext"), "subjectAltName=IP:127.0.0.1\n");
  openssl([
    "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
    "-days", "1", "-extfile", "san.ext", "-out", "server.crt",
  ]);
  return {
    caFile: path.join(dir, "ca.crt"),
    cert: readFileSync(path.join(dir, "server.crt")),
    key: readFileSync(path.join(dir, "server.key")),
  };
}
