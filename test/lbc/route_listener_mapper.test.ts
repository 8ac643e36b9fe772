/**
 * Port of LBC v3.5.0 pkg/gateway/routeutils/route_listener_mapper_test.go. The Go tests drive
 * `mapListenersAndRoutes` with a mocked attachment helper that accepts or rejects each
 * (listener, route) pair; here the same acceptances come from real manifests (hostnames,
 * allowedRoutes namespaces, sectionName/port), and listener validity from real validation. The
 * mapper's outputs are read from gwlb's resolution: routes per port (`routesByPort`), the valid
 * listeners (`attachedListeners`), and the route parent statuses (`matchedParentRefs` are the
 * Accepted=True parents, `failedRoutes` the Accepted=False ones).
 *
 * LBC pre-seeds an empty route list for every listener port; the loader drops the empty ones, so
 * ports with no routes are simply absent from the expectations below.
 */
import { describe, expect, it } from 'vitest';
import type { LbcCaseResult } from './harness.js';
import { lbcCase, skipCase } from './harness.js';
import { gateway, listener, listenerSet, manifests, NS, route, service, type Obj } from './listener-fixtures.js';

const T = 'route_listener_mapper_test.go';

function run(docs: (Obj | string)[]): LbcCaseResult {
  return lbcCase(manifests(...docs, service()));
}

/** Port → `Kind/name` of the routes attached there (non-empty ports only). */
function routesByPort(r: LbcCaseResult): Record<number, string[]> {
  const out: Record<number, string[]> = {};
  for (const p of r.resolution.gateways[0]!.ports) {
    if (p.routes.length > 0) out[p.port] = p.routes.map((a) => `${a.route.kind}/${a.route.metadata.name}`).sort();
  }
  return out;
}

/** Valid listeners (LBC's attachedListeners) as `<owner>/<name>:<port>`. */
function attachedListeners(r: LbcCaseResult): string[] {
  return r.resolution.gateways[0]!.listeners.filter((l) => l.valid).map((l) => `${l.owner.metadata.name}/${l.listener.name}:${l.listener.port}`);
}

/** A route's parent statuses as `<Kind>/<name>[#section][:port] Accepted=<status>/<reason>`. */
function parents(r: LbcCaseResult, name: string, kind = 'HTTPRoute'): string[] {
  const st = r.status(kind, NS, name);
  if (st?.kind !== 'Route') return [];
  return st.parents.map((p) => {
    const ref = p.parentRef;
    const accepted = p.conditions.find((c) => c.type === 'Accepted');
    return `${ref.kind ?? 'Gateway'}/${ref.name}${ref.sectionName ? `#${ref.sectionName}` : ''}${ref.port ? `:${ref.port}` : ''} Accepted=${accepted?.status}/${accepted?.reason}`;
  });
}

const http = (name: string, port: number, extra: Obj = {}) => listener(name, port, 'HTTP', extra);
const gwRef = (extra: Obj = {}) => ({ name: 'gw', namespace: NS, ...extra });
const lsRef = (name = 'my-ls') => ({ group: 'gateway.networking.k8s.io', kind: 'ListenerSet', name, namespace: NS });
const httpRoute = (name: string, parentRefs: Obj[] = [gwRef()], hostnames?: string[]) => route('HTTPRoute', name, { parentRefs, ...(hostnames ? { hostnames } : {}) });
const ACCEPTED = 'Accepted=True/Accepted';

describe(`${T} Test_mapListenersAndRoutes`, () => {
  const M = `${T} Test_mapListenersAndRoutes`;
  const twoListeners = (extraHttp: Obj = {}, extraHttps: Obj = {}) => gateway('alb', [http('http', 80, extraHttp), http('https', 443, extraHttps)]);

  it(`${M}/no routes, no output`, () => {
    const r = run([...twoListeners()]);
    expect(routesByPort(r)).toEqual({});
    expect(attachedListeners(r)).toEqual(['gw/http:80', 'gw/https:443']);
  });

  it(`${M}/routes mapped to specific listeners`, () => {
    // route1 is only allowed on http, route2 only on https: here through listener hostnames.
    const r = run([...twoListeners({ hostname: 'one.example.com' }, { hostname: 'two.example.com' }), httpRoute('route1', [gwRef()], ['one.example.com']), httpRoute('route2', [gwRef()], ['two.example.com'])]);
    expect(routesByPort(r)).toEqual({ 80: ['HTTPRoute/route1'], 443: ['HTTPRoute/route2'] });
    expect(parents(r, 'route1')).toEqual([`Gateway/gw ${ACCEPTED}`]);
    expect(parents(r, 'route2')).toEqual([`Gateway/gw ${ACCEPTED}`]);
  });

  it(`${M}/all routes to all listeners`, () => {
    const r = run([...twoListeners(), httpRoute('route1'), httpRoute('route2')]);
    expect(routesByPort(r)).toEqual({ 80: ['HTTPRoute/route1', 'HTTPRoute/route2'], 443: ['HTTPRoute/route1', 'HTTPRoute/route2'] });
    expect(parents(r, 'route1')).toEqual([`Gateway/gw ${ACCEPTED}`]);
    expect(parents(r, 'route2')).toEqual([`Gateway/gw ${ACCEPTED}`]);
  });

  it(`${M}/deduplication when multiple listeners share a port`, () => {
    // Two HTTP listeners on one port need distinct hostnames (Gateway CRD); a route without
    // hostnames attaches to both.
    const r = run([...gateway('alb', [http('http-a', 80, { hostname: 'a.example.com' }), http('http-b', 80, { hostname: 'b.example.com' })]), httpRoute('route1')]);
    expect(routesByPort(r)).toEqual({ 80: ['HTTPRoute/route1'] });
    expect(r.resolution.gateways[0]!.listeners.map((l) => l.attachedRoutes)).toEqual([1, 1]);
    expect(parents(r, 'route1')).toEqual([`Gateway/gw ${ACCEPTED}`]);
  });

  it(`${M}/route rejected by all listeners produces failed route`, () => {
    // Both listeners admit routes from their own namespace only; the route lives elsewhere.
    const r = run([...twoListeners(), route('HTTPRoute', 'route1', { namespace: 'other', parentRefs: [gwRef()] })]);
    expect(routesByPort(r)).toEqual({});
    const st = r.status('HTTPRoute', 'other', 'route1');
    expect(st?.kind === 'Route' ? st.parents.map((p) => p.conditions.find((c) => c.type === 'Accepted')?.reason) : undefined).toEqual(['NotAllowedByListeners']);
  });

  it(`${M}/route with wrong gateway name is ignored`, () => {
    const r = run([...twoListeners(), httpRoute('route-wrong', [{ name: 'other-gw', namespace: NS }])]);
    expect(routesByPort(r)).toEqual({});
    expect(parents(r, 'route-wrong')).toEqual([]);
  });

  it(`${M}/attachment helper error is propagated`, () => {
    // The helper's error path reachable from manifests: an IP address as listener hostname
    // (listener_attachment_helper.go hostnameCheck) fails the whole Gateway's route loading.
    const r = run([...twoListeners({ hostname: '10.0.0.1' }), httpRoute('route1', [gwRef()], ['foo.example.com'])]);
    expect(r.resolution.gateways[0]!.fatal).toMatchObject({ kind: 'loader', message: expect.stringContaining('listener hostname http is not valid (listener name 10.0.0.1)') });
    expect(r.stacks).toEqual([]);
  });

  it(`${M}/compatible hostnames are accumulated`, () => {
    const r = run([...twoListeners({ hostname: 'foo.example.com' }, { hostname: 'bar.example.com' }), httpRoute('route1', [gwRef()], ['foo.example.com', 'bar.example.com'])]);
    expect(routesByPort(r)).toEqual({ 80: ['HTTPRoute/route1'], 443: ['HTTPRoute/route1'] });
    const compatible = Object.fromEntries(r.resolution.gateways[0]!.ports.map((p) => [p.port, p.routes[0]?.compatibleHostnames]));
    expect(compatible).toEqual({ 80: ['foo.example.com'], 443: ['bar.example.com'] });
    expect(parents(r, 'route1')).toEqual([`Gateway/gw ${ACCEPTED}`]);
  });
});

describe(`${T} Test_mapListenersAndRoutes_sectionName`, () => {
  const M = `${T} Test_mapListenersAndRoutes_sectionName`;
  const gw = gateway('alb', [http('http', 80), http('https', 443)]);

  it(`${M}/route with sectionName targets specific listener`, () => {
    const r = run([...gw, httpRoute('route1', [gwRef({ sectionName: 'https' })])]);
    expect(routesByPort(r)).toEqual({ 443: ['HTTPRoute/route1'] });
    expect(parents(r, 'route1')).toEqual([`Gateway/gw#https ${ACCEPTED}`]);
  });

  it(`${M}/route with non-existent sectionName produces NoMatchingParent failure`, () => {
    const r = run([...gw, httpRoute('route1', [gwRef({ sectionName: 'nonexistent' })])]);
    expect(routesByPort(r)).toEqual({});
    expect(parents(r, 'route1')).toEqual(['Gateway/gw#nonexistent Accepted=False/NoMatchingParent']);
  });

  it(`${M}/route with port filter only matches listeners on that port`, () => {
    const r = run([...gw, httpRoute('route1', [gwRef({ port: 443 })])]);
    expect(routesByPort(r)).toEqual({ 443: ['HTTPRoute/route1'] });
    expect(parents(r, 'route1')).toEqual([`Gateway/gw:443 ${ACCEPTED}`]);
  });
});

describe(`${T} Test_mapListenersAndRoutes_differentRouteKinds`, () => {
  it(`${T} Test_mapListenersAndRoutes_differentRouteKinds`, () => {
    // HTTPRoute and GRPCRoute with the same name are different routes (the kind is part of the id).
    const grpc = route('GRPCRoute', 'my-route', { parentRefs: [gwRef()] });
    const r = run([...gateway('alb', [listener('https', 443, 'HTTPS')]), httpRoute('my-route'), grpc]);
    expect(routesByPort(r)).toEqual({ 443: ['GRPCRoute/my-route', 'HTTPRoute/my-route'] });
    expect(parents(r, 'my-route')).toEqual([`Gateway/gw ${ACCEPTED}`]);
    expect(parents(r, 'my-route', 'GRPCRoute')).toEqual([`Gateway/gw ${ACCEPTED}`]);
  });
});

/** A Gateway that admits ListenerSets from its namespace, with the given listeners, plus ListenerSet `my-ls`. */
function withListenerSet(gwListeners: Obj[], lsListeners: Obj[]): Obj[] {
  return [...gateway('alb', gwListeners, { spec: { allowedListeners: { namespaces: { from: 'Same' } } } }), listenerSet('my-ls', lsListeners)];
}

describe(`${T} ListenerSet cases`, () => {
  it(`${T} Test_mapListenersAndRoutes_listenerSet`, () => {
    const r = run([...withListenerSet([http('http', 80)], [http('ls-http', 8080)]), httpRoute('gw-route'), httpRoute('ls-route', [lsRef()])]);
    expect(routesByPort(r)).toEqual({ 80: ['HTTPRoute/gw-route'], 8080: ['HTTPRoute/ls-route'] });
    expect(parents(r, 'gw-route')).toEqual([`Gateway/gw ${ACCEPTED}`]);
    expect(parents(r, 'ls-route')).toEqual([`ListenerSet/my-ls ${ACCEPTED}`]);
  });

  it(`${T} Test_mapListenersAndRoutes_listenerSetAndGatewaySameListenerName`, () => {
    const r = run([...withListenerSet([http('shared-name', 80)], [http('shared-name', 9090)]), httpRoute('gw-route'), httpRoute('ls-route', [lsRef()])]);
    expect(routesByPort(r)).toEqual({ 80: ['HTTPRoute/gw-route'], 9090: ['HTTPRoute/ls-route'] });
    expect(parents(r, 'gw-route')).toEqual([`Gateway/gw ${ACCEPTED}`]);
    expect(parents(r, 'ls-route')).toEqual([`ListenerSet/my-ls ${ACCEPTED}`]);
  });
});

describe(`${T} Test_mapListenersAndRoutes_compatibleHostnamesAccumulated`, () => {
  it(`${T} Test_mapListenersAndRoutes_compatibleHostnamesAccumulated`, () => {
    const r = run([
      ...gateway('alb', [http('http-a', 80, { hostname: 'a.example.com' }), http('http-b', 80, { hostname: 'b.example.com' })]),
      httpRoute('route1', [gwRef()], ['a.example.com', 'b.example.com']),
    ]);
    const [port] = r.resolution.gateways[0]!.ports;
    expect(port?.port).toBe(80);
    expect([...(port?.routes[0]?.compatibleHostnames ?? [])].sort()).toEqual(['a.example.com', 'b.example.com']);
  });
});

describe(`${T} Test_mapListenersAndRoutes_partialAttachmentSucceeds`, () => {
  it(`${T} Test_mapListenersAndRoutes_partialAttachmentSucceeds`, () => {
    // https rejects the route (hostname), http accepts it: the parentRef is Accepted, no failure.
    const r = run([...gateway('alb', [http('http', 80), http('https', 443, { hostname: 'other.example.com' })]), httpRoute('route1', [gwRef()], ['foo.example.com'])]);
    expect(routesByPort(r)).toEqual({ 80: ['HTTPRoute/route1'] });
    expect(parents(r, 'route1')).toEqual([`Gateway/gw ${ACCEPTED}`]);
  });
});

skipCase(`${T} Test_extractListenersFromSources`, 'internal helper (ListenerSet sources → listeners) with no observable effect of its own');

describe(`${T} Test_mapListenersAndRoutes_gatewayAndListenerSetCombinations`, () => {
  const M = `${T} Test_mapListenersAndRoutes_gatewayAndListenerSetCombinations`;
  it.each([
    ['distinct listeners from gateway and listener set', [http('gw-http', 80)], [http('ls-https', 443)], { 80: ['HTTPRoute/gw-route'], 443: ['HTTPRoute/ls-route'] }],
    ['same section name on gateway and listener set', [http('shared-name', 80)], [http('shared-name', 443)], { 80: ['HTTPRoute/gw-route'], 443: ['HTTPRoute/ls-route'] }],
    // Two HTTP listeners on port 80 need distinct hostnames; the routes have none and attach.
    [
      'same port on gateway and listener set',
      [http('gw-http', 80, { hostname: 'gw.example.com' })],
      [http('ls-http', 80, { hostname: 'ls.example.com' })],
      { 80: ['HTTPRoute/gw-route', 'HTTPRoute/ls-route'] },
    ],
  ] as const)(`${M}/%s`, (_name, gwListeners, lsListeners, want) => {
    const r = run([...withListenerSet([...gwListeners], [...lsListeners]), httpRoute('gw-route'), httpRoute('ls-route', [lsRef()])]);
    expect(routesByPort(r)).toEqual(want);
    expect(parents(r, 'gw-route')).toEqual([`Gateway/gw ${ACCEPTED}`]);
    expect(parents(r, 'ls-route')).toEqual([`ListenerSet/my-ls ${ACCEPTED}`]);
  });

  it(`${M}/distinct listeners with route overlap`, () => {
    const r = run([...withListenerSet([http('gw-http', 80)], [http('ls-https', 443)]), httpRoute('shared-route', [gwRef(), lsRef()])]);
    expect(routesByPort(r)).toEqual({ 80: ['HTTPRoute/shared-route'], 443: ['HTTPRoute/shared-route'] });
    expect(parents(r, 'shared-route')).toEqual([`Gateway/gw ${ACCEPTED}`, `ListenerSet/my-ls ${ACCEPTED}`]);
  });
});

describe(`${T} Test_mapListenersAndRoutes_sectionNameWithPortFiltering`, () => {
  const M = `${T} Test_mapListenersAndRoutes_sectionNameWithPortFiltering`;
  const gw = gateway('alb', [http('http', 80, { allowedRoutes: { namespaces: { from: 'Selector', selector: { matchLabels: { none: 'none' } } } } }), http('https', 443)]);

  it(`${M}/sectionName matches and port matches - route attaches`, () => {
    const r = run([...gw, httpRoute('route1', [gwRef({ sectionName: 'https', port: 443 })])]);
    expect(routesByPort(r)).toEqual({ 443: ['HTTPRoute/route1'] });
    expect(parents(r, 'route1')).toEqual([`Gateway/gw#https:443 ${ACCEPTED}`]);
  });

  it(`${M}/sectionName matches but port mismatches - route is rejected with NoMatchingParent`, () => {
    const r = run([...gw, httpRoute('route1', [gwRef({ sectionName: 'https', port: 80 })])]);
    expect(routesByPort(r)).toEqual({});
    expect(parents(r, 'route1')).toEqual(['Gateway/gw#https:80 Accepted=False/NoMatchingParent']);
  });

  it(`${M}/sectionName matches, port matches, but listener rejects - route fails with listener rejection`, () => {
    // The http listener admits no namespace (a selector nothing matches).
    const r = run([...gw, httpRoute('route1', [gwRef({ sectionName: 'http', port: 80 })])]);
    expect(routesByPort(r)).toEqual({});
    expect(parents(r, 'route1')).toEqual(['Gateway/gw#http:80 Accepted=False/NotAllowedByListeners']);
  });
});

describe(`${T} Test_mapListenersAndRoutes_portFilteringNoSectionName`, () => {
  const M = `${T} Test_mapListenersAndRoutes_portFilteringNoSectionName`;
  it.each([
    ['port filter with 1 listener - matching port attaches', [http('http', 80)], 80, { 80: ['HTTPRoute/route1'] }, ACCEPTED],
    ['port filter with 1 listener - non-matching port produces NoMatchingParent', [http('http', 80)], 443, {}, 'Accepted=False/NoMatchingParent'],
    ['port filter with 2 listeners - only matching port listener is tried', [http('http', 80), http('https', 443)], 443, { 443: ['HTTPRoute/route1'] }, ACCEPTED],
    [
      'port filter with 2 listeners sharing same port - route attaches to both',
      [http('http-a', 80, { hostname: 'a.example.com' }), http('http-b', 80, { hostname: 'b.example.com' })],
      80,
      { 80: ['HTTPRoute/route1'] },
      ACCEPTED,
    ],
    [
      'port filter with 3 listeners - only the 2 matching port listeners are tried',
      [http('http', 80), http('https', 443, { hostname: 'a.example.com' }), http('alt-https', 443, { hostname: 'b.example.com' })],
      443,
      { 443: ['HTTPRoute/route1'] },
      ACCEPTED,
    ],
    ['port filter with 3 listeners - no listeners match the port', [http('http', 80), http('https', 443), http('grpc', 50051)], 8080, {}, 'Accepted=False/NoMatchingParent'],
  ] as const)(`${M}/%s`, (_name, ls, port, want, accepted) => {
    const r = run([...gateway('alb', [...ls]), httpRoute('route1', [gwRef({ port })])]);
    expect(routesByPort(r)).toEqual(want);
    expect(parents(r, 'route1')).toEqual([`Gateway/gw:${port} ${accepted}`]);
    const attachedTo = r.resolution.gateways[0]!.listeners.filter((l) => l.attachedRoutes > 0).map((l) => l.listener.name);
    expect(attachedTo).toEqual(ls.filter((l) => l['port'] === port).map((l) => l['name']));
  });
});

describe(`${T} Test_mapListenersAndRoutes_attachedListeners`, () => {
  const M = `${T} Test_mapListenersAndRoutes_attachedListeners`;
  skipCase(`${M}/no listeners produces empty attachedListeners`, 'a Gateway needs at least one listener (Gateway CRD minItems 1)');

  it.each([
    ['gateway listeners are included in attachedListeners', [http('http', 80), http('https', 443)], [], ['gw/http:80', 'gw/https:443']],
    ['single gateway listener is included', [http('http', 80)], [], ['gw/http:80']],
    ['listener set listeners are included in attachedListeners', [http('http', 80)], [http('ls-https', 443)], ['gw/http:80', 'my-ls/ls-https:443']],
    ['gateway and listener set listeners with same name are both included', [http('shared', 80)], [http('shared', 443)], ['gw/shared:80', 'my-ls/shared:443']],
  ] as const)(`${M}/%s`, (_name, gwListeners, lsListeners, want) => {
    const r = run(lsListeners.length > 0 ? withListenerSet([...gwListeners], [...lsListeners]) : gateway('alb', [...gwListeners]));
    expect(attachedListeners(r)).toEqual(want);
    expect(routesByPort(r)).toEqual({});
  });

  it(`${M}/listeners are included regardless of whether routes attach`, () => {
    const r = run([...gateway('alb', [http('http', 80), http('https', 443, { hostname: 'other.example.com' })]), httpRoute('route1', [gwRef()], ['foo.example.com'])]);
    expect(attachedListeners(r)).toEqual(['gw/http:80', 'gw/https:443']);
  });

  it(`${M}/listener with zero routes is still returned in attachedListeners and routesByPort`, () => {
    const ls = [http('http', 80), http('https', 443, { hostname: 'other.example.com' }), http('grpc', 50051, { hostname: 'other.example.com' })];
    const r = run([...gateway('alb', ls), httpRoute('route1', [gwRef()], ['foo.example.com'])]);
    expect(attachedListeners(r)).toEqual(['gw/http:80', 'gw/https:443', 'gw/grpc:50051']);
    expect(routesByPort(r)).toEqual({ 80: ['HTTPRoute/route1'] });
    // Only ports with routes become ELB listeners (model_build_listener.go buildListeners).
    const built = r.stacks[0]!.resources.filter((x) => x.type === 'AWS::ElasticLoadBalancingV2::Listener').map((x) => x.id);
    expect(built).toEqual(['80']);
  });
});

describe(`${T} Test_mapListenersAndRoutes_validationFiltering`, () => {
  const M = `${T} Test_mapListenersAndRoutes_validationFiltering`;
  // An invalid listener that still admits HTTPRoutes: an allowed kind LBC's ALB does not support
  // makes it InvalidRouteKinds, while the kind check still lets HTTPRoute attach.
  const invalid = { allowedRoutes: { kinds: [{ kind: 'HTTPRoute' }, { kind: 'TCPRoute' }] } };

  it(`${M}/invalid gateway listener is excluded from routes and attachedListeners`, () => {
    const r = run([...gateway('alb', [http('http', 80), http('https', 443, invalid)]), httpRoute('route1')]);
    expect(routesByPort(r)).toEqual({ 80: ['HTTPRoute/route1'] });
    expect(attachedListeners(r)).toEqual(['gw/http:80']);
  });

  it(`${M}/all gateway listeners invalid produces empty route lists`, () => {
    const r = run([...gateway('alb', [http('http', 80, invalid), http('https', 443, invalid)]), httpRoute('route1')]);
    expect(routesByPort(r)).toEqual({});
    expect(attachedListeners(r)).toEqual([]);
  });

  skipCase(`${M}/missing validation entry for listener excludes it`, 'validation gives every listener an entry; only duplicate listener names (rejected by the Gateway CRD) could lose one');

  it(`${M}/valid listener gets routes while invalid sibling on same port is excluded`, () => {
    const r = run([...gateway('alb', [http('http-a', 80, { hostname: 'a.example.com' }), http('http-b', 80, { hostname: 'b.example.com', ...invalid })]), httpRoute('route1')]);
    expect(routesByPort(r)).toEqual({ 80: ['HTTPRoute/route1'] });
    expect(attachedListeners(r)).toEqual(['gw/http-a:80']);
  });

  it(`${M}/multiple routes with mix of valid and invalid listeners`, () => {
    const r = run([...gateway('alb', [http('http', 80), http('https', 443, invalid)]), httpRoute('route1'), httpRoute('route2')]);
    expect(routesByPort(r)).toEqual({ 80: ['HTTPRoute/route1', 'HTTPRoute/route2'] });
    expect(attachedListeners(r)).toEqual(['gw/http:80']);
  });
});

describe(`${T} Test_mapListenersAndRoutes_validationFiltering_listenerSet`, () => {
  const M = `${T} Test_mapListenersAndRoutes_validationFiltering_listenerSet`;
  it.each([
    ['valid listener set listener is included', {}, { 80: ['HTTPRoute/gw-route'], 443: ['HTTPRoute/ls-route'] }, ['gw/http:80', 'my-ls/ls-https:443']],
    // Invalid through a route kind the ALB does not support (InvalidRouteKinds).
    ['invalid listener set listener is excluded', { allowedRoutes: { kinds: [{ kind: 'HTTPRoute' }, { kind: 'TCPRoute' }] } }, { 80: ['HTTPRoute/gw-route'] }, ['gw/http:80']],
  ] as const)(`${M}/%s`, (_name, lsExtra, want, listeners) => {
    const r = run([...withListenerSet([http('http', 80)], [http('ls-https', 443, lsExtra)]), httpRoute('gw-route'), httpRoute('ls-route', [lsRef()])]);
    expect(routesByPort(r)).toEqual(want);
    expect(attachedListeners(r)).toEqual(listeners);
  });
});
