// The deploy lock: one coordination.k8s.io Lease (`releases-lock`) in the lock
// namespace, whose annotation lists the runs holding it and the releases each
// claims (lock-holders.ts). Every change is a read-modify-replace with the
// read's resourceVersion, so two runs can never both see themselves alone.
// A run waits up to its lock timeout for the runs that claim its releases,
// renews its claim while it lasts, and learns through `lost` when it can no
// longer prove it holds the lock (renewals failing, or its claim removed).
import { hostname, userInfo } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import { ClusterStateError, InterruptedError } from "../errors.js";
import type { Cluster, LeaseObject } from "./cluster.js";
import {
  conflictsWith,
  describeHolder,
  HOLDERS_ANNOTATION,
  type LockHolder,
  liveHolders,
  parseHolders,
  withHolder,
  withoutHolder,
} from "./lock-holders.js";

export const LOCK_NAME = "releases-lock";

export interface LockOptions {
  namespace: string;
  environment: string;
  /** The releases the run decides about. */
  releases: readonly string[];
  /** Seconds a claim stays valid without renewal (renewed every third of it). */
  durationSeconds: number;
  /** Seconds to wait for runs that claim the same releases. */
  waitSeconds: number;
  /** Ctrl-C: stop waiting. */
  signal?: AbortSignal;
  /** Where the run is: host, pid, user; and whether a pid on this host lives. */
  process?: RunProcess;
}

export interface RunProcess {
  host: string;
  pid: number;
  user: string;
  isAlive(pid: number): boolean;
}

export interface HeldLock {
  /** Aborted, with the reason as an Error, when the run can no longer prove it holds the lock. */
  lost: AbortSignal;
  release(): Promise<void>;
}

export function thisProcess(): RunProcess {
  return {
    host: hostname(),
    pid: process.pid,
    user: userInfo().username,
    isAlive: (pid) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch (error) {
        return (error as NodeJS.ErrnoException).code === "EPERM";
      }
    },
  };
}

const code = (e: unknown) => (e as { code?: number }).code;

export async function acquireLock(cluster: Cluster, options: LockOptions): Promise<HeldLock> {
  const proc = options.process ?? thisProcess();
  const { namespace } = options;
  const run = `${proc.host}-${proc.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const deadline = Date.now() + options.waitSeconds * 1000;
  const me = (acquired: string): LockHolder => ({
    run,
    identity: `${proc.user}@${proc.host} pid ${proc.pid}`,
    host: proc.host,
    pid: proc.pid,
    environment: options.environment,
    releases: [...options.releases],
    acquired,
    renewed: new Date().toISOString(),
    durationSeconds: options.durationSeconds,
  });
  const liveness = () => ({ now: Date.now(), host: proc.host, isAlive: proc.isAlive });

  /** The lease as this run last wrote it: release starts from it, and reads only if someone wrote since. */
  let written: LeaseObject | undefined;
  for (;;) {
    const current = await readLock(cluster, namespace);
    const holders = current ? liveHolders(parseHolders(annotationOf(current)), liveness()) : [];
    const conflicts = conflictsWith(holders, run, options.releases);
    if (conflicts.length === 0) {
      const next = withHolder(holders, me(new Date().toISOString()));
      written = await writeLock(cluster, namespace, current, next);
      if (written) break;
      continue; // someone changed the lock between our read and write: look again
    }
    const who = conflicts.map((c) => describeHolder(c.holder, c.shared)).join("; ");
    if (options.signal?.aborted) {
      throw new InterruptedError(`interrupted while waiting for the lock: ${who}; nothing was deployed`);
    }
    if (Date.now() >= deadline) {
      throw new ClusterStateError(`another run holds releases this run needs: ${who}`, {
        hint: `wait for it, or pass --lock-timeout <seconds> (lease ${namespace}/${LOCK_NAME} in ${cluster.context})`,
      });
    }
    await sleep(Math.min(1000, Math.max(50, deadline - Date.now())), undefined, {
      signal: options.signal,
    }).catch(() => {}); // aborted: the check above ends the wait
  }

  const lost = new AbortController();
  let lastRenewal = Date.now();
  let renewing = false;
  const renew = async () => {
    if (renewing || lost.signal.aborted) return;
    renewing = true;
    try {
      for (let attempt = 0; attempt < 3; attempt++) {
        const current = await readLock(cluster, namespace);
        const mine = current && parseHolders(annotationOf(current)).find((h) => h.run === run);
        if (!mine) {
          lost.abort(new Error("the lock was taken over: this run's claim is gone from the lease"));
          return;
        }
        const holders = parseHolders(annotationOf(current));
        const renewed = { ...mine, renewed: new Date().toISOString() };
        const result = await writeLock(cluster, namespace, current, withHolder(holders, renewed));
        if (result) {
          written = result;
          lastRenewal = Date.now();
          return;
        }
      }
    } catch (error) {
      // Unreachable for now; lost once the claim could have expired for the others.
      if (Date.now() - lastRenewal >= (options.durationSeconds * 1000 * 2) / 3) {
        lost.abort(new Error(`cannot renew the lock: ${firstLine(error)}`));
      }
    } finally {
      renewing = false;
    }
  };
  const timer = setInterval(() => void renew(), (options.durationSeconds * 1000) / 3);
  timer.unref();

  return {
    lost: lost.signal,
    async release() {
      clearInterval(timer);
      for (let attempt = 0; attempt < 5; attempt++) {
        try {
          // First from the lease as we wrote it (one request when nobody wrote since; a 409 if someone did).
          const current = attempt === 0 && written ? written : await readLock(cluster, namespace);
          if (!current) return;
          const holders = parseHolders(annotationOf(current));
          if (!holders.some((h) => h.run === run)) return;
          if (await writeLock(cluster, namespace, current, withoutHolder(holders, run))) return;
        } catch {
          return; // unreachable: the claim expires on its own
        }
      }
    },
  };
}

function annotationOf(lease: LeaseObject): string | undefined {
  return lease.metadata?.annotations?.[HOLDERS_ANNOTATION];
}

async function readLock(cluster: Cluster, namespace: string): Promise<LeaseObject | undefined> {
  try {
    return await cluster.leases.read(namespace, LOCK_NAME);
  } catch (error) {
    if (code(error) === 404) return undefined;
    throw lockError(error, namespace, cluster.context);
  }
}

/** Creates or replaces the lock with `holders`: the lease written, or undefined when another writer got there first. */
async function writeLock(
  cluster: Cluster,
  namespace: string,
  current: LeaseObject | undefined,
  holders: readonly LockHolder[],
): Promise<LeaseObject | undefined> {
  const newest = holders.at(-1);
  const body: LeaseObject = {
    metadata: {
      name: LOCK_NAME,
      resourceVersion: current?.metadata?.resourceVersion,
      annotations: { ...current?.metadata?.annotations, [HOLDERS_ANNOTATION]: JSON.stringify(holders) },
    },
    spec: {
      holderIdentity: holders.map((h) => h.identity).join(", "),
      leaseDurationSeconds: newest?.durationSeconds ?? 60,
      renewTime: new Date(),
    },
  };
  try {
    return current
      ? await cluster.leases.replace(namespace, LOCK_NAME, body)
      : await cluster.leases.create(namespace, body);
  } catch (error) {
    if (code(error) === 409) return undefined;
    throw lockError(error, namespace, cluster.context);
  }
}

function lockError(error: unknown, namespace: string, context: string): ClusterStateError {
  const status = code(error);
  const denied = status === 403 || status === 401;
  return new ClusterStateError(
    `cannot take the deploy lock (Lease ${namespace}/${LOCK_NAME} in ${context}): ${firstLine(error)}`,
    {
      cause: error,
      hint: denied
        ? "the account may not write Leases there: set defaults.lockNamespace (or --lock-namespace) to a namespace it may"
        : status === 404
          ? `create namespace ${namespace}, or set defaults.lockNamespace (or --lock-namespace)`
          : "check KUBECONFIG and that the API server is reachable",
    },
  );
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0]!;
}
