// One session per command: it owns the adapters the command needs (helm, the
// Kubernetes API, Vault, SOPS files), each created on first use and at most
// once — one helm version check (remembered per helm binary: see
// helm/version-cache.ts), one Vault login (single-use AppRole secret IDs
// work), one decryption per SOPS file — and hands them to the core as
// parameters. Nothing here starts at import time or reads process.env: the
// environment is the one the command was given (io.env).
import { clusterKey } from "../config/cluster-ref.js";
import { UsageError } from "../errors.js";
import { detectHelm, HelmClient } from "../helm/client.js";
import { cachedHelmVersion } from "../helm/version-cache.js";
import type { Cluster } from "../kube/cluster.js";
import type { ClusterRef, Project } from "../model/project.js";
import type { Redactor } from "../secrets/redactor.js";
import type { VaultClient } from "../secrets/vault/client.js";
import type { SecretSources } from "../values/render-releases.js";
import { createTemplates, type TemplateEngine } from "../values/templates.js";
import { ProjectClusters } from "./clusters.js";
import type { CliIO } from "./io.js";
import { createSecretSources, nodeSecretDeps } from "./secret-sources.js";

export class Session {
  readonly #io: CliIO;
  readonly #redactor: Redactor;
  readonly #debug: () => boolean;
  readonly #clusters = new Map<string, Promise<Cluster>>();
  readonly #helm = new Map<string, Promise<HelmClient>>();
  #vault?: Promise<VaultClient>;
  #secrets?: SecretSources;
  #templates?: TemplateEngine;

  constructor(io: CliIO, redactor: Redactor, debug: () => boolean) {
    this.#io = io;
    this.#redactor = redactor;
    this.#debug = debug;
  }

  /** The cluster of `ref` (the kubeconfig's current context when it names none), connected once. */
  cluster(ref: ClusterRef): Promise<Cluster> {
    const key = clusterKey(ref);
    let cluster = this.#clusters.get(key);
    if (!cluster) {
      // The Kubernetes adapter loads with the first cluster a command asks for (not for list, values, template).
      cluster = import("../kube/cluster.js").then(({ connectCluster }) => connectCluster(ref, this.#io.env));
      this.#clusters.set(key, cluster);
    }
    return cluster;
  }

  /** The clusters of the project's releases, through this session's connections. */
  clustersOf(project: Pick<Project, "releases" | "environment">): ProjectClusters {
    return new ProjectClusters(project, (ref) => this.cluster(ref));
  }

  /** helm 3 or 4 (detected once): `binary`, else $RELEASES_HELM, else `helm` on PATH. */
  helm(binary?: string): Promise<HelmClient> {
    const chosen = binary ?? this.#io.env.RELEASES_HELM ?? "helm";
    let helm = this.#helm.get(chosen);
    if (!helm) {
      helm = this.#createHelm(chosen);
      helm.catch(() => {}); // awaited by whoever needs it; an early start must not be an unhandled rejection
      this.#helm.set(chosen, helm);
    }
    return helm;
  }

  /** The Vault client: one per command, so one login. */
  vault(): Promise<VaultClient> {
    this.#vault ??= import("../secrets/vault/client.js").then(({ VaultClient }) =>
      VaultClient.fromEnv(this.#io.env),
    );
    return this.#vault;
  }

  /** SOPS files (each decrypted once per command) and Vault, for rendering. */
  get secrets(): SecretSources {
    if (!this.#secrets) {
      const sources = createSecretSources(this.#io.env, {
        ...nodeSecretDeps,
        vault: () => ({ resolve: async (uses) => (await this.vault()).resolve(uses) }),
      });
      const decrypted = new Map<string, ReturnType<SecretSources["sops"]["read"]>>();
      this.#secrets = {
        ...sources,
        sops: {
          read: (path) => {
            let values = decrypted.get(path);
            if (!values) {
              values = sources.sops.read(path);
              decrypted.set(path, values);
            }
            return values;
          },
        },
      };
    }
    return this.#secrets;
  }

  get templates(): TemplateEngine {
    this.#templates ??= createTemplates({ env: this.#io.env });
    return this.#templates;
  }

  async #createHelm(binary: string): Promise<HelmClient> {
    const io = this.#io;
    let detected: Awaited<ReturnType<typeof cachedHelmVersion>>;
    try {
      detected = await cachedHelmVersion(binary, io.env, () => detectHelm(binary, io.env));
    } catch (error) {
      throw new UsageError(
        `cannot run helm (${binary}): ${error instanceof Error ? error.message : String(error)}`,
        { hint: "install helm 3 or 4, or pass --helm-binary / set RELEASES_HELM" },
      );
    }
    const redactor = this.#redactor;
    if (detected.unwritten && this.#debug()) io.stderr.write(`[debug] ${binary}: ${detected.unwritten}\n`);
    if (detected.cached && this.#debug())
      io.stderr.write(
        `[debug] ${binary} is helm ${detected.version} (remembered for this binary, see helm/version-cache.ts)\n`,
      );
    return new HelmClient({
      binary,
      major: detected.major,
      version: detected.version,
      env: io.env,
      redactor,
      onCall: this.#debug()
        ? (call) =>
            io.stderr.write(
              redactor.redact(
                `[debug] ${binary} ${call.args.join(" ")} -> exit ${call.code} in ${call.durationMs} ms\n`,
              ),
            )
        : undefined,
    });
  }
}
