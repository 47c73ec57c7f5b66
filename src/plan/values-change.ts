// Which values a deploy changes, by path only: `image.tag`, `hosts[0]`. Paths
// never carry values, so a changed secret shows as its key and nothing more.
// Pure.

export interface ValuesChange {
  added: string[];
  changed: string[];
  removed: string[];
}

export function valuesChange(deployed: unknown, desired: unknown): ValuesChange {
  const change: ValuesChange = { added: [], changed: [], removed: [] };
  compare(deployed, desired, "", change);
  return change;
}

/** How many leaves (scalars, lists, empty maps) a values tree has; none for an empty tree. */
export function countValues(values: unknown): number {
  if (isMap(values) && Object.keys(values).length === 0) return 0;
  return leaves(values);
}

function leaves(values: unknown): number {
  if (isMap(values)) {
    const entries = Object.values(values);
    return entries.length === 0 ? 1 : entries.reduce<number>((n, v) => n + leaves(v), 0);
  }
  return 1;
}

function compare(before: unknown, after: unknown, path: string, change: ValuesChange): void {
  if (isMap(before) && isMap(after)) {
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
      const at = path ? `${path}.${key}` : key;
      if (!(key in after)) change.removed.push(at);
      else if (!(key in before)) change.added.push(at);
      else compare(before[key], after[key], at, change);
    }
    return;
  }
  if (JSON.stringify(before) !== JSON.stringify(after)) change.changed.push(path || "(all values)");
}

function isMap(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
