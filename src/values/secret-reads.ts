// Which secrets a template actually read. Environment secrets are merged into
// the template context as `values`; a release consumes one only when its
// templates read that leaf. We wrap the context in proxies that report reads of
// leaves whose value came from a secret, so rotation redeploys exactly the
// releases that use a secret and `status` can tell which are stale.
import { isMap, type Values } from "./merge.js";

/** Dotted leaf path → secret id (e.g. `sops:environments/dev/secrets.sops.yaml#db.password`). */
export type SecretOrigins = ReadonlyMap<string, string>;

/** Every leaf of `tree` as [dotted path, value]. Lists are leaves (Helm replaces them whole). */
export function leaves(tree: Values, prefix = ""): [string, unknown][] {
  const out: [string, unknown][] = [];
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (isMap(value)) out.push(...leaves(value, path));
    else out.push([path, value]);
  }
  return out;
}

/** A read-only view of `tree` that calls `onRead(secretId)` when a secret leaf is read. */
export function trackSecretReads(
  tree: Values,
  origins: SecretOrigins,
  onRead: (secretId: string) => void,
): Values {
  if (origins.size === 0) return tree;
  const wrap = (node: Values, prefix: string): Values =>
    new Proxy(node, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver) as unknown;
        if (typeof key !== "string" || !Object.hasOwn(target, key)) return value;
        const path = prefix ? `${prefix}.${key}` : key;
        if (isMap(value)) return wrap(value, path);
        const origin = origins.get(path);
        if (origin) onRead(origin);
        return value;
      },
      set: () => false,
      deleteProperty: () => false,
    });
  return wrap(tree, "");
}
