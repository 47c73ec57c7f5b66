// `releases deps` (and --update-lock): the lock covers the repository and OCI
// charts of every environment the project declares, so one releases.lock
// serves them all; it is written only when something in it changed.
import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { readChartLock } from "../charts/chart-lock.js";
import { type ChartLock, formatLock, lockFileOf } from "../charts/lock-file.js";
import { collectRequirements } from "../charts/locked-versions.js";
import { ociVersion } from "../charts/oci-versions.js";
import { addRepositories, repositoryCredentials } from "../charts/repositories.js";
import { fetchIndex, parseIndex } from "../charts/repository-index.js";
import { type RequirementUse, resolveLock } from "../charts/resolve-versions.js";
import { localFiles } from "../config/files.js";
import { parseYaml } from "../config/yaml-source.js";
import { ConfigError } from "../errors.js";
import type { Repository } from "../model/project.js";
import type { CommandContext } from "./context.js";
import { loadForCommand } from "./workspace.js";

export interface LockResult {
  file: string;
  lock: ChartLock;
  previous?: ChartLock;
  written: boolean;
}

export async function lockCharts(
  ctx: CommandContext,
  options: { update: boolean; helmBinary?: string },
): Promise<LockResult> {
  const projectFile = resolve(ctx.io.cwd, ctx.globals().file);
  const requirements = new Map<string, RequirementUse>();
  const repositories = new Map<string, Repository>();
  for (const environment of await environmentsOf(projectFile)) {
    const project = await loadForCommand(ctx, environment);
    collectRequirements(project.releases, project.repositories, requirements);
    for (const r of project.repositories) repositories.set(r.name, r);
  }
  const file = lockFileOf(projectFile);
  // A lock that does not parse (or was edited by hand) is what `deps` repairs: it starts afresh.
  const previous = await readChartLock(projectFile).catch((error: unknown) => {
    if (error instanceof ConfigError) return undefined;
    throw error;
  });
  const uses = [...requirements.values()];
  const ociRegistries = [...new Set(uses.flatMap((u) => (u.source?.oci ? [u.source] : [])))];
  let login: Promise<void> | undefined;
  const lock = await resolveLock(
    uses,
    previous,
    options.update,
    {
      index: async (repo) => {
        const credentials = repositoryCredentials(repo, ctx.io.env);
        return parseIndex(await fetchIndex(repo, { credentials }), repo.url);
      },
      oci: async (requirement) => {
        const helm = await ctx.session.helm(options.helmBinary);
        login ??= addRepositories(ociRegistries, helm, ctx.io.env);
        await login;
        return ociVersion(helm, requirement);
      },
    },
    new Date(),
  );
  const unchanged = previous && sameEntries(previous, lock);
  const result = unchanged ? previous : lock;
  if (!unchanged) await writeFile(file, formatLock(lock));
  return { file, lock: result, previous, written: !unchanged };
}

function sameEntries(a: ChartLock, b: ChartLock): boolean {
  return a.digest === b.digest && JSON.stringify(a.charts) === JSON.stringify(b.charts);
}

/** Every environment the root file declares; none declared: the implicit one. */
async function environmentsOf(projectFile: string): Promise<(string | undefined)[]> {
  // A missing file: loading it says so as every command does.
  if (!(await localFiles.exists(projectFile))) return [undefined];
  const data = parseYaml(await localFiles.read(projectFile), projectFile).data as {
    environments?: Record<string, unknown>;
  } | null;
  const names = Object.keys(data?.environments ?? {});
  return names.length > 0 ? names : [undefined];
}
