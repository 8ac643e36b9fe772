/**
 * Port of LBC v3.5.0 pkg/gateway/routeutils/route_rule_condition_test.go. LBC's cases call the
 * condition builders with one match; here each is an HTTPRoute or GRPCRoute rule with that
 * match, and the case asserts the conditions of the ListenerRule gwlb builds for it (the
 * `conditions` of LBC's stack JSON, host-header first, ListenerRuleConfiguration source-ip last).
 */
import { describe, expect, it } from 'vitest';
import { skipCase } from './harness.js';
import type { RouteDef } from './route-rule-fixtures.js';
import { lrc, lrcFilter, ruleCase } from './route-rule-fixtures.js';

const T = 'route_rule_condition_test.go';
type Cond = Record<string, unknown>;

/** The conditions of the single rule built for one route rule with one match. */
function conditionsOf(route: Omit<RouteDef, 'name'>, extra: readonly object[] = []): Cond[][] {
  const c = ruleCase([{ name: 'r', ...route }], { extra });
  expect(c.result.errors).toEqual([]);
  return c.rules.map((r) => [...r.conditions]);
}
const httpMatch = (match: object, hostnames?: string[]) => conditionsOf({ ...(hostnames ? { hostnames } : {}), rules: [{ matches: [match] }] })[0]!;
const grpcRule = (rule: Record<string, unknown>, hostnames?: string[]) => conditionsOf({ kind: 'GRPCRoute', ...(hostnames ? { hostnames } : {}), rules: [rule] })[0]!;

const host = (value: string): Cond => ({ field: 'host-header', hostHeaderConfig: { values: [value] } });
const pathValues = (...values: string[]): Cond => ({ field: 'path-pattern', pathPatternConfig: { values } });
const header = (name: string, values: string[]): Cond => ({ field: 'http-header', httpHeaderConfig: { httpHeaderName: name, values } });
const regexHeader = (name: string, value: string): Cond => ({ field: 'http-header', httpHeaderConfig: { httpHeaderName: name, regexValues: [value] } });
const query = (key: string, value: string): Cond => ({ field: 'query-string', queryStringConfig: { values: [{ key, value }] } });
const sourceIp = (...values: string[]): Cond => ({ field: 'source-ip', sourceIPConfig: { values } });

describe(`${T} HTTP`, () => {
  it(`${T} Test_BuildHttpRuleConditions/match with all fields provided`, () => {
    const got = httpMatch(
      { path: { type: 'Exact', value: '/test' }, method: 'GET', headers: [{ name: 'testHeader', value: 'testValue' }], queryParams: [{ name: 'testQuery', value: 'testValue' }] },
      ['example.com'],
    );
    expect(got).toEqual([
      host('example.com'),
      pathValues('/test'),
      header('testHeader', ['testValue']),
      query('testQuery', 'testValue'),
      { field: 'http-request-method', httpRequestMethodConfig: { values: ['GET'] } },
    ]);
  });

  it(`${T} Test_BuildHttpRuleConditions/with default Type Prefix and default value /`, () => {
    // An empty match: the API server defaults its path to PathPrefix "/".
    expect(httpMatch({})).toEqual([pathValues('/*')]);
  });

  const paths: { name: string; path: object; want: Cond }[] = [
    { name: 'prefix path type', path: { type: 'PathPrefix', value: '/prefix' }, want: pathValues('/prefix', '/prefix/*') },
    { name: 'exact path type', path: { type: 'Exact', value: '/prefix' }, want: pathValues('/prefix') },
    { name: 'exact path type with wildcard', path: { type: 'Exact', value: '/prefix*' }, want: pathValues('/prefix*') },
    { name: 'regular expression path type', path: { type: 'RegularExpression', value: '/v+?/*' }, want: { field: 'path-pattern', pathPatternConfig: { regexValues: ['/v+?/*'] } } },
  ];
  it.each(paths)(`${T} Test_buildHttpPathCondition/$name`, ({ path, want }) => {
    expect(httpMatch({ path })).toEqual([want]);
  });

  it(`${T} Test_buildHttpPathCondition/prefix path type with wildcard`, () => {
    const c = ruleCase([{ name: 'r', rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/prefix*' } }] }] }]);
    expect(c.result.errors.some((e) => e.includes("prefix path shouldn't contain wildcards: /prefix*"))).toBe(true);
    expect(c.rules).toEqual([]);
  });

  const headers: { name: string; headers: object[]; want: Cond[] }[] = [
    { name: 'single header match', headers: [{ name: 'testKey', value: 'testValue' }], want: [header('testKey', ['testValue'])] },
    {
      name: 'multiple header match',
      headers: [
        { name: 'testKey', value: 'testValue' },
        { name: 'testKeyTwo', value: 'testValueTwo' },
      ],
      want: [header('testKey', ['testValue']), header('testKeyTwo', ['testValueTwo'])],
    },
    { name: 'regex header match', headers: [{ type: 'RegularExpression', name: 'User-Agent', value: '.+Chrome.+' }], want: [regexHeader('User-Agent', '.+Chrome.+')] },
    {
      name: 'mixed exact and regex header match',
      headers: [
        { name: 'testKey', value: 'testValue' },
        { type: 'RegularExpression', name: 'User-Agent', value: '.+Firefox.+' },
      ],
      want: [header('testKey', ['testValue']), regexHeader('User-Agent', '.+Firefox.+')],
    },
  ];
  it.each(headers)(`${T} Test_buildHttpHeaderCondition/$name`, ({ headers, want }) => {
    expect(httpMatch({ headers })).toEqual([pathValues('/*'), ...want]);
  });

  const queries: { name: string; queryParams: object[]; want: Cond[] }[] = [
    { name: 'single query param', queryParams: [{ name: 'testKey', value: 'testValue' }], want: [query('testKey', 'testValue')] },
    {
      name: 'multiple query params',
      queryParams: [
        { name: 'testKey', value: 'testValue' },
        { name: 'testKeyTwo', value: 'testValueTwo' },
      ],
      want: [query('testKey', 'testValue'), query('testKeyTwo', 'testValueTwo')],
    },
  ];
  it.each(queries)(`${T} Test_buildHttpQueryParamCondition/$name`, ({ queryParams, want }) => {
    expect(httpMatch({ queryParams })).toEqual([pathValues('/*'), ...want]);
  });

  it(`${T} Test_buildHttpMethodCondition/simple method`, () => {
    expect(httpMatch({ method: 'GET' })).toEqual([pathValues('/*'), { field: 'http-request-method', httpRequestMethodConfig: { values: ['GET'] } }]);
  });
});

describe(`${T} GRPC`, () => {
  it(`${T} Test_BuildGrpcRuleConditions/input has both method and headers`, () => {
    const got = grpcRule({ matches: [{ method: { type: 'Exact', service: 'testService', method: 'testMethod' }, headers: [{ name: 'testHeader', value: 'testValue' }] }] }, ['example.com']);
    expect(got).toEqual([host('example.com'), pathValues('/testService/testMethod'), header('testHeader', ['testValue'])]);
  });
  it(`${T} Test_BuildGrpcRuleConditions/input with method is nil`, () => {
    expect(grpcRule({ matches: [{}] }, ['example.com'])).toEqual([host('example.com'), pathValues('/*')]);
  });
  it(`${T} Test_BuildGrpcRuleConditions/input with match is nil`, () => {
    expect(grpcRule({}, ['example.com'])).toEqual([host('example.com'), pathValues('/*')]);
  });

  const headers: { name: string; headers: object[]; want: Cond[] }[] = [
    { name: 'single header match', headers: [{ name: 'testKey', value: 'testValue' }], want: [header('testKey', ['testValue'])] },
    {
      name: 'multiple header match',
      headers: [
        { name: 'testKey', value: 'testValue' },
        { name: 'testKeyTwo', value: 'testValueTwo' },
      ],
      want: [header('testKey', ['testValue']), header('testKeyTwo', ['testValueTwo'])],
    },
  ];
  it.each(headers)(`${T} Test_buildGrpcHeaderCondition/$name`, ({ headers, want }) => {
    expect(grpcRule({ matches: [{ headers }] })).toEqual([pathValues('/*'), ...want]);
  });

  const methods: { name: string; method: object; want: string }[] = [
    { name: 'exact match with both service and method', method: { type: 'Exact', service: 'testService', method: 'testMethod' }, want: '/testService/testMethod' },
    { name: 'exact match with only service', method: { type: 'Exact', service: 'testService' }, want: '/testService/*' },
    { name: 'exact match with only method', method: { type: 'Exact', method: 'testMethod' }, want: '/*/testMethod' },
    { name: 'regex match with both service and method', method: { type: 'RegularExpression', service: 'testService*', method: 'testMethod?' }, want: '/testService*/testMethod?' },
    { name: 'regex match with only service', method: { type: 'RegularExpression', service: 'testService*' }, want: '/testService*/*' },
    { name: 'regex match with only method', method: { type: 'RegularExpression', method: 'testMethod?' }, want: '/*/testMethod?' },
  ];
  it.each(methods)(`${T} Test_buildGrpcMethodCondition/$name`, ({ method, want }) => {
    expect(grpcRule({ matches: [{ method }] })).toEqual([pathValues(want)]);
  });
});

describe(`${T} TestGenerateValuesFromMatchHeaderValue`, () => {
  // Written as the value of an HTTPRoute header match; the header condition's values are LBC's split.
  const cases: { name: string; input: string; expected: string[] }[] = [
    { name: 'simple comma separation', input: 'a,b,c', expected: ['a', 'b', 'c'] },
    { name: 'escaped comma', input: 'a\\,b,c', expected: ['a,b', 'c'] },
    { name: 'escaped backslash', input: 'a\\\\,b', expected: ['a\\', 'b'] },
    { name: 'multiple escaped commas', input: 'a\\,b\\,c', expected: ['a,b,c'] },
    { name: 'mixed escapes', input: 'a\\\\,b\\,c,d', expected: ['a\\', 'b,c', 'd'] },
    { name: 'no commas', input: 'single-value', expected: ['single-value'] },
    { name: 'only commas', input: ',,', expected: ['', '', ''] },
    { name: 'escaped other characters', input: 'a\\n,b\\t', expected: ['an', 'bt'] },
    { name: 'backslash at end', input: 'a\\', expected: ['a\\'] },
  ];
  it.each(cases)(`${T} TestGenerateValuesFromMatchHeaderValue/$name`, ({ input, expected }) => {
    expect(httpMatch({ headers: [{ name: 'x-test', value: input }] })).toEqual([pathValues('/*'), header('x-test', expected)]);
  });
  skipCase(`${T} TestGenerateValuesFromMatchHeaderValue/empty string`, 'HTTPHeaderMatch.value has minLength 1, so the API server rejects an empty header value');
});

describe(`${T} Test_BuildSourceIpInCondition`, () => {
  // One rule with two matches (index 0: /m0, index 1: /m1) using the configuration `cfg`.
  function sourceIpsByMatch(conditions: object[] | undefined): { m0: Cond[]; m1: Cond[] } {
    const rule = { matches: [{ path: { type: 'Exact', value: '/m0' } }, { path: { type: 'Exact', value: '/m1' } }], ...(conditions ? { filters: [lrcFilter('cfg')] } : {}) };
    const c = ruleCase([{ name: 'r', rules: [rule] }], { extra: conditions ? [lrc('cfg', { conditions })] : [] });
    expect(c.result.errors).toEqual([]);
    const of = (p: string) => c.rules.find((r) => r.path === p)!.conditions.filter((x) => x['field'] === 'source-ip');
    return { m0: of('/m0'), m1: of('/m1') };
  }
  const ip1 = '10.0.0.0/8';
  const ip2 = '192.168.1.0/24';
  const ip3 = '172.16.0.0/12';
  const cfg = (values: string[], matchIndexes?: number[]) => ({ field: 'source-ip', sourceIPConfig: { values }, ...(matchIndexes ? { matchIndexes } : {}) });

  it(`${T} Test_BuildSourceIpInCondition/rule without listener rule config`, () => {
    expect(sourceIpsByMatch(undefined).m0).toEqual([]);
  });
  it(`${T} Test_BuildSourceIpInCondition/source IP condition without MatchIndexes applies to all`, () => {
    expect(sourceIpsByMatch([cfg([ip1])])).toEqual({ m0: [sourceIp(ip1)], m1: [sourceIp(ip1)] });
  });
  it(`${T} Test_BuildSourceIpInCondition/source IP condition with matching MatchIndex`, () => {
    expect(sourceIpsByMatch([cfg([ip1], [0])]).m0).toEqual([sourceIp(ip1)]);
  });
  it(`${T} Test_BuildSourceIpInCondition/source IP condition with non-matching MatchIndex`, () => {
    expect(sourceIpsByMatch([cfg([ip1], [1])]).m0).toEqual([]);
  });
  it(`${T} Test_BuildSourceIpInCondition/multiple source IP conditions with different MatchIndexes`, () => {
    expect(sourceIpsByMatch([cfg([ip1], [0]), cfg([ip2], [1]), cfg([ip3])])).toEqual({ m0: [sourceIp(ip1), sourceIp(ip3)], m1: [sourceIp(ip2), sourceIp(ip3)] });
  });
});
