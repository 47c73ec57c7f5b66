// One deploying run per environment and cluster: a coordination.k8s.io Lease
// held with our identity and an expiry, renewed while the run lasts. A second
// run waits up to its lock timeout, then fails saying who holds the lock.
import { hostname, userInfo } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import { ClusterStateError, InterruptedError } from "../errors.js";
import type { Cluster, LeaseObject } from "./cluster.js";

export interface LeaseOptions {
  environment: string;
  namespace?: string;
  /** Seconds a lease stays valid without renewal. */
  durationSeconds?: number;
  /** Seconds to wait for a held lease before failing. */
  waitSeconds: number;
  identity?: string;
  /** Ctrl-C: stop waiting for a held lease. */
  signal?: AbortSignal;
}

export interface HeldLease {
  release(): Promise<void>;
}

const isConflict = (e: unknown) => (e as { code?: number }).code === 409;
const isNotFound = (e: unknown) => (e as { code?: number }).code === 404;

export function defaultIdentity(): string {
  return `${userInfo().username}@${hostname()} pid ${process.pid}`;
}

export async function acquireLease(cluster: Cluster, options: LeaseOptions): Promise<HeldLease> {
  const namespace = options.namespace ?? "default";
  const name = `releases-${options.environment}`.toLowerCase().replace(/[^a-z0-9-]/g, "-");
  const identity = options.identity ?? defaultIdentity();
  const duration = options.durationSeconds ?? 60;
  const deadline = Date.now() + options.waitSeconds * 1000;
  const api = cluster.leases;
  const spec = () => ({
    holderIdentity: identity,
    leaseDurationSeconds: duration,
    acquireTime: new Date(),
    renewTime: new Date(),
  });
  for (;;) {
    try {
      await api.create(namespace, { metadata: { name }, spec: spec() });
      break;
    } catch (error) {
      if (!isConflict(error)) throw lockError(error);
    }
    let current: LeaseObject;
    try {
      current = await api.read(namespace, name);
    } catch (error) {
      if (isNotFound(error)) continue;
      throw lockError(error);
    }
    const holder = current.spec?.holderIdentity ?? "unknown";
    const renewed = current.spec?.renewTime ? new Date(current.spec.renewTime).getTime() : 0;
    const expired = renewed + (current.spec?.leaseDurationSeconds ?? duration) * 1000 < Date.now();
    if (expired || holder === identity) {
      try {
        await api.replace(namespace, name, { metadata: current.metadata, spec: spec() });
        break;
      } catch (error) {
        if (!isConflict(error)) throw lockError(error);
        continue;
      }
    }
    if (options.signal?.aborted) {
      throw new InterruptedError(
        `interrupted while waiting for the lock held by ${holder}; nothing was deployed`,
      );
    }
    if (Date.now() >= deadline) {
      throw new ClusterStateError(
        `another run holds the lock for environment "${options.environment}": ${holder}`,
        {
          hint: `wait for it, or pass --lock-timeout <seconds> (lease ${namespace}/${name}, expires unless renewed)`,
        },
      );
    }
    await sleep(Math.min(1000, Math.max(50, deadline - Date.now())), undefined, {
      signal: options.signal,
    }).catch(
      () => {}, // aborted: the check above ends the wait
    );
  }

  const renew = setInterval(
    () => {
      void api
        .read(namespace, name)
        .then((lease) => {
          // Never extend a lease someone else took over (ours expired while we were stalled).
          if (lease.spec?.holderIdentity !== identity) return;
          // The read's resourceVersion makes the replace fail rather than overwrite a concurrent change.
          return api.replace(namespace, name, {
            metadata: lease.metadata,
            spec: { ...lease.spec, renewTime: new Date() },
          });
        })
        .catch(() => {});
    },
    (duration * 1000) / 3,
  );
  renew.unref();
  return {
    async release() {
      clearInterval(renew);
      try {
        const lease = await api.read(namespace, name);
        if (lease.spec?.holderIdentity === identity) await api.delete(namespace, name);
      } catch {
        // Already gone or unreachable: it expires on its own.
      }
    },
  };
}

function lockError(error: unknown): ClusterStateError {
  return new ClusterStateError("cannot take the deploy lock (a Lease) in the cluster", {
    cause: error,
    hint: "check KUBECONFIG and permissions on coordination.k8s.io leases",
  });
}
