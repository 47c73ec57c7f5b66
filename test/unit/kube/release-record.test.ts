import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { ClusterStateError } from "../../../src/errors.js";
import { toDeployedRelease } from "../../../src/kube/release-record.js";

/** A helm storage Secret as the API returns it: data base64 once more over helm's own base64 of gzipped JSON. */
function storageSecret(payload: string) {
  return {
    metadata: {
      name: "sh.helm.release.v1.web.v3",
      namespace: "apps",
      labels: { owner: "helm", name: "web", version: "3", status: "deployed" },
    },
    data: { release: Buffer.from(payload).toString("base64") },
  };
}

describe("a release as helm stored it", () => {
  it("decodes the payload: values, manifest, chart", () => {
    const json = JSON.stringify({
      config: { replicas: 2 },
      manifest: "kind: Deployment\n",
      chart: { metadata: { name: "web", version: "1.0.0" } },
    });
    const release = toDeployedRelease(storageSecret(gzipSync(json).toString("base64")), true);
    expect(release).toMatchObject({
      id: "apps/web",
      revision: 3,
      config: { replicas: 2 },
      manifest: "kind: Deployment\n",
      chart: { name: "web", version: "1.0.0" },
    });
  });

  it("says which release and revision it cannot read, as a cluster state error (exit 4), not a raw parse error", () => {
    const broken = storageSecret(Buffer.from("not gzip, not json").toString("base64"));
    expect(toDeployedRelease(broken, false)).toMatchObject({ id: "apps/web", revision: 3 }); // labels only: fine
    const read = () => toDeployedRelease(broken, true);
    expect(read).toThrow(ClusterStateError);
    expect(read).toThrow(
      /^cannot read apps\/web revision 3 as helm stored it \(Secret apps\/sh\.helm\.release\.v1\.web\.v3\): /,
    );
  });
});
