// `rotate vault` against a real Vault and cluster, on its failure paths: it
// takes the lock and checks everything before writing, so a held lock or a
// stuck consumer leaves the secret untouched; from the write on, a failure
// (here: the API server gone mid-run) restores the previous version. Every
// test ends with the old secret current in Vault and no release pending.
import { spawn } from "node:child_process";
import { openSync, readFileSync, readlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { VaultClient } from "../../../src/secrets/vault/client.js";
import { repoRoot } from "../../toolchain/tools.js";
import { type Admin, admin, adminEnv, putKv2 } from "../vault/fixture.js";
import {
  HELM_BINARIES,
  type HelmBinary,
  holdLock,
  kubectl,
  latestRevision,
  namespace,
  otherRun,
  Project,
  type ReleaseSpec,
  storageRecords,
  unique,
  waitFor,
} from "./support.js";

let vault: Admin;
beforeAll(() => {
  vault = admin();
});
const paths: string[] = [];
afterAll(async () => {
  for (const path of paths) await vault.delete(`secret/metadata/${path}`);
});

async function current(path: string): Promise<{ version: number; password: unknown }> {
  const latest = await VaultClient.fromEnv(adminEnv()).readVersion(`secret/${path}`);
  return { version: latest.version, password: latest.data.password };
}

/** A project whose release `consumer` reads the password from Vault, deployed once. */
async function rotationProject(helm: HelmBinary, extra: Partial<ReleaseSpec> = {}) {
  const ns = `rotate-${unique()}`;
  const path = `e2e-rotate-${unique()}/db`;
  paths.push(path);
  await putKv2(vault, "secret", path, { password: "before-rotation-0" });
  const consumer: ReleaseSpec = {
    name: "consumer",
    namespace: ns,
    values: ["consumer.yaml.hbs"],
    ...extra,
  };
  const project = new Project(helm, [consumer, { name: "bystander", namespace: ns }], {
    "consumer.yaml.hbs": `password: {{vault "secret/data/${path}" "password"}}\n`,
  });
  onTestFinished(() => project.cleanUp());
  const first = await project.releases(["sync"]);
  expect(first.code, first.stderr).toBe(0);
  return { ns, path, project };
}

const pending = async (ns: string) =>
  (await storageRecords([ns])).filter((r) => r.status.startsWith("pending")).map((r) => r.release);

describe.each(HELM_BINARIES)("rotate vault with %s", (helm) => {
  it("a lock held on a consumer: exit 4 before anything is written", async () => {
    const { ns, path, project } = await rotationProject(helm);
    const lockNs = await namespace(`rotate-lock-${unique()}`);
    await holdLock(lockNs, [otherRun([`${ns}/consumer`], { identity: "deployer@ci pid 7" })], project.dir);
    const before = await current(path);

    const result = await project.releases([
      "rotate",
      "vault",
      `secret/data/${path}#password`,
      "--generate",
      "--lock-timeout",
      "2",
      "--lock-namespace",
      lockNs,
    ]);

    expect(result.code, result.stderr).toBe(4);
    expect(result.stderr).toContain("deployer@ci pid 7");
    expect(result.stderr).not.toMatch(/rotated|restored/);
    expect(await current(path)).toEqual(before);
    expect(await latestRevision(helm, "consumer", ns)).toBe(1);
  });

  it("a consumer stuck pending: exit 4 before anything is written", async () => {
    const { ns, path, project } = await rotationProject(helm);
    // Leave the consumer's latest revision pending-upgrade, as a killed helm would.
    const secret = `sh.helm.release.v1.consumer.v1`;
    await kubectl(["-n", ns, "label", "secret", secret, "status=pending-upgrade", "--overwrite"]);
    const before = await current(path);

    const result = await project.releases(["rotate", "vault", `secret/data/${path}#password`, "--generate"]);

    expect(result.code, result.stderr).toBe(4);
    expect(result.stderr).toContain(`${ns}/consumer (pending-upgrade, revision 1)`);
    expect(result.stderr).not.toMatch(/rotated|restored/);
    expect(await current(path)).toEqual(before);
    await kubectl(["-n", ns, "label", "secret", secret, "status=deployed", "--overwrite"]);
  });

  it("the API server gone mid-run: the old secret is restored, and a second run leaves nothing pending", async () => {
    const { ns, path, project } = await rotationProject(helm, { timeout: "20s" });
    project.writeFile(
      "consumer.yaml.hbs",
      `password: {{vault "secret/data/${path}" "password"}}\nreadyAfter: 15s\n`,
    );
    const before = await current(path);
    const running = project.start(["rotate", "vault", `secret/data/${path}#password`, "--generate"]);
    await waitFor("the consumer to start upgrading", async () =>
      /consumer: upgrading/.test(running.stderr()) ? true : undefined,
    );
    const restart = stopApiServer();
    let result: Awaited<typeof running.done>;
    try {
      result = await running.done;
    } finally {
      await restart();
    }

    expect(result.code, result.stderr).not.toBe(0);
    expect(result.stderr).toMatch(
      new RegExp(`restored secret/data/${path}#password to version ${before.version}`),
    );
    const after = await current(path);
    expect(after.password).toBe(before.password);
    expect(after.version).toBe(before.version + 2); // the rotation, then the restore
    // A second run (once the API server is back) recovers whatever helm could not roll back;
    // the consumer no longer takes 15 s to get ready, so its upgrade is not racing its timeout.
    project.writeFile("consumer.yaml.hbs", `password: {{vault "secret/data/${path}" "password"}}\n`);
    const recovered = await project.releases(["sync", "--recover=rollback"]);
    expect(recovered.code, recovered.stderr).toBe(0);
    expect(await pending(ns)).toEqual([]);
  });
});

/**
 * Kills this cluster's kube-apiserver (SIGKILL: the API is gone at once) and
 * returns a function that starts it again exactly as it ran — same binary,
 * arguments, working directory and environment — and records its new pid
 * where kwokctl keeps it, so `scripts/cluster down` still stops it.
 */
function stopApiServer(): () => Promise<void> {
  const name = path.basename(process.env.KUBECONFIG!).replace(/\.kubeconfig$/, "");
  const clusterDir = path.join(repoRoot, ".toolchain", "kwok", "clusters", name);
  const pidFile = path.join(clusterDir, "pids", "kube-apiserver.pid");
  const pid = Number(readFileSync(pidFile, "utf8").trim());
  const [binary, ...args] = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
  const cwd = readlinkSync(`/proc/${pid}/cwd`);
  const env = Object.fromEntries(
    readFileSync(`/proc/${pid}/environ`, "utf8")
      .split("\0")
      .filter(Boolean)
      .map((kv) => [kv.slice(0, kv.indexOf("=")), kv.slice(kv.indexOf("=") + 1)]),
  );
  process.kill(pid, "SIGKILL");
  return async () => {
    const log = openSync(path.join(clusterDir, "logs", "kube-apiserver.log"), "a");
    const child = spawn(binary!, args, { cwd, env, detached: true, stdio: ["ignore", log, log] });
    child.unref();
    writeFileSync(pidFile, String(child.pid));
    await waitFor(
      "the API server to answer again",
      async () => {
        try {
          await kubectl(["get", "--raw", "/readyz"]);
          return true;
        } catch {
          return undefined;
        }
      },
      60_000,
    );
  };
}
