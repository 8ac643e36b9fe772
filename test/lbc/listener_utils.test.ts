/**
 * Port of LBC v3.5.0 pkg/gateway/routeutils/listener_utils_test.go: listener validation
 * (`validateListeners`, `validateListenerList`, `getSupportedKinds`) and the Gateway's
 * `attachedListenerSets` count (`CalculateAttachedListenerSets`). Each case is a Gateway (and
 * ListenerSets) run through gwlb's resolver; the Go results are read from the resolved listeners
 * and the statuses gwlb writes (listener reasons, supportedKinds, the Gateway's Accepted reason,
 * which is ListenersNotValid exactly when LBC's `HasErrors()` is true).
 *
 * The Gateway CRD rejects several Go inputs before LBC sees them: no listeners (minItems 1),
 * ports outside 1–65535, and two listeners with the same port, protocol and hostname. Those cases
 * are skipped; the hostname conflicts they aim at are reached through ListenerSets instead.
 */
import { describe, expect, it } from 'vitest';
import type { LbcCaseResult } from './harness.js';
import { brief, lbcCase, skipCase } from './harness.js';
import { gateway, listener, listenerSet, manifests, NS, type Obj } from './listener-fixtures.js';

const T = 'listener_utils_test.go';
const CRD_MIN_LISTENERS = 'a Gateway (and a ListenerSet) needs at least one listener (CRD minItems 1)';
const CRD_PORT_RANGE = 'the Gateway CRD limits listener ports to 1–65535';
const CRD_UNIQUE = 'the Gateway CRD requires port, protocol and hostname to be unique per listener';

function run(docs: Obj[]): LbcCaseResult {
  return lbcCase(manifests(...docs));
}

/** Listener verdicts as `<owner>/<name>=<reason>`, in validation order. */
function reasons(r: LbcCaseResult): string[] {
  return r.resolution.gateways[0]!.listeners.map((l) => `${l.owner.metadata.name}/${l.listener.name}=${l.reason}`);
}

/**
 * The Gateway's Accepted reason: ListenersNotValid when any listener (its own or a set's) failed
 * validation (gateway_controller.go updateGatewayStatusSuccess; its status is True only while some
 * listener is valid, which these cases do not look at).
 */
function gatewayAccepted(r: LbcCaseResult): string | undefined {
  const st = r.status('Gateway', NS, 'gw');
  return st?.kind === 'Gateway' ? brief(st.conditions).find((c) => c.startsWith('Accepted='))?.split('/')[1] : undefined;
}

const HAS_ERRORS = 'ListenersNotValid';
const NO_ERRORS = 'Accepted';
const passthrough = { tls: { mode: 'Passthrough' } };

describe(`${T} TestValidateListeners`, () => {
  const M = `${T} TestValidateListeners`;
  skipCase(`${M}/empty listeners`, CRD_MIN_LISTENERS);
  skipCase(`${M}/invalid port - too low`, CRD_PORT_RANGE);
  skipCase(`${M}/invalid port - too high`, CRD_PORT_RANGE);
  skipCase(`${M}/hostname conflict`, CRD_UNIQUE);

  it.each([
    ['valid HTTP listener', 'alb', [listener('http', 80, 'HTTP')], ['gw/http=Accepted'], NO_ERRORS],
    ['ALB unsupported TCP protocol', 'alb', [listener('tcp', 80, 'TCP')], ['gw/tcp=UnsupportedProtocol'], HAS_ERRORS],
    ['ALB unsupported UDP protocol', 'alb', [listener('udp', 80, 'UDP')], ['gw/udp=UnsupportedProtocol'], HAS_ERRORS],
    ['ALB unsupported TLS protocol', 'alb', [listener('tls', 80, 'TLS', passthrough)], ['gw/tls=UnsupportedProtocol'], HAS_ERRORS],
    ['NLB unsupported HTTP protocol', 'nlb', [listener('http', 80, 'HTTP')], ['gw/http=UnsupportedProtocol'], HAS_ERRORS],
    ['NLB unsupported HTTPS protocol', 'nlb', [listener('https', 443, 'HTTPS')], ['gw/https=UnsupportedProtocol'], HAS_ERRORS],
    ['protocol conflict - HTTP vs HTTPS', 'alb', [listener('http', 80, 'HTTP'), listener('https', 80, 'HTTPS')], ['gw/http=Accepted', 'gw/https=ProtocolConflict'], HAS_ERRORS],
    ['TCP+UDP allowed on same port', 'nlb', [listener('tcp', 80, 'TCP'), listener('udp', 80, 'UDP')], ['gw/tcp=Accepted', 'gw/udp=Accepted'], NO_ERRORS],
    [
      'different hostnames on same port - valid',
      'alb',
      [listener('http1', 80, 'HTTP', { hostname: 'example.com' }), listener('http2', 80, 'HTTP', { hostname: 'test.com' })],
      ['gw/http1=Accepted', 'gw/http2=Accepted'],
      NO_ERRORS,
    ],
    ['invalid route kinds', 'alb', [listener('invalid-kinds', 80, 'HTTP', { allowedRoutes: { kinds: [{ kind: 'TCPRoute' }] } })], ['gw/invalid-kinds=InvalidRouteKinds'], HAS_ERRORS],
  ] as const)(`${M}/%s`, (_name, cls, ls, want, accepted) => {
    const r = run(gateway(cls, [...ls]));
    expect(reasons(r)).toEqual(want);
    expect(gatewayAccepted(r)).toBe(accepted);
  });
});

describe(`${T} TestGetSupportedKinds`, () => {
  const M = `${T} TestGetSupportedKinds`;
  it.each([
    ['ALB HTTP listener default kinds', 'alb', listener('l', 80, 'HTTP'), true, ['HTTPRoute']],
    ['ALB HTTPS listener default kinds', 'alb', listener('l', 443, 'HTTPS'), true, ['GRPCRoute', 'HTTPRoute']],
    ['NLB TCP listener default kinds', 'nlb', listener('l', 80, 'TCP'), true, ['TCPRoute']],
    ['ALB with valid explicit kinds', 'alb', listener('l', 80, 'HTTP', { allowedRoutes: { kinds: [{ kind: 'HTTPRoute' }] } }), true, ['HTTPRoute']],
    ['ALB with invalid explicit kinds', 'alb', listener('l', 80, 'HTTP', { allowedRoutes: { kinds: [{ kind: 'TCPRoute' }] } }), false, []],
  ] as const)(`${M}/%s`, (_name, cls, l, supported, kinds) => {
    const r = run(gateway(cls, [l]));
    const st = r.status('Gateway', NS, 'gw');
    const ls = st?.kind === 'Gateway' ? st.listeners?.[0] : undefined;
    expect(ls?.supportedKinds.map((k) => k.kind).sort()).toEqual(kinds);
    expect(ls?.supportedKinds.every((k) => k.group === 'gateway.networking.k8s.io')).toBe(true);
    expect(r.resolution.gateways[0]!.listeners[0]!.reason === 'InvalidRouteKinds').toBe(!supported);
  });
});

/** Gateway `gw` admitting ListenerSets from any namespace, with its own listeners. */
const gwAllowingSets = (ls: Obj[], cls: 'alb' | 'nlb' = 'alb') => gateway(cls, ls, { spec: { allowedListeners: { namespaces: { from: 'All' } } } });
/** Port 9999 conflicts with nothing in these cases; Gateways need a listener of their own. */
const own = listener('own', 9999, 'HTTP');

describe(`${T} TestValidateListeners_ListenerSets`, () => {
  const M = `${T} TestValidateListeners_ListenerSets`;
  it.each([
    ['valid listener set listener - no conflicts', [own], [listener('http', 80, 'HTTP')], ['gw/own=Accepted', 'ls1/http=Accepted'], NO_ERRORS],
    [
      'listener set conflicts with gateway listener - LS gets protocol conflict',
      [listener('gw-http', 80, 'HTTP')],
      [listener('ls-https', 80, 'HTTPS')],
      ['gw/gw-http=Accepted', 'ls1/ls-https=ProtocolConflict'],
      HAS_ERRORS,
    ],
    [
      'listener set hostname conflict with gateway listener',
      [listener('gw-http', 80, 'HTTP', { hostname: 'example.com' })],
      [listener('ls-http', 80, 'HTTP', { hostname: 'example.com' })],
      ['gw/gw-http=Accepted', 'ls1/ls-http=HostnameConflict'],
      HAS_ERRORS,
    ],
    ['listener set with invalid protocol for ALB', [own], [listener('tcp', 80, 'TCP')], ['gw/own=Accepted', 'ls1/tcp=UnsupportedProtocol'], HAS_ERRORS],
    ['gateway and listener set both valid on different ports', [listener('gw-http', 80, 'HTTP')], [listener('ls-https', 443, 'HTTPS')], ['gw/gw-http=Accepted', 'ls1/ls-https=Accepted'], NO_ERRORS],
  ] as const)(`${M}/%s`, (_name, gwListeners, lsListeners, want, accepted) => {
    const r = run([...gwAllowingSets([...gwListeners]), listenerSet('ls1', [...lsListeners], { namespace: 'ns1' })]);
    expect(reasons(r)).toEqual(want);
    // Gateway-level HasErrors: the Gateway's own listener statuses are all Accepted in these cases.
    const st = r.status('Gateway', NS, 'gw');
    expect(st?.kind === 'Gateway' ? st.listeners?.map((l) => l.conditions.find((c) => c.type === 'Accepted')?.reason) : undefined).toEqual(gwListeners.map(() => 'Accepted'));
    expect(gatewayAccepted(r)).toBe(accepted);
  });

  it(`${M}/multiple listener sets - older LS takes priority over newer LS on conflict`, () => {
    const r = run([
      ...gwAllowingSets([own]),
      listenerSet('ls-newer', [listener('https', 80, 'HTTPS')], { namespace: 'ns1', creationTimestamp: '2025-06-01T00:00:00Z' }),
      listenerSet('ls-older', [listener('http', 80, 'HTTP')], { namespace: 'ns1', creationTimestamp: '2025-01-01T00:00:00Z' }),
    ]);
    expect(reasons(r)).toEqual(['gw/own=Accepted', 'ls-older/http=Accepted', 'ls-newer/https=ProtocolConflict']);
    expect(gatewayAccepted(r)).toBe(HAS_ERRORS);
  });

  it(`${M}/empty listener set load result`, () => {
    const r = run(gwAllowingSets([own]));
    expect(reasons(r)).toEqual(['gw/own=Accepted']);
    expect(gatewayAccepted(r)).toBe(NO_ERRORS);
  });
});

describe(`${T} TestCalculateAttachedListenerSets`, () => {
  const M = `${T} TestCalculateAttachedListenerSets`;
  const valid = (name: string, port: number) => listener(name, port, 'HTTP');
  /** Invalid on an ALB: UnsupportedProtocol. */
  const invalid = (name: string, port: number) => listener(name, port, 'TCP');
  const attached = (r: LbcCaseResult) => {
    const st = r.status('Gateway', NS, 'gw');
    return st?.kind === 'Gateway' ? st.attachedListenerSets : undefined;
  };

  it(`${M}/nil map returns zero`, () => {
    expect(attached(run(gwAllowingSets([own])))).toBe(0);
  });

  it(`${M}/empty map returns zero`, () => {
    // A ListenerSet the Gateway does not allow is rejected and never validated.
    const r = run([...gateway('alb', [own]), listenerSet('ls1', [valid('listener-1', 80)], { namespace: 'ns1' })]);
    expect(attached(r)).toBe(0);
  });

  skipCase(`${M}/listener set with empty results map`, CRD_MIN_LISTENERS);

  it.each([
    ['single listener set with one valid listener', [['ns1', 'ls1', [valid('listener-1', 80)]]], 1],
    ['single listener set with one invalid listener', [['ns1', 'ls1', [invalid('listener-1', 80)]]], 0],
    ['single listener set with mixed valid and invalid listeners counts as one', [['ns1', 'ls1', [invalid('listener-1', 81), valid('listener-2', 82), invalid('listener-3', 83)]]], 1],
    [
      'multiple listener sets all valid',
      [
        ['ns1', 'ls1', [valid('listener-1', 81)]],
        ['ns1', 'ls2', [valid('listener-2', 82)]],
        ['ns2', 'ls3', [valid('listener-3', 83)]],
      ],
      3,
    ],
    [
      'multiple listener sets some with no valid listeners',
      [
        ['ns1', 'ls1', [valid('listener-1', 81)]],
        ['ns1', 'ls2', [invalid('listener-2', 82), invalid('listener-3', 83)]],
        ['ns2', 'ls3', [valid('listener-4', 84), invalid('listener-5', 85)]],
      ],
      2,
    ],
    [
      'all listener sets have only invalid listeners',
      [
        ['ns1', 'ls1', [invalid('listener-1', 81)]],
        ['ns2', 'ls2', [invalid('listener-2', 82)]],
      ],
      0,
    ],
  ] as const)(`${M}/%s`, (_name, sets, want) => {
    const r = run([...gwAllowingSets([own]), ...sets.map(([namespace, name, ls]) => listenerSet(name, [...ls], { namespace }))]);
    expect(r.resolution.gateways[0]!.acceptedListenerSets).toHaveLength(sets.length);
    expect(attached(r)).toBe(want);
  });
});

describe(`${T} TestValidateListenerList`, () => {
  const M = `${T} TestValidateListenerList`;
  skipCase(`${M}/empty listener list produces no results`, CRD_MIN_LISTENERS);
  skipCase(`${M}/port below minimum is unavailable`, CRD_PORT_RANGE);
  skipCase(`${M}/port above maximum is unavailable`, CRD_PORT_RANGE);
  skipCase(`${M}/same protocol on same port does not conflict`, CRD_UNIQUE);
  skipCase(`${M}/hostname conflict on same port and hostname`, `${CRD_UNIQUE}; the same conflict through a ListenerSet is TestValidateListeners_ListenerSets`);

  it.each([
    ['valid ALB HTTP listener is accepted', 'alb', [listener('http', 80, 'HTTP')], ['gw/http=Accepted']],
    ['unsupported route kind is rejected', 'alb', [listener('bad-kind', 80, 'HTTP', { allowedRoutes: { kinds: [{ kind: 'TCPRoute' }] } })], ['gw/bad-kind=InvalidRouteKinds']],
    ['ALB rejects TCP protocol', 'alb', [listener('tcp', 80, 'TCP')], ['gw/tcp=UnsupportedProtocol']],
    ['ALB rejects UDP protocol', 'alb', [listener('udp', 80, 'UDP')], ['gw/udp=UnsupportedProtocol']],
    ['ALB rejects TLS protocol', 'alb', [listener('tls', 443, 'TLS', passthrough)], ['gw/tls=UnsupportedProtocol']],
    ['NLB rejects HTTP protocol', 'nlb', [listener('http', 80, 'HTTP')], ['gw/http=UnsupportedProtocol']],
    ['NLB rejects HTTPS protocol', 'nlb', [listener('https', 443, 'HTTPS')], ['gw/https=UnsupportedProtocol']],
    ['ALB rejects unknown protocol', 'alb', [listener('foo', 80, 'FOO')], ['gw/foo=UnsupportedProtocol']],
    ['NLB rejects unknown protocol', 'nlb', [listener('foo', 80, 'FOO')], ['gw/foo=UnsupportedProtocol']],
    ['NLB accepts TLS protocol', 'nlb', [listener('tls', 443, 'TLS', passthrough)], ['gw/tls=Accepted']],
    ['ALB accepts HTTPS protocol', 'alb', [listener('https', 443, 'HTTPS')], ['gw/https=Accepted']],
    ['protocol conflict on same port with incompatible protocols', 'alb', [listener('http', 80, 'HTTP'), listener('https', 80, 'HTTPS')], ['gw/http=Accepted', 'gw/https=ProtocolConflict']],
    ['TCP then UDP on same port is allowed', 'nlb', [listener('tcp', 80, 'TCP'), listener('udp', 80, 'UDP')], ['gw/tcp=Accepted', 'gw/udp=Accepted']],
    ['UDP then TCP on same port is allowed', 'nlb', [listener('udp', 80, 'UDP'), listener('tcp', 80, 'TCP')], ['gw/udp=Accepted', 'gw/tcp=Accepted']],
    ['listener with hostname and no conflict is accepted', 'alb', [listener('http', 80, 'HTTP', { hostname: 'example.com' })], ['gw/http=Accepted']],
    [
      'different hostnames on same port are accepted',
      'alb',
      [listener('http-a', 80, 'HTTP', { hostname: 'a.example.com' }), listener('http-b', 80, 'HTTP', { hostname: 'b.example.com' })],
      ['gw/http-a=Accepted', 'gw/http-b=Accepted'],
    ],
  ] as const)(`${M}/%s`, (_name, cls, ls, want) => {
    const r = run(gateway(cls, [...ls]));
    expect(reasons(r)).toEqual(want);
    expect(gatewayAccepted(r)).toBe(want.every((w) => w.endsWith('=Accepted')) ? NO_ERRORS : HAS_ERRORS);
  });

  // The pre-seeded maps are what earlier lists (the Gateway's own listeners) leave behind.
  it(`${M}/pre-seeded protocol map causes conflict on first listener`, () => {
    const r = run([...gwAllowingSets([listener('seed', 80, 'HTTP')]), listenerSet('ls', [listener('https', 80, 'HTTPS')])]);
    expect(reasons(r)).toEqual(['gw/seed=Accepted', 'ls/https=ProtocolConflict']);
  });

  it(`${M}/pre-seeded hostname map causes conflict on first listener`, () => {
    const r = run([...gwAllowingSets([listener('seed', 80, 'HTTP', { hostname: 'example.com' })]), listenerSet('ls', [listener('http', 80, 'HTTP', { hostname: 'example.com' })])]);
    expect(reasons(r)).toEqual(['gw/seed=Accepted', 'ls/http=HostnameConflict']);
  });
});
