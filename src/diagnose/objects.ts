// The few fields of Kubernetes objects the analysis reads, as the API returns
// them in plain JSON. Everything is optional: objects come as they are.

export interface ObjectMeta {
  name?: string;
  namespace?: string;
  uid?: string;
  annotations?: Record<string, string>;
  labels?: Record<string, string>;
  ownerReferences?: { kind?: string; name?: string; uid?: string }[];
  creationTimestamp?: string;
  generation?: number;
}

export interface Condition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
}

export interface KubeObject {
  metadata?: ObjectMeta;
  // biome-ignore lint/suspicious/noExplicitAny: object specs differ per kind; the analysis reads them defensively
  spec?: any;
  // biome-ignore lint/suspicious/noExplicitAny: as above
  status?: any;
}

export interface KubeEvent {
  metadata?: ObjectMeta;
  involvedObject?: { kind?: string; name?: string; namespace?: string; uid?: string };
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
  series?: { count?: number; lastObservedTime?: string };
  lastTimestamp?: string;
  eventTime?: string;
  firstTimestamp?: string;
}

/** The kinds read from a namespace to tell why a release is not ready. */
export const WATCHED_KINDS = [
  "Deployment",
  "StatefulSet",
  "DaemonSet",
  "ReplicaSet",
  "Job",
  "Pod",
  "PersistentVolumeClaim",
] as const;
export type WatchedKind = (typeof WATCHED_KINDS)[number];

/** One namespace's objects of the watched kinds, and its events, at one moment. */
export interface NamespaceSnapshot {
  objects: Partial<Record<WatchedKind, KubeObject[]>>;
  events: KubeEvent[];
  /** Kinds (or "Event") that could not be read, with why. */
  unreadable: { kind: string; reason: string }[];
}
