/**
 * Port of LBC v3.5.0 pkg/gateway/routeutils/route_rule_precedence_swo_test.go: the ordering
 * contract of rule precedence. LBC checks that its comparator is a strict weak ordering, so that
 * the ALB priorities it assigns do not depend on the order routes are listed in. Here the same
 * property is checked where a user sees it: the same routes, written in many orders, must build
 * the same ListenerRules in the same priorities. The fixed-seed shuffles play the role of LBC's
 * `permStabilityShuffles` (fewer of them: each one runs the whole loader → resolver → model).
 */
import { describe, expect, it } from 'vitest';
import { skipCase } from './harness.js';
import type { RouteDef } from './route-rule-fixtures.js';
import { ruleCase, shuffler } from './route-rule-fixtures.js';

const T = 'route_rule_precedence_swo_test.go';
const SHUFFLES = 15;
const T0 = '2024-01-01T00:00:00Z';
const T1 = '2025-01-01T00:00:00Z';
const path = (type: string, value: string) => ({ path: { type, value } });
const grpcExact = (service: string, method: string) => ({ method: { type: 'Exact', ...(service ? { service } : {}), ...(method ? { method } : {}) } });

/** The input orders LBC tries: reverse, every rotation, and fixed-seed shuffles. */
function permutations<T>(items: readonly T[]): T[][] {
  const out: T[][] = [[...items].reverse()];
  for (let r = 1; r < items.length; r++) out.push([...items.slice(r), ...items.slice(0, r)]);
  const shuffle = shuffler(0x5303173);
  for (let s = 0; s < SHUFFLES; s++) out.push(shuffle(items));
  return out;
}

/** Every permutation of the routes builds the same rules, in the same priorities. */
function expectOrderIndependent(routes: readonly RouteDef[]): void {
  const baseline = ruleCase(routes);
  expect(baseline.result.errors).toEqual([]);
  expect(baseline.rules.length).toBeGreaterThan(0);
  for (const perm of permutations(routes)) expect(ruleCase(perm).lines).toEqual(baseline.lines);
}

// swoHostnameCorpus: "" is a route without hostnames (a catch-all).
const CORPUS = ['', 'example.com', 'example.net', 'example.org', 'example.io', 'a.example.com', 'b.example.com', 'api.example.com', 'foo.bar.example.com', 'a.b.c.example.com', '*.io', '*.example.com', '*.sub.example.com'];

describe(`${T} hostname comparator`, () => {
  it(`${T} Test_getHostnamePrecedenceOrder_SWO_Static`, () => {
    // One route per corpus hostname, identical otherwise: only hostname precedence (then the
    // route name) orders them, whatever order they are written in.
    const routes = CORPUS.map((h, i): RouteDef => ({ name: `h${String(i).padStart(2, '0')}`, ...(h ? { hostnames: [h] } : {}), created: T0, rules: [{ matches: [path('PathPrefix', '/')] }] }));
    expectOrderIndependent(routes);
  });

  it(`${T} Test_getHostnamePrecedenceOrder_Static_KnownOrder`, () => {
    const groups = [
      ['a.b.c.example.com'],
      ['foo.bar.example.com'],
      ['api.example.com'],
      ['a.example.com', 'b.example.com'],
      ['example.com', 'example.net', 'example.org'],
      ['example.io'],
      ['*.sub.example.com'],
      ['*.example.com'],
      ['*.io'],
      ['*'],
    ];
    const c = ruleCase([
      { name: 'hosts', created: T0, hostnames: CORPUS.filter((h) => h !== ''), rules: [{ matches: [path('PathPrefix', '/')] }] },
      { name: 'catch-all', created: T0, rules: [{ matches: [path('PathPrefix', '/')] }] },
    ]);
    expect(c.result.errors).toEqual([]);
    // Groups in order, most specific first. Inside a group hostnames compare equal, so the last
    // tiebreaker (the hostname string) orders them.
    expect(c.rules.map((r) => r.host)).toEqual(groups.flatMap((g) => [...g].sort()));
  });
});

describe(`${T} unified comparator`, () => {
  const corpusReason = (kind: string) =>
    `checks the strict-weak-ordering axioms of compareRulePrecedenceUnified over a synthetic ${kind} corpus of precedence-factor tuples (e.g. path type 0 with a non-zero length, every length/header/query combination), not over routes; its observable consequence — priorities independent of manifest order — is ported as PermutationInvariant_Static and StableOrder_EqualPriorityHostnames`;
  skipCase(`${T} Test_compareRulePrecedenceUnified_SWO_Static_HTTPOnly`, corpusReason('HTTP'));
  skipCase(`${T} Test_compareRulePrecedenceUnified_SWO_Static_GRPCOnly`, corpusReason('GRPC'));
  skipCase(`${T} Test_compareRulePrecedenceUnified_SWO_Static_Mixed`, corpusReason('mixed HTTP+GRPC'));
});

describe(`${T} Test_SortAllRulesByPrecedence_PermutationInvariant_Static`, () => {
  const host = (...h: string[]) => h;
  const http = (name: string, namespace: string, created: string, hostnames: string[] | undefined, ...matches: object[]): RouteDef => ({
    name,
    namespace,
    created,
    ...(hostnames ? { hostnames } : {}),
    rules: [{ matches }],
  });
  const grpc = (name: string, namespace: string, created: string, hostnames: string[], ...matches: object[]): RouteDef => ({
    kind: 'GRPCRoute',
    name,
    namespace,
    created,
    hostnames,
    rules: [matches.length > 0 ? { matches } : {}],
  });
  const scenarios: { name: string; routes: RouteDef[] }[] = [
    {
      name: 'mixed http+grpc shared hostname',
      routes: [
        http('http-root', 'team-a', T1, host('shared.example.com'), path('PathPrefix', '/')),
        http('http-status', 'team-a', T0, host('shared.example.com'), path('Exact', '/status')),
        grpc('grpc-echo', 'team-b', T0, host('shared.example.com'), grpcExact('my.EchoService', 'Echo')),
        grpc('grpc-catchall', 'team-b', T1, host('shared.example.com')),
      ],
    },
    {
      name: 'multi-hostname split with wildcard and catch-all',
      routes: [
        http('http-multi', 'ns', T0, host('*.example.com', 'api.example.com', 'web.example.com'), path('Exact', '/health'), path('PathPrefix', '/')),
        http('http-nohost', 'ns', T1, undefined, path('PathPrefix', '/')),
        grpc('grpc-users', 'ns', T0, host('api.example.com'), grpcExact('com.example.UserService', 'GetUser')),
      ],
    },
    {
      name: 'cross-kind adversarial shapes as routes',
      routes: [
        grpc('grpc-svc5', 'ns', T0, host('shared.example.com'), grpcExact('abcde', '')),
        grpc('grpc-meth7', 'ns', T0, host('shared.example.com'), grpcExact('', 'abcdefg')),
        http('http-path7', 'ns', T0, host('shared.example.com'), path('Exact', '/abcdef')),
      ],
    },
    {
      name: 'specificity ladder single hostname',
      routes: [
        http('http-catchall', 'ns', T1, host('app.example.com'), path('PathPrefix', '/')),
        http('http-api', 'ns', T0, host('app.example.com'), path('PathPrefix', '/api')),
        http('http-users', 'ns', T0, host('app.example.com'), path('Exact', '/api/users')),
      ],
    },
  ];
  it.each(scenarios)(`${T} Test_SortAllRulesByPrecedence_PermutationInvariant_Static/$name`, ({ routes }) => expectOrderIndependent(routes));
});

describe(`${T} Test_SortAllRulesByPrecedence_StableOrder_EqualPriorityHostnames`, () => {
  it(`${T} Test_SortAllRulesByPrecedence_StableOrder_EqualPriorityHostnames/single route, hostnames declared in any order`, () => {
    const hostnames = ['foo.com', 'bar.com', 'baz.com'];
    const all = [
      ['foo.com', 'bar.com', 'baz.com'],
      ['foo.com', 'baz.com', 'bar.com'],
      ['bar.com', 'foo.com', 'baz.com'],
      ['bar.com', 'baz.com', 'foo.com'],
      ['baz.com', 'foo.com', 'bar.com'],
      ['baz.com', 'bar.com', 'foo.com'],
    ];
    const shuffle = shuffler(0x5303173);
    for (const declared of [...all, ...Array.from({ length: SHUFFLES }, () => shuffle(hostnames))]) {
      const c = ruleCase([{ name: 'route', created: T0, hostnames: declared, rules: [{ matches: [path('PathPrefix', '/')] }] }]);
      expect(c.rules.map((r) => r.host)).toEqual(['bar.com', 'baz.com', 'foo.com']);
    }
  });
  skipCase(
    `${T} Test_SortAllRulesByPrecedence_StableOrder_EqualPriorityHostnames/three separate routes, fed in any order`,
    'the three routes share one namespace/name (ns/route), which three objects in one cluster cannot',
  );
});

it(`${T} Test_SortAllRulesByPrecedence_Golden_MatchingAcrossRoutes`, () => {
  const ns = 'gateway-conformance-infra';
  const part1: RouteDef = {
    name: 'matching-part1',
    namespace: ns,
    created: '2024-01-01T00:00:00Z',
    hostnames: ['example.com', 'example.net'],
    rules: [{ matches: [path('PathPrefix', '/'), { ...path('PathPrefix', '/'), headers: [{ name: 'version', value: 'one' }] }] }],
  };
  const part2: RouteDef = {
    name: 'matching-part2',
    namespace: ns,
    created: '2024-06-01T00:00:00Z',
    hostnames: ['example.com'],
    rules: [{ matches: [path('PathPrefix', '/v2'), { ...path('PathPrefix', '/'), headers: [{ name: 'version', value: 'two' }] }] }],
  };
  const c = ruleCase([part2, part1]);
  expect(c.result.errors).toEqual([]);
  const header = (r: (typeof c.rules)[number]) => (r.conditions.some((x) => x['field'] === 'http-header') ? 1 : 0);
  expect(c.rules.map((r) => `${r.origin} ${r.host} ${r.path} headers=${header(r)}`)).toEqual([
    'matching-part2#0 example.com /v2|/v2/* headers=0',
    'matching-part1#0 example.com /* headers=1',
    'matching-part1#0 example.net /* headers=1',
    'matching-part2#0 example.com /* headers=1',
    'matching-part1#0 example.com /* headers=0',
    'matching-part1#0 example.net /* headers=0',
  ]);
});
