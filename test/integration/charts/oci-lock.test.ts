// OCI charts against a real (read-only) OCI registry served over plain HTTP by
// this process: `deps` resolves a range by helm's own tag listing and locks
// the manifest digest; `template` and `lint` fetch the locked version with the
// registry's `plainHttp` option.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { type OciRegistry, serveOciRegistry } from "../../toolchain/oci-registry.js";
import { fixtureCharts } from "../../toolchain/tools.js";
import { releasesWithHelm } from "./releases-cli.js";

let registry: OciRegistry;
let digests: Record<string, string>;

beforeAll(async () => {
  registry = await serveOciRegistry();
  digests = {};
  for (const version of ["1.0.0", "1.2.0", "2.0.0"]) {
    digests[version] = await registry.publish(join(fixtureCharts, "paced"), version);
  }
});

afterAll(() => registry?.close());

describe.each(["helm", "helm4"])("OCI charts with %s", (helm) => {
  it("deps locks a range to the registry's newest match and its manifest digest; template and lint use it", async () => {
    const root = mkdtempSync(join(tmpdir(), "releases-oci-project-"));
    try {
      writeProject(root);
      const deps = await releasesWithHelm(root, helm, ["deps"]);
      expect(deps.code, deps.err).toBe(0);
      const lock = parse(readFileSync(join(root, "releases.lock"), "utf8")) as { charts: unknown[] };
      expect(lock.charts).toEqual([
        {
          repository: registry.url,
          chart: "paced",
          constraint: "^1",
          version: "1.2.0",
          digest: digests["1.2.0"],
        },
      ]);
      expect(deps.calls.find((a) => a[0] === "pull")).toEqual(
        expect.arrayContaining(["--version", "^1", "--plain-http"]),
      );

      const template = await releasesWithHelm(root, helm, ["template"]);
      expect(template.code, template.err).toBe(0);
      expect(template.out).toContain('name: "web-message"');
      expect(template.calls.find((a) => a[0] === "template")).toEqual(
        expect.arrayContaining([`${registry.url}/paced`, "--version", "1.2.0", "--plain-http"]),
      );

      const lint = await releasesWithHelm(root, helm, ["lint"]);
      expect(lint.code, `${lint.out}${lint.err}`).toBe(0);
      expect(lint.out).toContain("apps/web: ok");
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

function writeProject(root: string): void {
  writeFileSync(
    join(root, "releases.yaml"),
    stringify({
      repositories: [{ name: "lab", url: registry.url, plainHttp: true }],
      releases: [{ name: "web", namespace: "apps", chart: "lab/paced", version: "^1" }],
    }),
  );
}
