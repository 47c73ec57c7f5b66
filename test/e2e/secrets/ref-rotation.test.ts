// ref+vault references through the built CLI against the real cluster and
// Vault: the value reaches the chart and never the output, `status` marks the
// consumers of a changed secret stale, and `rotate vault` redeploys exactly the
// releases that consume the rotated key (by a reference or a {{vault}} lookup).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kubectl, latestRevision, Project, unique } from "../deploy/support.js";
import { type Admin, admin, putKv2, unique as uniqueName } from "../vault/fixture.js";

const base = uniqueName("e2e-ref");
const namespace = `e2e-ref-${unique()}`;
let vault: Admin;
let project: Project;

const RELEASES = ["ref-user", "lookup-user", "other-key", "plain"] as const;

beforeAll(async () => {
  vault = admin();
  await putKv2(vault, "secret", `${base}/db`, { password: "first-password-1", user: "first-user-1" });
  project = new Project(
    "helm",
    [
      { name: "ref-user", namespace, values: [{ message: `ref+vault://secret/data/${base}/db#password` }] },
      { name: "lookup-user", namespace, values: ["lookup.yaml.hbs"] },
      { name: "other-key", namespace, values: [{ message: `ref+vault://secret/${base}/db#/user` }] },
      { name: "plain", namespace, values: [{ message: "hello" }] },
    ],
    { "lookup.yaml.hbs": `message: {{vault "secret/${base}/db" "password"}}\n` },
  );
});

afterAll(async () => {
  await project?.cleanUp();
  await vault?.delete(`secret/metadata/${base}/db`);
});

const message = async (release: string) =>
  (
    await kubectl([
      "-n",
      namespace,
      "get",
      "configmap",
      `${release}-message`,
      "-o",
      "jsonpath={.data.message}",
    ])
  ).trim();
const revisions = async () =>
  Object.fromEntries(
    await Promise.all(RELEASES.map(async (r) => [r, await latestRevision("helm", r, namespace)])),
  );

describe("ref+vault references", () => {
  it("deploy the referenced value and never print it", async () => {
    const result = await project.releases(["sync", "--debug"]);
    expect(result.code, result.stderr).toBe(0);
    expect(await message("ref-user")).toBe("first-password-1");
    expect(await message("other-key")).toBe("first-user-1");
    expect(await message("lookup-user")).toBe("first-password-1");
    expect(result.stdout + result.stderr).not.toContain("first-password-1");
    expect(result.stdout + result.stderr).not.toContain("first-user-1");
    expect(await revisions()).toEqual({ "ref-user": 1, "lookup-user": 1, "other-key": 1, plain: 1 });
  });

  it("status marks exactly the consumers of a changed key stale", async () => {
    await putKv2(vault, "secret", `${base}/db`, { password: "changed-password-2", user: "first-user-1" });
    const result = await project.releases(["status"]);
    expect(result.code, result.stderr).toBe(0);
    const rows = JSON.parse(result.stdout) as { id: string; secretsStale: boolean }[];
    expect(Object.fromEntries(rows.map((r) => [r.id.split("/")[1], r.secretsStale]))).toEqual({
      "ref-user": true,
      "lookup-user": true,
      "other-key": false,
      plain: false,
    });
    expect(result.stdout).not.toContain("changed-password-2");
  });

  it("rotate vault …#password redeploys exactly the releases that reference it", async () => {
    const result = await project.releases(["rotate", "vault", `secret/${base}/db#password`, "--generate"]);
    expect(result.code, result.stderr).toBe(0);
    const consumers = /(\d+) consumer\(s\): (.*)/.exec(result.stderr);
    expect(consumers?.[1]).toBe("2");
    expect(consumers?.[2]?.split(", ").sort()).toEqual([`${namespace}/lookup-user`, `${namespace}/ref-user`]);
    expect(result.report?.releases.map((r) => [r.id, r.action, r.outcome]).sort()).toEqual([
      [`${namespace}/lookup-user`, "upgrade", "succeeded"],
      [`${namespace}/ref-user`, "upgrade", "succeeded"],
    ]);
    expect(await revisions()).toEqual({ "ref-user": 2, "lookup-user": 2, "other-key": 1, plain: 1 });
    const rotated = await message("ref-user");
    expect(rotated).not.toBe("first-password-1");
    expect(rotated).not.toBe("changed-password-2");
    expect(await message("lookup-user")).toBe(rotated);
    expect(result.stdout + result.stderr).not.toContain(rotated);
  });
});
