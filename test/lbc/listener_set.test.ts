import { describe, expect, it } from 'vitest';
import type { LbcCaseResult } from './harness.js';
import { ALB_CLASS } from './harness.js';
import { cleanCase } from './clean-input.js';

// pkg/gateway/routeutils/listener_set_test.go. The handshake's three outcomes are observable as:
// accepted → the set's listeners join the Gateway's (resolution listeners owned by the set);
// rejected → Accepted/Programmed=False/NotAllowed on the set; irrelevant → neither, no status.

function gateway(allowedListeners: string, name = 'my-gw', namespace = 'ns1'): string {
  return `${ALB_CLASS}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: ${name}, namespace: ${namespace}}
spec:
  gatewayClassName: alb
${allowedListeners ? `  allowedListeners: ${allowedListeners}\n` : ''}  listeners: [{name: http, port: 80, protocol: HTTP}]
`;
}

function listenerSet(name: string, namespace: string, parentRef: string, listeners = '[{name: l, port: 8080, protocol: HTTP}]'): string {
  return `---
apiVersion: gateway.networking.k8s.io/v1
kind: ListenerSet
metadata: {name: ${name}, namespace: ${namespace}}
spec:
  parentRef: ${parentRef}
  listeners: ${listeners}
`;
}

const namespace = (name: string, labels: string) => `---
apiVersion: v1
kind: Namespace
metadata: {name: ${name}, labels: ${labels}}
`;

type Handshake = 'accepted' | 'rejected' | 'irrelevant';

function handshake(r: LbcCaseResult, ns: string, name: string): Handshake {
  const gw = r.resolution.gateways.find((g) => g.gateway.metadata.name === 'my-gw')!;
  const is = (s: { metadata: { name: string; namespace: string } }) => s.metadata.name === name && s.metadata.namespace === ns;
  if (gw.acceptedListenerSets.some(is)) {
    expect(gw.listeners.some((l) => l.owner.kind === 'ListenerSet' && is(l.owner))).toBe(true);
    return 'accepted';
  }
  if (gw.rejectedListenerSets.some(is)) {
    const s = r.status('ListenerSet', ns, name);
    expect(s?.kind === 'ListenerSet' && s.conditions.map((c) => `${c.type}=${c.status}/${c.reason}`)).toEqual(['Accepted=False/NotAllowed', 'Programmed=False/NotAllowed']);
    return 'rejected';
  }
  expect(r.status('ListenerSet', ns, name)).toBeUndefined();
  return 'irrelevant';
}

describe('listener_set_test.go', () => {
  it.each([
    ['all fields set', '{group: gateway.networking.k8s.io, kind: Gateway, namespace: ns1, name: my-gw}'],
    ['only name set', '{name: my-gw}'],
  ])('listener_set_test.go Test_convertListenerSetParentRef/%s', (_, parentRef) => {
    // The converted parentRef is what the handshake matches against the Gateway.
    const r = cleanCase(gateway('{namespaces: {from: Same}}') + listenerSet('ls', 'ns1', parentRef));
    expect(handshake(r, 'ns1', 'ls')).toBe('accepted');
  });

  it('listener_set_test.go Test_convertListenerSetListenerToGatewayListener', () => {
    const entry =
      '[{name: my-listener, hostname: example.com, port: 8080, protocol: HTTPS, tls: {mode: Terminate, certificateRefs: [{name: cert}]}, allowedRoutes: {namespaces: {from: All}}}]';
    const r = cleanCase(gateway('{namespaces: {from: Same}}') + listenerSet('my-ls', 'ns1', '{name: my-gw}', entry));
    const l = r.resolution.gateways[0]!.listeners.find((x) => x.owner.kind === 'ListenerSet')!;
    expect(l.owner.metadata.name).toBe('my-ls');
    expect(l.listener).toMatchObject({ name: 'my-listener', hostname: 'example.com', port: 8080, protocol: 'HTTPS', tls: { mode: 'Terminate' } });
    expect(l.listener.allowedRoutes.namespaces.from).toBe('All');
  });

  const T = 'Test_listenerSetGatewayHandshake';
  const selectorGateway = '{namespaces: {from: Selector, selector: {matchLabels: {listeners: allowed}}}}';
  // The Go mock's namespace selector returns {ns2, ns3}; here a label selects those two.
  const selectedNamespaces = namespace('ns2', '{listeners: allowed}') + namespace('ns3', '{listeners: allowed}') + namespace('ns4', '{}');
  it.each([
    ['listenerSet does not reference gateway - irrelevant', '', 'ns1', '{name: other-gw}', 'irrelevant'],
    ['listenerSet references gateway but no AllowedListeners - defaults to None - rejected', '', 'ns1', '{name: my-gw}', 'rejected'],
    ['gateway allows same namespace and listenerSet is in same namespace - accepted', '{namespaces: {from: Same}}', 'ns1', '{name: my-gw}', 'accepted'],
    ['gateway allows same namespace but listenerSet is in different namespace - rejected', '{namespaces: {from: Same}}', 'ns2', '{name: my-gw, namespace: ns1}', 'rejected'],
    ['gateway allows all namespaces - accepted', '{namespaces: {from: All}}', 'ns2', '{name: my-gw, namespace: ns1}', 'accepted'],
    ['gateway allows selector and listenerSet namespace matches - accepted', selectorGateway, 'ns2', '{name: my-gw, namespace: ns1}', 'accepted'],
    ['gateway allows selector but listenerSet namespace does not match - rejected', selectorGateway, 'ns4', '{name: my-gw, namespace: ns1}', 'rejected'],
  ] as const)(`listener_set_test.go ${T}/%s`, (_, allowed, setNamespace, parentRef, expected) => {
    const r = cleanCase(gateway(allowed) + selectedNamespaces + listenerSet('ls', setNamespace, parentRef));
    expect(handshake(r, setNamespace, 'ls')).toBe(expected);
  });

  const R = 'Test_retrieveListenersFromListenerSets';
  const counts = (r: LbcCaseResult) => {
    const gw = r.resolution.gateways.find((g) => g.gateway.metadata.name === 'my-gw')!;
    return {
      listeners: gw.listeners.filter((l) => l.owner.kind === 'ListenerSet').length,
      accepted: gw.acceptedListenerSets.length,
      rejected: gw.rejectedListenerSets.map((s) => s.metadata.name),
    };
  };
  it.each([
    ['no listener sets in cluster', '{namespaces: {from: All}}', '', { listeners: 0, accepted: 0, rejected: [] }],
    [
      'one matching listener set with two listeners',
      '{namespaces: {from: All}}',
      listenerSet('ls1', 'ns1', '{name: my-gw}', '[{name: listener-a, port: 8080, protocol: HTTP}, {name: listener-b, port: 8443, protocol: HTTPS, tls: {certificateRefs: [{name: cert}]}}]'),
      { listeners: 2, accepted: 1, rejected: [] },
    ],
    [
      'irrelevant listener set referencing different gateway - not rejected, just ignored',
      '{namespaces: {from: All}}',
      listenerSet('ls1', 'ns1', '{name: other-gw}', '[{name: listener-a, port: 8080, protocol: HTTP}]'),
      { listeners: 0, accepted: 0, rejected: [] },
    ],
    [
      'rejected listener set - references gateway but namespace not allowed',
      '{namespaces: {from: Same}}',
      listenerSet('ls-rejected', 'ns2', '{name: my-gw, namespace: ns1}', '[{name: rejected-listener, port: 80, protocol: HTTP}]'),
      { listeners: 0, accepted: 0, rejected: ['ls-rejected'] },
    ],
    [
      'mixed accepted, rejected, and irrelevant listener sets',
      '{namespaces: {from: Same}}',
      listenerSet('ls-accepted', 'ns1', '{name: my-gw}', '[{name: accepted-listener, port: 80, protocol: HTTP}]') +
        listenerSet('ls-rejected', 'ns2', '{name: my-gw, namespace: ns1}', '[{name: rejected-listener, port: 80, protocol: HTTP}]') +
        listenerSet('ls-irrelevant', 'ns1', '{name: other-gw}', '[{name: irrelevant-listener, port: 80, protocol: HTTP}]'),
      { listeners: 1, accepted: 1, rejected: ['ls-rejected'] },
    ],
  ])(`listener_set_test.go ${R}/%s`, (_, allowed, sets, expected) => {
    const r = cleanCase(gateway(allowed) + sets);
    expect(counts(r)).toEqual(expected);
    expect(r.status('ListenerSet', 'ns1', 'ls-irrelevant')).toBeUndefined();
  });
});
