import { describe, expect, it } from 'vitest';
import type { LbcCaseResult } from './harness.js';
import { ALB_CLASS, skipCase } from './harness.js';
import { cleanCase } from './clean-input.js';

// pkg/gateway/routeutils/attachment_helper_test.go. doesResourceAttachToGateway decides whether a
// route's parentRef names the Gateway: as manifests, the route either gets a status from the
// Gateway (attached) or none. doesResourceAllowNamespace is the namespace check of a listener's
// allowedRoutes (Same/All/Selector) and of the Gateway's allowedListeners (None).

function gateway(listenerNamespaces = '{from: All}', extra = ''): string {
  return `${ALB_CLASS}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: my-gw, namespace: ns1}
spec:
  gatewayClassName: alb
${extra}  listeners: [{name: http, port: 80, protocol: HTTP, allowedRoutes: {namespaces: ${listenerNamespaces}}}]
`;
}

function route(namespace: string, parentRef: string): string {
  return `---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: r, namespace: ${namespace}}
spec:
  parentRefs: [${parentRef}]
  rules: [{backendRefs: [{kind: TargetGroupName, name: tg, port: 80}]}]
`;
}

/** The route's status from my-gw: undefined (parentRef not ours), or whether it is Accepted. */
function routeAccepted(r: LbcCaseResult, namespace: string): boolean | undefined {
  const s = r.status('HTTPRoute', namespace, 'r');
  if (s?.kind !== 'Route') return undefined;
  return s.parents[0]!.conditions.find((c) => c.type === 'Accepted')?.status === 'True';
}

describe('attachment_helper_test.go', () => {
  it.each([
    ['nil kind defaults to Gateway, matching name and namespace', 'ns1', '{name: my-gw}', true],
    ['explicit Gateway kind, matching name and explicit namespace', 'other-ns', '{kind: Gateway, name: my-gw, namespace: ns1}', true],
    ['non-Gateway kind returns false', 'ns1', '{group: "", kind: Service, name: my-gw}', false],
    ['name mismatch returns false', 'ns1', '{name: other-gw}', false],
    ['namespace mismatch via explicit namespace returns false', 'ns1', '{name: my-gw, namespace: ns2}', false],
    ['namespace mismatch via resource namespace returns false', 'ns2', '{name: my-gw}', false],
    ['nil kind with explicit namespace matching', 'different-ns', '{name: my-gw, namespace: ns1}', true],
  ] as const)('attachment_helper_test.go Test_doesResourceAttachToGateway/%s', (_, routeNamespace, parentRef, attaches) => {
    const r = cleanCase(gateway() + route(routeNamespace, parentRef));
    // Attached → an Accepted status from my-gw; not ours → no status at all.
    expect(routeAccepted(r, routeNamespace)).toBe(attaches ? true : undefined);
  });

  const T = 'Test_doesResourceAllowNamespace';
  const namespaces = `---
apiVersion: v1
kind: Namespace
metadata: {name: ns1, labels: {routes: allowed}}
---
apiVersion: v1
kind: Namespace
metadata: {name: ns3, labels: {routes: allowed}}
`;
  // The Go mock selector returns a fixed set; here the label routes=allowed selects it.
  const selector = '{from: Selector, selector: {matchLabels: {routes: allowed}}}';

  it(`attachment_helper_test.go ${T}/NamespacesFromNone returns false`, () => {
    // None exists only for allowedListeners: a ListenerSet in the Gateway's own namespace is rejected.
    const r = cleanCase(`${gateway('{from: Same}', '  allowedListeners: {namespaces: {from: None}}\n')}---
apiVersion: gateway.networking.k8s.io/v1
kind: ListenerSet
metadata: {name: ls, namespace: ns1}
spec:
  parentRef: {name: my-gw}
  listeners: [{name: l, port: 8080, protocol: HTTP}]
`);
    expect(r.resolution.gateways[0]!.rejectedListenerSets.map((s) => s.metadata.name)).toEqual(['ls']);
  });

  it.each([
    ['NamespacesFromSame with same namespace returns true', '{from: Same}', 'ns1', true],
    ['NamespacesFromSame with different namespace returns false', '{from: Same}', 'ns2', false],
    ['NamespacesFromAll returns true', '{from: All}', 'any-ns', true],
    ['NamespacesFromSelector with nil selector returns false', '{from: Selector}', 'ns1', false],
    ['NamespacesFromSelector with matching namespace returns true', selector, 'ns1', true],
    ['NamespacesFromSelector with non-matching namespace returns false', selector, 'ns5', false],
  ] as const)(`attachment_helper_test.go ${T}/%s`, (_, from, routeNamespace, allowed) => {
    const r = cleanCase(gateway(from) + namespaces + route(routeNamespace, '{name: my-gw, namespace: ns1}'));
    expect(routeAccepted(r, routeNamespace)).toBe(allowed);
    if (!allowed) {
      const s = r.status('HTTPRoute', routeNamespace, 'r');
      expect(s?.kind === 'Route' && s.parents[0]!.conditions.find((c) => c.type === 'Accepted')).toMatchObject({
        reason: 'NotAllowedByListeners',
        message: 'Listener does not allow route attachment, namespace does not match between listener and route',
      });
    }
  });

  it(`attachment_helper_test.go ${T}/NamespacesFromSelector with error returns error`, () => {
    // The selector error LBC can meet from manifests is a selector it cannot parse: the Gateway fails.
    const r = cleanCase(gateway('{from: Selector, selector: {matchExpressions: [{key: routes, operator: In}]}}') + route('ns1', '{name: my-gw}'));
    expect(r.resolution.gateways[0]!.fatal?.kind).toBe('loader');
    expect(r.resolution.gateways[0]!.fatal?.message).toMatch(/^Unable to parse selector /);
    expect(routeAccepted(r, 'ns1')).toBeUndefined();
  });

  skipCase(`attachment_helper_test.go ${T}/unknown FromNamespaces value returns false`, 'the Gateway API CRDs restrict from to All/Selector/Same (routes) and All/Selector/Same/None (ListenerSets); the API server rejects any other value');
});
