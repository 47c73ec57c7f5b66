// One redactor per run. Every secret value resolved in the run is registered
// here, and every byte that leaves the process (logs, helm's stderr, diffs,
// errors, JSON reports) passes through `redact`.
export const REDACTED = "<redacted>";

/**
 * Values shorter than this are not filtered out of free text, only out of value
 * trees: a 4-letter username such as `app2` would shred every name that contains
 * it. Real secrets are longer; `releases secrets` and the docs say so.
 */
const MIN_TEXT_LENGTH = 6;

export class Redactor {
  readonly #values = new Set<string>();
  #pattern: RegExp | undefined;

  register(value: unknown): void {
    if (value === null || value === undefined || typeof value === "object") return;
    const text = String(value);
    if (text === "" || this.#values.has(text)) return;
    this.#values.add(text);
    // Also hide the forms a secret takes on its way into manifests and logs.
    const base64 = Buffer.from(text).toString("base64");
    if (text.length >= MIN_TEXT_LENGTH) this.#values.add(base64);
    const escaped = JSON.stringify(text).slice(1, -1);
    if (escaped !== text) this.#values.add(escaped);
    this.#pattern = undefined;
  }

  registerTree(tree: unknown): void {
    walkLeaves(tree, (leaf) => this.register(leaf));
  }

  get size(): number {
    return this.#values.size;
  }

  has(value: unknown): boolean {
    return value !== null && value !== undefined && this.#values.has(String(value));
  }

  redact(text: string): string {
    const pattern = this.#compile();
    return pattern ? text.replace(pattern, REDACTED) : text;
  }

  /** A copy of `tree` with every leaf equal to a secret replaced by `<redacted>`. */
  redactTree<T>(tree: T): T {
    return mapLeaves(tree, (leaf) =>
      typeof leaf === "string" || typeof leaf === "number" || typeof leaf === "boolean"
        ? this.#values.has(String(leaf))
          ? REDACTED
          : typeof leaf === "string"
            ? this.redact(leaf)
            : leaf
        : leaf,
    ) as T;
  }

  #compile(): RegExp | undefined {
    if (this.#pattern) return this.#pattern;
    const candidates = [...this.#values].filter((v) => v.length >= MIN_TEXT_LENGTH);
    if (candidates.length === 0) return undefined;
    candidates.sort((a, b) => b.length - a.length);
    this.#pattern = new RegExp(
      candidates.map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"),
      "g",
    );
    return this.#pattern;
  }
}

function walkLeaves(tree: unknown, visit: (leaf: unknown) => void): void {
  if (Array.isArray(tree)) for (const item of tree) walkLeaves(item, visit);
  else if (tree !== null && typeof tree === "object")
    for (const v of Object.values(tree)) walkLeaves(v, visit);
  else visit(tree);
}

function mapLeaves(tree: unknown, map: (leaf: unknown) => unknown): unknown {
  if (Array.isArray(tree)) return tree.map((item) => mapLeaves(item, map));
  if (tree !== null && typeof tree === "object") {
    return Object.fromEntries(Object.entries(tree).map(([k, v]) => [k, mapLeaves(v, map)]));
  }
  return map(tree);
}
