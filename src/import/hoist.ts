// The project-level parts of sub-helmfiles (helmfiles: entries, helmfile.d/
// files) joined into the root releases.yaml: environments, repositories,
// state values, flags and the kube context. A path a sub-file wrote is
// relative to where that file is written (releases.d/…), so it is rewritten
// relative to the root. helmfile.d files that share a base bring the same
// list again: appended again it would change nothing (layering is
// idempotent), so it is not.
import { isAbsolute, join, relative } from "node:path";
import { isDeepStrictEqual } from "node:util";
import type { Finding } from "./finding.js";
import type { ConvertedState } from "./state/project.js";

export interface HoistedState {
  state: ConvertedState;
  /** The directory the sub-file is written to. */
  outDir: string;
}

export function hoist(
  root: ConvertedState,
  rootDir: string,
  subs: HoistedState[],
  findings: Finding[],
): void {
  for (const { state: sub, outDir } of subs) {
    const rebase = rebaseEntries(outDir, rootDir);
    for (const [name, env] of Object.entries(sub.environments)) {
      const mine = root.environments[name];
      const moved = { ...env };
      for (const key of ["values", "secrets"] as const)
        if (env[key]) moved[key] = rebase(env[key] as unknown[]);
      if (!mine) root.environments[name] = moved;
      else {
        for (const key of ["values", "secrets"] as const) {
          if (moved[key]) mine[key] = appended((mine[key] as unknown[]) ?? [], moved[key] as unknown[]);
        }
      }
    }
    for (const repo of sub.repositories) {
      const same = root.repositories.find((r) => r.name === repo.name);
      if (!same) root.repositories.push(repo);
      else if (same.url !== repo.url)
        findings.push({
          file: "releases.yaml",
          construct: `repositories: ${String(repo.name)}`,
          severity: "left",
          why: `two helmfiles declare repository ${String(repo.name)} with different URLs`,
        });
    }
    for (const [flag, holds] of sub.flags) root.flags.set(flag, holds);
    root.stateValues = appended(root.stateValues, rebase(sub.stateValues));
    // A left (templated) context, null, stays: no other file's context stands in for it.
    if (root.kubeContext === undefined && sub.kubeContext !== undefined) root.kubeContext = sub.kubeContext;
    for (const name of sub.contextLeft) root.contextLeft.add(name);
  }
  if (root.flags.size || root.kubeContext || root.stateValues.length) {
    if (Object.keys(root.environments).length === 0) root.environments.default = {};
  }
  for (const [name, env] of Object.entries(root.environments)) {
    if (typeof root.kubeContext === "string" && env.kubeContext === undefined && !root.contextLeft.has(name))
      env.kubeContext = root.kubeContext;
    if (root.stateValues.length) env.values = [...root.stateValues, ...((env.values as unknown[]) ?? [])];
    if (root.flags.size) {
      const imported: Record<string, boolean> = {};
      for (const [flag, holds] of root.flags) imported[flag.replace(/^imported\./, "")] = holds(name);
      env.values = [...((env.values as unknown[]) ?? []), { imported }];
    }
  }
}

/** Values and secrets entries (a path, `{path, optional}`, or inline values) rewritten from `from` to `to`. */
function rebaseEntries(from: string, to: string): (entries: unknown[]) => unknown[] {
  // A path starting with a template was left as written (see outputPaths' rewrite); others were rewritten.
  const path = (p: string) =>
    isAbsolute(p) || p.startsWith("{{") || from === to ? p : relative(to, join(from, p));
  return (entries) =>
    entries.map((entry) => {
      if (typeof entry === "string") return path(entry);
      if (entry && typeof entry === "object" && "path" in entry && typeof entry.path === "string")
        return { ...entry, path: path(entry.path) };
      return entry;
    });
}

/** `list` then `more`, unless `list` already ends with all of `more`. */
function appended(list: unknown[], more: unknown[]): unknown[] {
  const tail = list.slice(list.length - more.length);
  return more.length > 0 && tail.length === more.length && isDeepStrictEqual(tail, more)
    ? list
    : [...list, ...more];
}
