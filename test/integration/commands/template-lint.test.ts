// `releases template` and `releases lint`: helm template / helm lint --strict
// with each release's merged values, no cluster involved. Runs the built CLI
// (npm run build) with the pinned helm 3 and helm 4.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, it } from "vitest";
import { stringify } from "yaml";
import { pacedChart, releasesCli } from "../../e2e/deploy/support.js";
import { repoRoot, tool } from "../../toolchain/tools.js";
import { publicKeyOf, requireSops, sops, testKeyFile } from "../sops/sops-binary.js";

const HELMS = ["helm", "helm4"] as const;
const secret = "api-token-Qw3rTy-9876";

let dir: string;

function write(file: string, content: unknown): string {
  const target = path.join(dir, file);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, typeof content === "string" ? content : stringify(content));
  return target;
}

beforeAll(() => {
  if (!existsSync(path.join(repoRoot, "dist", "cli", "main.js"))) {
    throw new Error("dist/cli/main.js is missing: run npm run build first");
  }
  requireSops();
  dir = mkdtempSync(path.join(tmpdir(), "releases-template-"));
  write("releases.yaml", {
    environments: { staging: { values: ["environments/staging.yaml"] } },
    releases: [
      {
        name: "web",
        namespace: "front",
        chart: pacedChart,
        labels: { app: "web" },
        values: ["values/web.yaml.hbs", { replicaCount: 2, image: "registry.invalid/web:2.0.0" }],
        set: { replicaCount: 3 },
      },
      {
        name: "api",
        namespace: "back",
        chart: pacedChart,
        labels: { app: "api" },
        secrets: ["secrets/api.sops.yaml"],
      },
      { name: "gone", namespace: "back", chart: pacedChart, installed: false },
    ],
  });
  write("environments/staging.yaml", { greeting: "hello", replicas: 5 });
  write(
    "values/web.yaml.hbs",
    'message: "{{values.greeting}} from {{environment.name}}"\nreplicaCount: {{values.replicas}}\n',
  );
  const sopsFile = write("secrets/api.sops.yaml", { message: secret });
  const encrypted = sops(["--encrypt", "--age", publicKeyOf(testKeyFile), "--in-place", sopsFile]);
  if (encrypted.status !== 0) throw new Error(`sops --encrypt failed: ${encrypted.stderr}`);
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const env = { SOPS_AGE_KEY_FILE: testKeyFile };
const cli = (args: string[], helm: string, cwd = dir) =>
  releasesCli([...args, "-e", "staging", "--helm-binary", tool(helm)], cwd, { env });

/** The documents of a `releases template` output, by `Kind/name`. */
function documents(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const doc of text.split(/^---$/m)) {
    const kind = /^kind: (\S+)$/m.exec(doc)?.[1];
    const name = /^ {2}name: "?([^"\s]+)"?$/m.exec(doc)?.[1];
    if (kind && name) out.set(`${kind}/${name}`, doc);
  }
  return out;
}

describe.concurrent.each(HELMS)("template with %s", (helm) => {
  it("renders every installed release with its merged values, secrets redacted", async ({ expect }) => {
    const result = await cli(["template"], helm);

    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("# release: front/web");
    expect(result.stdout).toContain("# release: back/api");
    expect(result.stdout).not.toContain("gone"); // installed: false renders nothing
    const docs = documents(result.stdout);
    expect([...docs.keys()].sort()).toEqual([
      "ConfigMap/api-message",
      "ConfigMap/web-message",
      "Deployment/api",
      "Deployment/web",
      "Pod/api-test", // helm template renders test hooks too
      "Pod/web-test",
    ]);
    // environment values through the .hbs layer, an inline layer, then `set` over everything
    expect(docs.get("ConfigMap/web-message")).toMatch(/message: "hello from staging"/);
    expect(docs.get("Deployment/web")).toMatch(/replicas: 3$/m);
    expect(docs.get("Deployment/web")).toContain("image: registry.invalid/web:2.0.0");
    // the chart's defaults where no layer says otherwise
    expect(docs.get("Deployment/api")).toMatch(/replicas: 1$/m);
    expect(docs.get("Deployment/api")).toContain("image: registry.invalid/paced:1.0.0");
    // the SOPS value reached the chart, and never the output
    expect(docs.get("ConfigMap/api-message")).toMatch(/message: "<redacted>"/);
    expect(result.stdout).not.toContain(secret);
    expect(result.stderr).not.toContain(secret);
  });

  it("renders only the selected releases", async ({ expect }) => {
    const result = await cli(["template", "-l", "app=api"], helm);
    expect(result.code, result.stderr).toBe(0);
    expect([...documents(result.stdout).keys()].sort()).toEqual([
      "ConfigMap/api-message",
      "Deployment/api",
      "Pod/api-test",
    ]);
  });
});

describe.concurrent.each(HELMS)("lint with %s", (helm) => {
  it("passes the fixture charts with their values", async ({ expect }) => {
    const result = await cli(["lint"], helm);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain("front/web: ok");
    expect(result.stdout).toContain("back/api: ok");
    expect(result.stdout).not.toContain(secret);
  });

  it("fails (exit 1) on a broken chart and names the release and the template", async ({ expect }) => {
    const broken = mkdtempSync(path.join(tmpdir(), "releases-lint-"));
    try {
      const at = (file: string, text: string) => {
        mkdirSync(path.dirname(path.join(broken, file)), { recursive: true });
        writeFileSync(path.join(broken, file), text);
      };
      at("charts/broken/Chart.yaml", "apiVersion: v2\nname: broken\nversion: 0.1.0\n");
      at(
        "charts/broken/templates/configmap.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  message: {{ .Values.message | nosuchfunction }}\n",
      );
      at(
        "releases.yaml",
        stringify({
          environments: { staging: null },
          releases: [
            { name: "good", namespace: "apps", chart: pacedChart },
            { name: "bad", namespace: "apps", chart: "./charts/broken", values: [{ message: "hi" }] },
          ],
        }),
      );

      const result = await cli(["lint"], helm, broken);

      expect(result.code, result.stdout + result.stderr).toBe(1);
      expect(result.stdout).toContain("apps/good: ok");
      expect(result.stdout).toContain("apps/bad: FAILED");
      expect(result.stdout).toContain("broken/templates/configmap.yaml");
      expect(result.stdout).toContain("nosuchfunction");
      expect(result.stderr).toContain("1 release(s) failed lint");
    } finally {
      rmSync(broken, { recursive: true, force: true });
    }
  });
});
