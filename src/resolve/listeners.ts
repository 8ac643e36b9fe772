/**
 * Listener validation and precedence, reproducing LBC's `validateListeners`
 * (pkg/gateway/routeutils/listener_utils.go), including its quirks: hostname-less listeners never
 * conflict, a listener failing the protocol check still registers its hostname key, and listeners
 * failing checks 1–3 register nothing.
 */
import { GATEWAY_GROUP, type Gateway, type Listener, type ListenerSet, type RouteGroupKind } from '../source/gateway-api.js';
import type { ListenerReason, LoadBalancerType, ResolvedListener } from './types.js';

export interface ListenerCandidate {
  readonly listener: Listener;
  readonly owner: Gateway | ListenerSet;
  readonly index: number;
}

const PROTOCOLS: Record<LoadBalancerType, readonly string[]> = {
  application: ['HTTP', 'HTTPS'],
  network: ['TCP', 'UDP', 'TLS'],
};

const ROUTE_KINDS: Record<LoadBalancerType, readonly string[]> = {
  application: ['HTTPRoute', 'GRPCRoute'],
  network: ['TCPRoute', 'UDPRoute', 'TLSRoute'],
};

/** Route kinds a listener admits when `allowedRoutes.kinds` is empty (routeutils/constants.go). */
export function defaultRouteKinds(protocol: string): readonly string[] {
  switch (protocol) {
    case 'HTTP':
      return ['HTTPRoute'];
    case 'HTTPS':
      return ['HTTPRoute', 'GRPCRoute'];
    case 'TLS':
      return ['TLSRoute', 'TCPRoute'];
    case 'TCP':
      return ['TCPRoute'];
    case 'UDP':
      return ['UDPRoute'];
    default:
      return [];
  }
}

/** Kinds a listener admits: explicit kinds (group ignored) or the protocol default. */
export function allowedRouteKinds(listener: Listener): readonly string[] {
  const kinds = listener.allowedRoutes.kinds ?? [];
  return kinds.length > 0 ? kinds.map((k) => k.kind) : defaultRouteKinds(listener.protocol);
}

function supportedKinds(listener: Listener, lbType: LoadBalancerType): RouteGroupKind[] {
  const kinds = listener.allowedRoutes.kinds ?? [];
  const names = kinds.length > 0 ? kinds.map((k) => k.kind).filter((k) => ROUTE_KINDS[lbType].includes(k)) : defaultRouteKinds(listener.protocol);
  return names.map((kind) => ({ group: GATEWAY_GROUP, kind }));
}

/** TCP and UDP listeners may share a port (they merge into TCP_UDP on an NLB). */
function protocolsCompatible(a: string, b: string): boolean {
  return a === b || (a === 'TCP' && b === 'UDP') || (a === 'UDP' && b === 'TCP');
}

export interface ListenerVerdict {
  readonly reason: ListenerReason;
  readonly message: string;
}

/**
 * Validates listeners in evaluation order (Gateway listeners first, then accepted ListenerSets
 * oldest first). Earlier listeners win a port/hostname slot.
 */
export function validateListeners(candidates: readonly ListenerCandidate[], lbType: LoadBalancerType): ListenerVerdict[] {
  const portProtocols = new Map<number, string>();
  const hostnameKeys = new Set<string>();
  return candidates.map(({ listener }) => {
    const { name, port, protocol, hostname } = listener;
    const kinds = listener.allowedRoutes.kinds ?? [];
    if (kinds.length > 0 && kinds.some((k) => !ROUTE_KINDS[lbType].includes(k.kind))) {
      return { reason: 'InvalidRouteKinds', message: `Invalid route kind for listener ${name}` };
    }
    if (port < 1 || port > 65535) {
      return { reason: 'PortUnavailable', message: `Port ${port} is not available (listener name ${name})` };
    }
    if (!PROTOCOLS[lbType].includes(protocol)) {
      return { reason: 'UnsupportedProtocol', message: `Unsupported protocol ${protocol} for listener ${name}` };
    }
    let verdict: ListenerVerdict = { reason: 'Accepted', message: 'Listener is accepted.' };
    const registered = portProtocols.get(port);
    if (registered === undefined) portProtocols.set(port, protocol);
    else if (!protocolsCompatible(registered, protocol)) {
      verdict = { reason: 'ProtocolConflict', message: `Protocol conflict for port ${port}` };
    }
    if (hostname) {
      const key = `${port}-${hostname}`;
      if (hostnameKeys.has(key)) {
        verdict = { reason: 'HostnameConflict', message: `Hostname conflict for port ${port} with hostname ${hostname}` };
      }
      hostnameKeys.add(key);
    }
    return verdict;
  });
}

export function toResolvedListener(
  candidate: ListenerCandidate,
  verdict: ListenerVerdict,
  lbType: LoadBalancerType,
  attachedRoutes: number,
): ResolvedListener {
  return {
    listener: candidate.listener,
    owner: candidate.owner,
    index: candidate.index,
    reason: verdict.reason,
    message: verdict.message,
    valid: verdict.reason === 'Accepted',
    supportedKinds: supportedKinds(candidate.listener, lbType),
    attachedRoutes,
  };
}
