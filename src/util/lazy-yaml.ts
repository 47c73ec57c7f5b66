// The `yaml` package, loaded on first use (synchronously, through require: it
// is a CommonJS package, so this is the very instance `import` would give).
// Loading it costs a few hundredths of a second of start-up that `list` of a
// plain project never needs: reading releases.yaml takes the js-yaml path.
import { createRequire } from "node:module";
import type * as Yaml from "yaml";

let loaded: typeof Yaml | undefined;

export function yaml(): typeof Yaml {
  loaded ??= createRequire(import.meta.url)("yaml") as typeof Yaml;
  return loaded;
}
