/**
 * The ListenerSet handshake (pkg/gateway/routeutils/listener_set.go, attachment_helper.go):
 * which sets point at a Gateway, which the Gateway accepts, and their evaluation order.
 */
import type { Gateway, ListenerSet } from '../source/gateway-api.js';
import { namespaceLabels, type Snapshot } from '../source/snapshot.js';
import { matchesSelector, selectorError } from './selectors.js';
import type { SnapshotIndex } from './snapshot-index.js';

export interface ListenerSetPartition {
  /** Oldest first (creation time in whole seconds), ties by `namespace/name`. */
  readonly accepted: readonly ListenerSet[];
  readonly rejected: readonly ListenerSet[];
  /**
   * `spec.allowedListeners.namespaces.selector` does not parse: LBC's handshake fails the Gateway
   * as soon as one ListenerSet asks to attach (listener_set.go 120–122), before any route loads.
   */
  readonly fatal?: string;
}

/** Kind absent or exactly `Gateway` (group not checked), same name, namespace defaulting to the set's. */
function pointsAt(set: ListenerSet, gateway: Gateway): boolean {
  const ref = set.spec.parentRef;
  if (ref.kind && ref.kind !== 'Gateway') return false;
  const namespace = ref.namespace ?? set.metadata.namespace;
  return ref.name === gateway.metadata.name && namespace === gateway.metadata.namespace;
}

function consents(gateway: Gateway, set: ListenerSet, snapshot: Snapshot): boolean {
  const { from, selector } = gateway.spec.allowedListeners.namespaces;
  switch (from) {
    case 'None':
      return false;
    case 'Same':
      return set.metadata.namespace === gateway.metadata.namespace;
    case 'All':
      return true;
    case 'Selector':
      return selector !== undefined && matchesSelector(selector, namespaceLabels(snapshot, set.metadata.namespace));
  }
}

function wholeSeconds(set: ListenerSet): number {
  const ts = set.metadata.creationTimestamp;
  const ms = ts === undefined ? 0 : Date.parse(ts);
  return Number.isNaN(ms) ? 0 : Math.floor(ms / 1000);
}

function byAge(a: ListenerSet, b: ListenerSet): number {
  const diff = wholeSeconds(a) - wholeSeconds(b);
  if (diff !== 0) return diff;
  const ka = `${a.metadata.namespace}/${a.metadata.name}`;
  const kb = `${b.metadata.namespace}/${b.metadata.name}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

export function partitionListenerSets(gateway: Gateway, index: SnapshotIndex, enabled: boolean): ListenerSetPartition {
  if (!enabled) return { accepted: [], rejected: [] };
  const accepted: ListenerSet[] = [];
  const rejected: ListenerSet[] = [];
  const { from, selector } = gateway.spec.allowedListeners.namespaces;
  const badSelector = from === 'Selector' && selector !== undefined ? selectorError(selector) : undefined;
  for (const set of index.listenerSetsFor(gateway.metadata.namespace, gateway.metadata.name)) {
    if (!pointsAt(set, gateway)) continue;
    if (badSelector) return { accepted: [], rejected: [], fatal: badSelector };
    (consents(gateway, set, index.snapshot) ? accepted : rejected).push(set);
  }
  accepted.sort(byAge);
  return { accepted, rejected };
}
