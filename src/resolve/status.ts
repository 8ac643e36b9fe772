/**
 * The conditions LBC writes (controllers/gateway/listener_status_utils.go, gateway_controller.go,
 * gateway_class_controller.go, route_reconciler.go). Timestamps are left out: resolve is pure.
 */
import type { Condition } from '../source/kube.js';
import type { ListenerStatus, LoadBalancerState, ResolvedListener } from './types.js';

export function condition(type: string, status: Condition['status'], reason: string, message: string, generation: number): Condition {
  return { type, status, reason, message, observedGeneration: generation };
}

/**
 * The conditions the Gateway and ListenerSet CRDs default on create (no `observedGeneration`:
 * no controller has looked yet), and what stays when LBC writes nothing.
 */
export function apiServerDefaultConditions(): Condition[] {
  const waiting = (type: string): Condition => ({ type, status: 'Unknown', reason: 'Pending', message: 'Waiting for controller' });
  return [waiting('Accepted'), waiting('Programmed')];
}

/** The conditions an object keeps when LBC writes none: those in the input, else the defaults. */
export function untouchedConditions(existing: readonly Condition[] | undefined): Condition[] {
  return existing && existing.length > 0 ? [...existing] : apiServerDefaultConditions();
}

/** §5.3: four conditions per listener, always Conflicted, Accepted, ResolvedRefs, Programmed. */
export function listenerConditions(l: ResolvedListener, programmed: boolean, generation: number): Condition[] {
  const noConflict = condition('Conflicted', 'False', 'NoConflicts', 'Listener has no conflict.', generation);
  const resolved = condition('ResolvedRefs', 'True', 'ResolvedRefs', 'Listener has all refs resolved.', generation);
  const notAccepted = condition('Programmed', 'False', l.reason, 'Listener is not accepted.', generation);
  switch (l.reason) {
    case 'Accepted':
      return [
        noConflict,
        condition('Accepted', 'True', 'Accepted', 'Listener is accepted.', generation),
        resolved,
        programmed
          ? condition('Programmed', 'True', 'Programmed', 'Listener is programmed.', generation)
          : condition('Programmed', 'False', 'Pending', 'Listener is pending to be programmed.', generation),
      ];
    case 'HostnameConflict':
    case 'ProtocolConflict':
      return [
        condition('Conflicted', 'True', l.reason, l.message, generation),
        condition('Accepted', 'False', l.reason, l.message, generation),
        resolved,
        notAccepted,
      ];
    case 'PortUnavailable':
    case 'UnsupportedProtocol':
      return [noConflict, condition('Accepted', 'False', l.reason, l.message, generation), resolved, notAccepted];
    case 'InvalidRouteKinds':
      return [
        noConflict,
        condition('Accepted', 'True', 'Accepted', 'Listener is accepted.', generation),
        condition('ResolvedRefs', 'False', l.reason, l.message, generation),
        notAccepted,
      ];
  }
}

export function listenerStatuses(listeners: readonly ResolvedListener[], programmed: boolean, generation: number): ListenerStatus[] {
  return listeners.map((l) => ({
    name: l.listener.name,
    supportedKinds: l.supportedKinds,
    attachedRoutes: l.attachedRoutes,
    conditions: listenerConditions(l, programmed, generation),
  }));
}

/** §5.2 success path. `anyValid`/`anyInvalid` span the Gateway's and its accepted ListenerSets' listeners. */
export function gatewaySuccessConditions(anyValid: boolean, anyInvalid: boolean, state: LoadBalancerState, generation: number): Condition[] {
  const programmed =
    state.kind === 'active'
      ? condition('Programmed', 'True', 'Programmed', state.arn, generation)
      : condition('Programmed', 'Unknown', 'Pending', 'Waiting for load balancer to be active.', generation);
  const accepted = condition('Accepted', anyValid ? 'True' : 'False', anyInvalid ? 'ListenersNotValid' : 'Accepted', '', generation);
  return [accepted, programmed];
}

/**
 * A failed reconcile rewrites `Accepted` only (gateway_controller.go `updateGatewayStatusFailure`
 * with nil loader results, utils.go `prepareGatewayConditionUpdate`: in place, or appended);
 * `Programmed` and everything else keep what was there.
 */
export function gatewayFailureConditions(
  reason: 'Invalid' | 'ListenersNotValid',
  message: string,
  generation: number,
  existing: readonly Condition[] | undefined,
): Condition[] {
  const accepted = condition('Accepted', 'False', reason, message, generation);
  const before = untouchedConditions(existing);
  const at = before.findIndex((c) => c.type === 'Accepted');
  return at === -1 ? [...before, accepted] : before.map((c, i) => (i === at ? accepted : c));
}

/** §5.5 for an accepted ListenerSet. */
export function listenerSetConditions(listeners: readonly ResolvedListener[], gatewayProgrammed: boolean, generation: number): { conditions: Condition[]; programmed: boolean } {
  const valid = listeners.filter((l) => l.valid).length;
  let accepted: Condition;
  if (listeners.length === 0) accepted = condition('Accepted', 'False', 'Accepted', 'Accepted', generation);
  else if (valid === listeners.length) accepted = condition('Accepted', 'True', 'Accepted', 'Accepted', generation);
  else accepted = condition('Accepted', valid > 0 ? 'True' : 'False', 'ListenersNotValid', 'Some listeners are not valid', generation);
  let programmed: Condition;
  if (!gatewayProgrammed) programmed = condition('Programmed', 'False', 'Pending', 'Parent gateway not yet programmed', generation);
  else if (valid > 0) programmed = condition('Programmed', 'True', 'Programmed', 'Programmed', generation);
  else programmed = condition('Programmed', 'False', 'ListenersNotValid', 'No valid listeners to materialize', generation);
  return { conditions: [accepted, programmed], programmed: programmed.status === 'True' };
}

export function rejectedListenerSetConditions(generation: number): Condition[] {
  const message = 'Parent Gateway rejected ListenerSet';
  return [condition('Accepted', 'False', 'NotAllowed', message, generation), condition('Programmed', 'False', 'NotAllowed', message, generation)];
}

/** §3.8: reasons that turn `Accepted` False (ResolvedRefs stays True) … */
const ACCEPTED_FALSE: ReadonlySet<string> = new Set(['NotAllowedByListeners', 'NoMatchingListenerHostname', 'NoMatchingParent', 'UnsupportedValue', 'Pending', 'IncompatibleFilters']);
/** … and reasons that turn `ResolvedRefs` False (Accepted stays True); any other reason turns both False. */
const RESOLVED_FALSE: ReadonlySet<string> = new Set(['RefNotPermitted', 'InvalidKind', 'BackendNotFound', 'UnsupportedProtocol']);

/** §3.8: which condition a route-status reason turns False. */
export function routeConditions(reason: string | undefined, message: string, generation: number): Condition[] {
  if (reason === undefined) {
    return [condition('ResolvedRefs', 'True', 'ResolvedRefs', '', generation), condition('Accepted', 'True', 'Accepted', '', generation)];
  }
  const resolved = ACCEPTED_FALSE.has(reason)
    ? condition('ResolvedRefs', 'True', 'ResolvedRefs', '', generation)
    : condition('ResolvedRefs', 'False', reason, message, generation);
  const accepted = RESOLVED_FALSE.has(reason)
    ? condition('Accepted', 'True', 'Accepted', '', generation)
    : condition('Accepted', 'False', reason, message, generation);
  return [resolved, accepted];
}

/** GatewayClass `Accepted` (§5.1). */
export function gatewayClassConditions(error: { reason: 'InvalidParametersRef' | 'NotFound'; message: string } | undefined, generation: number): Condition[] {
  return [error ? condition('Accepted', 'False', error.reason, error.message, generation) : condition('Accepted', 'True', 'Accepted', 'Accepted', generation)];
}
