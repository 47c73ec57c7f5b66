import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { cli } from "../cli/run-cli.js";

const values = async (...argv: string[]) => {
  const result = await cli("command-line-values", [...argv, "values", "web"]);
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  return parse(result.stdout) as { image: { tag: unknown }; replicas: unknown; ports: unknown };
};

describe("values from the command line, over the files", () => {
  it("optional values and secrets files that are missing are skipped", async () => {
    expect(await values()).toEqual({ image: { tag: "1.0" }, replicas: 1, ports: [80] });
  });

  it.each([
    {
      why: "--state-values-set over the environment's values",
      argv: ["--state-values-set", "tag=2.0"],
      tag: "2.0",
    },
    {
      why: "--state-values-file over the environment's values",
      argv: ["--state-values-file", "extra-state.yaml"],
      tag: "3.0",
    },
    {
      why: "--state-values-set after --state-values-file",
      argv: ["--state-values-set", "tag=4.0", "--state-values-file", "extra-state.yaml"],
      tag: "4.0",
    },
  ])("$why", async ({ argv, tag }) => {
    expect((await values(...argv)).image.tag).toBe(tag);
  });

  it("--set goes over every selected release's values, typed like helm --set", async () => {
    expect(await values("--set", "image.tag=5.0,replicas=3", "--set", "ports[1]=443")).toEqual({
      image: { tag: "5.0" },
      replicas: 3,
      ports: [80, 443],
    });
  });

  it.each([
    {
      argv: ["--set", "ports.http=8080"],
      stderr:
        'set "ports.http" of release default/web: "ports" is a list in the values, so helm --set cannot set a key under it',
    },
    { argv: ["--set", "image.tag"], stderr: '--set "image.tag": key "image.tag" has no value' },
    { argv: ["--state-values-file", "nope.yaml"], stderr: "--state-values-file: file not found" },
  ])("refuses $argv", async ({ argv, stderr }) => {
    const result = await cli("command-line-values", [...argv, "values", "web"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(stderr);
    expect(result.stdout).toBe("");
  });
});
