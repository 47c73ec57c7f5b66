// Release templates: `templates:` holds named partial releases; a release
// `inherit`s several, in order, then its own keys win. Maps (labels, set)
// merge key by key; every other field — lists included — is replaced, as in
// Helmfile. Each field remembers where it is written, so an error in a field
// that came from a template points at the template.
import { dirname } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { ConfigError, type SourceLocation } from "../errors.js";
import { didYouMean } from "../util/suggest.js";
import type { ProblemList } from "./problems.js";
import type { ProjectFile } from "./project-files.js";
import type { RawRelease, RawTemplate } from "./schema.js";
import type { FieldPath, YamlSource } from "./yaml-source.js";

export interface ReleaseTemplate {
  name: string;
  raw: RawTemplate;
  source: YamlSource;
  path: FieldPath;
}

/** Every template of every file, by name; a name defined twice (differently) is a problem. */
export function collectTemplates(
  files: readonly ProjectFile[],
  problems: ProblemList,
): Map<string, ReleaseTemplate> {
  const templates = new Map<string, ReleaseTemplate>();
  for (const { source, raw } of files) {
    for (const [name, template] of Object.entries(raw.templates ?? {})) {
      const path = ["templates", name];
      const first = templates.get(name);
      // The same template written alike in two files of one directory (its paths resolve alike):
      // one template, as `releases import` writes helmfile.d files that share a base.
      if (
        first &&
        dirname(first.source.file) === dirname(source.file) &&
        isDeepStrictEqual(first.raw, template)
      )
        continue;
      if (first) {
        const at = first.source.locate(first.path, { key: true });
        problems.add(
          new ConfigError(`template "${name}" is defined twice`, {
            location: source.locate(path, { key: true }),
            hint: `first defined at ${at.file}${at.line === undefined ? "" : `:${at.line}`}`,
          }),
        );
        continue;
      }
      templates.set(name, { name, raw: template, source, path });
    }
  }
  return templates;
}

export interface InheritedRelease {
  raw: RawRelease;
  /** Where a field of the release (path relative to it) is written: in the release or in a template. */
  locate(field: FieldPath, options?: { key?: boolean; content?: boolean }): SourceLocation;
}

interface Origin {
  source: YamlSource;
  path: FieldPath;
}

const MERGED_MAPS = new Set(["labels", "set"]);

/** The release with its templates applied; an unknown template is thrown. */
export function applyInheritance(
  release: RawRelease,
  source: YamlSource,
  path: FieldPath,
  templates: ReadonlyMap<string, ReleaseTemplate>,
): InheritedRelease {
  const merged: Record<string, unknown> = {};
  const origins = new Map<string, Origin>();
  const apply = (fields: Record<string, unknown>, origin: Origin, except: readonly string[] = []) => {
    for (const [key, value] of Object.entries(fields)) {
      if (except.includes(key) || value === undefined) continue;
      if (MERGED_MAPS.has(key) && value !== null && typeof value === "object") {
        merged[key] = { ...(merged[key] as object | undefined), ...value };
        for (const sub of Object.keys(value)) origins.set(`${key}\0${sub}`, origin);
      } else {
        merged[key] = value;
      }
      origins.set(key, origin);
    }
  };
  for (const [i, entry] of (release.inherit ?? []).entries()) {
    const name = typeof entry === "string" ? entry : entry.template;
    const template = templates.get(name);
    if (!template) {
      const known = [...templates.keys()];
      throw new ConfigError(`unknown template "${name}"${didYouMean(name, known)}`, {
        location: source.locate([...path, "inherit", i]),
        hint: known.length > 0 ? `templates: ${known.join(", ")}` : "declare it under templates:",
      });
    }
    apply(template.raw, template, typeof entry === "string" ? [] : (entry.except ?? []));
  }
  const { inherit: _, ...own } = release;
  apply(own, { source, path });
  return {
    raw: { ...merged, inherit: release.inherit } as RawRelease,
    locate: (field, options) => {
      const key = String(field[0]);
      const origin = (field.length > 1 && MERGED_MAPS.has(key)
        ? origins.get(`${key}\0${String(field[1])}`)
        : undefined) ??
        origins.get(key) ?? { source, path };
      return origin.source.locate([...origin.path, ...field], options);
    },
  };
}
