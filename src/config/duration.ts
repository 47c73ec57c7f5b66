/** `300`, `"300"`, `"90s"`, `"5m"`, `"1h30m"` → seconds. The schema has already checked the form. */
export function parseDuration(value: number | string): number {
  if (typeof value === "number") return value;
  if (/^\d+$/.test(value)) return Number(value);
  const match = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(value);
  if (!match || value === "") throw new RangeError(`not a duration: ${value}`);
  const [, h = "0", m = "0", s = "0"] = match;
  return Number(h) * 3600 + Number(m) * 60 + Number(s);
}

/** Seconds → helm's Go duration, e.g. 600 → "600s". */
export function toGoDuration(seconds: number): string {
  return `${seconds}s`;
}
