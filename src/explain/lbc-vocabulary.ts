/**
 * The condition types and reasons LBC v3.5.0 writes, per place (lbc-l7-routes-status.md §5;
 * `git grep 'gwv1.*Reason'` over controllers/gateway and pkg/gateway at v3.5.0). A written
 * condition outside these sets did not come from LBC v3.5.0: another LBC version, or another writer.
 * `Pending` is in every object-level set because the Gateway and ListenerSet CRDs default it.
 */
import type { FindingScope } from './findings.js';

type Vocabulary = Readonly<Record<string, ReadonlySet<string>>>;

const set = (...reasons: string[]) => new Set(reasons);

const LISTENER_FAILURES = ['HostnameConflict', 'ProtocolConflict', 'PortUnavailable', 'UnsupportedProtocol', 'InvalidRouteKinds', 'RefNotPermitted'];

// gateway_controller.go (Accepted, Programmed), listener_status_utils.go (listeners, ListenerSets).
const GATEWAY: Vocabulary = { Accepted: set('Accepted', 'ListenersNotValid', 'Invalid', 'Pending'), Programmed: set('Programmed', 'Pending') };
const LISTENER: Vocabulary = {
  Conflicted: set('NoConflicts', 'HostnameConflict', 'ProtocolConflict'),
  Accepted: set('Accepted', 'HostnameConflict', 'ProtocolConflict', 'PortUnavailable', 'UnsupportedProtocol'),
  ResolvedRefs: set('ResolvedRefs', 'InvalidRouteKinds', 'RefNotPermitted'),
  Programmed: set('Programmed', 'Pending', ...LISTENER_FAILURES),
};
const LISTENER_SET: Vocabulary = { Accepted: set('Accepted', 'NotAllowed', 'ListenersNotValid', 'Pending'), Programmed: set('Programmed', 'Pending', 'NotAllowed', 'ListenersNotValid') };
// route_reconciler.go, routeutils/*: ResolvedRefs then Accepted; ParentRefDoesNotExist is
// route_reconciler_utils.go `RouteStatusInfoRejectedParentRefNotExist`.
const ROUTE_REASONS = set(
  'Accepted',
  'ResolvedRefs',
  'BackendNotFound',
  'IncompatibleFilters',
  'InvalidKind',
  'NoMatchingListenerHostname',
  'NoMatchingParent',
  'NotAllowedByListeners',
  'Pending',
  'RefNotPermitted',
  'UnsupportedProtocol',
  'UnsupportedValue',
  'ParentRefDoesNotExist',
);
const ROUTE: Vocabulary = { ResolvedRefs: ROUTE_REASONS, Accepted: ROUTE_REASONS };

function vocabulary(kind: string, scope: FindingScope): Vocabulary {
  if (scope.at === 'listener') return LISTENER;
  if (scope.at === 'parent') return ROUTE;
  return kind === 'ListenerSet' ? LISTENER_SET : GATEWAY;
}

/** Whether LBC v3.5.0 writes this condition type there, and (when it does) this reason. */
export function lbcWrites(kind: string, scope: FindingScope, type: string, reason: string): { type: boolean; reason: boolean } {
  const reasons = vocabulary(kind, scope)[type];
  return { type: reasons !== undefined, reason: reasons?.has(reason) ?? false };
}
