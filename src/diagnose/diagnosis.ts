// Why a release is not ready, as plain data: the objects of the release that
// are not ready or failed, their conditions, their pods' container states and
// the last events about them. Built by analysis.ts from plain Kubernetes
// objects; shown by format.ts and put as is in the JSON report.

export interface ConditionView {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

export interface ContainerView {
  name: string;
  /** waiting, running, terminated, or unknown (no status reported yet). */
  state: "waiting" | "running" | "terminated" | "unknown";
  reason?: string;
  message?: string;
  exitCode?: number;
  restarts: number;
  ready: boolean;
  /** How the previous run of a restarted container ended (CrashLoopBackOff's cause). */
  lastTerminated?: { reason?: string; exitCode?: number; message?: string };
}

export interface EventView {
  type: string;
  reason: string;
  message: string;
  count: number;
  /** ISO time of the last occurrence, when the API gave one. */
  lastSeen?: string;
}

/** A pod's log tail, or why there is none (kwok pods have no containers to read from). */
export type LogTail = { lines: string[] } | { unavailable: string };

export interface PodDiagnosis {
  name: string;
  phase: string;
  conditions: ConditionView[];
  containers: ContainerView[];
  events: EventView[];
  log?: LogTail;
}

export interface ObjectDiagnosis {
  kind: string;
  name: string;
  /** One line: what is wrong, e.g. "0/2 ready, 2 unavailable". */
  summary: string;
  /** Conditions that say something is wrong (not the healthy ones). */
  conditions: ConditionView[];
  /** The object's pods that are not ready (a few), or the pod itself. */
  pods: PodDiagnosis[];
  /** How many more unready pods there were than are shown. */
  morePods: number;
  events: EventView[];
}

export interface Diagnosis {
  /** Objects of the release that were not ready or failed, workloads first. */
  objects: ObjectDiagnosis[];
  /** How many of the release's objects were looked at. */
  checked: number;
  /** When the objects were seen: while helm still waited (before its rollback) or after the failure. */
  observed: "while-waiting" | "after-failure";
  /** What could not be read (forbidden, unreachable): said, not guessed. */
  notes: string[];
}
