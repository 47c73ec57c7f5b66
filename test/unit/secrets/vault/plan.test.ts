import { describe, expect, it } from "vitest";
import { readTarget, type VaultMount } from "../../../../src/secrets/vault/mount.js";
import { distinctPaths, groupByFirstSegment, planReads } from "../../../../src/secrets/vault/plan.js";
import type { VaultUse } from "../../../../src/secrets/vault/ref.js";

const kv2: VaultMount = { path: "secret/", type: "kv", kvVersion: 2 };
const kv1: VaultMount = { path: "kv1/", type: "kv", kvVersion: 1 };
const targetOf = (path: string) => readTarget(path, path.startsWith("kv1/") ? kv1 : kv2);

function use(path: string, key: string, usedBy = "backend/app1"): VaultUse {
  return { ref: { path, key }, usedBy, location: { file: `values/${usedBy}.yaml`, line: 1 } };
}

describe("the read plan", () => {
  it("reads each path once however many keys and releases use it", () => {
    const uses = [
      use("secret/app1/db", "user"),
      use("secret/app1/db", "password"),
      use("secret/app1/db", "password", "backend/app2"),
      use("kv1/app1/db", "password"),
    ];
    const plan = planReads(uses, targetOf);
    expect(plan.map((r) => r.target.apiPath)).toEqual(["secret/data/app1/db", "kv1/app1/db"]);
    expect(plan[0]!.keys.map((k) => k.key)).toEqual(["user", "password"]);
    expect(plan[0]!.keys[1]!.uses.map((u) => u.usedBy)).toEqual(["backend/app1", "backend/app2"]);
  });

  it("merges the two spellings of one KV v2 secret into one read and returns the value under both", () => {
    const plan = planReads(
      [use("secret/app1/db", "password"), use("secret/data/app1/db", "password")],
      targetOf,
    );
    expect(plan).toHaveLength(1);
    expect(plan[0]!.keys).toHaveLength(1);
    expect(plan[0]!.keys[0]!.refKeys).toEqual(["secret/app1/db#password", "secret/data/app1/db#password"]);
  });

  it("plans 20 reads for 100 references across 20 paths", () => {
    const uses = Array.from({ length: 100 }, (_, i) =>
      use(`secret/app${i % 20}/db`, `key${Math.floor(i / 20)}`, `r${i}`),
    );
    const plan = planReads(uses, targetOf);
    expect(plan).toHaveLength(20);
    expect(plan.every((r) => r.keys.length === 5 && r.uses.length === 5)).toBe(true);
  });

  it("leaves out paths without a target (their mount lookup failed)", () => {
    const plan = planReads([use("secret/a/b", "k"), use("gone/a/b", "k")], (p) =>
      p.startsWith("gone/") ? undefined : targetOf(p),
    );
    expect(plan.map((r) => r.target.apiPath)).toEqual(["secret/data/a/b"]);
  });

  it("is empty for no uses", () => {
    expect(planReads([], targetOf)).toEqual([]);
  });
});

describe("the mount lookup plan", () => {
  it("lists distinct paths as written, in first-use order", () => {
    expect(distinctPaths([use("secret/b/x", "k"), use("secret/a/x", "k"), use("secret/b/x", "j")])).toEqual([
      "secret/b/x",
      "secret/a/x",
    ]);
  });

  it("groups paths by first segment so one lookup per mount serves the group", () => {
    expect(groupByFirstSegment(["secret/a", "kv1/a", "secret/b", "team/x/y"])).toEqual([
      ["secret/a", "secret/b"],
      ["kv1/a"],
      ["team/x/y"],
    ]);
  });
});
