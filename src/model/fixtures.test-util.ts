/** Hand-built GatewayResolution fixtures for model tests (until resolve lands). */
import type { AttachedRoute, GatewayResolution, LoadedBackend, LoadedRule, PortResolution, ResolvedListener } from '../resolve/types.js';
import type { Service } from '../source/core-kinds.js';
import type { Gateway, GRPCRoute, GRPCRouteRule, HTTPRoute, HTTPRouteRule, Listener, Route } from '../source/gateway-api.js';
import type { LoadBalancerConfigurationSpec } from '../source/lbc-crds.js';
import { syntheticOrigin } from '../source/origin.js';
import type { ObjectMeta } from '../source/kube.js';

export function meta(namespace: string, name: string, extra: Partial<ObjectMeta> = {}): ObjectMeta {
  return { namespace, name, generation: 1, labels: {}, annotations: {}, finalizers: [], ...extra };
}

const origin = (name: string) => syntheticOrigin(`${name}.yaml`, 1, 1);

export function gateway(ns = 'ns', name = 'gw', listeners: Listener[] = [httpListener()], extra: Partial<ObjectMeta> = {}): Gateway {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: meta(ns, name, { uid: '123e4567-e89b-12d3-a456-426614174000', ...extra }),
    spec: { gatewayClassName: 'alb', listeners, allowedListeners: { namespaces: { from: 'None' } } },
    origin: origin(name),
  };
}

export function httpListener(port = 80, hostname?: string, protocol = 'HTTP'): Listener {
  return { name: `l${port}`, port, protocol, ...(hostname ? { hostname } : {}), allowedRoutes: { namespaces: { from: 'All' } } };
}

export function httpRoute(name: string, hostnames: string[], rules: Partial<HTTPRouteRule>[], extra: Partial<ObjectMeta> = {}, ns = 'ns'): HTTPRoute {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: meta(ns, name, extra),
    spec: { parentRefs: [], hostnames, rules: rules.map((r) => ({ matches: [{ path: { type: 'PathPrefix', value: '/' } }], ...r })) },
    origin: origin(name),
  };
}

export function grpcRoute(name: string, hostnames: string[], rules: GRPCRouteRule[], extra: Partial<ObjectMeta> = {}): GRPCRoute {
  return { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'GRPCRoute', metadata: meta('ns', name, extra), spec: { parentRefs: [], hostnames, rules }, origin: origin(name) };
}

export function service(name = 'svc', ns = 'ns', port = 80, targetPort: number | string = 8080, nodePort = 30080, extra: Partial<Service['spec']> = {}): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta(ns, name),
    spec: { type: 'NodePort', ports: [{ protocol: 'TCP', port, targetPort, nodePort }], ...extra },
    origin: origin(name),
  };
}

export function svcBackend(svc: Service = service(), weight = 1): LoadedBackend {
  return { kind: 'service', ref: { group: '', kind: 'Service', name: svc.metadata.name, port: svc.spec.ports[0]!.port, weight }, weight, service: svc, servicePort: svc.spec.ports[0]! };
}

export function attached(route: Route, backends: LoadedBackend[][] = [], compatibleHostnames: string[] = [], lrcs: LoadedRule['listenerRuleConfig'][] = []): AttachedRoute {
  const n = route.kind === 'HTTPRoute' || route.kind === 'GRPCRoute' ? route.spec.rules.length : route.spec.rules.length;
  const rules: LoadedRule[] = Array.from({ length: n }, (_, i) => ({ index: i, backends: backends[i] ?? [], ...(lrcs[i] ? { listenerRuleConfig: lrcs[i] } : {}) }));
  return { route, compatibleHostnames, rules };
}

export function resolution(gw: Gateway, routesByPort: Record<number, AttachedRoute[]>, opts: { type?: 'application' | 'network'; lbc?: LoadBalancerConfigurationSpec } = {}): GatewayResolution {
  const listeners: ResolvedListener[] = gw.spec.listeners.map((l, index) => ({
    listener: l,
    owner: gw,
    index,
    reason: 'Accepted',
    message: '',
    valid: true,
    supportedKinds: [],
    attachedRoutes: 0,
  }));
  const ports = [...new Set(gw.spec.listeners.map((l) => l.port))].sort((a, b) => a - b);
  const portRes: PortResolution[] = ports.map((port) => {
    const routes = routesByPort[port] ?? [];
    return { port, listeners: listeners.filter((l) => l.listener.port === port), routes, ...(opts.type === 'network' && routes[0] ? { l4Route: routes[0] } : {}) };
  });
  return {
    gateway: gw,
    gatewayClass: { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'GatewayClass', metadata: meta('', 'alb'), spec: { controllerName: 'gateway.k8s.aws/alb' }, origin: origin('class') },
    loadBalancerType: opts.type ?? 'application',
    controllerName: opts.type === 'network' ? 'gateway.k8s.aws/nlb' : 'gateway.k8s.aws/alb',
    ...(opts.lbc ? { loadBalancerConfig: opts.lbc } : {}),
    listeners,
    acceptedListenerSets: [],
    rejectedListenerSets: [],
    ports: portRes,
  };
}
