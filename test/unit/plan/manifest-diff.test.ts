import { describe, expect, it } from "vitest";
import { diffManifests, parseManifest, redactSecretPair } from "../../../src/plan/manifest-diff.js";

const configMap = (value: string) => `---
# Source: app/templates/cm.yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  level: ${value}
`;

const secret = (password: string, user = "app") => `---
apiVersion: v1
kind: Secret
metadata:
  name: creds
  namespace: db
data:
  password: ${Buffer.from(password).toString("base64")}
  user: ${Buffer.from(user).toString("base64")}
`;

describe("diffing deployed and desired manifests", () => {
  it("keys resources by kind, namespace (defaulted) and name", () => {
    const resources = parseManifest(configMap("info") + secret("s3cr3t-value"), "apps");
    expect([...resources.keys()]).toEqual(["ConfigMap/apps/settings", "Secret/db/creds"]);
  });

  it("reports nothing when the manifests are the same", () => {
    expect(diffManifests(configMap("info"), configMap("info"), "apps", "apps/app")).toEqual([]);
  });

  it("shows a changed field as a unified diff of that resource", () => {
    const [diff, ...rest] = diffManifests(configMap("info"), configMap("debug"), "apps", "apps/app");
    expect(rest).toEqual([]);
    expect(diff!.change).toBe("changed");
    expect(diff!.resource).toBe("ConfigMap/apps/settings");
    expect(diff!.patch).toContain("-  level: info");
    expect(diff!.patch).toContain("+  level: debug");
  });

  it("reports added and removed resources", () => {
    const diffs = diffManifests(configMap("info"), secret("s3cr3t-value"), "apps", "apps/app");
    expect(diffs.map((d) => [d.resource, d.change])).toEqual([
      ["ConfigMap/apps/settings", "removed"],
      ["Secret/db/creds", "added"],
    ]);
  });

  it("never shows Secret data, but says which keys changed", () => {
    const old = secret("old-password-1");
    const now = secret("new-password-2");
    const [diff] = diffManifests(old, now, "apps", "apps/app");
    const encoded = [old, now].flatMap((m) => [...m.matchAll(/password: (\S+)/g)].map((x) => x[1]!));
    for (const value of [...encoded, "old-password-1", "new-password-2"])
      expect(diff!.patch).not.toContain(value);
    expect(diff!.patch).toContain("password: <redacted (changed)>");
    expect(diff!.patch).not.toMatch(/^[-+]\s+user:/m); // unchanged keys are not part of the change
  });

  it("marks an unchanged secret value as plainly redacted on both sides", () => {
    const [before, after] = redactSecretPair(
      { kind: "Secret", stringData: { token: "abc" } },
      { kind: "Secret", stringData: { token: "abc" } },
    );
    expect(before).toEqual({ kind: "Secret", stringData: { token: "<redacted>" } });
    expect(after).toEqual(before);
  });
});
