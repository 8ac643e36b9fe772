/**
 * Port of LBC v3.5.0 pkg/gateway/routeutils/route_rule_precedence_test.go. LBC's cases call
 * `SortAllRulesByPrecedence` / `compareRulePrecedenceUnified` / `getHostnamePrecedenceOrder`
 * with hand-built descriptors; here each case is routes on one listener, and precedence is read
 * back as the order of the ListenerRules gwlb builds (priority 1 first). A rule is named
 * `<route>#<rule index>` (the route rule whose Service it forwards to), with its host-header
 * (`*` = none) and path-pattern.
 *
 * Comparator cases (`ruleOne` vs `ruleTwo`) become two routes whose matches carry the case's
 * deciding factors. The later tiebreakers (namespaced name, creation time unless the case sets
 * it) are arranged to favour the rule the case expects to lose, so the expected order can only
 * come from the factor under test. Where a Go case counts more headers or query parameters than
 * an ALB rule can hold (5 condition values: host, path, headers, query, method together), the
 * counts are scaled down keeping the same comparison.
 */
import { describe, expect, it } from 'vitest';
import type { RouteDef } from './route-rule-fixtures.js';
import { order, ruleCase } from './route-rule-fixtures.js';

const T = 'route_rule_precedence_test.go';
const exact = (value: string) => ({ path: { type: 'Exact', value } });
const prefix = (value: string) => ({ path: { type: 'PathPrefix', value } });
const regex = (value: string) => ({ path: { type: 'RegularExpression', value } });
const grpc = (type: 'Exact' | 'RegularExpression', service?: string, method?: string) => ({
  method: { type, ...(service !== undefined ? { service } : {}), ...(method !== undefined ? { method } : {}) },
});
/** A path / gRPC name of exactly `n` characters (LBC's cases give lengths, not values). */
const pathOf = (n: number) => `/${'p'.repeat(n - 1)}`;
const nameOf = (n: number) => 's'.repeat(n);
const headers = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `x-h${i}`, value: 'v' }));
const queryParams = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `q${i}`, value: 'v' }));
const EARLIER = '2024-01-01T00:00:00Z';
const NOW = '2025-01-01T00:00:00Z';

type Side = Omit<RouteDef, 'name'>;

/**
 * `compareRulePrecedenceUnified(one, two) == want`: route `one` gets priority 1 iff `want`.
 * The routes are named so that the namespaced-name tiebreaker favours the expected loser.
 */
function pairOrder(one: Side, two: Side): string[] {
  return order([
    { ...one, name: 'one' },
    { ...two, name: 'two' },
  ]);
}
function expectPair(one: Side, two: Side, want: boolean): void {
  // Names: `a-…` sorts first, so give it to the side that should lose.
  const routes = [
    { ...one, name: want ? 'z-one' : 'a-one' },
    { ...two, name: want ? 'a-two' : 'z-two' },
  ];
  const c = ruleCase(routes);
  expect(c.result.errors).toEqual([]);
  expect(c.rules[0]?.origin).toBe(want ? 'z-one#0' : 'z-two#0');
}

describe(`${T} Test_SortAllRulesByPrecedence`, () => {
  const app = ['app.example.com'];
  const grpcHost = ['grpc.example.com'];
  const shared = ['shared.example.com'];
  const mixed = ['mixed.example.com'];
  const variety = ['variety.example.com'];
  const cases: { name: string; routes: RouteDef[]; want: string[] }[] = [
    { name: 'no routes', routes: [], want: [] },
    { name: 'one http route, no rules attached', routes: [{ name: 'http1', rules: [] }], want: [] },
    // The API server defaults an HTTPRoute rule's matches to PathPrefix "/", which LBC then sees.
    { name: 'one http route, one rule attached', routes: [{ name: 'http-one-rule-no-match', rules: [{}] }], want: ['http-one-rule-no-match#0 * /*'] },
    { name: 'one http route, one rule attached with match', routes: [{ name: 'http-one-rule-one-match', rules: [{ matches: [exact('/foo')] }] }], want: ['http-one-rule-one-match#0 * /foo'] },
    {
      name: 'one http route, one rule attached with multiple matches',
      routes: [{ name: 'http-multi', rules: [{ matches: [exact('/foo'), prefix('/other-route')] }] }],
      want: ['http-multi#0 * /foo', 'http-multi#0 * /other-route|/other-route/*'],
    },
    { name: 'one grpc route, no rules attached', routes: [{ kind: 'GRPCRoute', name: 'grpc1', rules: [] }], want: [] },
    { name: 'one grpc route, one rule attached', routes: [{ kind: 'GRPCRoute', name: 'grpc-no-match', rules: [{}] }], want: ['grpc-no-match#0 * /*'] },
    // LBC's service "echo/echoservice" fails the CRD's Exact-service pattern; "echo.echoservice" has the same length.
    {
      name: 'one grpc route, one rule attached with match',
      routes: [{ kind: 'GRPCRoute', name: 'grpc-one-match', rules: [{ matches: [grpc('Exact', 'echo.echoservice', 'post')] }] }],
      want: ['grpc-one-match#0 * /echo.echoservice/post'],
    },
    {
      name: 'one grpc route, one rule attached with multiple matches',
      routes: [{ kind: 'GRPCRoute', name: 'grpc-multi', rules: [{ matches: [grpc('Exact', 'echo.echoservice', 'post'), grpc('Exact', 'echo.otherservice', 'othermethod')] }] }],
      want: ['grpc-multi#0 * /echo.otherservice/othermethod', 'grpc-multi#0 * /echo.echoservice/post'],
    },
    {
      name: 'multiple http routes sorted by specificity',
      routes: [
        { name: 'http-catchall', hostnames: app, rules: [{ matches: [prefix('/')] }] },
        { name: 'http-users', hostnames: app, rules: [{ matches: [exact('/api/users')] }] },
        { name: 'http-api', hostnames: app, rules: [{ matches: [prefix('/api')] }] },
      ],
      want: ['http-users#0 app.example.com /api/users', 'http-api#0 app.example.com /api|/api/*', 'http-catchall#0 app.example.com /*'],
    },
    {
      name: 'multiple grpc routes sorted by specificity',
      routes: [
        { kind: 'GRPCRoute', name: 'grpc-catchall', hostnames: grpcHost, rules: [{}] },
        { kind: 'GRPCRoute', name: 'grpc-specific', hostnames: grpcHost, rules: [{ matches: [grpc('Exact', 'pkg.MyService', 'DoWork')] }] },
        { kind: 'GRPCRoute', name: 'grpc-long-svc', hostnames: grpcHost, rules: [{ matches: [grpc('Exact', 'com.company.longpkg.MyService', 'Execute')] }] },
      ],
      want: ['grpc-long-svc#0 grpc.example.com /com.company.longpkg.MyService/Execute', 'grpc-specific#0 grpc.example.com /pkg.MyService/DoWork', 'grpc-catchall#0 grpc.example.com /*'],
    },
    {
      name: 'mixed http and grpc routes sorted by cross-kind specificity',
      routes: [
        { name: 'http-root', hostnames: shared, rules: [{ matches: [prefix('/')] }] },
        { kind: 'GRPCRoute', name: 'grpc-echo', hostnames: shared, rules: [{ matches: [grpc('Exact', 'my.EchoService', 'Echo')] }] },
        { name: 'http-status', hostnames: shared, rules: [{ matches: [exact('/status')] }] },
      ],
      want: ['grpc-echo#0 shared.example.com /my.EchoService/Echo', 'http-status#0 shared.example.com /status', 'http-root#0 shared.example.com /*'],
    },
    // LBC's gRPC match has method "" (which the CRD's Exact-method pattern rejects); its factor has
    // no method length, as a service-only match has.
    {
      name: 'mixed routes with method-vs-header tie on same path length',
      routes: [
        { kind: 'GRPCRoute', name: 'grpc-with-headers', hostnames: mixed, rules: [{ matches: [{ ...grpc('Exact', 'api.Items'), headers: headers(2) }] }] },
        { name: 'http-no-method', hostnames: mixed, rules: [{ matches: [{ ...exact('/api/items'), headers: headers(3) }] }] },
        { name: 'http-with-method', hostnames: mixed, rules: [{ matches: [{ ...exact('/api/items'), method: 'POST' }] }] },
      ],
      want: ['http-with-method#0 mixed.example.com /api/items', 'http-no-method#0 mixed.example.com /api/items', 'grpc-with-headers#0 mixed.example.com /api.Items/*'],
    },
    {
      name: 'mixed routes with different path match types',
      routes: [
        { name: 'http-prefix-api', hostnames: variety, rules: [{ matches: [prefix('/api/v2/orders')] }] },
        { kind: 'GRPCRoute', name: 'grpc-regex', hostnames: variety, rules: [{ matches: [grpc('RegularExpression', 'com.api.*', 'Get.*')] }] },
        { kind: 'GRPCRoute', name: 'grpc-exact-long', hostnames: variety, rules: [{ matches: [grpc('Exact', 'com.company.api.OrderService', 'CreateOrder')] }] },
        { name: 'http-exact-qp', hostnames: variety, rules: [{ matches: [{ ...exact('/search'), queryParams: [{ name: 'q', value: 'test' }, { name: 'page', value: '1' }] }] }] },
      ],
      want: [
        'grpc-exact-long#0 variety.example.com /com.company.api.OrderService/CreateOrder',
        'http-exact-qp#0 variety.example.com /search',
        'http-prefix-api#0 variety.example.com /api/v2/orders|/api/v2/orders/*',
        'grpc-regex#0 variety.example.com /com.api.*/Get.*',
      ],
    },
  ];
  it.each(cases)(`${T} Test_SortAllRulesByPrecedence/$name`, ({ routes, want }) => {
    const c = ruleCase(routes);
    expect(c.result.errors).toEqual([]);
    expect(c.lines).toEqual(want);
  });
});

describe(`${T} Test_compareRulePrecedence_HTTP`, () => {
  const h = 'example.com';
  const cases: { name: string; one: Side; two: Side; want: boolean }[] = [
    { name: 'hostname - exact vs wildcard', one: { hostnames: ['api.example.com'] }, two: { hostnames: ['*.example.com'] }, want: true },
    // Factors 3 vs 1 (the Go case's name says prefix, its factor is regex).
    { name: 'path type - exact vs prefix', one: { hostnames: [h], rules: [{ matches: [exact('/x')] }] }, two: { hostnames: [h], rules: [{ matches: [regex('/x')] }] }, want: true },
    { name: 'path length precedence', one: { hostnames: [h], rules: [{ matches: [regex(pathOf(10))] }] }, two: { hostnames: [h], rules: [{ matches: [regex(pathOf(5))] }] }, want: true },
    {
      name: 'http route method precedence',
      one: { hostnames: [h], rules: [{ matches: [{ ...regex(pathOf(5)), method: 'GET' }] }] },
      two: { hostnames: [h], rules: [{ matches: [regex(pathOf(5))] }] },
      want: true,
    },
    {
      name: 'host-specific vs catch-all (empty hostname) - equal path, catch-all older',
      one: { hostnames: [h], created: '2024-06-01T00:00:00Z', rules: [{ matches: [prefix('/')] }] },
      two: { created: '2024-01-01T00:00:00Z', rules: [{ matches: [prefix('/')] }] },
      want: true,
    },
    {
      name: 'catch-all (empty hostname) vs host-specific - equal path, catch-all older',
      one: { created: '2024-01-01T00:00:00Z', rules: [{ matches: [prefix('/')] }] },
      two: { hostnames: [h], created: '2024-06-01T00:00:00Z', rules: [{ matches: [prefix('/')] }] },
      want: false,
    },
    {
      name: 'host-specific (short path) vs catch-all (empty hostname, long path)',
      one: { hostnames: [h], rules: [{ matches: [prefix('/')] }] },
      two: { rules: [{ matches: [prefix(pathOf(20))] }] },
      want: true,
    },
    { name: 'same hostname, longer path wins', one: { hostnames: [h], rules: [{ matches: [prefix('/v2')] }] }, two: { hostnames: [h], rules: [{ matches: [prefix('/')] }] }, want: true },
  ];
  it.each(cases)(`${T} Test_compareRulePrecedence_HTTP/$name`, ({ one, two, want }) => expectPair(one, two, want));
});

describe(`${T} Test_compareRulePrecedence_GRPC`, () => {
  const h = ['example.com'];
  const g = (match?: object, extra: Partial<Side> = {}): Side => ({ kind: 'GRPCRoute', hostnames: h, rules: [match ? { matches: [match] } : {}], ...extra });
  const all10 = { ...grpc('RegularExpression', nameOf(10), nameOf(10)), headers: headers(3) };
  const cases: { name: string; one: Side; two: Side; want: boolean }[] = [
    { name: 'hostname - exact vs wildcard', one: g(undefined, { hostnames: ['api.example.com'] }), two: g(undefined, { hostnames: ['*.example.com'] }), want: true },
    { name: 'grpc route service precedence', one: g(grpc('RegularExpression', nameOf(10))), two: g(grpc('RegularExpression', nameOf(5))), want: true },
    // LBC's factors have no service or method (a match the CRD rejects); equal services keep the header count deciding.
    {
      name: 'grpc header count precedence',
      one: g({ ...grpc('RegularExpression', nameOf(5)), headers: headers(3) }),
      two: g({ ...grpc('RegularExpression', nameOf(5)), headers: headers(2) }),
      want: true,
    },
    { name: 'grpc method precedence', one: g(grpc('RegularExpression', undefined, nameOf(10))), two: g(grpc('RegularExpression', undefined, nameOf(5))), want: true },
    { name: 'grpc service precedence over method', one: g(grpc('RegularExpression', nameOf(5))), two: g(grpc('RegularExpression', undefined, nameOf(10))), want: true },
    { name: 'creation timestamp precedence', one: g(all10, { created: EARLIER }), two: g(all10, { created: NOW }), want: true },
  ];
  it.each(cases)(`${T} Test_compareRulePrecedence_GRPC/$name`, ({ one, two, want }) => expectPair(one, two, want));

  it(`${T} Test_compareRulePrecedence_GRPC/rule index precedence`, () => {
    // Rules 1 and 3 of one route tie on every factor; rules 0 and 2 (no matches) rank below them.
    const route: RouteDef = { kind: 'GRPCRoute', name: 'grpc', hostnames: h, rules: [{}, { matches: [all10] }, {}, { matches: [all10] }] };
    expect(order([route])).toEqual(['grpc#1', 'grpc#3', 'grpc#0', 'grpc#2']);
  });
});

describe(`${T} Test_getHostnamePrecedenceOrder`, () => {
  /** Which hostname's rule gets priority 1, when the route with `older`'s hostname is the older one. */
  function firstHost(hostnameOne: string, hostnameTwo: string, older: 1 | 2): string {
    const side = (hostname: string, isOlder: boolean): Side => ({ ...(hostname ? { hostnames: [hostname] } : {}), created: isOlder ? EARLIER : NOW });
    const got = pairOrder(side(hostnameOne, older === 1), side(hostnameTwo, older === 2));
    return got[0] === 'one#0' ? 'one' : 'two';
  }
  const cases: { name: string; hostnameOne: string; hostnameTwo: string; want: -1 | 0 | 1 }[] = [
    { name: 'non-wildcard vs wildcard', hostnameOne: 'example.com', hostnameTwo: '*.example.com', want: -1 },
    { name: 'wildcard vs non-wildcard', hostnameOne: '*.example.com', hostnameTwo: 'example.com', want: 1 },
    { name: 'both non-wildcard - first longer', hostnameOne: 'test.example.com', hostnameTwo: 'example.com', want: -1 },
    { name: 'both non-wildcard - second longer', hostnameOne: 'example.com', hostnameTwo: 'test.example.com', want: 1 },
    { name: 'both wildcard - first longer', hostnameOne: '*.test.example.com', hostnameTwo: '*.example.com', want: -1 },
    { name: 'both wildcard - second longer', hostnameOne: '*.example.com', hostnameTwo: '*.test.example.com', want: 1 },
    { name: 'equal length non-wildcard', hostnameOne: 'test1.com', hostnameTwo: 'test2.com', want: 0 },
    { name: 'equal length wildcard', hostnameOne: '*.test1.com', hostnameTwo: '*.test2.com', want: 0 },
    { name: 'empty strings', hostnameOne: '', hostnameTwo: '', want: 0 },
    { name: 'one empty string - first', hostnameOne: '', hostnameTwo: 'example.com', want: 1 },
    { name: 'one empty string - second', hostnameOne: 'example.com', hostnameTwo: '', want: -1 },
    { name: 'empty vs wildcard - empty is catch-all, least specific', hostnameOne: '', hostnameTwo: '*.example.com', want: 1 },
    { name: 'wildcard vs empty - wildcard beats catch-all', hostnameOne: '*.example.com', hostnameTwo: '', want: -1 },
    { name: 'one hostname has more dots', hostnameOne: '*.example.com', hostnameTwo: '*.t.exa.com', want: 1 },
    { name: 'two hostnames have same number of dots, one has more characters', hostnameOne: '*.t.example.com', hostnameTwo: '*.t.exa.com', want: -1 },
  ];
  it.each(cases)(`${T} Test_getHostnamePrecedenceOrder/$name`, ({ hostnameOne, hostnameTwo, want }) => {
    if (want === 0) {
      // Equal precedence: the next tiebreaker (creation time) decides, whichever way it points.
      expect([firstHost(hostnameOne, hostnameTwo, 1), firstHost(hostnameOne, hostnameTwo, 2)]).toEqual(['one', 'two']);
    } else {
      // The older route is the expected loser, so only hostname precedence can put the winner first.
      expect(firstHost(hostnameOne, hostnameTwo, want < 0 ? 2 : 1)).toBe(want < 0 ? 'one' : 'two');
    }
  });
});

describe(`${T} Test_compareRulePrecedence_CrossKind`, () => {
  const s = ['shared.example.com'];
  const http = (match: object, extra: Partial<Side> = {}): Side => ({ hostnames: s, rules: [{ matches: [match] }], ...extra });
  const rpc = (match: object, extra: Partial<Side> = {}): Side => ({ kind: 'GRPCRoute', hostnames: s, rules: [{ matches: [match] }], ...extra });
  const cases: { name: string; one: Side; two: Side; want: boolean }[] = [
    {
      name: 'specific GRPCRoute wins over catch-all HTTPRoute - reported vulnerability scenario',
      one: http(prefix('/'), { created: NOW }),
      two: rpc(grpc('Exact', nameOf(20), 'Echo'), { created: EARLIER }),
      want: false,
    },
    {
      name: 'specific GRPCRoute higher precedence than catch-all HTTPRoute (reversed arg order)',
      one: rpc(grpc('Exact', nameOf(20), 'Echo'), { created: EARLIER }),
      two: http(prefix('/'), { created: NOW }),
      want: true,
    },
    {
      name: 'exact HTTPRoute wins over regex GRPCRoute',
      one: http(exact(pathOf(20)), { hostnames: ['api.example.com'] }),
      two: rpc(grpc('RegularExpression', nameOf(5), nameOf(3)), { hostnames: ['api.example.com'] }),
      want: true,
    },
    {
      name: 'same path type and length - falls through to timestamp (HTTP older wins)',
      one: http(exact(pathOf(10)), { created: EARLIER }),
      two: rpc(grpc('Exact', nameOf(5), nameOf(3)), { created: NOW }),
      want: true,
    },
    {
      name: 'same path type and length - falls through to timestamp (GRPC older wins)',
      one: http(exact(pathOf(10)), { created: NOW }),
      two: rpc(grpc('Exact', nameOf(10)), { created: EARLIER }),
      want: false,
    },
    { name: 'GRPC longer effective path wins over shorter HTTP path (same type)', one: http(exact(pathOf(5))), two: rpc(grpc('Exact', nameOf(15), nameOf(5))), want: false },
    {
      name: 'HTTP with headers wins over GRPC without headers (same path specificity)',
      one: http({ ...exact(pathOf(10)), headers: headers(2) }),
      two: rpc(grpc('Exact', nameOf(5), nameOf(3))),
      want: true,
    },
    {
      name: 'hostname specificity takes priority over path specificity across kinds',
      one: http(prefix('/'), { hostnames: ['specific.example.com'] }),
      two: rpc(grpc('Exact', nameOf(20), nameOf(10)), { hostnames: ['*.example.com'] }),
      want: true,
    },
    {
      name: 'HTTP with method beats GRPC with more headers (hasMethod before headerCount)',
      one: http({ ...exact(pathOf(10)), method: 'GET' }, { created: EARLIER }),
      two: rpc({ ...grpc('Exact', nameOf(4), nameOf(4)), headers: headers(3) }, { created: EARLIER }),
      want: true,
    },
    {
      name: 'GRPC with many headers does NOT beat HTTP with method',
      one: rpc({ ...grpc('Exact', nameOf(4), nameOf(4)), headers: headers(3) }, { created: EARLIER }),
      two: http({ ...exact(pathOf(10)), method: 'GET' }, { created: EARLIER }),
      want: false,
    },
    {
      name: 'both without method - header count decides cross-kind',
      one: http({ ...exact(pathOf(10)), headers: headers(3) }, { created: EARLIER }),
      two: rpc({ ...grpc('Exact', nameOf(4), nameOf(4)), headers: headers(1) }, { created: EARLIER }),
      want: true,
    },
    {
      name: 'GRPC with more headers vs HTTP no method fewer headers',
      one: rpc({ ...grpc('Exact', nameOf(10)), headers: headers(3) }, { created: EARLIER }),
      two: http({ ...exact(pathOf(10)), headers: headers(1) }, { created: EARLIER }),
      want: true,
    },
    {
      name: 'HTTP no method vs GRPC equal headers - query params break tie',
      one: http({ ...exact(pathOf(10)), headers: headers(1), queryParams: queryParams(2) }, { created: EARLIER }),
      two: rpc({ ...grpc('Exact', nameOf(4), nameOf(4)), headers: headers(1) }, { created: EARLIER }),
      want: true,
    },
  ];
  it.each(cases)(`${T} Test_compareRulePrecedence_CrossKind/$name`, ({ one, two, want }) => expectPair(one, two, want));

  it(`${T} Test_compareRulePrecedence_CrossKind/all specificity factors equal - namespaced name breaks tie`, () => {
    const got = order([
      { name: 'http-rule', ...http({ ...exact(pathOf(10)), headers: headers(2) }, { created: EARLIER }) },
      { name: 'grpc-rule', ...rpc({ ...grpc('Exact', nameOf(10)), headers: headers(2) }, { created: EARLIER }) },
    ]);
    expect(got).toEqual(['grpc-rule#0', 'http-rule#0']);
  });
});

describe(`${T} sort cases`, () => {
  it(`${T} Test_SortAllRulesByPrecedence_CrossKind`, () => {
    const [t1, t2, t3] = ['2024-01-01T00:00:00Z', '2024-06-01T00:00:00Z', '2025-01-01T00:00:00Z'];
    const h = ['api.example.com'];
    const routes: RouteDef[] = [
      { name: 'http-catchall', namespace: 'team-a', created: t3, hostnames: h, rules: [{ matches: [prefix('/')] }] },
      { kind: 'GRPCRoute', name: 'grpc-catchall', namespace: 'team-d', created: t3, hostnames: h, rules: [{}] },
      { kind: 'GRPCRoute', name: 'grpc-user-svc', namespace: 'team-c', created: t2, hostnames: h, rules: [{ matches: [grpc('Exact', 'com.example.UserService', 'GetUser')] }] },
      { name: 'http-api-v1', namespace: 'team-b', created: t1, hostnames: h, rules: [{ matches: [prefix('/api/v1')] }] },
      { kind: 'GRPCRoute', name: 'grpc-order-svc', namespace: 'team-c', created: t1, hostnames: h, rules: [{ matches: [grpc('Exact', 'com.example.OrderService', 'PlaceOrder')] }] },
      { name: 'http-health', namespace: 'team-a', created: t2, hostnames: h, rules: [{ matches: [exact('/health')] }] },
    ];
    const c = ruleCase(routes);
    expect(c.result.errors).toEqual([]);
    expect(c.rules.map((r) => r.origin)).toEqual(['grpc-order-svc#0', 'grpc-user-svc#0', 'http-health#0', 'http-api-v1#0', 'http-catchall#0', 'grpc-catchall#0']);
  });

  const rootPrefix = prefix('/');
  const healthExact = exact('/health');
  const split: { name: string; hostnames: string[]; matches: object[]; want: [string, number][] }[] = [
    {
      name: '2 hostnames - split into 2 units ordered by specificity (non-wildcard before wildcard)',
      hostnames: ['*.example.com', 'api.example.com'],
      matches: [rootPrefix],
      want: [
        ['api.example.com', 0],
        ['*.example.com', 0],
      ],
    },
    {
      name: '3 hostnames x 2 matches - 6 units; hostname precedence dominates, path breaks ties within a hostname',
      hostnames: ['*.example.com', 'example.com', 'a.b.example.com'],
      matches: [healthExact, rootPrefix],
      want: [
        ['a.b.example.com', 0],
        ['a.b.example.com', 1],
        ['example.com', 0],
        ['example.com', 1],
        ['*.example.com', 0],
        ['*.example.com', 1],
      ],
    },
    {
      name: '7 hostnames - 7 units; mixed specificity plus equal-specificity string tiebreak (api < web)',
      hostnames: ['web.example.com', '*.example.com', 'example.com', 'a.b.c.example.com', '*.sub.example.com', 'api.example.com', 'a.b.example.com'],
      matches: [rootPrefix],
      want: [
        ['a.b.c.example.com', 0],
        ['a.b.example.com', 0],
        ['api.example.com', 0],
        ['web.example.com', 0],
        ['example.com', 0],
        ['*.sub.example.com', 0],
        ['*.example.com', 0],
      ],
    },
  ];
  it.each(split)(`${T} Test_SortAllRulesByPrecedence_MultiHostnameSplit/$name`, ({ hostnames, matches, want }) => {
    const c = ruleCase([{ name: 'route', created: '2024-01-01T00:00:00Z', hostnames, rules: [{ matches }] }]);
    const label = (m: object) => (m === healthExact ? '/health' : '/*');
    expect(c.lines).toEqual(want.map(([host, m]) => `route#0 ${host} ${label(matches[m]!)}`));
  });

  it(`${T} Test_SortAllRulesByPrecedence_NoHostnameCatchAll`, () => {
    const c = ruleCase([{ name: 'catchall', created: '2024-01-01T00:00:00Z', rules: [{ matches: [exact('/health'), prefix('/')] }] }]);
    expect(c.lines).toEqual(['catchall#0 * /health', 'catchall#0 * /*']);
  });

  it(`${T} Test_SortAllRulesByPrecedence_InheritsListenerHostname`, () => {
    const c = ruleCase([{ name: 'no-hostname-route', created: '2024-01-01T00:00:00Z', rules: [{ matches: [prefix('/'), prefix('/api')] }] }], {
      listener: { hostname: 'listener.example.com' },
    });
    expect(c.result.errors).toEqual([]);
    expect(c.lines).toEqual(['no-hostname-route#0 listener.example.com /api|/api/*', 'no-hostname-route#0 listener.example.com /*']);
  });

  it(`${T} Test_SortAllRulesByPrecedence_TwoRoutesDistinctHostnames`, () => {
    const c = ruleCase([
      { name: 'r1', created: '2024-01-01T00:00:00Z', hostnames: ['a.example.com'], rules: [{ matches: [prefix('/')] }] },
      { name: 'r2', created: '2024-01-01T00:00:00Z', hostnames: ['b.example.com'], rules: [{ matches: [prefix('/')] }] },
    ]);
    expect(c.lines).toEqual(['r1#0 a.example.com /*', 'r2#0 b.example.com /*']);
  });
});
