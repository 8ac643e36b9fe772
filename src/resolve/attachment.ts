/**
 * Route attachment for one Gateway (pkg/gateway/routeutils/route_listener_mapper.go,
 * listener_attachment_helper.go): parentRefs, sectionName and port, namespace and kind admission,
 * hostname intersection. Attachments to invalid listeners count, as in LBC.
 */
import { routeHostnames, type Gateway, type ListenerSet, type ParentReference, type Route } from '../source/gateway-api.js';
import { namespaceLabels, type Snapshot } from '../source/snapshot.js';
import { intersectHostnames } from './hostnames.js';
import { allowedRouteKinds, type ListenerCandidate } from './listeners.js';
import { matchesSelector, selectorError } from './selectors.js';

export type AttachFailureReason = 'NotAllowedByListeners' | 'NoMatchingListenerHostname' | 'NoMatchingParent';

export type ParentOutcome =
  /** Not this Gateway's (another Gateway, a rejected ListenerSet, another kind): no status from us. */
  | { readonly kind: 'ignored' }
  | { readonly kind: 'failed'; readonly reason: AttachFailureReason; readonly message: string }
  | { readonly kind: 'attached'; readonly ports: readonly number[] };

export interface RouteAttachment {
  readonly route: Route;
  /** One outcome per `spec.parentRefs` entry. */
  readonly parents: readonly ParentOutcome[];
  /** Port → compatible hostnames (union over all listeners attached on that port). */
  readonly compatibleByPort: ReadonlyMap<number, readonly string[]>;
  /** Ports on which the route attached to at least one valid listener. */
  readonly validPorts: ReadonlySet<number>;
}

export interface AttachmentResult {
  readonly routes: readonly RouteAttachment[];
  /** Per candidate (same order as the input), how many (route, parentRef) attachments it got. */
  readonly attachedCounts: readonly number[];
  /**
   * LBC fails the Gateway for an invalid listener hostname or an unparsable namespace selector
   * met during attachment; the mapper's failures so far are dropped with it (route_listener_mapper.go
   * 180–181 returns an empty result), so no route gets a status.
   */
  readonly fatal?: { readonly message: string; readonly candidate: ListenerCandidate; readonly path: readonly (string | number)[] };
}

const NO_MATCHING_HOSTNAME = 'Listener does not allow route attachment, no matching hostname';
const NO_MATCHING_PARENT = 'Route parentRef does not match listener';

type Target = { readonly indexes: readonly number[]; readonly parentNamespace: string; readonly owner: Gateway | ListenerSet };

function targetOf(ref: ParentReference, route: Route, gateway: Gateway, acceptedSets: readonly ListenerSet[], candidates: readonly ListenerCandidate[]): Target | undefined {
  const namespace = ref.namespace ?? route.metadata.namespace;
  const owned = (owner: Gateway | ListenerSet) => candidates.flatMap((c, i) => (c.owner === owner ? [i] : []));
  if (!ref.kind || ref.kind === 'Gateway') {
    if (ref.name !== gateway.metadata.name || namespace !== gateway.metadata.namespace) return undefined;
    return { indexes: owned(gateway), parentNamespace: gateway.metadata.namespace, owner: gateway };
  }
  if (ref.kind === 'ListenerSet') {
    const set = acceptedSets.find((s) => s.metadata.name === ref.name && s.metadata.namespace === namespace);
    return set ? { indexes: owned(set), parentNamespace: set.metadata.namespace, owner: set } : undefined;
  }
  return undefined;
}

type ListenerTry =
  | { ok: true; compatible: readonly string[] }
  | { ok: false; reason: AttachFailureReason; message: string }
  | { ok: 'fatal'; message: string; path: readonly (string | number)[] };

function tryListener(candidate: ListenerCandidate, parentNamespace: string, route: Route, snapshot: Snapshot): ListenerTry {
  const { listener } = candidate;
  const routeNs = route.metadata.namespace;
  const { from, selector } = listener.allowedRoutes.namespaces;
  // The namespace check runs first and parses the selector each time (listener_attachment_helper.go
  // 40–43, namespace_selector.go 36–38); its error carries no gateway message, so no route suffix.
  const badSelector = from === 'Selector' && selector !== undefined ? selectorError(selector) : undefined;
  if (badSelector) return { ok: 'fatal', message: badSelector, path: ['spec', 'listeners', candidate.index, 'allowedRoutes', 'namespaces', 'selector'] };
  const nsAllowed =
    from === 'All' ||
    (from === 'Same' && routeNs === parentNamespace) ||
    (from === 'Selector' && selector !== undefined && matchesSelector(selector, namespaceLabels(snapshot, routeNs)));
  if (!nsAllowed) {
    return { ok: false, reason: 'NotAllowedByListeners', message: 'Listener does not allow route attachment, namespace does not match between listener and route' };
  }
  if (!allowedRouteKinds(listener).includes(route.kind)) {
    return { ok: false, reason: 'NotAllowedByListeners', message: 'Listener does not allow route attachment, kind does not match between listener and route' };
  }
  if (route.kind === 'TCPRoute' || route.kind === 'UDPRoute') return { ok: true, compatible: [] };
  const match = intersectHostnames(listener.hostname, routeHostnames(route));
  switch (match.kind) {
    case 'attached':
      return { ok: true, compatible: match.compatible };
    case 'no-match':
      return { ok: false, reason: 'NoMatchingListenerHostname', message: NO_MATCHING_HOSTNAME };
    case 'invalid-listener-hostname':
      // LBC's message swaps the listener name and hostname (docs §3.5); reproduced verbatim. It is
      // wrapped with no gateway message (listener_attachment_helper.go 128–129): no route suffix.
      return {
        ok: 'fatal',
        message: `listener hostname ${listener.name} is not valid (listener name ${match.hostname})`,
        path: ['spec', 'listeners', candidate.index, 'hostname'],
      };
  }
}

export function attachRoutes(
  gateway: Gateway,
  routes: readonly Route[],
  candidates: readonly ListenerCandidate[],
  valid: readonly boolean[],
  acceptedSets: readonly ListenerSet[],
  snapshot: Snapshot,
): AttachmentResult {
  const attachedCounts = candidates.map(() => 0);
  const results: RouteAttachment[] = [];
  for (const route of routes) {
    const compatibleByPort = new Map<number, string[]>();
    const validPorts = new Set<number>();
    const parents: ParentOutcome[] = [];
    for (const ref of route.spec.parentRefs) {
      const target = targetOf(ref, route, gateway, acceptedSets, candidates);
      if (!target) {
        parents.push({ kind: 'ignored' });
        continue;
      }
      const tried = target.indexes.filter((i) => {
        const l = candidates[i]!.listener;
        if (ref.sectionName !== undefined) return l.name === ref.sectionName && (ref.port === undefined || ref.port === l.port);
        return ref.port === undefined || ref.port === l.port;
      });
      if (tried.length === 0) {
        parents.push({ kind: 'failed', reason: 'NoMatchingParent', message: NO_MATCHING_PARENT });
        continue;
      }
      let firstFailure: { reason: AttachFailureReason; message: string } | undefined;
      const ports: number[] = [];
      for (const i of tried) {
        const outcome = tryListener(candidates[i]!, target.parentNamespace, route, snapshot);
        if (outcome.ok === 'fatal') {
          return { routes: results, attachedCounts, fatal: { message: outcome.message, candidate: candidates[i]!, path: outcome.path } };
        }
        if (!outcome.ok) {
          firstFailure ??= { reason: outcome.reason, message: outcome.message };
          continue;
        }
        const port = candidates[i]!.listener.port;
        attachedCounts[i]! += 1;
        if (!ports.includes(port)) ports.push(port);
        const union = compatibleByPort.get(port) ?? [];
        for (const h of outcome.compatible) if (!union.includes(h)) union.push(h);
        compatibleByPort.set(port, union);
        if (valid[i]) validPorts.add(port);
      }
      if (ports.length > 0) parents.push({ kind: 'attached', ports });
      else parents.push({ kind: 'failed', ...firstFailure! });
    }
    results.push({ route, parents, compatibleByPort, validPorts });
  }
  return { routes: results, attachedCounts };
}
