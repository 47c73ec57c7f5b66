// One redactor per run. Every secret value resolved in the run is registered
// here, and every byte that leaves the process (logs, helm's stderr, diffs,
// errors, JSON reports) passes through `redact`.
//
// Only whole tokens are replaced: a secret `secret` hides `password: secret`,
// `"secret"`, `user:secret@db` and `PASSWORD=secret`, but never the `secret`
// inside `secrets.hashicorp.com`, `secretName:` or `secret/data/app1`, and
// never a map key (`name:` stays `name:` when the secret is `name`). So output
// stays readable and machine-readable output stays valid JSON and YAML.
export const REDACTED = "<redacted>";

/**
 * Values shorter than this are hidden in value trees (`releases values`) but
 * not in free text, where a token of 1 to 3 characters (`on`, `dev`, `v1`)
 * stands for too many ordinary things.
 */
const MIN_TEXT_LENGTH = 4;

/**
 * Characters that continue a token: a secret next to one of them is part of a
 * longer word, key, path or name (`secretRef`, `app2-back`, `secrets.yaml`,
 * `secret/data/db#password`), not the secret standing on its own.
 */
const TOKEN_CHAR = String.raw`[\p{L}\p{N}_.\/#-]`;

/**
 * Followed by this, a token is a map key (`name:`, `"name":`, `'name':`, and
 * `\"name\":` in JSON quoted inside a string), never a value.
 */
const KEY_SUFFIX = String.raw`(?:\\?["']\s*:|:(?:\s|$))`;

export class Redactor {
  /** Every form of every secret: exact matches in value trees. */
  readonly #values = new Set<string>();
  /** The forms long enough to hide in free text. */
  readonly #textForms = new Set<string>();
  #pattern: RegExp | null | undefined;

  /**
   * Register one secret value. Strings and numbers are secrets; booleans and
   * null are not (registering `true` would hide every `true` in a manifest).
   */
  register(value: unknown): void {
    if (typeof value !== "string" && typeof value !== "number" && typeof value !== "bigint") return;
    const text = String(value);
    if (text === "" || this.#values.has(text)) return;
    for (const form of formsOf(text)) {
      this.#values.add(form);
      if (form.length >= MIN_TEXT_LENGTH) this.#textForms.add(form);
    }
    this.#pattern = undefined;
  }

  /** Register every leaf of a tree: for trees that are secret as a whole, such as a Vault secret's data. */
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

  /** A copy of `tree` with every leaf equal to a secret replaced by `<redacted>`; keys are kept. */
  redactTree<T>(tree: T): T {
    return mapLeaves(tree, (leaf) => {
      if (typeof leaf === "string") return this.#values.has(leaf) ? REDACTED : this.redact(leaf);
      if (typeof leaf === "number" || typeof leaf === "bigint") {
        return this.#values.has(String(leaf)) ? REDACTED : leaf;
      }
      return leaf;
    }) as T;
  }

  #compile(): RegExp | null {
    if (this.#pattern !== undefined) return this.#pattern;
    const candidates = [...this.#textForms].sort((a, b) => b.length - a.length);
    this.#pattern =
      candidates.length === 0
        ? null
        : new RegExp(
            `(?<!${TOKEN_CHAR})(?:${candidates.map(escapeRegExp).join("|")})(?!${TOKEN_CHAR})(?!${KEY_SUFFIX})`,
            "gu",
          );
    return this.#pattern;
  }
}

/**
 * The forms a secret takes on its way into manifests and logs: as is, base64
 * (Secret data), escaped inside a JSON or YAML quoted string, and for a
 * multi-line secret (a key, a certificate) each line, since YAML block
 * scalars indent them.
 */
function formsOf(text: string): string[] {
  const forms = [text, Buffer.from(text).toString("base64")];
  const json = JSON.stringify(text).slice(1, -1);
  if (json !== text) forms.push(json);
  if (text.includes("'")) forms.push(text.replaceAll("'", "''"));
  if (text.includes("\n")) {
    for (const line of text.split(/\r?\n/)) if (line.trim().length >= 8) forms.push(line.trim());
  }
  return forms;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
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
