// Which releases consume a secret, from what rendering recorded. Secret ids are
// `sops:<file>#<key>` and `vault:<path>#<key>`; a KV v2 path may be written with
// or without its `data/` segment, so both spellings name one secret.

/** `secret/data/app1/db` and `secret/app1/db` → `secret/app1/db`. */
export function normaliseVaultPath(path: string): string {
  return path.replace(/^\/+|\/+$/g, "").replace(/^([^/]+)\/data\//, "$1/");
}

export type SecretTarget = { kind: "vault"; path: string; key: string } | { kind: "sops"; file: string };

export function consumes(consumed: readonly string[], target: SecretTarget): boolean {
  if (target.kind === "sops") return consumed.some((id) => id.startsWith(`sops:${target.file}#`));
  const wanted = `${normaliseVaultPath(target.path)}#${target.key}`;
  return consumed.some((id) => {
    if (!id.startsWith("vault:")) return false;
    const hash = id.lastIndexOf("#");
    return `${normaliseVaultPath(id.slice("vault:".length, hash))}#${id.slice(hash + 1)}` === wanted;
  });
}

/** `path#key` as given on the command line. */
export function parseVaultTarget(text: string): { path: string; key: string } | undefined {
  const hash = text.lastIndexOf("#");
  if (hash <= 0 || hash === text.length - 1) return undefined;
  return { path: text.slice(0, hash).replace(/^\/+|\/+$/g, ""), key: text.slice(hash + 1) };
}
