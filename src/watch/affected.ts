/**
 * Which Gateways an input change can alter, and the part of the input that resolves them. LBC
 * builds each Gateway's stack from the Gateway, its class, its ListenerSets, the routes whose
 * parentRefs name it (or one of its ListenerSets) and what those routes reference; stacks do not
 * depend on one another, except a route whose backend is another Gateway. So a change replans
 * the Gateways it reaches through those references (before and after the change), and every
 * Gateway when a kind is looked up from everywhere (ReferenceGrant, Namespace, Node, Secret,
 * LoadBalancerConfiguration, ListenerRuleConfiguration): those change rarely, and guessing less
 * would risk a stale plan. Pure.
 */
import type { DecodedObject } from '../source/schema/index.js';
import type { BackendRef, Gateway, ParentReference } from '../source/gateway-api.js';
import type { Snapshot } from '../source/snapshot.js';

/** One object that was added, changed or removed between two inputs. */
export interface ObjectChange {
  readonly before?: DecodedObject;
  readonly after?: DecodedObject;
}

type Route = Snapshot['httpRoutes'][number] | Snapshot['grpcRoutes'][number] | Snapshot['tcpRoutes'][number] | Snapshot['udpRoutes'][number] | Snapshot['tlsRoutes'][number];

const id = (ns: string, name: string) => `${ns}/${name}`;
const gatewayId = (g: Gateway) => id(g.metadata.namespace, g.metadata.name);

export function routesOf(s: Snapshot): Route[] {
  return [...s.httpRoutes, ...s.grpcRoutes, ...s.tcpRoutes, ...s.udpRoutes, ...s.tlsRoutes];
}

function isListenerSetRef(ref: { readonly kind: string }): boolean {
  return ref.kind === 'ListenerSet' || ref.kind === 'XListenerSet';
}

/** `ns/name` of the Gateways a route's parentRefs reach (directly or through a ListenerSet). */
function routeParents(route: Route, listenerSetParent: (lsId: string) => string | undefined): string[] {
  const out: string[] = [];
  const ns = route.metadata.namespace;
  for (const ref of route.spec.parentRefs as readonly ParentReference[]) {
    const target = id(ref.namespace ?? ns, ref.name);
    if (isListenerSetRef(ref)) {
      const parent = listenerSetParent(target);
      if (parent !== undefined) out.push(parent);
    } else if (ref.kind === 'Gateway') out.push(target);
  }
  return out;
}

/**
 * Lookups over one snapshot: ListenerSet → Gateway, Service → Gateways, Gateway backend →
 * Gateways, class → Gateways. The indexes over every route are built on first use: most rounds
 * (a route edited) never need them. A route's parents are kept from the last round's Reach while
 * no ListenerSet changed parent: a route object is the same object while its unit is unchanged.
 */
export class Reach {
  private readonly lsParent = new Map<string, string>();
  private readonly parentsOf: WeakMap<Route, string[]>;
  private backends: { readonly byService: Map<string, Set<string>>; readonly byGateway: Map<string, Set<string>> } | undefined;
  private byClass: Map<string, Set<string>> | undefined;

  constructor(
    readonly snapshot: Snapshot,
    previous?: Reach,
  ) {
    for (const ls of snapshot.listenerSets) this.lsParent.set(id(ls.metadata.namespace, ls.metadata.name), this.listenerSetGateway(ls));
    this.parentsOf = previous && sameEntries(previous.lsParent, this.lsParent) ? previous.parentsOf : new WeakMap();
  }

  listenerSetGateway(ls: Snapshot['listenerSets'][number]): string {
    return id(ls.spec.parentRef.namespace ?? ls.metadata.namespace, ls.spec.parentRef.name);
  }

  parents(route: Route): readonly string[] {
    let parents = this.parentsOf.get(route);
    if (!parents) {
      parents = routeParents(route, (ls) => this.lsParent.get(ls));
      this.parentsOf.set(route, parents);
    }
    return parents;
  }

  service(ns: string, name: string): readonly string[] {
    return [...(this.backendIndex().byService.get(id(ns, name)) ?? [])];
  }

  gatewayBackend(gw: string): readonly string[] {
    return [...(this.backendIndex().byGateway.get(gw) ?? [])];
  }

  ofClass(name: string): readonly string[] {
    if (!this.byClass) {
      this.byClass = new Map();
      for (const g of this.snapshot.gateways) add(this.byClass, g.spec.gatewayClassName, gatewayId(g));
    }
    return [...(this.byClass.get(name) ?? [])];
  }

  private backendIndex(): NonNullable<Reach['backends']> {
    if (this.backends) return this.backends;
    const byService = new Map<string, Set<string>>();
    const byGateway = new Map<string, Set<string>>();
    for (const route of routesOf(this.snapshot)) {
      let parents: readonly string[] | undefined;
      for (const rule of (route.spec as { rules?: readonly { backendRefs?: readonly BackendRef[] }[] }).rules ?? []) {
        for (const b of rule.backendRefs ?? []) {
          const index = b.kind === 'Gateway' ? byGateway : b.kind === 'Service' ? byService : undefined;
          if (!index) continue;
          parents ??= this.parents(route);
          const target = id(b.namespace ?? route.metadata.namespace, b.name);
          for (const p of parents) add(index, target, p);
        }
      }
    }
    this.backends = { byService, byGateway };
    return this.backends;
  }
}

function sameEntries(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}

function add(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}

/** Gateways `o` reaches in the snapshot `reach` describes; 'all' for kinds looked up from everywhere. */
function reached(o: DecodedObject, reach: Reach): readonly string[] | 'all' {
  switch (o.kind) {
    case 'Gateway':
      return [gatewayId(o), ...reach.gatewayBackend(gatewayId(o))];
    case 'GatewayClass':
      return reach.ofClass(o.metadata.name);
    case 'ListenerSet':
      return [reach.listenerSetGateway(o)];
    case 'HTTPRoute':
    case 'GRPCRoute':
    case 'TCPRoute':
    case 'UDPRoute':
    case 'TLSRoute':
      return reach.parents(o);
    case 'Service':
      return reach.service(o.metadata.namespace, o.metadata.name);
    case 'EndpointSlice': {
      const svc = o.metadata.labels['kubernetes.io/service-name'];
      return svc === undefined ? [] : reach.service(o.metadata.namespace, svc);
    }
    case 'TargetGroupConfiguration': {
      const ref = o.spec.targetReference;
      return ref && (ref.kind === 'Service' || ref.kind === '') ? reach.service(o.metadata.namespace, ref.name) : 'all';
    }
    case 'ReferenceGrant':
    case 'Namespace':
    case 'Node':
    case 'Secret':
    case 'LoadBalancerConfiguration':
    case 'ListenerRuleConfiguration':
      return 'all';
    default: {
      const unreachable: never = o;
      return unreachable;
    }
  }
}

/**
 * The Gateways (`ns/name`) whose stacks or statuses the changes can alter, looked up in the input
 * before and after; 'all' when a change reaches every Gateway.
 */
export function affectedGateways(reachBefore: Reach, reachAfter: Reach, changes: readonly ObjectChange[]): Set<string> | 'all' {
  const out = new Set<string>();
  for (const c of changes) {
    for (const [o, reach] of [[c.before, reachBefore], [c.after, reachAfter]] as const) {
      if (!o) continue;
      const gateways = reached(o, reach);
      if (gateways === 'all') return 'all';
      for (const g of gateways) out.add(g);
    }
  }
  return out;
}

/**
 * The part of `s` that resolves the Gateways in `gateways`: their ListenerSets, the routes
 * attached to them, and every object of the kinds that are only looked up. Every Gateway stays
 * (a route's backend may be another Gateway); resolve's `only` leaves the others unresolved.
 */
export function narrowSnapshot(reach: Reach, gateways: ReadonlySet<string>): Snapshot {
  const s = reach.snapshot;
  const attached = <R extends Route>(routes: readonly R[]) => routes.filter((r) => reach.parents(r).some((p) => gateways.has(p)));
  return {
    ...s,
    listenerSets: s.listenerSets.filter((ls) => gateways.has(reach.listenerSetGateway(ls))),
    httpRoutes: attached(s.httpRoutes),
    grpcRoutes: attached(s.grpcRoutes),
    tcpRoutes: attached(s.tcpRoutes),
    udpRoutes: attached(s.udpRoutes),
    tlsRoutes: attached(s.tlsRoutes),
  };
}
