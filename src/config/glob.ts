// Globs for `include:` (teams/*.yaml, platform/**/releases.yaml), as a pure
// matcher; the file adapter walks the directory.

/** True when `pattern` has glob syntax; a plain path must exist, a glob must match. */
export function isGlob(pattern: string): boolean {
  return /[*?[{]/.test(pattern);
}

/** The leading segments without glob syntax: the directory to walk. */
export function globBase(pattern: string): string {
  const segments = pattern.split("/");
  const firstMagic = segments.findIndex(isGlob);
  return segments.slice(0, firstMagic < 0 ? segments.length : firstMagic).join("/");
}

/**
 * `*` any characters but `/`, `?` one of them, `**` as a whole segment any
 * number of directories, `{a,b}` either, `[abc]` a class. Matched against `/`-separated paths.
 */
export function globToRegExp(pattern: string): RegExp {
  let out = "";
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === "*" && pattern[i + 1] === "*" && (i === 0 || pattern[i - 1] === "/")) {
      const slash = pattern[i + 2] === "/";
      out += slash ? "(?:[^/]+/)*" : ".*";
      i += slash ? 2 : 1;
    } else if (ch === "*") out += "[^/]*";
    else if (ch === "?") out += "[^/]";
    else if (ch === "{") {
      const end = pattern.indexOf("}", i);
      if (end < 0) out += "\\{";
      else {
        out += `(?:${pattern
          .slice(i + 1, end)
          .split(",")
          .map(escapeRegExp)
          .join("|")})`;
        i = end;
      }
    } else if (ch === "[") {
      const end = pattern.indexOf("]", i + 1);
      if (end < 0) out += "\\[";
      else {
        const body = pattern
          .slice(i + 1, end)
          .replace(/^!/, "^")
          .replace(/\\/g, "\\\\");
        out += `[${body}]`;
        i = end;
      }
    } else out += escapeRegExp(ch);
  }
  return new RegExp(`^${out}$`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}
