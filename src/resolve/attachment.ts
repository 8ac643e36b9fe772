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
  /**
   * The ports the route attached on, in the order it first attached (usually one): an array, not
   * a Map and a Set per route, as there are thousands of routes and a port or two each.
   */
  readonly ports: readonly PortAttachment[];
  /** Attached to at least one valid listener: LBC loads the route (and writes its status). */
  readonly onValidListener: boolean;
}

export interface PortAttachment {
  readonly port: number;
  /** Compatible hostnames: the union over all listeners the route attached to on this port. */
  readonly compatible: readonly string[];
  /** At least one of those listeners is valid. */
  readonly valid: boolean;
}

/** The route's attachment on `port` through a valid listener, if any. */
export function validOnPort(attachment: RouteAttachment, port: number): PortAttachment | undefined {
  return attachment.ports.find((p) => p.port === port && p.valid);
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

const IGNORED: ParentOutcome = { kind: 'ignored' };
const NO_PARENT: ParentOutcome = { kind: 'failed', reason: 'NoMatchingParent', message: NO_MATCHING_PARENT };

/** A parent of this Gateway a parentRef can name: the Gateway or an accepted ListenerSet, and its candidates' indexes. */
type Target = { readonly indexes: readonly number[]; readonly parentNamespace: string; readonly owner: Gateway | ListenerSet };

/** The Gateway and its accepted ListenerSets as parents, built once per Gateway rather than per parentRef. */
interface Targets {
  readonly gateway: Target;
  readonly sets: readonly Target[];
}

function targetsOf(gateway: Gateway, acceptedSets: readonly ListenerSet[], candidates: readonly ListenerCandidate[]): Targets {
  const owned = (owner: Gateway | ListenerSet): Target => ({
    indexes: candidates.flatMap((c, i) => (c.owner === owner ? [i] : [])),
    parentNamespace: owner.metadata.namespace,
    owner,
  });
  return { gateway: owned(gateway), sets: acceptedSets.map(owned) };
}

function names(target: Target, name: string, namespace: string): boolean {
  return target.owner.metadata.name === name && target.owner.metadata.namespace === namespace;
}

function targetOf(ref: ParentReference, route: Route, targets: Targets): Target | undefined {
  const namespace = ref.namespace ?? route.metadata.namespace;
  if (!ref.kind || ref.kind === 'Gateway') return names(targets.gateway, ref.name, namespace) ? targets.gateway : undefined;
  if (ref.kind === 'ListenerSet') return targets.sets.find((t) => names(t, ref.name, namespace));
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

/** sectionName and port of a parentRef (route_listener_mapper.go): unset means any. */
function refSelects(ref: ParentReference, listener: ListenerCandidate['listener']): boolean {
  if (ref.sectionName !== undefined && listener.name !== ref.sectionName) return false;
  return ref.port === undefined || ref.port === listener.port;
}

interface AttachContext {
  readonly targets: Targets;
  readonly candidates: readonly ListenerCandidate[];
  readonly valid: readonly boolean[];
  readonly snapshot: Snapshot;
  /** Per candidate, counted up as routes attach. */
  readonly attachedCounts: number[];
}

type PortsSoFar = { port: number; compatible: string[]; valid: boolean }[];
type Fatal = NonNullable<AttachmentResult['fatal']>;

/** One parentRef against this Gateway's listeners; what it attaches is recorded in `onPorts` and the counts. */
function attachParent(ref: ParentReference, route: Route, ctx: AttachContext, onPorts: PortsSoFar): ParentOutcome | { readonly kind: 'fatal'; readonly fatal: Fatal } {
  const { candidates } = ctx;
  const target = targetOf(ref, route, ctx.targets);
  if (!target) return IGNORED;
  // A loop, not `filter`: the array `filter` returns deoptimized this function ("wrong map" on its length).
  const tried: number[] = [];
  for (const i of target.indexes) if (refSelects(ref, candidates[i]!.listener)) tried.push(i);
  if (tried.length === 0) return NO_PARENT;
  let firstFailure: { readonly reason: AttachFailureReason; readonly message: string } | undefined;
  const ports: number[] = [];
  for (const i of tried) {
    const outcome = tryListener(candidates[i]!, target.parentNamespace, route, ctx.snapshot);
    if (outcome.ok === 'fatal') return { kind: 'fatal', fatal: { message: outcome.message, candidate: candidates[i]!, path: outcome.path } };
    if (!outcome.ok) {
      firstFailure ??= outcome;
      continue;
    }
    const port = candidates[i]!.listener.port;
    ctx.attachedCounts[i]! += 1;
    if (!ports.includes(port)) ports.push(port);
    let on = onPorts.find((p) => p.port === port);
    if (!on) onPorts.push((on = { port, compatible: [], valid: false }));
    for (const h of outcome.compatible) if (!on.compatible.includes(h)) on.compatible.push(h);
    if (ctx.valid[i]) on.valid = true;
  }
  return ports.length > 0 ? { kind: 'attached', ports } : { kind: 'failed', reason: firstFailure!.reason, message: firstFailure!.message };
}

/** Appends the route's attachment to `into`, or returns the error that fails the whole Gateway. */
function attachRoute(route: Route, ctx: AttachContext, into: RouteAttachment[]): Fatal | undefined {
  const onPorts: PortsSoFar = [];
  const parents: ParentOutcome[] = [];
  for (const ref of route.spec.parentRefs) {
    const outcome = attachParent(ref, route, ctx, onPorts);
    if (outcome.kind === 'fatal') return outcome.fatal;
    // One push site for every outcome: several sites saw the array in different element kinds and deoptimized ("wrong map").
    parents.push(outcome);
  }
  into.push({ route, parents, ports: onPorts, onValidListener: onPorts.some((p) => p.valid) });
  return undefined;
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
  const ctx: AttachContext = { targets: targetsOf(gateway, acceptedSets, candidates), candidates, valid, snapshot, attachedCounts };
  const results: RouteAttachment[] = [];
  for (const route of routes) {
    const fatal = attachRoute(route, ctx, results);
    if (fatal) return { routes: results, attachedCounts, fatal };
  }
  return { routes: results, attachedCounts };
}
