// coordination.k8s.io's MicroTime: RFC 3339 with exactly six fractional digits
// (a Lease's acquireTime and renewTime); the API server refuses other forms.

/** `2026-12-02T05:13:03.123000Z` for a Date or any time Date can parse. */
export function microTime(value: Date | string): string {
  const time = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(time.getTime())) throw new RangeError(`not a time: ${String(value)}`);
  return time.toISOString().replace(/\.(\d{3})Z$/, ".$1000Z");
}
