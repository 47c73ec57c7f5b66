// The root project file and every file it includes (paths and globs, followed
// recursively), each parsed with its source positions and validated. Problems
// of every file are collected, not thrown one by one.
import { dirname, relative, resolve } from "node:path";
import { ConfigError, type SourceLocation } from "../errors.js";
import { clusterKeys } from "./cluster-ref.js";
import type { ProjectFiles } from "./files.js";
import { isGlob } from "./glob.js";
import type { ProblemList } from "./problems.js";
import type { RawDefaults, RawProject } from "./schema.js";
import { validateProjectFile } from "./validate.js";
import { type FieldPath, parseYaml, type YamlSource } from "./yaml-source.js";

export interface ProjectFile {
  /** Absolute path. */
  file: string;
  source: YamlSource;
  /** Validated content; only the root file has environments and repositories. */
  raw: RawProject;
  /** The defaults its releases start from: those of the files including it, then its own. */
  defaults: RawDefaults;
  root: boolean;
}

/** The root file first, then each included file where its `include:` entry names it, depth first. */
export async function readProjectFiles(
  rootFile: string,
  files: ProjectFiles,
  problems: ProblemList,
): Promise<ProjectFile[]> {
  const out: ProjectFile[] = [];
  const seen = new Map<string, SourceLocation>();

  const visit = async (
    file: string,
    inherited: RawDefaults,
    stack: readonly string[],
    includedAt?: SourceLocation,
  ): Promise<void> => {
    seen.set(file, includedAt ?? { file });
    const source = await problems.attempt(async () => parseYaml(await files.read(file), file));
    if (!source) return;
    const raw = await validateProjectFile(source, stack.length === 0, problems);
    const defaults = { ...inherited, ...raw?.defaults };
    // A kubeconfig is relative to the file that writes it (also for the files that inherit it),
    // and checked to exist once, there.
    const kubeconfig = raw?.defaults?.kubeconfig;
    if (kubeconfig !== undefined) {
      const at = (field: FieldPath, content?: boolean) => source.locate(field, { content });
      const checked = await problems.attempt(() =>
        clusterKeys({ kubeconfig }, ["defaults"], at, (text) => text, files),
      );
      defaults.kubeconfig = checked?.kubeconfig ?? resolve(dirname(file), kubeconfig);
    }
    if (raw) out.push({ file, source, raw, defaults, root: stack.length === 0 });
    const dir = dirname(file);
    // An invalid file's includes are still followed, so their problems are reported in the same run.
    for (const [i, pattern] of includesOf(raw, source.data).entries()) {
      const at = source.locate(["include", i]);
      const targets = await problems.attempt(() => expand(pattern, dir, files, at));
      for (const target of targets ?? []) {
        const chain = [...stack, file];
        if (chain.includes(target)) {
          // A glob may match the file holding it (`include: ["*.yaml"]`); naming an includer is a cycle.
          if (isGlob(pattern)) continue;
          problems.add(
            new ConfigError(
              `include cycle: ${[...chain.slice(chain.indexOf(target)), target].map((f) => relative(dirname(rootFile), f)).join(" -> ")}`,
              { location: at },
            ),
          );
          continue;
        }
        const first = seen.get(target);
        if (first) {
          if (isGlob(pattern)) continue;
          problems.add(
            new ConfigError(`${relative(dir, target)} is included twice`, {
              location: at,
              hint: `it is already included at ${first.file}${first.line === undefined ? "" : `:${first.line}`}`,
            }),
          );
          continue;
        }
        await visit(target, defaults, chain, at);
      }
    }
  };

  await visit(resolve(rootFile), {}, []);
  return out;
}

function includesOf(raw: RawProject | undefined, data: unknown): string[] {
  if (raw) return raw.include ?? [];
  const include = (data as { include?: unknown } | null)?.include;
  return Array.isArray(include) ? include.filter((p): p is string => typeof p === "string" && p !== "") : [];
}

async function expand(
  pattern: string,
  dir: string,
  files: ProjectFiles,
  at: SourceLocation,
): Promise<string[]> {
  if (!isGlob(pattern)) {
    const file = resolve(dir, pattern);
    if (!(await files.exists(file)))
      throw new ConfigError(`included file not found: ${pattern}`, { location: at });
    return [file];
  }
  const matches = await files.glob(pattern, dir);
  if (matches.length === 0) {
    throw new ConfigError(`include "${pattern}" matches no file`, {
      location: at,
      hint: "globs are relative to the file that includes them",
    });
  }
  return matches;
}
