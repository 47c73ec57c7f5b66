// Helm's own layering of values files (pkg/cli/values/options.go mergeMaps):
// maps merge deeply, anything else — lists included — is replaced by the later
// layer. A `null` is kept as a value: when helm coalesces the result with the
// chart's defaults, a null deletes that key, which is how Helm users remove a
// default. We pipe one merged document to helm, so keeping nulls is exactly Helm.
import { yaml } from "../util/lazy-yaml.js";

export { parseSetPath, setPath } from "./set-path.js";

export type Values = Record<string, unknown>;

export function isMap(value: unknown): value is Values {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** `overlay` over `base`, neither modified. */
export function mergeValues(base: Values, overlay: Values): Values {
  const out: Values = { ...base };
  for (const [key, value] of Object.entries(overlay)) {
    const current = out[key];
    out[key] = isMap(value) && isMap(current) ? mergeValues(current, value) : value;
  }
  return out;
}

/**
 * The values document piped to helm. JSON (a YAML document helm reads as is)
 * rather than YAML: helm 3 reads values as YAML 1.1, where an unquoted `yes`,
 * `n` or `1_000` written by a YAML 1.2 emitter turns into a boolean or a
 * number; in JSON every string stays a string. It is also many times faster to
 * write for large values. Only NaN and infinities, which JSON cannot hold, go
 * through `yaml` (as `.nan`/`.inf`).
 */
export function helmValuesDocument(values: Values): string {
  let special = false;
  const json = JSON.stringify(values, (_key, value: unknown) => {
    if (typeof value === "number" && !Number.isFinite(value)) special = true;
    return value;
  });
  return special ? yaml().stringify(values, { lineWidth: 0 }) : `${json}\n`;
}

/** Every layer in order, later ones winning. */
export function mergeLayers(layers: readonly Values[]): Values {
  return layers.reduce<Values>((acc, layer) => mergeValues(acc, layer), {});
}

/** The value at a dotted path, or undefined. */
export function getPath(values: unknown, path: string): unknown {
  let current = values;
  for (const part of path.split(".")) {
    if (!isMap(current)) return undefined;
    current = current[part];
  }
  return current;
}
