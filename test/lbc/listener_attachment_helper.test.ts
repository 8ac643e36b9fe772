import { describe, expect, it } from 'vitest';
import type { LbcCaseResult } from './harness.js';
import { ALB_CLASS } from './harness.js';
import { cleanCase } from './clean-input.js';

// pkg/gateway/routeutils/listener_attachment_helper_test.go. The helper decides whether one
// listener admits one route (namespace, then kind, then hostname). As manifests: a Gateway with
// that listener and a route naming it; the outcome is the route's status (a rejection carries
// LBC's reason and message), the listener's attachedRoutes (LBC counts attachments to invalid
// listeners too) and the compatible hostnames gwlb keeps for the port.

interface Listener {
  readonly protocol: string;
  readonly port?: number;
  readonly hostname?: string;
  /** Raw YAML for `allowedRoutes` (omitted when undefined) and `tls`. */
  readonly allowedRoutes?: string;
  readonly tls?: string;
}

function gateway(className: 'alb' | 'nlb', l: Listener, namespace = 'ns1'): string {
  const fields = [
    'name: l',
    `port: ${l.port ?? 80}`,
    `protocol: ${l.protocol}`,
    ...(l.hostname !== undefined ? [`hostname: "${l.hostname}"`] : []),
    ...(l.allowedRoutes !== undefined ? [`allowedRoutes: ${l.allowedRoutes}`] : []),
    ...(l.tls !== undefined ? [`tls: ${l.tls}`] : []),
  ];
  return `${ALB_CLASS}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gw1, namespace: ${namespace}}
spec:
  gatewayClassName: ${className}
  listeners: [{${fields.join(', ')}}]
`;
}

const API_VERSION: Record<string, string> = {
  HTTPRoute: 'gateway.networking.k8s.io/v1',
  GRPCRoute: 'gateway.networking.k8s.io/v1',
  TCPRoute: 'gateway.networking.k8s.io/v1alpha2',
  TLSRoute: 'gateway.networking.k8s.io/v1alpha2',
  UDPRoute: 'gateway.networking.k8s.io/v1alpha2',
};

function route(kind: string, namespace: string, hostnames?: readonly string[], name = 'route1', port?: number): string {
  const backend = kind === 'HTTPRoute' || kind === 'GRPCRoute' ? '{kind: TargetGroupName, name: tg, port: 80}' : '{name: svc, port: 80}';
  return `---
apiVersion: ${API_VERSION[kind]}
kind: ${kind}
metadata: {name: ${name}, namespace: ${namespace}}
spec:
  parentRefs: [{name: gw1, namespace: ns1${port !== undefined ? `, port: ${port}` : ''}}]
${hostnames !== undefined ? `  hostnames: [${hostnames.map((h) => `"${h}"`).join(', ')}]\n` : ''}  rules: [{backendRefs: [${backend}]}]
`;
}

/** The route's Accepted condition from gw1, if LBC writes one. */
function accepted(r: LbcCaseResult, kind: string, namespace: string, name = 'route1') {
  const s = r.status(kind, namespace, name);
  return s?.kind === 'Route' ? s.parents[0]!.conditions.find((c) => c.type === 'Accepted') : undefined;
}

/** How many (route, parentRef) attachments listener `l` got (listener status attachedRoutes). */
function attachedRoutes(r: LbcCaseResult): number {
  return r.resolution.gateways.find((g) => g.gateway.metadata.name === 'gw1')!.listeners[0]!.attachedRoutes;
}

const NAMESPACE_MISMATCH = 'Listener does not allow route attachment, namespace does not match between listener and route';
const KIND_MISMATCH = 'Listener does not allow route attachment, kind does not match between listener and route';
const NO_MATCHING_HOSTNAME = 'Listener does not allow route attachment, no matching hostname';
/** Valid for the Gateway API CRDs, invalid for LBC (a label over 63 characters). */
const LONG_LABEL_HOST = `${'a'.repeat(64)}.example.com`;
const LONG_LABEL_HOST_2 = `${'b'.repeat(64)}.example.com`;

describe('listener_attachment_helper_test.go', () => {
  const A = 'Test_listenerAllowsAttachment';
  it.each([
    ['namespace and kind are ok', 'ns1', 'HTTP', undefined],
    ['namespace is not ok', 'ns2', 'HTTP', { reason: 'NotAllowedByListeners', message: NAMESPACE_MISMATCH }],
    ['kind is not ok', 'ns1', 'TLS', { reason: 'NotAllowedByListeners', message: KIND_MISMATCH }],
  ] as const)(`listener_attachment_helper_test.go ${A}/%s`, (_, routeNamespace, protocol, rejection) => {
    const tls = protocol === 'TLS' ? '{mode: Passthrough}' : undefined;
    const r = cleanCase(gateway('alb', { protocol, ...(tls ? { tls } : {}) }) + route('HTTPRoute', routeNamespace, undefined, 'route1', 80));
    if (rejection === undefined) {
      expect(attachedRoutes(r)).toBe(1);
      expect(accepted(r, 'HTTPRoute', routeNamespace)?.status).toBe('True');
    } else {
      expect(attachedRoutes(r)).toBe(0);
      expect(accepted(r, 'HTTPRoute', routeNamespace)).toMatchObject({ status: 'False', ...rejection });
      const s = r.status('HTTPRoute', routeNamespace, 'route1');
      expect(s?.kind === 'Route' && s.parents[0]!.parentRef).toMatchObject({ name: 'gw1', namespace: 'ns1' });
    }
  });

  const N = 'Test_namespaceCheck';
  const sameNs = [
    ['same ns', 'ns1', true],
    ['different ns', 'ns2', false],
  ] as const;
  const namespaceCases: readonly (readonly [string, string | undefined, readonly (readonly [string, string, boolean])[]])[] = [
    ['no listener.allowedroutes defaults to same namespace', undefined, sameNs],
    ['no listener.allowedroutes.namespaces defaults to same namespace', '{}', sameNs],
    ['no listener.allowedroutes.namespaces.from defaults to same namespace', '{namespaces: {}}', sameNs],
    ['listener.allowedroutes.namespaces.from set to same', '{namespaces: {from: Same}}', sameNs],
    [
      'listener.allowedroutes.namespaces.from set to all',
      '{namespaces: {from: All}}',
      [
        ['same ns', 'ns1', true],
        ['different ns', 'ns2', true],
      ],
    ],
    [
      'listener.allowedroutes.namespaces.from set to selector with no selector specified',
      '{namespaces: {from: Selector}}',
      [
        ['same ns', 'ns1', false],
        ['different ns', 'ns2', false],
      ],
    ],
    [
      // The Go mock selector returns {ns3, ns5}; here the label routes=allowed selects them.
      'listener.allowedroutes.namespaces.from set to selector',
      '{namespaces: {from: Selector, selector: {matchLabels: {routes: allowed}}}}',
      [
        ['same ns but not in selector', 'ns1', false],
        ['different ns', 'ns2', false],
        ['different ns but in selector results', 'ns3', true],
      ],
    ],
  ];
  const selectedNamespaces = ['ns3', 'ns5'].map((n) => `---\napiVersion: v1\nkind: Namespace\nmetadata: {name: ${n}, labels: {routes: allowed}}\n`).join('');
  it.each(namespaceCases.flatMap(([name, allowedRoutes, scenarios]) => scenarios.map(([scenario, ns, expected]) => [`${name}-${scenario}`, allowedRoutes, ns, expected] as const)))(
    `listener_attachment_helper_test.go ${N}/%s`,
    (_, allowedRoutes, routeNamespace, expected) => {
      const r = cleanCase(gateway('alb', { protocol: 'HTTP', ...(allowedRoutes !== undefined ? { allowedRoutes } : {}) }) + selectedNamespaces + route('HTTPRoute', routeNamespace));
      if (expected) expect(accepted(r, 'HTTPRoute', routeNamespace)?.status).toBe('True');
      else expect(accepted(r, 'HTTPRoute', routeNamespace)).toMatchObject({ status: 'False', reason: 'NotAllowedByListeners', message: NAMESPACE_MISMATCH });
    },
  );

  const K = 'Test_kindCheck';
  // ALB listeners with a protocol ALB does not serve are invalid, but LBC still tries (and
  // counts) attachments to them, so the kind check is visible on them too.
  it.each([
    ['use fallback - https protocol, http route', 'alb', { protocol: 'HTTPS', tls: '{certificateRefs: [{name: cert}]}' }, 'HTTPRoute', true],
    ['use fallback - http protocol, http route', 'alb', { protocol: 'HTTPS', tls: '{certificateRefs: [{name: cert}]}' }, 'HTTPRoute', true],
    ['use fallback - udp protocol, http route', 'alb', { protocol: 'UDP' }, 'HTTPRoute', false],
    ['use allowed kinds list - no route kinds specified', 'alb', { protocol: 'HTTP', allowedRoutes: '{kinds: []}' }, 'HTTPRoute', true],
    ['use allowed kinds list - override protocol specific allowed kinds', 'alb', { protocol: 'UDP', allowedRoutes: '{kinds: [{kind: HTTPRoute}]}' }, 'HTTPRoute', true],
    ['tls listener, tcp route, terminate by default', 'nlb', { protocol: 'TCP' }, 'TCPRoute', true],
    ['tls listener, tls route, terminate by default', 'nlb', { protocol: 'TLS', tls: '{certificateRefs: [{name: cert}]}' }, 'TLSRoute', true],
    ['tls listener, tcp route, terminate specified', 'nlb', { protocol: 'TLS', tls: '{mode: Terminate, certificateRefs: [{name: cert}]}' }, 'TCPRoute', true],
    ['tls listener, tcp route, passthrough specified', 'nlb', { protocol: 'TLS', tls: '{mode: Passthrough}' }, 'TCPRoute', true],
    ['tls listener, tls route, passthrough specified', 'nlb', { protocol: 'TLS', tls: '{mode: Passthrough}' }, 'TLSRoute', true],
  ] as const)(`listener_attachment_helper_test.go ${K}/%s`, (_, className, listener, kind, allowed) => {
    const service = `---\napiVersion: v1\nkind: Service\nmetadata: {name: svc, namespace: ns1}\nspec: {type: NodePort, ports: [{port: 80, targetPort: 8080, nodePort: 30080}]}\n`;
    const r = cleanCase(gateway(className, listener) + route(kind, 'ns1') + service);
    expect(attachedRoutes(r)).toBe(allowed ? 1 : 0);
    if (!allowed) expect(accepted(r, kind, 'ns1')).toMatchObject({ status: 'False', reason: 'NotAllowedByListeners', message: KIND_MISMATCH });
  });

  const H = 'Test_hostnameCheck';
  it.each([
    ['listener has no hostname - should pass', undefined, ['example.com'], 'attached'],
    ['route has no hostnames - should pass', 'example.com', [], 'attached'],
    ['listener hostname invalid - should fail', LONG_LABEL_HOST, ['example.com'], 'error'],
    ['compatible hostnames - should pass', 'example.com', ['example.com'], 'attached'],
    ['incompatible hostnames - should fail', 'example.com', ['example.test.com'], 'rejected'],
    ['route has invalid hostname but valid one matches - should pass', 'example.com', [LONG_LABEL_HOST, 'example.com'], 'attached'],
    ['route has only invalid hostnames - should fail', 'example.com', [LONG_LABEL_HOST, LONG_LABEL_HOST_2], 'rejected'],
  ] as const)(`listener_attachment_helper_test.go ${H}/%s`, (_, listenerHost, routeHosts, outcome) => {
    const r = cleanCase(gateway('alb', { protocol: 'HTTP', ...(listenerHost !== undefined ? { hostname: listenerHost } : {}) }) + route('HTTPRoute', 'ns1', routeHosts));
    const gw = r.resolution.gateways[0]!;
    switch (outcome) {
      case 'attached':
        expect(accepted(r, 'HTTPRoute', 'ns1')?.status).toBe('True');
        break;
      case 'rejected':
        expect(accepted(r, 'HTTPRoute', 'ns1')).toMatchObject({ status: 'False', reason: 'NoMatchingListenerHostname', message: NO_MATCHING_HOSTNAME });
        break;
      case 'error':
        expect(gw.fatal).toEqual({ kind: 'loader', message: `listener hostname l is not valid (listener name ${LONG_LABEL_HOST})` });
        expect(r.status('HTTPRoute', 'ns1', 'route1')).toBeUndefined();
        break;
    }
  });

  const I = 'Test_hostnameIntersection';
  it.each([
    ['Route has nil hostnames - inherits listener hostname', 'bar.com', undefined, ['bar.com']],
    ['Route has NO hostnames - inherits listener hostname', 'bar.com', [], ['bar.com']],
    ['Listener has NO hostname', undefined, ['foo.com'], []],
    ['Both have NO hostnames', undefined, [], []],
    ['Exact match', 'bar.com', ['bar.com'], ['bar.com']],
    ['Listener wildcard matches route', '*.bar.com', ['foo.bar.com'], ['foo.bar.com']],
    ['Route wildcard matches listener', 'foo.bar.com', ['*.bar.com'], ['foo.bar.com']],
    ['Both wildcards, compatible', '*.bar.com', ['*.bar.com'], ['*.bar.com']],
    ['No overlap - rejected', 'bar.com', ['foo.com'], undefined],
    ['Multiple route hostnames, partial match', '*.bar.com', ['foo.bar.com', 'baz.bar.com', 'unrelated.com'], ['foo.bar.com', 'baz.bar.com']],
  ] as const)(`listener_attachment_helper_test.go ${I}/%s`, (_, listenerHost, routeHosts, compatible) => {
    const r = cleanCase(gateway('alb', { protocol: 'HTTP', ...(listenerHost !== undefined ? { hostname: listenerHost } : {}) }) + route('HTTPRoute', 'ns1', routeHosts));
    const attached = r.resolution.gateways[0]!.ports[0]!.routes;
    if (compatible === undefined) {
      expect(attached).toEqual([]);
      expect(accepted(r, 'HTTPRoute', 'ns1')).toMatchObject({ status: 'False', reason: 'NoMatchingListenerHostname' });
    } else {
      expect(attached.map((a) => a.compatibleHostnames)).toEqual([compatible]);
    }
  });

  it.each([
    ['http-route', 'HTTPRoute'],
    ['grpc-route', 'GRPCRoute'],
  ] as const)('listener_attachment_helper_test.go Test_listenerAllowsAttachment_OverlappingHttpAndGrpcHostname/%s', (name, kind) => {
    // GEP-1016: an HTTPRoute and a GRPCRoute may share a hostname on one HTTPS listener.
    const listener = { protocol: 'HTTPS', port: 443, hostname: 'example.com', tls: '{certificateRefs: [{name: cert}]}' };
    const r = cleanCase(gateway('alb', listener) + route('HTTPRoute', 'ns1', ['example.com'], 'http-route', 443) + route('GRPCRoute', 'ns1', ['example.com'], 'grpc-route', 443));
    expect(accepted(r, kind, 'ns1', name)?.status).toBe('True');
    const attached = r.resolution.gateways[0]!.ports[0]!.routes.find((a) => a.route.metadata.name === name);
    expect(attached?.compatibleHostnames).toEqual(['example.com']);
  });
});
