import { describe, expect, it } from "vitest";
import { makeLock } from "../../../src/charts/lock-file.js";
import {
  chartRequirement,
  collectRequirements,
  lockedReleases,
} from "../../../src/charts/locked-versions.js";
import type { ChartRef, Release, Repository } from "../../../src/model/project.js";
import { releaseFixture } from "../config/memory-files.js";

const bitnami: Repository = {
  name: "bitnami",
  url: "https://charts.bitnami.com/bitnami/",
  oci: false,
  location: { file: "/p/releases.yaml", line: 2 },
};
const nginx: ChartRef = { kind: "repo", repository: "bitnami", name: "nginx", display: "bitnami/nginx" };
const app: ChartRef = {
  kind: "oci",
  url: "oci://ghcr.io/acme/charts/app",
  display: "oci://ghcr.io/acme/charts/app",
};
const local: ChartRef = { kind: "local", path: "/p/charts/web", display: "./charts/web" };

const release = (name: string, chart: ChartRef, version?: string, extra: Partial<Release> = {}) =>
  releaseFixture(name, chart, {
    version,
    location: { file: "/p/releases.yaml", line: 10, column: 5, field: `releases[0] (${name})` },
    ...extra,
  });

const lock = makeLock(
  [
    {
      repository: "https://charts.bitnami.com/bitnami",
      chart: "nginx",
      constraint: "~15.3.0",
      version: "15.3.4",
      digest: "sha256:x",
    },
    {
      repository: "oci://ghcr.io/acme/charts",
      chart: "app",
      constraint: "*",
      version: "2.0.1",
      digest: "sha256:y",
    },
  ],
  new Date(0),
);

describe("what a release asks of a repository", () => {
  it("is the repository's URL (no trailing slash), the chart name and the constraint", () => {
    expect(chartRequirement(release("a", nginx, "~15.3.0"), [bitnami])).toEqual({
      repository: "https://charts.bitnami.com/bitnami",
      chart: "nginx",
      constraint: "~15.3.0",
    });
    expect(chartRequirement(release("b", app), [])).toEqual({
      repository: "oci://ghcr.io/acme/charts",
      chart: "app",
      constraint: "*",
    });
    expect(chartRequirement(release("c", local), [])).toBeUndefined();
  });

  it("is collected once per requirement, with every release that asks and whether any takes pre-releases", () => {
    const uses = collectRequirements(
      [
        release("a", nginx, "~15.3.0"),
        release("b", nginx, "~15.3.0", { helm: { devel: true } }),
        release("c", nginx, "~15.3.0", { installed: false }),
        release("d", local),
      ],
      [bitnami],
    );
    expect([...uses.values()]).toEqual([
      expect.objectContaining({
        chart: "nginx",
        usedBy: [expect.objectContaining({ id: "apps/a" }), expect.objectContaining({ id: "apps/b" })],
        devel: true,
        source: bitnami,
      }),
    ]);
  });
});

describe("the lock applied to a run", () => {
  it("gives each repository and OCI chart its locked version, and leaves local charts alone", () => {
    const problems: Error[] = [];
    const out = lockedReleases(
      [release("a", nginx, "~15.3.0"), release("b", app), release("c", local)],
      [bitnami],
      lock,
      "releases.lock",
      (p) => problems.push(p),
    );
    expect(problems).toEqual([]);
    expect(out.map((r) => r.version)).toEqual(["15.3.4", "2.0.1", undefined]);
  });

  it("refuses every release whose constraint the lock does not hold, at the release's line", () => {
    const problems: { message: string; location?: unknown; hint?: string }[] = [];
    lockedReleases(
      [release("a", nginx, "~15.4.0"), release("b", nginx, "15.3.4"), release("c", nginx, "~15.3.0")],
      [bitnami],
      lock,
      "releases.lock",
      (p) => problems.push(p),
    );
    expect(problems.map((p) => p.message)).toEqual([
      'apps/a: chart bitnami/nginx version "~15.4.0" is not in releases.lock',
      'apps/b: chart bitnami/nginx version "15.3.4" is not in releases.lock',
    ]);
    expect(problems[0]!.location).toEqual({
      file: "/p/releases.yaml",
      line: 10,
      column: 5,
      field: "releases[0] (a).version",
    });
    expect(problems[0]!.hint).toContain("releases deps");
  });

  it("does not ask a release to be uninstalled to be locked", () => {
    const problems: Error[] = [];
    lockedReleases([release("a", nginx, "^9", { installed: false })], [bitnami], lock, "releases.lock", (p) =>
      problems.push(p),
    );
    expect(problems).toEqual([]);
  });
});
