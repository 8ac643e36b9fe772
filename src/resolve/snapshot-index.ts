/**
 * Lookups resolve needs, built once per run so that resolution stays linear in the input:
 * LBC lists every route for every Gateway and scans lists; gwlb indexes by key instead.
 */
import type { Service } from '../source/core-kinds.js';
import type { Gateway, ListenerSet, ReferenceGrant, Route } from '../source/gateway-api.js';
import type { ListenerRuleConfiguration, TargetGroupConfiguration } from '../source/lbc-crds.js';
import type { Snapshot } from '../source/snapshot.js';

export interface SnapshotIndex {
  readonly snapshot: Snapshot;
  service(namespace: string, name: string): Service | undefined;
  gateway(namespace: string, name: string): Gateway | undefined;
  listenerRuleConfig(namespace: string, name: string): ListenerRuleConfiguration | undefined;
  /** First TGC in input order whose targetReference names this Service (kind absent or Service). */
  serviceTargetGroupConfig(namespace: string, name: string): TargetGroupConfiguration | undefined;
  /** First TGC whose targetReference is kind Gateway with this name. */
  gatewayTargetGroupConfig(namespace: string, name: string): TargetGroupConfiguration | undefined;
  referenceGrantsIn(namespace: string): readonly ReferenceGrant[];
  /** Routes with a parentRef of this kind/namespace/name (namespace defaulted to the route's), in input order. */
  routesReferencing(kind: 'Gateway' | 'ListenerSet', namespace: string, name: string): readonly Route[];
  /** ListenerSets whose parentRef names this Gateway (kind absent or Gateway). */
  listenerSetsFor(namespace: string, name: string): readonly ListenerSet[];
  secretExists(namespace: string, name: string): boolean;
  /** Position of a route in the input, to keep attachment order stable. */
  inputOrder(route: Route): number;
}

/**
 * namespace → name → value. Lookups hash the two strings the caller already holds: building a
 * `ns/name` key per lookup cost a string allocation and a fresh hash for each of the ~20,000
 * backendRef lookups of a large input.
 */
class ByNamespace<T> {
  private readonly namespaces = new Map<string, Map<string, T>>();

  get(namespace: string, name: string): T | undefined {
    return this.namespaces.get(namespace)?.get(name);
  }

  /** Keeps the first value set for a key (input order wins). */
  setFirst(namespace: string, name: string, value: T): void {
    let names = this.namespaces.get(namespace);
    if (!names) this.namespaces.set(namespace, (names = new Map()));
    if (!names.has(name)) names.set(name, value);
  }

  /** Appends to the list at the key. */
  static push<T>(map: ByNamespace<T[]>, namespace: string, name: string, value: T): void {
    const list = map.get(namespace, name);
    if (list) list.push(value);
    else map.setFirst(namespace, name, [value]);
  }
}

function byKey<T extends { metadata: { namespace: string; name: string } }>(items: readonly T[]): ByNamespace<T> {
  const map = new ByNamespace<T>();
  for (const item of items) map.setFirst(item.metadata.namespace, item.metadata.name, item);
  return map;
}

export function indexSnapshot(snapshot: Snapshot): SnapshotIndex {
  const services = byKey(snapshot.services);
  const gateways = byKey(snapshot.gateways);
  const lrcs = byKey(snapshot.listenerRuleConfigurations);
  const secrets = byKey(snapshot.secrets);
  const serviceTgcs = new ByNamespace<TargetGroupConfiguration>();
  const gatewayTgcs = new ByNamespace<TargetGroupConfiguration>();
  for (const tgc of snapshot.targetGroupConfigurations) {
    const ref = tgc.spec.targetReference;
    if (!ref) continue;
    const target = !ref.kind || ref.kind === 'Service' ? serviceTgcs : ref.kind === 'Gateway' ? gatewayTgcs : undefined;
    target?.setFirst(tgc.metadata.namespace, ref.name, tgc);
  }
  const grants = new Map<string, ReferenceGrant[]>();
  for (const grant of snapshot.referenceGrants) {
    const list = grants.get(grant.metadata.namespace);
    if (list) list.push(grant);
    else grants.set(grant.metadata.namespace, [grant]);
  }

  const routes: Route[] = [...snapshot.httpRoutes, ...snapshot.grpcRoutes, ...snapshot.tcpRoutes, ...snapshot.udpRoutes, ...snapshot.tlsRoutes];
  // Needed only to merge a Gateway's routes with its ListenerSets' (rare): built on first use, per index.
  let order: Map<Route, number> | undefined;
  // Per parent kind; a route naming the same parent twice is listed once.
  const routesByParent = { Gateway: new ByNamespace<Route[]>(), ListenerSet: new ByNamespace<Route[]>() };
  for (const route of routes) {
    for (const ref of route.spec.parentRefs) {
      const kind = !ref.kind || ref.kind === 'Gateway' ? 'Gateway' : ref.kind === 'ListenerSet' ? 'ListenerSet' : undefined;
      if (kind === undefined) continue;
      const byParent = routesByParent[kind];
      const namespace = ref.namespace ?? route.metadata.namespace;
      // Routes are indexed one after the other, so a repeat of this route is the list's last entry.
      if (byParent.get(namespace, ref.name)?.at(-1) === route) continue;
      ByNamespace.push(byParent, namespace, ref.name, route);
    }
  }
  const setsByGateway = new ByNamespace<ListenerSet[]>();
  for (const set of snapshot.listenerSets) {
    const ref = set.spec.parentRef;
    if (ref.kind && ref.kind !== 'Gateway') continue;
    ByNamespace.push(setsByGateway, ref.namespace ?? set.metadata.namespace, ref.name, set);
  }

  return {
    snapshot,
    service: (ns, name) => services.get(ns, name),
    gateway: (ns, name) => gateways.get(ns, name),
    listenerRuleConfig: (ns, name) => lrcs.get(ns, name),
    serviceTargetGroupConfig: (ns, name) => serviceTgcs.get(ns, name),
    gatewayTargetGroupConfig: (ns, name) => gatewayTgcs.get(ns, name),
    referenceGrantsIn: (ns) => grants.get(ns) ?? [],
    routesReferencing: (kind, ns, name) => routesByParent[kind].get(ns, name) ?? [],
    listenerSetsFor: (ns, name) => setsByGateway.get(ns, name) ?? [],
    secretExists: (ns, name) => secrets.get(ns, name) !== undefined,
    inputOrder: (route) => (order ??= new Map(routes.map((r, i) => [r, i]))).get(route) ?? 0,
  };
}
