/**
 * One sentence on why a condition is unhealthy and what to change, per reason, with a stable code
 * (GWLB25x Gateway, 26x listener, 27x route, 28x ListenerSet and GatewayClass). The reasons and
 * their causes follow lbc-l7-routes-status.md §5.6.
 */
import type { DeployFailure } from '../../model/index.js';
import type { Condition } from '../../source/kube.js';

export interface Explanation {
  readonly code: string;
  readonly text: string;
}

export type ExplainedKind = 'GatewayClass' | 'Gateway' | 'Listener' | 'ListenerSet' | 'Route';

// Shared with explain --from-cluster's findings (pure), so both agree on what needs a fix.
export { isUnhealthy } from '../../explain/conditions.js';

function gateway(c: Condition): Explanation {
  if (c.type === 'Programmed') {
    if (c.message === 'Waiting for controller') {
      return { code: 'GWLB256', text: 'LBC has not written this status: the Gateway failed before it could (see the errors above, e.g. a backend weight over 999), or its model build failed.' };
    }
    return { code: 'GWLB255', text: 'The load balancer is still provisioning; LBC re-checks every 2 minutes and sets Programmed=True with the load balancer ARN once it is active.' };
  }
  if (c.reason === 'Invalid' && c.message === 'Check Gateway Events for more information.') {
    return { code: 'GWLB250', text: 'Building the AWS model failed (LBC emits a FailedBuildModel event); the model errors listed below say which route rule or setting to fix. Until then no change to this Gateway reaches AWS.' };
  }
  if (c.reason === 'Invalid') {
    return { code: 'GWLB251', text: `LBC could not resolve this Gateway's configuration (${c.message}); fix the GatewayClass or the LoadBalancerConfiguration/TargetGroupConfiguration it names.` };
  }
  if (c.status === 'False' && c.message !== '') {
    return { code: 'GWLB252', text: `Loading routes failed for the whole Gateway (${c.message}); fix the named route or listener and nothing else on this Gateway is blocked.` };
  }
  if (c.status === 'False') {
    return { code: 'GWLB254', text: 'No listener of this Gateway or its ListenerSets is valid, so nothing is programmed; fix the listener conditions below.' };
  }
  return { code: 'GWLB253', text: 'At least one listener is invalid and is not programmed; the valid ones work. See the listener conditions below.' };
}

/**
 * The Gateway's conditions after a deploy AWS rejects (gateway_controller.go `deployModel`,
 * `handleReconcileError`): `Accepted=False/Invalid` with the static message, `Programmed` never
 * written. Undefined for any other condition.
 */
export function deployFailureExplanation(_failure: DeployFailure, c: Condition): Explanation | undefined {
  if (c.type === 'Accepted' && c.reason === 'Invalid') {
    return {
      code: 'GWLB257',
      text: 'LBC builds this model, but AWS rejects one of its deploy calls (the FailedDeployModel event below carries the AWS error); what was deployed before that call stays, and every retry fails the same way. The errors listed above say which field to change.',
    };
  }
  if (c.type === 'Programmed' && c.message === 'Waiting for controller') {
    return { code: 'GWLB256', text: 'LBC never writes Programmed for this Gateway: every reconcile stops at the failed deploy call.' };
  }
  return undefined;
}

function listener(c: Condition): Explanation {
  switch (c.reason) {
    case 'HostnameConflict':
      return { code: 'GWLB260', text: 'An earlier listener (Gateway listeners first, then older ListenerSets) already uses this port and hostname; change the port or hostname.' };
    case 'ProtocolConflict':
      return { code: 'GWLB261', text: 'An earlier listener uses this port with another protocol; one port carries one protocol (only TCP+UDP may share on an NLB). Move one listener to another port.' };
    case 'PortUnavailable':
      return { code: 'GWLB262', text: 'The port is outside 1–65535; pick a valid port.' };
    case 'UnsupportedProtocol':
      return { code: 'GWLB263', text: 'This controller does not serve this protocol: ALB Gateways take HTTP/HTTPS, NLB Gateways TCP/UDP/TLS. Use the other GatewayClass or change the protocol.' };
    case 'InvalidRouteKinds':
      return { code: 'GWLB264', text: 'allowedRoutes.kinds names a route kind this controller does not serve (ALB: HTTPRoute, GRPCRoute; NLB: TCPRoute, UDPRoute, TLSRoute); remove it.' };
    case 'Pending':
      return { code: 'GWLB265', text: 'The listener is valid and waits for the load balancer to become active.' };
    default:
      return { code: 'GWLB269', text: c.message };
  }
}

function route(c: Condition): Explanation {
  switch (c.reason) {
    case 'NotAllowedByListeners':
      return c.message.includes('kind')
        ? { code: 'GWLB270', text: 'The listener does not admit this route kind; note that plain HTTP listeners admit only HTTPRoute by default — list GRPCRoute in allowedRoutes.kinds or use an HTTPS listener.' }
        : { code: 'GWLB270', text: "The listener's allowedRoutes.namespaces does not admit the route's namespace (default: Same); set from: All or a Selector on the listener, or move the route." };
    case 'NoMatchingListenerHostname':
      return { code: 'GWLB271', text: "None of the route's hostnames matches the listener hostname; a wildcard *.example.com matches names below it but not example.com itself." };
    case 'NoMatchingParent':
      return { code: 'GWLB272', text: 'The parentRef names no listener: check sectionName and port against the listener names and ports of the Gateway or ListenerSet.' };
    case 'BackendNotFound':
      return { code: 'GWLB273', text: 'A backend Service (or its port) does not exist; the rule still exists and answers 500 until the Service and port do.' };
    case 'RefNotPermitted':
      return { code: 'GWLB274', text: "A backend in another namespace needs a ReferenceGrant in the backend's namespace allowing this route kind from the route's namespace." };
    case 'InvalidKind':
      return { code: 'GWLB275', text: 'The backendRef kind is not Service, TargetGroupName or Gateway; that backend is dropped.' };
    case 'UnsupportedValue':
      return { code: 'GWLB276', text: 'A backendRef has no port; LBC requires one and drops the backend.' };
    case 'IncompatibleFilters':
      return { code: 'GWLB277', text: 'The rule refers to a ListenerRuleConfiguration that is missing, not accepted, or one of several; the rule answers 500. Refer to exactly one existing, accepted configuration in the route namespace.' };
    default:
      return { code: 'GWLB279', text: c.message };
  }
}

function listenerSet(c: Condition): Explanation {
  switch (c.reason) {
    case 'NotAllowed':
      return { code: 'GWLB280', text: "The Gateway's spec.allowedListeners does not admit this ListenerSet's namespace (default: None); allow it on the Gateway." };
    case 'ListenersNotValid':
      return { code: 'GWLB281', text: 'Some listeners of this set are invalid (see their conditions); the Gateway\'s own listeners and older sets win conflicts.' };
    case 'Pending':
      return { code: 'GWLB282', text: 'The parent Gateway is not programmed yet.' };
    default:
      return { code: 'GWLB289', text: c.message };
  }
}

function gatewayClass(c: Condition): Explanation {
  return c.reason === 'InvalidParametersRef'
    ? { code: 'GWLB285', text: 'spec.parametersRef needs a namespace for a LoadBalancerConfiguration; add it. Every Gateway of this class is refused until then.' }
    : { code: 'GWLB286', text: 'The LoadBalancerConfiguration named by spec.parametersRef does not exist; create it or fix the name. Every Gateway of this class is refused until then.' };
}

export function explain(kind: ExplainedKind, c: Condition): Explanation {
  switch (kind) {
    case 'GatewayClass':
      return gatewayClass(c);
    case 'Gateway':
      return gateway(c);
    case 'Listener':
      return listener(c);
    case 'ListenerSet':
      return listenerSet(c);
    case 'Route':
      return route(c);
  }
}
