// `releases secrets rotate <file>`: a new data key for a SOPS file, every value
// re-encrypted, then exactly the releases that consume the file redeployed —
// through a release `secrets:` entry or a `sops` lookup in a values template —
// and no other. The real `sops` binary encrypts the file first and still
// decrypts it after.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "vitest";
import { parse } from "yaml";
import { publicKeyOf, requireSops, sops, testKeyFile } from "../../integration/sops/sops-binary.js";
import {
  HELM_BINARIES,
  helmValues,
  latestRevision,
  Project,
  type ReleaseSpec,
  unique,
} from "../deploy/support.js";
import { settingsChart } from "./fixtures.js";

interface SopsFile {
  [key: string]: unknown;
  sops: { age: { recipient: string; enc: string }[]; lastmodified: string; mac: string };
}

function encryptWithSops(file: string): void {
  const result = sops(["--encrypt", "--age", publicKeyOf(testKeyFile), "--in-place", file]);
  if (result.status !== 0) throw new Error(`sops --encrypt failed: ${result.stderr}`);
}

function decryptWithSops(file: string): unknown {
  const result = sops(["--decrypt", file]);
  if (result.status !== 0) throw new Error(`sops --decrypt failed: ${result.stderr}`);
  return parse(result.stdout);
}

describe.concurrent.each(HELM_BINARIES)("secrets rotate with %s", (helm) => {
  it("re-encrypts the file and redeploys exactly its consumers", async ({ expect, onTestFinished }) => {
    requireSops();
    const ns = `rotate-${unique()}`;
    const password = `pw-${unique()}-${unique()}`;
    const token = `tok-${unique()}-${unique()}`;
    const releases: ReleaseSpec[] = [
      // consumes the whole file as a release secrets layer
      { name: "reader", namespace: ns, chart: settingsChart, secrets: ["secrets/app.sops.yaml"] },
      // consumes one key of it through a template lookup
      { name: "looker", namespace: ns, chart: settingsChart, values: ["values/looker.yaml.hbs"] },
      // consumes another SOPS file
      { name: "other", namespace: ns, chart: settingsChart, secrets: ["secrets/other.sops.yaml"] },
      // consumes no secret
      { name: "plain", namespace: ns, chart: settingsChart, values: [{ message: "plain" }] },
    ];
    const project = new Project(helm, releases, {
      "secrets/app.sops.yaml": { password, token },
      "secrets/other.sops.yaml": { password: `other-${password}` },
      "values/looker.yaml.hbs": 'message: {{sops "secrets/app.sops.yaml" "token"}}\n',
    });
    const file = path.join(project.dir, "secrets", "app.sops.yaml");
    encryptWithSops(file);
    encryptWithSops(path.join(project.dir, "secrets", "other.sops.yaml"));
    const env = { SOPS_AGE_KEY_FILE: testKeyFile };
    onTestFinished(() => project.cleanUp());

    const first = await project.releases(["sync"], { env });
    expect(first.code, first.stderr).toBe(0);
    const encrypted = parse(readText(file)) as SopsFile;

    const rotated = await project.releases(["secrets", "rotate", "secrets/app.sops.yaml"], { env });

    expect(rotated.code, rotated.stderr).toBe(0);
    expect(rotated.stderr).toContain("rotated the data key of secrets/app.sops.yaml");
    expect(rotated.report!.releases.map((r) => [r.id, r.action, r.outcome, r.revision]).sort()).toEqual([
      [`${ns}/looker`, "upgrade", "succeeded", 2],
      [`${ns}/reader`, "upgrade", "succeeded", 2],
    ]);
    const revisions = Object.fromEntries(
      await Promise.all(releases.map(async (r) => [r.name, await latestRevision(helm, r.name, ns)])),
    );
    expect(revisions).toEqual({ reader: 2, looker: 2, other: 1, plain: 1 });
    for (const secret of [password, token]) {
      expect(rotated.stdout).not.toContain(secret);
      expect(rotated.stderr).not.toContain(secret);
    }

    // A new data key: every value and the MAC re-encrypted, the key re-wrapped.
    const after = parse(readText(file)) as SopsFile;
    expect(after.password).not.toBe(encrypted.password);
    expect(after.token).not.toBe(encrypted.token);
    expect(after.sops.mac).not.toBe(encrypted.sops.mac);
    expect(after.sops.age.map((a) => a.recipient)).toEqual([publicKeyOf(testKeyFile)]);
    expect(after.sops.age[0]!.enc).not.toBe(encrypted.sops.age[0]!.enc);
    // ...and the same secrets, as the real sops reads them.
    expect(decryptWithSops(file)).toEqual({ password, token });

    // The consumers got the same values again.
    expect(await helmValues(helm, "looker", ns, 2)).toEqual({ message: token });
    expect(await helmValues(helm, "reader", ns, 2)).toEqual({ password, token });

    // What is deployed matches the desired state: nothing left for apply to do.
    const plan = await project.releases(["apply", "--dry-run"], { env });
    expect(plan.code, plan.stderr).toBe(0);
    const actions = (JSON.parse(plan.stdout) as { releases: { id: string; action: string }[] }).releases;
    expect(new Set(actions.map((r) => r.action))).toEqual(new Set(["unchanged"]));
  });
});

function readText(file: string): string {
  return readFileSync(file, "utf8");
}
