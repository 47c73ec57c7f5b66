import { describe, expect, it } from "vitest";
import { liveDiffs, withFieldsOf } from "../../../src/drift/live-diff.js";
import type { DriftDetail } from "../../../src/drift/read-drift.js";

const secret = (password: string) => ({
  apiVersion: "v1",
  kind: "Secret",
  metadata: { name: "creds", namespace: "shop", resourceVersion: "7", managedFields: [{ manager: "x" }] },
  data: { password: Buffer.from(password).toString("base64"), user: "YXBw" },
});

describe("drifted objects as unified diffs", () => {
  it("shows a deleted object as added on the deployed side", () => {
    const detail: DriftDetail = {
      resource: "ConfigMap/settings",
      change: "deleted",
      fields: [],
      deployed: {
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: { name: "settings" },
        data: { level: "info" },
      },
      ignoredFields: [],
    };
    const [diff] = liveDiffs([detail], "shop/web");
    expect(diff!.patch).toContain("--- shop/web ConfigMap/settings (live)");
    expect(diff!.patch).toContain("+++ shop/web ConfigMap/settings (deployed)");
    expect(diff!.patch).toMatch(/^\+ {2}level: info$/m);
  });

  it("never shows Secret values, live or deployed, and marks the one that changed", () => {
    const detail: DriftDetail = {
      resource: "Secret/creds",
      change: "changed",
      fields: ["/data/password"],
      deployed: secret("deployed-pw"),
      live: secret("hand-set-pw"),
      merged: secret("deployed-pw"),
      ignoredFields: [],
    };
    const [diff] = liveDiffs([detail], "shop/web");
    for (const value of ["deployed-pw", "hand-set-pw"]) {
      expect(diff!.patch).not.toContain(value);
      expect(diff!.patch).not.toContain(Buffer.from(value).toString("base64"));
    }
    expect(diff!.patch).toMatch(/^\+ {2}password: <redacted \(changed\)>$/m);
    expect(diff!.patch).not.toContain("managedFields");
    expect(diff!.patch).not.toContain("resourceVersion");
  });

  it("shows ignored fields as they are live, so only drift remains", () => {
    const deployment = (replicas: number, image: string) => ({
      kind: "Deployment",
      metadata: { name: "web" },
      spec: { replicas, image },
    });
    const detail: DriftDetail = {
      resource: "Deployment/web",
      change: "changed",
      fields: ["/spec/image"],
      deployed: deployment(1, "a:1"),
      live: deployment(5, "b:2"),
      merged: deployment(1, "a:1"),
      ignoredFields: ["/spec/replicas"],
    };
    const [diff] = liveDiffs([detail], "shop/web");
    expect(diff!.patch).toMatch(/^-\s+image: b:2$/m);
    expect(diff!.patch).not.toMatch(/^[-+]\s+replicas/m);
  });

  it("copies a field's absence too", () => {
    expect(withFieldsOf({ spec: { a: 1, b: 2 } }, { spec: { a: 1 } }, ["/spec/b"])).toEqual({
      spec: { a: 1 },
    });
  });
});
