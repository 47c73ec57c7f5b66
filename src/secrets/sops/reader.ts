// One SopsReader per run: each file is decrypted (and MAC-checked) once, even
// when release secrets, environment secrets and `{{sops …}}` helpers ask for it
// concurrently. Every decrypted value is handed to the run's redactor.
import { resolve } from "node:path";
import { SecretError } from "../../errors.js";
import type { AgeIdentities } from "../age-keys.js";
import { decryptSops } from "./decrypt.js";
import { readText } from "./files.js";

export interface SecretSink {
  registerTree(tree: unknown): void;
}

export interface SopsReaderOptions {
  /** Identities, or a loader called once on the first read. */
  keys: AgeIdentities | (() => Promise<AgeIdentities>);
  /** Base for relative paths. */
  cwd?: string;
  redactor?: SecretSink;
  readFile?: (path: string) => Promise<string>;
}

export class SopsReader {
  readonly #cache = new Map<string, Promise<Record<string, unknown>>>();
  readonly #options: SopsReaderOptions;
  #keys: Promise<AgeIdentities> | undefined;

  constructor(options: SopsReaderOptions) {
    this.#options = options;
  }

  /** The decrypted data of a SOPS file (YAML, JSON or dotenv by extension). */
  read(path: string): Promise<Record<string, unknown>> {
    const absolute = resolve(this.#options.cwd ?? process.cwd(), path);
    let pending = this.#cache.get(absolute);
    if (!pending) {
      pending = this.#load(absolute);
      this.#cache.set(absolute, pending);
    }
    return pending;
  }

  /** One value by dotted key, for the `{{sops "file" "a.b"}}` helper. */
  async value(path: string, dottedKey: string): Promise<unknown> {
    return valueAt(await this.read(path), dottedKey, path);
  }

  get size(): number {
    return this.#cache.size;
  }

  async #load(path: string): Promise<Record<string, unknown>> {
    const text = await (this.#options.readFile ?? readText)(path);
    const { data } = await decryptSops(text, path, await this.#identities());
    this.#options.redactor?.registerTree(data);
    return data;
  }

  #identities(): Promise<AgeIdentities> {
    const { keys } = this.#options;
    this.#keys ??= typeof keys === "function" ? keys() : Promise.resolve(keys);
    return this.#keys;
  }
}

/** `a.b.c` into nested data; a missing key is a SecretError naming file and key, never the data. */
export function valueAt(data: Record<string, unknown>, dottedKey: string, file: string): unknown {
  let current: unknown = data;
  for (const part of dottedKey.split(".")) {
    if (current === null || typeof current !== "object" || !Object.hasOwn(current, part)) {
      throw new SecretError(`no key "${dottedKey}" in the SOPS file`, {
        location: { file, field: dottedKey },
      });
    }
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}
