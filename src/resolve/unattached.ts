/**
 * Route parentRefs LBC never looks at: the parent is not in the input, is of a kind LBC does not
 * attach to, or is a Gateway of a GatewayClass LBC does not own. LBC writes no status for such a
 * parentRef (route status is written per LBC-managed parent only, route_reconciler.go), so a user
 * sees nothing at all; `explain` says why. Pure: snapshot data in, a list out.
 */
import type { ObjectRef } from '../diagnostics.js';
import type { Gateway } from '../source/gateway-api.js';
import { nsName, refOf } from '../source/kube.js';
import type { Snapshot } from '../source/snapshot.js';
import type { ControllerNames } from './types.js';

export type UnattachedReason =
  | { readonly kind: 'no-parent' } // no Gateway / ListenerSet of that name in the input
  | { readonly kind: 'unsupported-kind' } // parentRef kind is neither Gateway nor ListenerSet
  | { readonly kind: 'no-class'; readonly gatewayClass: string } // the Gateway's class is not in the input
  | { readonly kind: 'other-controller'; readonly gatewayClass: string; readonly controllerName: string }
  | { readonly kind: 'listener-set-parent'; readonly parent: string } // a ListenerSet whose parent Gateway is not LBC's or not in the input
  | { readonly kind: 'wrong-load-balancer'; readonly loadBalancer: 'ALB' | 'NLB' }; // e.g. an HTTPRoute on an NLB Gateway

export interface UnattachedParent {
  readonly route: ObjectRef;
  /** Index in the route's spec.parentRefs. */
  readonly index: number;
  /** `Kind ns/name` of the parent as the parentRef names it. */
  readonly parent: string;
  readonly reason: UnattachedReason;
}

function allRoutes(s: Snapshot) {
  return [...s.httpRoutes, ...s.grpcRoutes, ...s.tcpRoutes, ...s.udpRoutes, ...s.tlsRoutes];
}

/**
 * Route kinds each LBC controller reads (routeutils/loader.go L7RouteFilter for the
 * ALB controller, L4RouteFilter for the NLB one, gateway_controller.go); other kinds are never loaded.
 */
const KINDS = { alb: new Set(['HTTPRoute', 'GRPCRoute']), nlb: new Set(['TCPRoute', 'UDPRoute', 'TLSRoute']) };

/**
 * The input's Gateways by `ns/name` and GatewayClasses' controllers by name, first in input order
 * winning as `find` would: built per call, so that a large input costs one pass, not one scan per parentRef.
 */
interface Lookups {
  readonly gateways: ReadonlyMap<string, Gateway>;
  readonly controllers: ReadonlyMap<string, string>;
}

function lookups(s: Snapshot): Lookups {
  const gateways = new Map<string, Gateway>();
  for (const g of s.gateways) if (!gateways.has(nsName(g))) gateways.set(nsName(g), g);
  const controllers = new Map<string, string>();
  for (const c of s.gatewayClasses) if (!controllers.has(c.metadata.name)) controllers.set(c.metadata.name, c.spec.controllerName);
  return { gateways, controllers };
}

/** Why LBC does not attach a `routeKind` route to Gateway ns/name, or undefined when it does ('absent': no such Gateway). */
function gatewayReason(l: Lookups, namespace: string, name: string, controllers: ControllerNames, configured: Readonly<Record<string, string>>, routeKind: string): UnattachedReason | undefined | 'absent' {
  const gw = l.gateways.get(`${namespace}/${name}`);
  if (!gw) return 'absent';
  const className = gw.spec.gatewayClassName;
  // The class may be in the input or named in the gatewayClasses setting (resolve/index.ts).
  const controller = l.controllers.get(className) ?? configured[className];
  if (controller === undefined) return { kind: 'no-class', gatewayClass: className };
  if (controller !== controllers.alb && controller !== controllers.nlb) return { kind: 'other-controller', gatewayClass: className, controllerName: controller };
  const alb = controller === controllers.alb;
  if (!(alb ? KINDS.alb : KINDS.nlb).has(routeKind)) return { kind: 'wrong-load-balancer', loadBalancer: alb ? 'ALB' : 'NLB' };
  return undefined;
}

/** `gatewayClasses`: classes known from the settings (name → controllerName), as the resolver takes them. */
export function unattachedParents(s: Snapshot, controllers: ControllerNames, gatewayClasses: Readonly<Record<string, string>> = {}): UnattachedParent[] {
  const out: UnattachedParent[] = [];
  const l = lookups(s);
  for (const route of allRoutes(s)) {
    route.spec.parentRefs.forEach((ref, index) => {
      const namespace = ref.namespace ?? route.metadata.namespace;
      const kind = ref.kind ?? 'Gateway';
      const push = (reason: UnattachedReason): void => {
        out.push({ route: refOf(route), index, parent: `${kind} ${namespace}/${ref.name}`, reason });
      };
      if (kind === 'Gateway') {
        const r = gatewayReason(l, namespace, ref.name, controllers, gatewayClasses, route.kind);
        if (r === 'absent') push({ kind: 'no-parent' });
        else if (r) push(r);
        return;
      }
      if (kind !== 'ListenerSet') return push({ kind: 'unsupported-kind' });
      const set = s.listenerSets.find((x) => x.metadata.namespace === namespace && x.metadata.name === ref.name);
      if (!set) return push({ kind: 'no-parent' });
      const gwNs = set.spec.parentRef.namespace ?? set.metadata.namespace;
      const r = gatewayReason(l, gwNs, set.spec.parentRef.name, controllers, gatewayClasses, route.kind);
      if (r !== undefined && r !== 'absent' && r.kind === 'wrong-load-balancer') push(r);
      else if (r !== undefined) push({ kind: 'listener-set-parent', parent: `Gateway ${gwNs}/${set.spec.parentRef.name}` });
    });
  }
  return out;
}
