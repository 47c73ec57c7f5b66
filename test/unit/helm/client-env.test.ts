import { describe, expect, it } from "vitest";
import { helmEnv } from "../../../src/helm/client.js";

describe("helm's environment for one call", () => {
  const base = { PATH: "/bin", HELM_NO_PLUGINS: "1" };

  it("sets GOMAXPROCS when the call asks for it", () => {
    expect(helmEnv(base, { goMaxProcs: 1 })).toEqual({ ...base, GOMAXPROCS: "1" });
  });

  it("keeps a GOMAXPROCS the user's environment sets", () => {
    const env = { ...base, GOMAXPROCS: "4" };
    expect(helmEnv(env, { goMaxProcs: 1 }).GOMAXPROCS).toBe("4");
  });

  it("adds the call's own variables beside GOMAXPROCS", () => {
    expect(helmEnv(base, { goMaxProcs: 1, env: { HELM_PLUGINS: "/tmp/p" } })).toEqual({
      ...base,
      GOMAXPROCS: "1",
      HELM_PLUGINS: "/tmp/p",
    });
  });

  it("leaves the environment as it is for a call that adds nothing", () => {
    expect(helmEnv(base, {})).toBe(base);
    expect(helmEnv(base, {}).GOMAXPROCS).toBeUndefined();
  });
});
