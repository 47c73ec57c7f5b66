// From helmfile to releases, end to end: import the small helmfile stack in
// ./stack, check that `releases template` renders exactly the manifests
// `helmfile template` renders (per environment), then deploy the imported
// project to the local cluster and check what helm stored is the same.
// helmfile comes from the toolchain's optional component (scripts/toolchain
// helmfile: built once into the shared store, ~10 min cold, seconds after).
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { repoRoot, run, toolchainBin } from "../../toolchain/tools.js";

const cli = path.join(repoRoot, "dist", "cli", "main.js");
const fixture = path.join(repoRoot, "test", "e2e", "import", "stack");
let dir: string;

function releases(args: string[]): { code: number; stdout: string; stderr: string } {
  try {
    const stdout = execFileSync(process.execPath, [cli, ...args], {
      cwd: dir,
      encoding: "utf8",
      stdio: "pipe",
    });
    return { code: 0, stdout, stderr: "" };
  } catch (error) {
    const e = error as { status: number; stdout: string; stderr: string };
    return { code: e.status, stdout: e.stdout, stderr: e.stderr };
  }
}

/** Every manifest of a `template` output as data, keyed kind/name, comments and blank documents dropped. */
function manifests(text: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const doc of parseAllDocuments(text)) {
    const data = doc.toJS() as { kind?: string; metadata?: { name?: string } } | null;
    if (!data?.kind) continue;
    out[`${data.kind}/${data.metadata?.name}`] = data;
  }
  return out;
}

async function helmfileTemplate(environment: string): Promise<Record<string, unknown>> {
  const result = await run("helmfile", ["-e", environment, "template", "--skip-deps"], {
    cwd: dir,
    timeoutMs: 120_000,
  });
  if (result.code !== 0) throw new Error(`helmfile template failed:\n${result.stderr}`);
  return manifests(result.stdout);
}

beforeAll(() => {
  // Cached in the shared store after the first build; the first one takes minutes.
  execFileSync(path.join(repoRoot, "scripts", "toolchain"), ["helmfile"], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  expect(existsSync(path.join(toolchainBin, "helmfile"))).toBe(true);
  dir = mkdtempSync(path.join(tmpdir(), "releases-import-"));
  cpSync(fixture, dir, { recursive: true });
}, 1_200_000);

afterAll(() => {
  if (dir) {
    releases(["-e", "production", "destroy", "--yes"]);
    rmSync(dir, { recursive: true, force: true });
  }
});

describe("releases import of a helmfile stack", () => {
  it("converts everything and writes releases.yaml and .hbs values", () => {
    const result = releases(["import"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("everything converted");
    for (const file of ["releases.yaml", "values/backend.yaml.hbs", "env/production.yaml.hbs"]) {
      expect(existsSync(path.join(dir, file))).toBe(true);
    }
  });

  it.each(["dev", "production"])("renders what helmfile renders (-e %s)", async (environment) => {
    const ours = releases(["-e", environment, "template"]);
    expect(ours.code).toBe(0);
    const theirs = await helmfileTemplate(environment);
    expect(Object.keys(theirs).length).toBeGreaterThanOrEqual(environment === "production" ? 6 : 4);
    expect(manifests(ours.stdout)).toEqual(theirs);
    // the converted patches, transformer and optional values file did apply (in both tools)
    // biome-ignore lint/suspicious/noExplicitAny: free-form manifests
    const rendered = manifests(ours.stdout) as Record<string, any>;
    expect(rendered["Deployment/frontend"].spec.replicas).toBe(3);
    expect(rendered["ConfigMap/frontend"].data.patched).toBe(environment);
    expect(rendered["ConfigMap/frontend"].metadata.labels.environment).toBe(environment);
    expect(rendered["ConfigMap/frontend"].data.schedule).toBe(environment === "production" ? "@hourly" : "");
  });

  it("deploys the imported project; helm stores the manifests helmfile renders", async () => {
    const sync = releases(["-e", "production", "sync"]);
    expect(sync.code, sync.stderr).toBe(0);
    const theirs = await helmfileTemplate("production");
    const stored: Record<string, unknown> = {};
    for (const name of ["backend", "frontend", "backup"]) {
      const result = await run("helm", ["get", "manifest", name, "-n", "import-stack"]);
      expect(result.code, result.stderr).toBe(0);
      Object.assign(stored, manifests(result.stdout));
    }
    expect(stored).toEqual(theirs);
  });
});
