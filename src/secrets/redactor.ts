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
const TOKEN_CHAR = /^[\p{L}\p{N}_./#-]$/u;
const ASCII_TOKEN = new Uint8Array(128).map((_, c) => (TOKEN_CHAR.test(String.fromCharCode(c)) ? 1 : 0));

function isTokenChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c < 128 ? ASCII_TOKEN[c] === 1 : TOKEN_CHAR.test(text[i]!);
}

/**
 * Followed by this, a token is a map key (`name:`, `"name":`, `'name':`, and
 * `\"name\":` in JSON quoted inside a string), never a value.
 */
const KEY_SUFFIX = /\\?["']\s*:|:(?:\s|$)/y;

export class Redactor {
  /** Every form of every secret: exact matches in value trees. */
  readonly #values = new Set<string>();
  /** The forms long enough to hide in free text. */
  readonly #textForms = new Set<string>();
  /** Text forms by their first four characters, longest first: built on the first redact after a register. */
  #index: Map<number, Map<number, string[]>> | undefined;

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
    this.#index = undefined;
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

  /**
   * `text` with every secret that stands as a whole token replaced: one pass
   * over the token starts, each looked up by its first characters, so the
   * cost grows with the text, not with the number of secrets.
   */
  redact(text: string): string {
    const index = this.#compile();
    if (index.size === 0) return text;
    let out = "";
    let copied = 0;
    for (let i = 0; i <= text.length - MIN_TEXT_LENGTH; i++) {
      if (i > 0 && isTokenChar(text, i - 1)) continue;
      const candidates = index.get(pairAt(text, i))?.get(pairAt(text, i + 2));
      const match = candidates?.find((c) => text.startsWith(c, i) && standsAlone(text, i + c.length));
      if (match === undefined) continue;
      out += text.slice(copied, i) + REDACTED;
      copied = i + match.length;
      i = copied - 1;
    }
    return copied === 0 ? text : out + text.slice(copied);
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

  #compile(): Map<number, Map<number, string[]>> {
    if (this.#index) return this.#index;
    const index = new Map<number, Map<number, string[]>>();
    for (const form of [...this.#textForms].sort((a, b) => b.length - a.length)) {
      const second = index.get(pairAt(form, 0)) ?? new Map<number, string[]>();
      index.set(pairAt(form, 0), second);
      const list = second.get(pairAt(form, 2));
      if (list) list.push(form);
      else second.set(pairAt(form, 2), [form]);
    }
    this.#index = index;
    return index;
  }
}

/** Two UTF-16 units as one number: the index keys on a form's first four. */
function pairAt(text: string, i: number): number {
  return text.charCodeAt(i) * 65536 + text.charCodeAt(i + 1);
}

/** A match ending at `end` is the whole token, and not a map key. */
function standsAlone(text: string, end: number): boolean {
  if (end < text.length && isTokenChar(text, end)) return false;
  KEY_SUFFIX.lastIndex = end;
  return !KEY_SUFFIX.test(text);
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
