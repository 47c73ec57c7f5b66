// The version an OCI registry resolves a constraint to, and the manifest
// digest, as helm sees them: `helm pull` into a temporary directory (helm
// lists the registry's tags and picks the highest match), its report parsed.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pullArgs } from "../helm/args.js";
import type { HelmClient } from "../helm/client.js";
import type { OfferedVersion } from "./repository-index.js";
import type { RequirementUse } from "./resolve-versions.js";

/** `Pulled: host/path/chart:1.2.3` and `Digest: sha256:…` from helm pull's output. */
export function parsePullReport(output: string): OfferedVersion | undefined {
  const pulled = /^Pulled: \S+:([^:\s]+)$/m.exec(output)?.[1];
  const digest = /^Digest: (sha256:[0-9a-f]{64})$/m.exec(output)?.[1];
  return pulled && digest ? { version: pulled, digest } : undefined;
}

export async function ociVersion(helm: HelmClient, r: RequirementUse): Promise<OfferedVersion> {
  const dir = await mkdtemp(join(tmpdir(), "releases-deps-"));
  try {
    const url = `${r.repository}/${r.chart}`;
    const source = {
      chart: { kind: "oci" as const, url, display: url, ...(r.source ? { repository: r.source } : {}) },
      version: r.constraint === "*" ? undefined : r.constraint,
    };
    const devel = r.devel && r.constraint === "*" ? ["--devel"] : [];
    const result = await helm.run([...pullArgs(source, dir, { untar: false }), ...devel]);
    const found = parsePullReport(`${result.stdout}\n${result.stderr}`);
    if (!found) throw new Error(`helm pull ${url} did not report the version and digest it pulled`);
    return found;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
