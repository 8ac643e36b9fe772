import type { ObjectRef, SourceLocation } from '../diagnostics.js';

/** Where an object came from, and how to find the line of any field inside it. */
export interface Origin {
  readonly location: SourceLocation;
  /**
   * Location of the value at `path` (e.g. `['spec', 'listeners', 1, 'port']`) in the source
   * text; falls back to the nearest existing ancestor, then to the object itself.
   */
  locate(path: readonly (string | number)[]): SourceLocation;
}

export interface ObjectMeta {
  readonly name: string;
  /** Defaulted to `default` for namespaced kinds (as kubectl does); empty for cluster-scoped kinds. */
  readonly namespace: string;
  readonly uid?: string;
  /** Defaults to 1, as the API server sets it on create. */
  readonly generation: number;
  /** RFC 3339, as written; absent in most hand-written manifests. */
  readonly creationTimestamp?: string;
  readonly resourceVersion?: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly finalizers: readonly string[];
  readonly deletionTimestamp?: string;
}

/**
 * A decoded, validated and defaulted object. `spec` is typed per kind (see gateway-api.ts,
 * lbc-crds.ts, core-kinds.ts); `raw` keeps the document as parsed, for output and positions.
 */
export interface KubeObject<K extends string = string, S = unknown, St = unknown> {
  readonly apiVersion: string;
  readonly kind: K;
  readonly metadata: ObjectMeta;
  readonly spec: S;
  /** Status as present in the input (e.g. ListenerRuleConfiguration `status.accepted`, a chained Gateway's conditions). */
  readonly status?: St;
  readonly origin: Origin;
}

export function refOf(obj: { kind: string; metadata: { namespace: string; name: string } }): ObjectRef {
  return { kind: obj.kind, namespace: obj.metadata.namespace, name: obj.metadata.name };
}

/** `namespace/name` — the key LBC uses for stacks and tie-breaks. */
export function nsName(obj: { metadata: { namespace: string; name: string } }): string {
  return `${obj.metadata.namespace}/${obj.metadata.name}`;
}

/** Creation time in milliseconds since the epoch; objects without one sort as the epoch. */
export function creationMillis(obj: { metadata: { creationTimestamp?: string } }): number {
  const ts = obj.metadata.creationTimestamp;
  if (ts === undefined) return 0;
  const ms = Date.parse(ts);
  return Number.isNaN(ms) ? 0 : ms;
}

export interface LabelSelectorRequirement {
  readonly key: string;
  /** `In`, `NotIn`, `Exists` or `DoesNotExist`; the API server accepts any string in Gateway API selectors. */
  readonly operator: string;
  readonly values?: readonly string[];
}

export interface LabelSelector {
  readonly matchLabels?: Readonly<Record<string, string>>;
  readonly matchExpressions?: readonly LabelSelectorRequirement[];
}

export interface Condition {
  readonly type: string;
  readonly status: 'True' | 'False' | 'Unknown';
  readonly reason: string;
  readonly message: string;
  readonly observedGeneration?: number;
  readonly lastTransitionTime?: string;
}
