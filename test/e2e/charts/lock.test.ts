// The chart lock against a real chart repository (helm package + helm repo
// index, served over HTTP by this process): `deps` locks a range to the
// newest version in it, `sync` installs exactly that, a new version published
// inside the range changes nothing until `deps --update`, after which `apply`
// upgrades. A release the lock does not cover is refused at its line. And
// `template`/`lint` work on a machine where no repository was ever added.
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { parse } from "yaml";
import { type ChartRepository, serveChartRepository } from "../../toolchain/chart-repository.js";
import { HELM_BINARIES, helmHistory, Project, pacedChart, reportOf, unique } from "../deploy/support.js";

/** A repository of its own per test: the tests publish new versions into it. */
async function servedPaced(): Promise<ChartRepository> {
  const repo = await serveChartRepository();
  onTestFinished(() => repo.close());
  await repo.publish(pacedChart, "0.1.0");
  await repo.publish(pacedChart, "0.1.1");
  await repo.publish(pacedChart, "0.2.0"); // outside ~0.1.0
  return repo;
}

const sha256 = (file: string) => `sha256:${createHash("sha256").update(readFileSync(file)).digest("hex")}`;

interface Lock {
  generated: string;
  digest: string;
  charts: { repository: string; chart: string; constraint: string; version: string; digest: string }[];
}

describe.each(HELM_BINARIES)("the chart lock with %s", (helm) => {
  it("deps locks the range; sync deploys the lock; deps --update moves it and apply upgrades", async () => {
    const repo = await servedPaced();
    const namespace = `lock-${unique()}`;
    const repository = `served-${unique()}`;
    const project = new Project(helm, [{ name: "web", namespace }]);
    onTestFinished(() => project.cleanUp());
    const write = (version: string) =>
      project.writeFile("releases.yaml", {
        environments: { [project.environment]: null },
        repositories: [{ name: repository, url: repo.url }],
        defaults: { createNamespace: true, atomic: true, wait: true, timeout: "60s" },
        releases: [{ name: "web", namespace, chart: `${repository}/paced`, version }],
      });
    const lock = () => parse(readFileSync(path.join(project.dir, "releases.lock"), "utf8")) as Lock;
    const chartOf = async () => (await helmHistory(helm, "web", namespace)).at(-1)?.chart;

    write("~0.1.0");
    const deps = await project.releases(["deps"]);
    expect(deps.code, deps.stderr).toBe(0);
    expect(lock().charts).toEqual([
      {
        repository: repo.url,
        chart: "paced",
        constraint: "~0.1.0",
        version: "0.1.1",
        digest: sha256(path.join(repo.dir, "paced-0.1.1.tgz")),
      },
    ]);
    expect(Date.parse(lock().generated)).toBeGreaterThan(Date.now() - 600_000);

    const first = await project.releases(["sync"]);
    expect(first.code, first.stderr).toBe(0);
    expect(await chartOf()).toBe("paced-0.1.1");

    // A new version inside the range: nothing moves until the lock does.
    const published = await repo.publish(pacedChart, "0.1.5");
    const unchanged = await project.releases(["apply"]);
    expect(unchanged.code, unchanged.stderr).toBe(0);
    expect(reportOf(unchanged, `${namespace}/web`)).toMatchObject({ outcome: "unchanged" });
    const again = await project.releases(["deps"]);
    expect(again.code, again.stderr).toBe(0);
    expect(lock().charts[0]!.version).toBe("0.1.1");

    const updated = await project.releases(["deps", "--update"]);
    expect(updated.code, updated.stderr).toBe(0);
    expect(lock().charts[0]).toMatchObject({ version: "0.1.5", digest: sha256(published) });
    const upgraded = await project.releases(["apply"]);
    expect(upgraded.code, upgraded.stderr).toBe(0);
    expect(reportOf(upgraded, `${namespace}/web`)).toMatchObject({ action: "upgrade", revision: 2 });
    expect(await chartOf()).toBe("paced-0.1.5");

    // --update-lock: one step.
    await repo.publish(pacedChart, "0.1.6");
    const moved = await project.releases(["apply", "--update-lock"]);
    expect(moved.code, moved.stderr).toBe(0);
    expect(reportOf(moved, `${namespace}/web`)).toMatchObject({ action: "upgrade", revision: 3 });
    expect(lock().charts[0]!.version).toBe("0.1.6");
    expect(await chartOf()).toBe("paced-0.1.6");

    // A constraint the lock does not hold: refused at the release's line, nothing deployed.
    write("~0.2.0");
    const stale = await project.releases(["sync"], { output: "text" });
    expect(stale.code).toBe(2);
    expect(stale.stderr).toMatch(/releases\.yaml:\d+:\d+ releases\[0\] \(web\)\.version: /);
    expect(stale.stderr).toContain(`chart ${repository}/paced version "~0.2.0" is not in releases.lock`);
    expect(stale.stderr).toContain("run `releases deps`");
    expect(await chartOf()).toBe("paced-0.1.6");
  });

  it("template and lint add the repository on a machine that never added it, at the locked version", async () => {
    const repo = await servedPaced();
    const repository = `served-${unique()}`;
    const project = new Project(helm, []);
    const helmHome = mkdtempSync(path.join(tmpdir(), "releases-fresh-helm-"));
    onTestFinished(() => {
      rmSync(project.dir, { recursive: true, force: true });
      rmSync(helmHome, { recursive: true, force: true });
    });
    project.writeFile("releases.yaml", {
      environments: { [project.environment]: null },
      repositories: [{ name: repository, url: repo.url }],
      releases: [{ name: "web", namespace: "apps", chart: `${repository}/paced`, version: "0.1.x" }],
    });
    const fresh = {
      env: {
        HELM_REPOSITORY_CONFIG: path.join(helmHome, "repositories.yaml"),
        HELM_REPOSITORY_CACHE: path.join(helmHome, "cache", "repository"),
        HELM_CACHE_HOME: path.join(helmHome, "cache"),
        HELM_CONFIG_HOME: path.join(helmHome, "config"),
        HELM_DATA_HOME: path.join(helmHome, "data"),
      },
      output: "text" as const,
    };
    const deps = await project.releases(["deps"], fresh);
    expect(deps.code, deps.stderr).toBe(0);
    const locked = (parse(readFileSync(path.join(project.dir, "releases.lock"), "utf8")) as Lock).charts[0]!;

    const template = await project.releases(["--debug", "template"], fresh);
    expect(template.code, template.stderr).toBe(0);
    expect(template.stdout).toContain('name: "web-message"');
    expect(template.helmCalls.map((a) => a.slice(0, 2))).toContainEqual(["repo", "add"]);
    expect(template.helmCalls.find((a) => a[0] === "template")).toEqual(
      expect.arrayContaining(["--version", locked.version]),
    );

    const lint = await project.releases(["--debug", "lint"], fresh);
    expect(lint.code, `${lint.stdout}${lint.stderr}`).toBe(0);
    expect(lint.stdout).toContain("apps/web: ok");
    expect(lint.helmCalls.find((a) => a[0] === "pull")).toEqual(
      expect.arrayContaining([`${repository}/paced`, "--version", locked.version]),
    );
  });

  it("an HTTPS repository with its own CA: deps reads its index and template fetches through caFile", async () => {
    const repo = await serveChartRepository({ tls: true });
    onTestFinished(() => repo.close());
    await repo.publish(pacedChart, "0.3.0");
    const repository = `tls-${unique()}`;
    const project = new Project(helm, []);
    onTestFinished(() => rmSync(project.dir, { recursive: true, force: true }));
    const write = (caFile?: string) =>
      project.writeFile("releases.yaml", {
        environments: { [project.environment]: null },
        repositories: [{ name: repository, url: repo.url, ...(caFile ? { caFile } : {}) }],
        releases: [{ name: "web", namespace: "apps", chart: `${repository}/paced`, version: "^0.3" }],
      });
    write();
    const untrusted = await project.releases(["deps"], { output: "text" });
    expect(untrusted.code).toBe(1);
    expect(untrusted.stderr).toContain(`repository "${repository}": could not read its index`);

    project.writeFile("tls/ca.pem", readFileSync(repo.caFile!, "utf8"));
    write("tls/ca.pem");
    const deps = await project.releases(["deps"], { output: "text" });
    expect(deps.code, deps.stderr).toBe(0);
    expect(deps.stdout).toMatch(/paced\s+\^0\.3\s+0\.3\.0\s+new/);
    const template = await project.releases(["--debug", "template"], { output: "text" });
    expect(template.code, template.stderr).toBe(0);
    expect(template.stdout).toContain('name: "web-message"');
    expect(template.helmCalls.find((a) => a[1] === "add")).toEqual(
      expect.arrayContaining(["--ca-file", path.join(project.dir, "tls", "ca.pem")]),
    );
  });
});
