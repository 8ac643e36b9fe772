/**
 * Port of LBC v3.5.0 pkg/gateway/routeutils/utils_test.go. The hostname helpers
 * (`IsHostNameInValidFormat`, `isHostnameCompatible`, `getCompatibleHostname`) are observed through
 * route attachment: LBC calls `getCompatibleHostname(routeHostname, listenerHostname)`
 * (listener_attachment_helper.go hostnameCheck), so `hostnameOne` is written as the route's
 * hostname and `hostnameTwo` as the listener's. A compatible pair attaches with the returned
 * hostname as the route's compatible hostname; an incompatible one is NoMatchingListenerHostname.
 */
import { describe, expect, it } from 'vitest';
import type { LbcCaseResult } from './harness.js';
import { lbcCase, skipCase } from './harness.js';
import { gateway, listener, manifests, NS, route, service } from './listener-fixtures.js';

const T = 'utils_test.go';
const NOT_MANIFESTS = 'lists routes through a (mocked) Kubernetes client or filters Service events for reconcile triggers; no effect on the model or statuses';
const CRD_HOSTNAME = 'the Gateway API Hostname pattern (lower-case RFC 1123 labels, optional leading "*.") rejects this value';

/** Route `r` with `routeHost` on a Gateway whose only listener has `listenerHost`. */
function pair(routeHost: string, listenerHost: string): LbcCaseResult {
  return lbcCase(manifests(...gateway('alb', [listener('l', 80, 'HTTP', { hostname: listenerHost })]), route('HTTPRoute', 'r', { hostnames: [routeHost] }), service()));
}

/** The compatible hostnames the route got on port 80, or the reason it did not attach. */
function outcome(r: LbcCaseResult): readonly string[] | string {
  const st = r.status('HTTPRoute', NS, 'r');
  const accepted = st?.kind === 'Route' ? st.parents[0]?.conditions.find((c) => c.type === 'Accepted') : undefined;
  if (accepted?.status !== 'True') return accepted?.reason ?? 'no status';
  return r.resolution.gateways[0]!.ports.find((p) => p.port === 80)?.routes[0]?.compatibleHostnames ?? 'not on port 80';
}

for (const name of ['Successfully lists all L4 routes', 'Handles error in TCP routes']) skipCase(`${T} Test_ListL4Routes/${name}`, NOT_MANIFESTS);
for (const name of ['Successfully lists all L7 routes', 'Handles error in HTTP routes']) skipCase(`${T} Test_ListL7Routes/${name}`, NOT_MANIFESTS);
for (const name of ['Nil service returns nil', 'Empty routes returns nil', 'Filters matching routes']) skipCase(`${T} Test_FilterRoutesBySvc/${name}`, NOT_MANIFESTS);
for (const name of ['Route refers to service', 'Route does not refer to service']) skipCase(`${T} Test_IsServiceReferredByRoute/${name}`, NOT_MANIFESTS);

describe(`${T} TestIsHostNameInValidFormat`, () => {
  const M = `${T} TestIsHostNameInValidFormat`;
  // An invalid listener hostname fails the Gateway's route loading; an invalid route hostname is
  // skipped (hostnameCheck).
  it.each([
    ['IPv4 address', '192.168.1.1'],
    ['Label too long', `${'a'.repeat(64)}.com`],
  ])(`${M}/%s`, (_name, host) => {
    const asListener = pair('foo.example.com', host);
    expect(asListener.resolution.gateways[0]!.fatal).toMatchObject({ kind: 'loader', message: expect.stringContaining(`listener hostname l is not valid (listener name ${host})`) });
    const asRoute = lbcCase(
      manifests(...gateway('alb', [listener('l', 80, 'HTTP', { hostname: '*.example.com' })]), route('HTTPRoute', 'r', { hostnames: [host, 'foo.example.com'] }), service()),
    );
    expect(outcome(asRoute)).toEqual(['foo.example.com']);
  });

  skipCase(`${M}/Label too short`, CRD_HOSTNAME);
});

describe(`${T} Test_isHostnameCompatible`, () => {
  const M = `${T} Test_isHostnameCompatible`;
  it.each([
    ['exact match', 'example.com', 'example.com', true],
    ['first hostname is wildcard - matching', '*.example.com', 'test.example.com', true],
    ['second hostname is wildcard - matching', 'test.example.com', '*.example.com', true],
    ['both hostnames are wildcards - matching', '*.example.com', '*.test.example.com', true],
    ['first hostname is wildcard - not matching', '*.example.com', 'test.different.com', false],
    ['second hostname is wildcard - not matching', 'test.different.com', '*.example.com', false],
    ['wildcard with subdomain - matching', '*.sub.example.com', 'test.sub.example.com', true],
    ['wildcard with root domain', '*.example.com', 'example.com', false],
    ['multiple subdomains - matching', '*.example.com', 'a.b.example.com', true],
    ['partial wildcard match - not matching', '*.example.com', 'testexample.com', false],
  ] as const)(`${M}/%s`, (_name, one, two, want) => {
    const got = outcome(pair(one, two));
    if (want) expect(Array.isArray(got)).toBe(true);
    else expect(got).toBe('NoMatchingListenerHostname');
  });

  skipCase(`${M}/invalid wildcard format`, CRD_HOSTNAME);
  skipCase(`${M}/case sensitivity test`, CRD_HOSTNAME);
});

describe(`${T} Test_getCompatibleHostname`, () => {
  const M = `${T} Test_getCompatibleHostname`;
  it.each([
    ['exact match', 'example.com', 'example.com', 'example.com'],
    ['wildcard in first, specific in second', '*.example.com', 'api.example.com', 'api.example.com'],
    ['wildcard in second, specific in first', 'api.example.com', '*.example.com', 'api.example.com'],
    ['incompatible hostnames', 'example.com', 'different.com', undefined],
    ['wildcard does not match', '*.example.com', 'api.different.com', undefined],
    ['both wildcards same domain', '*.example.com', '*.example.com', '*.example.com'],
    ['both wildcards different domains', '*.example.com', '*.different.com', undefined],
    ['nested subdomain with wildcard', '*.example.com', 'sub.api.example.com', 'sub.api.example.com'],
  ] as const)(`${M}/%s`, (_name, one, two, want) => {
    expect(outcome(pair(one, two))).toEqual(want === undefined ? 'NoMatchingListenerHostname' : [want]);
  });
});
