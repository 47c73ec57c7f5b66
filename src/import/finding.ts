// What the import tells its user about one construct: where it is, what
// happened, and what to write instead.

export interface Finding {
  file: string;
  line?: number;
  /** The construct as written (shortened), e.g. `{{ exec "git" ... }}` or `hooks`. */
  construct: string;
  /** `left`: not converted, the user must act (the import exits 2); `note`: converted, with a caveat. */
  severity: "left" | "note";
  why: string;
  suggestion?: string;
}

export function shorten(text: string, max = 80): string {
  const one = text.replace(/\s+/g, " ").trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

/** The handlebars a converter writes where it could not convert: rendering it fails, naming the place. */
export function leftMarker(file: string, line: number | undefined): string {
  const where = line === undefined ? file : `${file}:${line}`;
  return `(required "releases import left a Go template construct here: ${where} (see the import report)" null)`;
}

/** Findings in file and line order, each once. */
export function sortedFindings(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  const unique = findings.filter((f) => {
    const key = JSON.stringify([f.file, f.line, f.construct, f.why]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return unique.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));
}
