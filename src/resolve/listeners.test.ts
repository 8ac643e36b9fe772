import { describe, expect, it } from 'vitest';
import type { Gateway, Listener } from '../source/gateway-api.js';
import { validateListeners, type ListenerCandidate } from './listeners.js';
import { listenerConditions } from './status.js';
import type { ListenerReason, ResolvedListener } from './types.js';

const owner = { kind: 'Gateway' } as unknown as Gateway;

function listeners(...specs: [string, number, string, string?, string[]?][]): ListenerCandidate[] {
  return specs.map(([name, port, protocol, hostname, kinds], index) => ({
    owner,
    index,
    listener: {
      name,
      port,
      protocol,
      ...(hostname ? { hostname } : {}),
      allowedRoutes: { namespaces: { from: 'Same' }, ...(kinds ? { kinds: kinds.map((kind) => ({ group: 'gateway.networking.k8s.io', kind })) } : {}) },
    } as Listener,
  }));
}

const reasons = (c: ListenerCandidate[], type: 'application' | 'network' = 'application') => validateListeners(c, type).map((v) => v.reason);

// lbc-l7-routes-status.md §8 E21 (listener_utils_test.go) and the §2.3 registration quirks.
describe('validateListeners (E21)', () => {
  it('same port, different protocol: the later listener is a ProtocolConflict', () => {
    expect(reasons(listeners(['http', 80, 'HTTP'], ['https', 80, 'HTTPS']))).toEqual(['Accepted', 'ProtocolConflict']);
  });
  it('same port and hostname: HostnameConflict; different hostnames: both accepted', () => {
    expect(reasons(listeners(['http1', 80, 'HTTP', 'example.com'], ['http2', 80, 'HTTP', 'example.com']))).toEqual(['Accepted', 'HostnameConflict']);
    expect(reasons(listeners(['http1', 80, 'HTTP', 'example.com'], ['http2', 80, 'HTTP', 'test.com']))).toEqual(['Accepted', 'Accepted']);
  });
  it('hostname-less listeners on one port never conflict', () => {
    expect(reasons(listeners(['a', 80, 'HTTP'], ['b', 80, 'HTTP']))).toEqual(['Accepted', 'Accepted']);
  });
  it('a ProtocolConflict listener still registers its hostname key', () => {
    expect(reasons(listeners(['a', 80, 'HTTP'], ['b', 80, 'HTTPS', 'a.com'], ['c', 80, 'HTTP', 'a.com']))).toEqual(['Accepted', 'ProtocolConflict', 'HostnameConflict']);
  });
  it('route kinds, ports and protocols the ALB controller does not serve', () => {
    expect(reasons(listeners(['t', 80, 'HTTP', undefined, ['TCPRoute']]))).toEqual(['InvalidRouteKinds']);
    expect(reasons(listeners(['p0', 0, 'HTTP'], ['p1', 65536, 'HTTP']))).toEqual(['PortUnavailable', 'PortUnavailable']);
    expect(reasons(listeners(['t', 80, 'TCP'], ['u', 81, 'UDP'], ['s', 82, 'TLS']))).toEqual(['UnsupportedProtocol', 'UnsupportedProtocol', 'UnsupportedProtocol']);
  });
  it('NLB: TCP and UDP may share a port; TLS on a TCP port conflicts', () => {
    expect(reasons(listeners(['t', 53, 'TCP'], ['u', 53, 'UDP'], ['s', 53, 'TLS']), 'network')).toEqual(['Accepted', 'Accepted', 'ProtocolConflict']);
    expect(reasons(listeners(['h', 80, 'HTTP']), 'network')).toEqual(['UnsupportedProtocol']);
  });
  it('messages are LBC\'s, verbatim', () => {
    const verdicts = validateListeners(listeners(['http', 80, 'HTTP', 'a.com'], ['dup', 80, 'HTTP', 'a.com'], ['x', 0, 'HTTP'], ['y', 81, 'TCP'], ['z', 82, 'HTTP', undefined, ['UDPRoute']], ['w', 80, 'HTTPS']), 'application');
    expect(verdicts.map((v) => v.message)).toEqual([
      'Listener is accepted.',
      'Hostname conflict for port 80 with hostname a.com',
      'Port 0 is not available (listener name x)',
      'Unsupported protocol TCP for listener y',
      'Invalid route kind for listener z',
      'Protocol conflict for port 80',
    ]);
  });
});

// §8 E22 (Test_getListenerConditions, Test_buildProgrammedCondition).
describe('listener conditions (E22)', () => {
  const resolved = (reason: ListenerReason): ResolvedListener => ({
    listener: { name: 'l', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'Same' } } },
    owner,
    index: 0,
    reason,
    message: 'm',
    valid: reason === 'Accepted',
    supportedKinds: [],
    attachedRoutes: 0,
  });
  it.each([
    ['HostnameConflict', ['HostnameConflict', 'HostnameConflict', 'ResolvedRefs', 'HostnameConflict']],
    ['ProtocolConflict', ['ProtocolConflict', 'ProtocolConflict', 'ResolvedRefs', 'ProtocolConflict']],
    ['PortUnavailable', ['NoConflicts', 'PortUnavailable', 'ResolvedRefs', 'PortUnavailable']],
    ['UnsupportedProtocol', ['NoConflicts', 'UnsupportedProtocol', 'ResolvedRefs', 'UnsupportedProtocol']],
    ['InvalidRouteKinds', ['NoConflicts', 'Accepted', 'InvalidRouteKinds', 'InvalidRouteKinds']],
  ] as const)('%s → Conflicted/Accepted/ResolvedRefs/Programmed reasons', (reason, expected) => {
    const conditions = listenerConditions(resolved(reason), false, 1);
    expect(conditions.map((c) => c.type)).toEqual(['Conflicted', 'Accepted', 'ResolvedRefs', 'Programmed']);
    expect(conditions.map((c) => c.reason)).toEqual(expected);
  });
  it('Programmed alone', () => {
    expect(listenerConditions(resolved('Accepted'), true, 1)[3]).toMatchObject({ status: 'True', reason: 'Programmed' });
    expect(listenerConditions(resolved('Accepted'), false, 1)[3]).toMatchObject({ status: 'False', reason: 'Pending' });
    expect(listenerConditions(resolved('HostnameConflict'), true, 1)[3]).toMatchObject({ status: 'False', reason: 'HostnameConflict' });
    expect(listenerConditions(resolved('HostnameConflict'), false, 1)[3]).toMatchObject({ status: 'False', reason: 'HostnameConflict' });
  });
});
