// A read-only OCI registry for tests, serving helm charts the way a registry
// does (the distribution API helm pulls with: tags list, manifests by tag or
// digest, blobs), over plain HTTP from this process. Charts are packaged with
// the pinned helm; the manifest is the one `helm push` writes.
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "yaml";
import { run } from "./tools.js";

export interface OciRegistry {
  /** `oci://127.0.0.1:<port>/charts`. */
  url: string;
  requests: string[];
  /** Packages `chart` at `version` and serves it as `<url>/<chart name>:<version>`; returns the manifest digest. */
  publish(chart: string, version: string): Promise<string>;
  close(): Promise<void>;
}

const MANIFEST = "application/vnd.oci.image.manifest.v1+json";
const digestOf = (data: Buffer | string) => `sha256:${createHash("sha256").update(data).digest("hex")}`;

export async function serveOciRegistry(): Promise<OciRegistry> {
  const dir = mkdtempSync(path.join(tmpdir(), "releases-oci-"));
  const blobs = new Map<string, Buffer>();
  /** repository → tag → manifest digest */
  const tags = new Map<string, Map<string, string>>();
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    const url = new URL(req.url ?? "/", "http://x");
    const send = (status: number, body: Buffer | string, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-length": String(Buffer.byteLength(body)), ...headers });
      res.end(req.method === "HEAD" ? undefined : body);
    };
    if (url.pathname === "/v2/" || url.pathname === "/v2") return send(200, "{}");
    const m = /^\/v2\/(.+)\/(tags\/list|manifests|blobs)\/?(.*)$/.exec(url.pathname);
    if (!m) return send(404, "{}");
    const [, repository, kind, reference] = m as unknown as [string, string, string, string];
    if (kind === "tags/list") {
      const list = [...(tags.get(repository)?.keys() ?? [])];
      return send(200, JSON.stringify({ name: repository, tags: list }), { "content-type": "application/json" });
    }
    const digest = kind === "manifests" ? (tags.get(repository)?.get(reference) ?? reference) : reference;
    const body = blobs.get(digest);
    if (!body) return send(404, JSON.stringify({ errors: [{ code: "MANIFEST_UNKNOWN" }] }));
    const type = kind === "manifests" ? MANIFEST : "application/octet-stream";
    return send(200, body, { "content-type": type, "docker-content-digest": digest });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `oci://${host}/charts`,
    requests,
    publish: async (chart, version) => {
      const packaged = await run("helm", ["package", chart, "--version", version, "-d", dir]);
      if (packaged.code !== 0) throw new Error(`helm package failed: ${packaged.stderr}`);
      const meta = parse(readFileSync(path.join(chart, "Chart.yaml"), "utf8")) as Record<string, unknown>;
      const archive = readFileSync(path.join(dir, `${meta.name}-${version}.tgz`));
      const config = Buffer.from(JSON.stringify({ ...meta, version }));
      const manifest = Buffer.from(
        JSON.stringify({
          schemaVersion: 2,
          mediaType: MANIFEST,
          config: { mediaType: "application/vnd.cncf.helm.config.v1+json", digest: digestOf(config), size: config.length },
          layers: [
            {
              mediaType: "application/vnd.cncf.helm.chart.content.v1.tar+gzip",
              digest: digestOf(archive),
              size: archive.length,
            },
          ],
        }),
      );
      for (const blob of [config, archive, manifest]) blobs.set(digestOf(blob), blob);
      const repository = `charts/${meta.name}`;
      if (!tags.has(repository)) tags.set(repository, new Map());
      tags.get(repository)!.set(version, digestOf(manifest));
      return digestOf(manifest);
    },
    close: async () => {
      await new Promise((resolve) => server.close(resolve));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
