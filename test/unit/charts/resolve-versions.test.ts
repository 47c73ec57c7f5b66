import { describe, expect, it } from "vitest";
import { makeLock } from "../../../src/charts/lock-file.js";
import type { OfferedVersion } from "../../../src/charts/repository-index.js";
import {
  type RequirementUse,
  resolveLock,
  type VersionSources,
} from "../../../src/charts/resolve-versions.js";
import { ConfigError } from "../../../src/errors.js";
import type { Repository } from "../../../src/model/project.js";

const stable: Repository = {
  name: "stable",
  url: "https://charts.example.com",
  oci: false,
  location: { file: "/p/r.yaml" },
};
const use = (chart: string, constraint: string, extra: Partial<RequirementUse> = {}): RequirementUse => ({
  repository: "https://charts.example.com",
  chart,
  constraint,
  usedBy: [{ id: "apps/web", location: { file: "/p/r.yaml", line: 7, field: "releases[0] (web)" } }],
  devel: false,
  source: stable,
  ...extra,
});

/** An index as a repository serves it, counting how often it is read. */
function sources(
  index: Record<string, string[]>,
  oci: OfferedVersion = { version: "3.0.0", digest: "sha256:oci" },
) {
  const reads: string[] = [];
  const versionSources: VersionSources = {
    index: async (repo) => {
      reads.push(repo.url);
      return new Map(
        Object.entries(index).map(([name, versions]) => [
          name,
          versions.map((v) => ({ version: v, digest: `sha256:${name}-${v}` })),
        ]),
      );
    },
    oci: async () => oci,
  };
  return { versionSources, reads };
}

const now = new Date("2026-12-01T00:00:00Z");

describe("resolving the lock", () => {
  it("resolves each requirement to the highest version its range allows, reading each index once", async () => {
    const { versionSources, reads } = sources({ web: ["1.0.0", "1.2.3", "1.3.0"], db: ["5.0.0", "5.1.0"] });
    const lock = await resolveLock(
      [use("web", "~1.2.0"), use("db", "*")],
      undefined,
      false,
      versionSources,
      now,
    );
    expect(lock.charts.map((c) => [c.chart, c.version, c.digest])).toEqual([
      ["db", "5.1.0", "sha256:db-5.1.0"],
      ["web", "1.2.3", "sha256:web-1.2.3"],
    ]);
    expect(reads).toEqual(["https://charts.example.com"]);
  });

  it("keeps what the previous lock holds unless updating, and drops what nothing asks for", async () => {
    const previous = makeLock(
      [
        {
          repository: "https://charts.example.com",
          chart: "web",
          constraint: "~1.2.0",
          version: "1.2.0",
          digest: "d1",
        },
        {
          repository: "https://charts.example.com",
          chart: "gone",
          constraint: "*",
          version: "1.0.0",
          digest: "d2",
        },
      ],
      new Date(0),
    );
    const { versionSources, reads } = sources({ web: ["1.2.0", "1.2.9"] });
    const kept = await resolveLock([use("web", "~1.2.0")], previous, false, versionSources, now);
    expect(kept.charts).toEqual([previous.charts.find((c) => c.chart === "web")]);
    expect(reads).toEqual([]);
    const updated = await resolveLock([use("web", "~1.2.0")], previous, true, versionSources, now);
    expect(updated.charts[0]!.version).toBe("1.2.9");
  });

  it("an OCI requirement is resolved by the registry", async () => {
    const { versionSources } = sources({});
    const lock = await resolveLock(
      [use("app", "^3", { repository: "oci://ghcr.io/acme", source: undefined })],
      undefined,
      false,
      versionSources,
      now,
    );
    expect(lock.charts[0]).toMatchObject({
      repository: "oci://ghcr.io/acme",
      version: "3.0.0",
      digest: "sha256:oci",
    });
  });

  it.each([
    {
      constraint: "~2.0.0",
      chart: "web",
      message: 'no version of web in https://charts.example.com meets "~2.0.0"',
    },
    { constraint: "*", chart: "nope", message: 'repository https://charts.example.com has no chart "nope"' },
    { constraint: "latest", chart: "web", message: 'version "latest" is not a version or a range' },
  ])("$message: an error at the release's version", async ({ constraint, chart, message }) => {
    const { versionSources } = sources({ web: ["1.0.0"] });
    const error = await resolveLock([use(chart, constraint)], undefined, false, versionSources, now).catch(
      (e: unknown) => e as ConfigError,
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain(message);
    expect((error as ConfigError).location).toMatchObject({ line: 7, field: "releases[0] (web).version" });
  });
});
