// A Kubernetes object as plain JSON: a manifest document, or what the API server returns.
export type KubeObject = Record<string, unknown> & {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string; [key: string]: unknown };
};
