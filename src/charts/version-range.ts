// Chart version constraints as helm reads them (Masterminds/semver): an exact
// version, a range (`~1.2.0`, `^1`, `>=1.0 <2`, `>=1.0, <2`, `1.2.x`), `*` or
// nothing for the latest. Evaluated with npm's `semver`, whose ranges agree
// with helm's for these forms once commas (helm's AND) become spaces. As in
// helm, pre-releases are only chosen when asked for (`devel`) or when the
// constraint names one.
import semver from "semver";

/** The constraint a release's `version` states; none means the latest. */
export function constraintOf(version: string | undefined): string {
  const text = version?.trim() ?? "";
  return text === "" ? "*" : text;
}

/** `constraint` in npm's spelling, or undefined when it is not a valid range. */
function npmRange(constraint: string): string | undefined {
  const spelled = constraint.replace(/\s*,\s*/g, " ").replace(/(^|[\s|<>=~^])v(?=\d)/g, "$1");
  return semver.validRange(spelled, { loose: true }) ?? undefined;
}

export function isValidConstraint(constraint: string): boolean {
  return npmRange(constraint) !== undefined;
}

/** Whether `version` meets `constraint` (false for a version that is not semver). */
export function satisfies(version: string, constraint: string, devel = false): boolean {
  const range = npmRange(constraint);
  const parsed = semver.parse(version, { loose: true });
  if (!range || !parsed) return false;
  return semver.satisfies(parsed, range, { loose: true, includePrerelease: devel });
}

/** The highest of `versions` that meets `constraint`, as written in `versions`; undefined if none does. */
export function highestSatisfying(
  versions: readonly string[],
  constraint: string,
  devel = false,
): string | undefined {
  let best: { text: string; parsed: semver.SemVer } | undefined;
  for (const text of versions) {
    if (!satisfies(text, constraint, devel)) continue;
    const parsed = semver.parse(text, { loose: true })!;
    if (!best || semver.gt(parsed, best.parsed)) best = { text, parsed };
  }
  return best?.text;
}
