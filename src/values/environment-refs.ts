// `ref+…` references in environment values. Templates see the environment
// values as their context, so a reference there is resolved with the run's
// one batch of secret reads, and a template that reads it consumes the secret
// (as reading an environment SOPS secret does).
import type { SourceLocation } from "../errors.js";
import type { Project } from "../model/project.js";
import type { Values } from "./merge.js";
import { findRefs, positionOf, type RefUse, replaceRefs } from "./refs.js";
import { type FetchedSecrets, resolveValueRef } from "./resolve-ref.js";
import { leaves } from "./secret-reads.js";

export interface ResolvedEnvironment {
  /** The environment values with every reference replaced by its value. */
  values: Values;
  /** Dotted leaf path → the secret id a reference there stands for. */
  origins: Map<string, string>;
  /** Secret id → the value consumed under it. */
  consumed: Map<string, unknown>;
}

/** The references in `project`'s environment values, located in the files that hold them. */
export async function environmentRefs(
  project: Project,
  readText: (path: string) => Promise<string>,
): Promise<RefUse[]> {
  const texts = await Promise.all(
    project.environment.values.map(async (source) =>
      source.kind === "inline" ? undefined : { file: source.path, text: await readText(source.path) },
    ),
  );
  const locate = (ref: string): SourceLocation => {
    for (const t of texts) {
      const at = t && positionOf(t.text, ref);
      if (t && at) return { file: t.file, ...at };
    }
    return project.environment.values[0]?.location ?? { file: project.file };
  };
  return findRefs(project.environmentValues, locate, `environment ${project.environment.name}`);
}

export function resolveEnvironment(
  project: Project,
  uses: readonly RefUse[],
  fetched: FetchedSecrets,
  register: (value: unknown) => void,
): ResolvedEnvironment {
  const consumed = new Map<string, unknown>();
  const byText = new Map(uses.map((u) => [u.ref.text, u]));
  const idOf = new Map<string, string>();
  const values = replaceRefs(project.environmentValues, (text) => {
    const use = byText.get(text)!;
    const resolved = resolveValueRef(use.ref, use.at, fetched);
    for (const [id, value] of resolved.consumed) consumed.set(id, value);
    idOf.set(text, resolved.consumed[0]![0]);
    register(resolved.value);
    return resolved.value;
  });
  const origins = new Map<string, string>();
  for (const [path, value] of leaves(project.environmentValues)) {
    const id = typeof value === "string" ? idOf.get(value) : undefined;
    if (id) origins.set(path, id);
  }
  return { values, origins, consumed };
}
