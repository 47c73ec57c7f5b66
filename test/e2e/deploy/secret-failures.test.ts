// A secret that cannot be had stops the run before the first helm call:
// Vault unreachable, a path the token may not read, a SOPS file encrypted for
// another age key. Each exits 3, names what failed, and deploys nothing (no
// helm process is started at all: --debug lists every helm call).
import { afterAll, beforeAll, describe, expect, it, type TestContext } from "vitest";
import { run } from "../../toolchain/tools.js";
import { type Admin, admin, adminEnv, putKv2 } from "../vault/fixture.js";
import { helmList, Project, unique } from "./support.js";

let vault: Admin;
const path = `e2e-secret-failures-${unique()}/db`;
beforeAll(async () => {
  vault = admin();
  await putKv2(vault, "secret", path, { password: "correct-horse-battery" });
});
afterAll(async () => {
  await admin().delete(`secret/metadata/${path}`);
});

function vaultProject(ns: string, onTestFinished: TestContext["onTestFinished"]): Project {
  const project = new Project(
    "helm",
    [
      { name: "plain", namespace: ns },
      { name: "reader", namespace: ns, values: ["reader.yaml.hbs"] },
    ],
    { "reader.yaml.hbs": `password: {{vault "secret/data/${path}" "password"}}\n` },
  );
  onTestFinished(() => project.cleanUp());
  return project;
}

/** Only `helm version` (finding helm) may have run: nothing that reads or changes a release. */
function expectNoReleaseCall(helmCalls: string[][]): void {
  expect(helmCalls.filter((args) => args[0] !== "version")).toEqual([]);
}

// Cleanups go through each test's own context: the global onTestFinished cannot tell concurrent tests apart.
describe.concurrent("secrets that cannot be had", () => {
  it("Vault unreachable: exit 3 naming the address, nothing deployed", async ({ onTestFinished }) => {
    const ns = `vault-down-${unique()}`;
    const project = vaultProject(ns, onTestFinished);
    const result = await project.releases(["sync", "--debug"], { env: { VAULT_ADDR: "http://127.0.0.1:1" } });
    expect(result.code, result.stderr).toBe(3);
    expect(result.stderr).toContain("127.0.0.1:1");
    expectNoReleaseCall(result.helmCalls);
    expect(await helmList("helm", [ns])).toEqual([]);
  });

  it("a path the token may not read: exit 3 naming the path, never the value", async ({ onTestFinished }) => {
    const ns = `vault-denied-${unique()}`;
    const project = vaultProject(ns, onTestFinished);
    const token = (await vault.tokenCreate({ policies: ["default"], ttl: "10m" })) as {
      auth: { client_token: string };
    };
    const result = await project.releases(["sync", "--debug"], {
      env: { VAULT_TOKEN: token.auth.client_token },
    });
    expect(result.code, result.stderr).toBe(3);
    expect(result.stderr).toContain(path);
    expect(result.stderr).toMatch(/denied|forbidden|permission/i);
    expect(result.stderr + result.stdout).not.toContain("correct-horse-battery");
    expectNoReleaseCall(result.helmCalls);
    expect(await helmList("helm", [ns])).toEqual([]);
  });

  it("a SOPS file encrypted for another age key: exit 3 naming the file, nothing deployed", async ({
    onTestFinished,
  }) => {
    const ns = `age-wrong-${unique()}`;
    const project = new Project("helm", [{ name: "s", namespace: ns, secrets: ["secrets.sops.yaml"] }]);
    onTestFinished(() => project.cleanUp());
    const theirs = await run("age-keygen", []);
    const mine = await run("age-keygen", []);
    const recipient = /public key: (age1\w+)/.exec(theirs.stdout + theirs.stderr)![1]!;
    project.writeFile("plain.yaml", "password: only-they-may-read-this\n");
    // From the project (no .sops.yaml there): the recipient comes from --age alone.
    const encrypted = await run("sops", ["encrypt", "--age", recipient, "plain.yaml"], { cwd: project.dir });
    expect(encrypted.code, encrypted.stderr).toBe(0);
    project.writeFile("secrets.sops.yaml", encrypted.stdout);
    project.writeFile("mine.txt", mine.stdout);

    const result = await project.releases(["sync", "--debug"], {
      env: { SOPS_AGE_KEY_FILE: `${project.dir}/mine.txt`, ...adminEnv() },
    });
    expect(result.code, result.stderr).toBe(3);
    expect(result.stderr).toContain("secrets.sops.yaml");
    expectNoReleaseCall(result.helmCalls);
    expect(await helmList("helm", [ns])).toEqual([]);
  });
});
