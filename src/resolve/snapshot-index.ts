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

function byKey<T extends { metadata: { namespace: string; name: string } }>(items: readonly T[]): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) {
    const key = `${item.metadata.namespace}/${item.metadata.name}`;
    if (!map.has(key)) map.set(key, item);
  }
  return map;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function indexSnapshot(snapshot: Snapshot): SnapshotIndex {
  const services = byKey(snapshot.services);
  const gateways = byKey(snapshot.gateways);
  const lrcs = byKey(snapshot.listenerRuleConfigurations);
  const secrets = byKey(snapshot.secrets);
  const serviceTgcs = new Map<string, TargetGroupConfiguration>();
  const gatewayTgcs = new Map<string, TargetGroupConfiguration>();
  for (const tgc of snapshot.targetGroupConfigurations) {
    const ref = tgc.spec.targetReference;
    if (!ref) continue;
    const key = `${tgc.metadata.namespace}/${ref.name}`;
    const target = !ref.kind || ref.kind === 'Service' ? serviceTgcs : ref.kind === 'Gateway' ? gatewayTgcs : undefined;
    if (target && !target.has(key)) target.set(key, tgc);
  }
  const grants = new Map<string, ReferenceGrant[]>();
  for (const grant of snapshot.referenceGrants) push(grants, grant.metadata.namespace, grant);

  const routes: Route[] = [...snapshot.httpRoutes, ...snapshot.grpcRoutes, ...snapshot.tcpRoutes, ...snapshot.udpRoutes, ...snapshot.tlsRoutes];
  const order = new Map<Route, number>(routes.map((r, i) => [r, i]));
  const routesByParent = new Map<string, Route[]>();
  for (const route of routes) {
    const seen = new Set<string>();
    for (const ref of route.spec.parentRefs) {
      const kind = !ref.kind || ref.kind === 'Gateway' ? 'Gateway' : ref.kind;
      const key = `${kind}/${ref.namespace ?? route.metadata.namespace}/${ref.name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      push(routesByParent, key, route);
    }
  }
  const setsByGateway = new Map<string, ListenerSet[]>();
  for (const set of snapshot.listenerSets) {
    const ref = set.spec.parentRef;
    if (ref.kind && ref.kind !== 'Gateway') continue;
    push(setsByGateway, `${ref.namespace ?? set.metadata.namespace}/${ref.name}`, set);
  }

  return {
    snapshot,
    service: (ns, name) => services.get(`${ns}/${name}`),
    gateway: (ns, name) => gateways.get(`${ns}/${name}`),
    listenerRuleConfig: (ns, name) => lrcs.get(`${ns}/${name}`),
    serviceTargetGroupConfig: (ns, name) => serviceTgcs.get(`${ns}/${name}`),
    gatewayTargetGroupConfig: (ns, name) => gatewayTgcs.get(`${ns}/${name}`),
    referenceGrantsIn: (ns) => grants.get(ns) ?? [],
    routesReferencing: (kind, ns, name) => routesByParent.get(`${kind}/${ns}/${name}`) ?? [],
    listenerSetsFor: (ns, name) => setsByGateway.get(`${ns}/${name}`) ?? [],
    secretExists: (ns, name) => secrets.has(`${ns}/${name}`),
    inputOrder: (route) => order.get(route) ?? 0,
  };
}
