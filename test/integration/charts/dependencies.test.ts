// An umbrella chart whose dependency comes from a real chart repository served
// over HTTP: `releases template` builds its dependencies with the real helm
// before rendering — once per chart per run, and not again while Chart.yaml
// and Chart.lock are unchanged.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { type ChartRepository, serveChartRepository } from "../../toolchain/chart-repository.js";
import { releasesWithHelm } from "./releases-cli.js";

let dir: string;
let repo: ChartRepository;
let url: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "chart-deps-"));
  // The served chart: one ConfigMap with a value the umbrella sets.
  const sub = join(dir, "src", "sub");
  mkdirSync(join(sub, "templates"), { recursive: true });
  writeFileSync(join(sub, "Chart.yaml"), "apiVersion: v2\nname: sub\nversion: 0.1.0\n");
  writeFileSync(join(sub, "values.yaml"), "message: default\n");
  writeFileSync(
    join(sub, "templates", "configmap.yaml"),
    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-sub\ndata:\n  message: {{ .Values.message | quote }}\n",
  );
  repo = await serveChartRepository();
  await repo.publish(sub, "0.1.0");
  url = repo.url;
});

afterAll(async () => {
  await repo.close();
  rmSync(dir, { recursive: true, force: true });
});

function project(helm: string): string {
  const root = mkdtempSync(join(dir, `project-${helm}-`));
  const umbrella = join(root, "charts", "umbrella");
  mkdirSync(join(umbrella, "templates"), { recursive: true });
  writeFileSync(
    join(umbrella, "Chart.yaml"),
    stringify({
      apiVersion: "v2",
      name: "umbrella",
      version: "1.0.0",
      dependencies: [{ name: "sub", version: "0.1.0", repository: url }],
    }),
  );
  writeFileSync(
    join(root, "releases.yaml"),
    stringify({
      repositories: [{ name: "served", url }],
      releases: [
        { name: "one", chart: "./charts/umbrella", values: [{ sub: { message: "from-one" } }] },
        { name: "two", chart: "./charts/umbrella", values: [{ sub: { message: "from-two" } }] },
      ],
    }),
  );
  return root;
}

async function releases(cwd: string, helm: string, args: string[]) {
  const run = await releasesWithHelm(cwd, helm, args);
  return { ...run, builds: run.calls.filter((a) => a[0] === "dependency" && a[1] === "build") };
}

describe.each(["helm", "helm4"])("chart dependencies with %s", (helm) => {
  it("builds an umbrella chart's dependencies from a served repository once, then not while unchanged", async () => {
    const root = project(helm);
    repo.requests.length = 0;
    const first = await releases(root, helm, ["template"]);
    expect(first.code, first.err).toBe(0);
    expect(first.builds).toHaveLength(1); // two releases, one chart: one build
    expect(first.out).toContain('message: "from-one"');
    expect(first.out).toContain('message: "from-two"');
    expect(repo.requests.some((r) => r.endsWith("sub-0.1.0.tgz"))).toBe(true);
    const archive = join(root, "charts", "umbrella", "charts", "sub-0.1.0.tgz");
    const builtAt = statSync(archive).mtimeMs;
    expect(readFileSync(join(root, "charts", "umbrella", "Chart.lock"), "utf8")).toContain("sub");

    const second = await releases(root, helm, ["template"]);
    expect(second.code, second.err).toBe(0);
    expect(second.builds).toEqual([]);
    expect(statSync(archive).mtimeMs).toBe(builtAt);

    // Chart.yaml changed: built again.
    const chartYaml = join(root, "charts", "umbrella", "Chart.yaml");
    writeFileSync(chartYaml, `${readFileSync(chartYaml, "utf8")}description: changed\n`);
    const third = await releases(root, helm, ["template"]);
    expect(third.code, third.err).toBe(0);
    expect(third.builds).toHaveLength(1);
  });

  it("refuses a dependency whose repository is not declared, before any helm call", async () => {
    const root = project(helm);
    writeFileSync(
      join(root, "releases.yaml"),
      stringify({ releases: [{ name: "one", chart: "./charts/umbrella" }] }),
    );
    const result = await releases(root, helm, ["template"]);
    expect(result.code).toBe(2);
    expect(result.err).toContain(`dependency "sub" comes from ${url}, which is not under repositories:`);
    expect(result.err).not.toContain("[debug]");
  });
});
