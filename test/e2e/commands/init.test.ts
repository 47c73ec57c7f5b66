// `releases init`: the scaffold is a working project as written — list,
// template, lint and sync work on it — and an age key is created where sops
// looks, without overwriting anything on a second run.
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { tool } from "../../toolchain/tools.js";
import { HELM_BINARIES, helmHistory, kubectl, releasesCli } from "../deploy/support.js";

// The scaffold deploys release hello into namespace hello: one helm at a time.
describe.each(HELM_BINARIES)("init with %s", (helm) => {
  it("scaffolds a project that list, template, lint and sync work on", async () => {
    const home = mkdtempSync(path.join(tmpdir(), "releases-init-"));
    const keyFile = path.join(home, "age", "keys.txt");
    const dir = path.join(home, "stack");
    const env = { SOPS_AGE_KEY_FILE: keyFile, HOME: home };
    const cli = (args: string[]) => releasesCli(args, dir, { env });
    onTestFinished(async () => {
      await releasesCli(["-e", "development", "destroy", "--yes", "--helm-binary", tool(helm)], dir, { env });
      await kubectl(["delete", "namespace", "hello", "--ignore-not-found", "--wait=true", "--timeout=60s"]);
      rmSync(home, { recursive: true, force: true });
    });

    const init = await releasesCli(["init", "stack"], home, { env });
    expect(init.code, init.stderr).toBe(0);
    expect(init.stderr).toContain(`created an age key in ${keyFile}`);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const recipient = /# public key: (age1\w+)/.exec(readFileSync(keyFile, "utf8"))![1]!;
    expect(readFileSync(path.join(dir, ".sops.yaml"), "utf8")).toContain(recipient);

    const list = await cli(["-e", "development", "list", "-o", "json"]);
    expect(list.code, list.stderr).toBe(0);
    expect(JSON.parse(list.stdout)).toMatchObject([
      { name: "hello", namespace: "hello", labels: { tier: "apps", app: "hello" } },
    ]);

    const development = await cli(["-e", "development", "template", "--helm-binary", tool(helm)]);
    expect(development.code, development.stderr).toBe(0);
    expect(development.stdout).toContain("kind: ConfigMap");
    expect(development.stdout).toMatch(/message: "hello"/);
    expect(development.stdout).toMatch(/environment: "development"/);
    expect(development.stdout).toMatch(/replicas: "1"/);
    const production = await cli(["-e", "production", "template", "--helm-binary", tool(helm)]);
    expect(production.code, production.stderr).toBe(0);
    expect(production.stdout).toMatch(/replicas: "3"/);
    expect(production.stdout).toMatch(/environment: "production"/);

    const lint = await cli(["-e", "development", "lint", "--helm-binary", tool(helm)]);
    expect(lint.code, lint.stdout + lint.stderr).toBe(0);
    expect(lint.stdout).toContain("hello/hello: ok");

    const sync = await cli(["-e", "development", "sync", "-o", "json", "--helm-binary", tool(helm)]);
    expect(sync.code, sync.stderr).toBe(0);
    expect(sync.report!.releases.map((r) => [r.id, r.action, r.outcome, r.revision])).toEqual([
      ["hello/hello", "install", "succeeded", 1],
    ]);
    expect((await helmHistory(helm, "hello", "hello")).map((h) => h.status)).toEqual(["deployed"]);
    const configMap = JSON.parse(
      await kubectl(["-n", "hello", "get", "configmap", "hello", "-o", "json"]),
    ) as {
      data: Record<string, string>;
    };
    expect(configMap.data).toEqual({ message: "hello", environment: "development", replicas: "1" });

    // A second init keeps every file and the key as they are.
    const key = readFileSync(keyFile, "utf8");
    const again = await releasesCli(["init", "stack"], home, { env });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain("kept     releases.yaml (exists)");
    expect(again.stderr).not.toContain("created ");
    expect(readFileSync(keyFile, "utf8")).toBe(key);
  });
});
