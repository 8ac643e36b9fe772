import { describe, expect, it } from 'vitest';
import type { ListenerRuleAction, ListenerRuleConfiguration } from '../source/lbc-crds.js';
import { attached, gateway, grpcRoute, httpListener, httpRoute, meta, resolution, svcBackend } from './fixtures.test-util.js';
import { buildStack } from './index.js';
import { buildTransforms } from './rule-transforms.js';
import { buildHttpConditions, buildPathCondition, grpcPathValue, sourceIpConditions, splitHeaderValue } from './rule-conditions.js';
import { buildPreRoutingAction, buildRedirectAction } from './rule-actions.js';
import type { Secret } from '../source/core-kinds.js';
import { compareHostnames, sortUnits } from './rule-precedence.js';
import { defaultClusterSettings } from './settings.js';
import { emptyKnownFacts } from './discovery.js';
import type { ResourceOf, Stack } from './stack.js';
import { syntheticOrigin } from '../source/origin.js';

const names = (routes: Parameters<typeof sortUnits>[0]) => sortUnits(routes).map((u) => `${u.route.metadata.name}|${u.matchIndex}|${u.hostname}`);
const settings = defaultClusterSettings('my-cluster');
const facts = {
  ...emptyKnownFacts({ id: 'vpc-1', ipv4Cidrs: ['10.0.0.0/16'], ipv6Cidrs: [] }),
  subnets: [
    { id: 'subnet-a', availabilityZone: 'a', ipv4Cidr: '10.0.1.0/24', ipv6Cidrs: [], availableIpAddressCount: 100, tags: { 'kubernetes.io/role/internal-elb': '1' } },
    { id: 'subnet-b', availabilityZone: 'b', ipv4Cidr: '10.0.2.0/24', ipv6Cidrs: [], availableIpAddressCount: 100, tags: { 'kubernetes.io/role/internal-elb': '1' } },
  ],
  backendSecurityGroupId: 'sg-backend',
};

function rules(stack: Stack | undefined): ResourceOf<'AWS::ElasticLoadBalancingV2::ListenerRule'>[] {
  return (stack?.resources ?? []).filter((r): r is ResourceOf<'AWS::ElasticLoadBalancingV2::ListenerRule'> => r.type === 'AWS::ElasticLoadBalancingV2::ListenerRule');
}

describe('precedence (lbc-l7-routes-status.md §8)', () => {
  it('E1 HTTP specificity', () => {
    const h = ['app.example.com'];
    const r = [
      attached(httpRoute('http-catchall', h, [{}])),
      attached(httpRoute('http-users', h, [{ matches: [{ path: { type: 'Exact', value: '/api/users' } }] }])),
      attached(httpRoute('http-api', h, [{ matches: [{ path: { type: 'PathPrefix', value: '/api' } }] }])),
    ];
    expect(names(r)).toEqual(['http-users|0|app.example.com', 'http-api|0|app.example.com', 'http-catchall|0|app.example.com']);
  });

  it('E2 gRPC specificity', () => {
    const h = ['grpc.example.com'];
    const r = [
      attached(grpcRoute('grpc-catchall', h, [{}])),
      attached(grpcRoute('grpc-specific', h, [{ matches: [{ method: { type: 'Exact', service: 'pkg.MyService', method: 'DoWork' } }] }])),
      attached(grpcRoute('grpc-long-svc', h, [{ matches: [{ method: { type: 'Exact', service: 'com.company.longpkg.MyService', method: 'Execute' } }] }])),
    ];
    expect(names(r)).toEqual([`grpc-long-svc|0|grpc.example.com`, `grpc-specific|0|grpc.example.com`, `grpc-catchall|${Number.MAX_SAFE_INTEGER}|grpc.example.com`]);
  });

  it('E3 cross-kind', () => {
    const h = ['shared.example.com'];
    const r = [
      attached(httpRoute('http-root', h, [{}])),
      attached(grpcRoute('grpc-echo', h, [{ matches: [{ method: { type: 'Exact', service: 'my.EchoService', method: 'Echo' } }] }])),
      attached(httpRoute('http-status', h, [{ matches: [{ path: { type: 'Exact', value: '/status' } }] }])),
    ];
    expect(names(r).map((n) => n.split('|')[0])).toEqual(['grpc-echo', 'http-status', 'http-root']);
  });

  it('E4 method vs headers', () => {
    const h = ['mixed.example.com'];
    const hdr = (n: number) => Array.from({ length: n }, (_, i) => ({ type: 'Exact' as const, name: `h${i}`, value: 'v' }));
    const r = [
      attached(grpcRoute('grpc-with-headers', h, [{ matches: [{ method: { type: 'Exact', service: 'api.Items', method: '' }, headers: hdr(2) }] }])),
      attached(httpRoute('http-no-method', h, [{ matches: [{ path: { type: 'Exact', value: '/api/items' }, headers: hdr(3) }] }])),
      attached(httpRoute('http-with-method', h, [{ matches: [{ path: { type: 'Exact', value: '/api/items' }, method: 'POST' }] }])),
    ];
    expect(names(r).map((n) => n.split('|')[0])).toEqual(['http-with-method', 'http-no-method', 'grpc-with-headers']);
  });

  it('E5 mixed match types', () => {
    const h = ['variety.example.com'];
    const r = [
      attached(httpRoute('http-prefix-api', h, [{ matches: [{ path: { type: 'PathPrefix', value: '/api/v2/orders' } }] }])),
      attached(grpcRoute('grpc-regex', h, [{ matches: [{ method: { type: 'RegularExpression', service: 'com.api.*', method: 'Get.*' } }] }])),
      attached(grpcRoute('grpc-exact-long', h, [{ matches: [{ method: { type: 'Exact', service: 'com.company.api.OrderService', method: 'CreateOrder' } }] }])),
      attached(
        httpRoute('http-exact-qp', h, [
          { matches: [{ path: { type: 'Exact', value: '/search' }, queryParams: [{ type: 'Exact', name: 'q', value: 'test' }, { type: 'Exact', name: 'page', value: '1' }] }] },
        ]),
      ),
    ];
    expect(names(r).map((n) => n.split('|')[0])).toEqual(['grpc-exact-long', 'http-exact-qp', 'http-prefix-api', 'grpc-regex']);
    expect(grpcPathValue({ method: { type: 'RegularExpression', service: 'com.api.*', method: 'Get.*' } })).toEqual({ ok: true, value: '/com.api.*/Get.*' });
  });

  it('E6 per-hostname split', () => {
    const r = [attached(httpRoute('r', ['*.example.com', 'example.com', 'a.b.example.com'], [{ matches: [{ path: { type: 'Exact', value: '/health' } }, { path: { type: 'PathPrefix', value: '/' } }] }]))];
    expect(names(r)).toEqual(['r|0|a.b.example.com', 'r|1|a.b.example.com', 'r|0|example.com', 'r|1|example.com', 'r|0|*.example.com', 'r|1|*.example.com']);
  });

  it('E7 hostname ordering', () => {
    const hs = ['web.example.com', '*.example.com', 'example.com', 'a.b.c.example.com', '*.sub.example.com', 'api.example.com', 'a.b.example.com'];
    expect(names([attached(httpRoute('r', hs, [{}]))]).map((n) => n.split('|')[2])).toEqual([
      'a.b.c.example.com',
      'a.b.example.com',
      'api.example.com',
      'web.example.com',
      'example.com',
      '*.sub.example.com',
      '*.example.com',
    ]);
  });

  it('E8 matching across routes', () => {
    const p1 = httpRoute(
      'matching-part1',
      ['example.com', 'example.net'],
      [{ matches: [{ path: { type: 'PathPrefix', value: '/' } }, { path: { type: 'PathPrefix', value: '/' }, headers: [{ type: 'Exact', name: 'version', value: 'one' }] }] }],
      { creationTimestamp: '2024-01-01T00:00:00Z' },
    );
    const p2 = httpRoute(
      'matching-part2',
      ['example.com'],
      [{ matches: [{ path: { type: 'PathPrefix', value: '/v2' } }, { path: { type: 'PathPrefix', value: '/' }, headers: [{ type: 'Exact', name: 'version', value: 'two' }] }] }],
      { creationTimestamp: '2024-01-02T00:00:00Z' },
    );
    expect(names([attached(p1), attached(p2)])).toEqual([
      'matching-part2|0|example.com',
      'matching-part1|1|example.com',
      'matching-part1|1|example.net',
      'matching-part2|1|example.com',
      'matching-part1|0|example.com',
      'matching-part1|0|example.net',
    ]);
  });

  it('E9/E10/E11 catch-all, inherited hostname, no cross product', () => {
    const two = [{ matches: [{ path: { type: 'Exact' as const, value: '/health' } }, { path: { type: 'PathPrefix' as const, value: '/' } }] }];
    expect(names([attached(httpRoute('r', [], two))])).toEqual(['r|0|', 'r|1|']);
    const inh = [{ matches: [{ path: { type: 'PathPrefix' as const, value: '/' } }, { path: { type: 'PathPrefix' as const, value: '/api' } }] }];
    expect(names([attached(httpRoute('r', [], inh), [], ['listener.example.com'])])).toEqual(['r|1|listener.example.com', 'r|0|listener.example.com']);
    expect(names([attached(httpRoute('r1', [], [{}]), [], ['a.example.com']), attached(httpRoute('r2', [], [{}]), [], ['b.example.com'])])).toHaveLength(2);
  });

  it.each([
    ['example.com', '*.example.com', -1],
    ['test.example.com', 'example.com', -1],
    ['*.test.example.com', '*.example.com', -1],
    ['test1.com', 'test2.com', 0],
    ['', 'example.com', 1],
    ['', '*.example.com', 1],
    ['*.example.com', '*.t.exa.com', 1],
    ['*.t.example.com', '*.t.exa.com', -1],
  ])('E12 compareHostnames(%s, %s) sign %d', (a, b, want) => {
    expect(Math.sign(compareHostnames(a, b))).toBe(want);
  });

  it("lengths are Go's len: UTF-8 bytes, not UTF-16 units", () => {
    // '/é' and '/ab' are both 3 bytes, so they tie on length and the route name decides;
    // counted in UTF-16 units '/ab' would be longer.
    const regex = (value: string) => [{ matches: [{ path: { type: 'RegularExpression' as const, value } }] }];
    expect(names([attached(httpRoute('b', ['h.example.com'], regex('/ab'))), attached(httpRoute('a', ['h.example.com'], regex('/é')))]).map((n) => n.split('|')[0])).toEqual(['a', 'b']);
    const svc = (service: string) => [{ matches: [{ method: { type: 'RegularExpression' as const, service } }] }];
    expect(names([attached(grpcRoute('b', ['h.example.com'], svc('abc'))), attached(grpcRoute('a', ['h.example.com'], svc('ñb')))]).map((n) => n.split('|')[0])).toEqual(['a', 'b']);
  });
});

describe('conditions', () => {
  it('E13 full HTTP match', () => {
    const r = buildHttpConditions('example.com', {
      path: { type: 'Exact', value: '/test' },
      method: 'GET',
      headers: [{ type: 'Exact', name: 'testHeader', value: 'testValue' }],
      queryParams: [{ type: 'Exact', name: 'testQuery', value: 'testValue' }],
    });
    expect(r).toEqual({
      ok: true,
      conditions: [
        { field: 'host-header', hostHeaderConfig: { values: ['example.com'] } },
        { field: 'path-pattern', pathPatternConfig: { values: ['/test'] } },
        { field: 'http-header', httpHeaderConfig: { httpHeaderName: 'testHeader', values: ['testValue'] } },
        { field: 'query-string', queryStringConfig: { values: [{ key: 'testQuery', value: 'testValue' }] } },
        { field: 'http-request-method', httpRequestMethodConfig: { values: ['GET'] } },
      ],
    });
    expect(buildHttpConditions('', { path: { type: 'PathPrefix', value: '/' } })).toEqual({ ok: true, conditions: [{ field: 'path-pattern', pathPatternConfig: { values: ['/*'] } }] });
  });

  it('E14 path conditions', () => {
    expect(buildPathCondition({ type: 'PathPrefix', value: '/prefix' })).toEqual({ ok: true, condition: { field: 'path-pattern', pathPatternConfig: { values: ['/prefix', '/prefix/*'] } } });
    const bad = buildPathCondition({ type: 'PathPrefix', value: '/prefix*' });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.message).toContain("shouldn't contain wildcards");
    expect(buildPathCondition({ type: 'Exact', value: '/prefix' })).toEqual({ ok: true, condition: { field: 'path-pattern', pathPatternConfig: { values: ['/prefix'] } } });
    expect(buildPathCondition({ type: 'Exact', value: '/prefix*' })).toEqual({ ok: true, condition: { field: 'path-pattern', pathPatternConfig: { values: ['/prefix*'] } } });
    expect(buildPathCondition({ type: 'RegularExpression', value: '/v+?/*' })).toEqual({ ok: true, condition: { field: 'path-pattern', pathPatternConfig: { regexValues: ['/v+?/*'] } } });
    expect(buildPathCondition({ type: 'PathPrefix', value: '/abc/' })).toEqual({ ok: true, condition: { field: 'path-pattern', pathPatternConfig: { values: ['/abc', '/abc/*'] } } });
  });

  it.each([
    ['a,b,c', ['a', 'b', 'c']],
    ['a\\,b,c', ['a,b', 'c']],
    ['a\\\\,b', ['a\\', 'b']],
    ['a\\,b\\,c', ['a,b,c']],
    ['a\\\\,b\\,c,d', ['a\\', 'b,c', 'd']],
    ['', ['']],
    [',,', ['', '', '']],
    ['a\\n,b\\t', ['an', 'bt']],
    ['a\\', ['a\\']],
  ])('E15 splitHeaderValue(%j)', (input, want) => {
    expect(splitHeaderValue(input)).toEqual(want);
  });

  it('E16 gRPC path values', () => {
    expect(grpcPathValue({ method: { type: 'Exact', service: 'testService', method: 'testMethod' } })).toEqual({ ok: true, value: '/testService/testMethod' });
    expect(grpcPathValue({ method: { type: 'Exact', service: 'testService' } })).toEqual({ ok: true, value: '/testService/*' });
    expect(grpcPathValue({ method: { type: 'Exact', method: 'testMethod' } })).toEqual({ ok: true, value: '/*/testMethod' });
    expect(grpcPathValue({ method: { type: 'RegularExpression', service: 'testService*', method: 'testMethod' } })).toEqual({ ok: true, value: '/testService*/testMethod' });
    expect(grpcPathValue({ headers: [] })).toEqual({ ok: true, value: '/*' });
    expect(grpcPathValue({ method: { type: 'Exact' } }).ok).toBe(false);
    // LBC tests presence, not emptiness: a RegularExpression match may name an empty service.
    expect(grpcPathValue({ method: { type: 'RegularExpression', service: '', method: 'm' } })).toEqual({ ok: true, value: '//m' });
  });

  it('E17 source-ip', () => {
    const lrc = {
      spec: {
        conditions: [
          { field: 'source-ip' as const, sourceIPConfig: { values: ['10.0.0.0/8'] }, matchIndexes: [0] },
          { field: 'source-ip' as const, sourceIPConfig: { values: ['192.168.1.0/24'] }, matchIndexes: [1] },
          { field: 'source-ip' as const, sourceIPConfig: { values: ['172.16.0.0/12'] } },
        ],
      },
    } as unknown as ListenerRuleConfiguration;
    expect(sourceIpConditions(lrc, 0)).toEqual([
      { field: 'source-ip', sourceIPConfig: { values: ['10.0.0.0/8'] } },
      { field: 'source-ip', sourceIPConfig: { values: ['172.16.0.0/12'] } },
    ]);
    const one = { spec: { conditions: [{ field: 'source-ip', sourceIPConfig: { values: ['1.1.1.1/32'] }, matchIndexes: [1] }] } } as unknown as ListenerRuleConfiguration;
    expect(sourceIpConditions(one, 0)).toEqual([]);
  });

  it('source-ip: an index listed twice adds the condition twice (LBC loops over matchIndexes)', () => {
    const twice = { spec: { conditions: [{ field: 'source-ip', sourceIPConfig: { values: ['1.1.1.1/32'] }, matchIndexes: [0, 1, 0] }] } } as unknown as ListenerRuleConfiguration;
    expect(sourceIpConditions(twice, 0)).toHaveLength(2);
    expect(sourceIpConditions(twice, 1)).toHaveLength(1);
  });
});

describe('transforms and redirects', () => {
  it('E18 transforms', () => {
    expect(buildTransforms([{ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplaceFullPath', replaceFullPath: '/bar' } } }], '/foo')).toEqual([
      { type: 'url-rewrite', urlRewriteConfig: { rewrites: [{ regex: '^([^?]*)', replace: '/bar' }] } },
    ]);
    expect(buildTransforms([{ type: 'URLRewrite', urlRewrite: { hostname: 'foo.com' } }], '/foo')).toEqual([
      { type: 'host-header-rewrite', hostHeaderRewriteConfig: { rewrites: [{ regex: '.*', replace: 'foo.com' }] } },
    ]);
    expect(buildTransforms([{ type: 'URLRewrite', urlRewrite: { hostname: 'foo.com', path: { type: 'ReplaceFullPath', replaceFullPath: '/bar' } } }], '/foo').map((t) => t.type)).toEqual([
      'url-rewrite',
      'host-header-rewrite',
    ]);
    const prefix = (r: string) => buildTransforms([{ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: r } } }], '/foo');
    expect(prefix('/cat')).toEqual([{ type: 'url-rewrite', urlRewriteConfig: { rewrites: [{ regex: '(^/foo(/)?)', replace: '/cat$2' }] } }]);
    expect(prefix('/cat/')[0]).toMatchObject({ urlRewriteConfig: { rewrites: [{ replace: '/cat/' }] } });
    expect(prefix('')[0]).toMatchObject({ urlRewriteConfig: { rewrites: [{ replace: '/' }] } });
    expect(prefix('/')[0]).toMatchObject({ urlRewriteConfig: { rewrites: [{ replace: '/' }] } });
  });

  it('E19 redirects', () => {
    expect(buildRedirectAction({ scheme: 'https', hostname: 'example.com', port: 80, statusCode: 301, path: { type: 'ReplaceFullPath', replaceFullPath: '/new-path' } }, 'test-query')).toEqual({
      type: 'redirect',
      redirectConfig: { host: 'example.com', path: '/new-path', port: '80', protocol: 'HTTPS', query: 'test-query', statusCode: 'HTTP_301' },
    });
    expect(buildRedirectAction({ hostname: 'example.com', statusCode: 302, path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/p' } }, undefined)).toEqual({
      type: 'redirect',
      redirectConfig: { host: 'example.com', statusCode: 'HTTP_302' },
    });
    expect(buildRedirectAction({ scheme: 'invalid', statusCode: 302 }, undefined)).toBe('unsupported redirect scheme: INVALID');
    expect(buildRedirectAction({ statusCode: 302, path: { type: 'ReplaceFullPath', replaceFullPath: '/invalid-path*' } }, undefined)).toMatch(/shouldn't contain wildcards/);
    expect(buildRedirectAction({ scheme: 'HTTPS', statusCode: 301 }, undefined)).toEqual({ type: 'redirect', redirectConfig: { port: '443', protocol: 'HTTPS', statusCode: 'HTTP_301' } });
    expect(buildRedirectAction({ scheme: 'HTTP', statusCode: 301 }, undefined)).toMatchObject({ redirectConfig: { port: '80' } });
    expect(buildRedirectAction({ scheme: 'HTTP', port: 900, statusCode: 301 }, undefined)).toMatchObject({ redirectConfig: { port: '900' } });
  });

  it('E19 listener-level: redirect replaces forward, priority 1, path-pattern /*', () => {
    const route = httpRoute('r', [], [{ filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'HTTPS', statusCode: 301 } }] }]);
    const { stack } = buildStack(resolution(gateway(), { 80: [attached(route, [[svcBackend()]])] }), { facts, settings });
    const [rule] = rules(stack);
    expect(rule!.id).toBe('80:1');
    expect(rule!.spec.priority).toBe(1);
    expect(rule!.spec.conditions).toEqual([{ field: 'path-pattern', pathPatternConfig: { values: ['/*'] } }]);
    expect(rule!.spec.actions).toEqual([{ type: 'redirect', redirectConfig: { port: '443', protocol: 'HTTPS', statusCode: 'HTTP_301' } }]);
  });
});

function lrc(spec: ListenerRuleConfiguration['spec']): ListenerRuleConfiguration {
  return { apiVersion: 'gateway.k8s.aws/v1', kind: 'ListenerRuleConfiguration', metadata: meta('ns', 'lrc'), spec, status: { accepted: true }, origin: syntheticOrigin('lrc.yaml') };
}

describe('E20 rule actions', () => {
  const build = (backends: ReturnType<typeof svcBackend>[], cfg?: ListenerRuleConfiguration, https = false) => {
    const gw = gateway('ns', 'gw', [httpListener(https ? 443 : 80, undefined, https ? 'HTTPS' : 'HTTP')]);
    const route = httpRoute('r', https ? ['a.example.com'] : [], [{}]);
    const res = resolution(gw, { [https ? 443 : 80]: [attached(route, [backends], [], [cfg])] }, https ? { lbc: { listenerConfigurations: [{ protocolPort: 'HTTPS:443', defaultCertificate: 'arn:cert' }] } } : {});
    const out = buildStack(res, { facts, settings });
    expect(out.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    return rules(out.stack)[0]!.spec.actions;
  };
  const tgRef = { $ref: '#/resources/AWS::ElasticLoadBalancingV2::TargetGroup/ns/gw:ns-r:HTTPRoute-ns-svc:8080/status/targetGroupARN' };
  const cognito = lrc({
    actions: [
      {
        type: 'authenticate-cognito',
        authenticateCognitoConfig: {
          userPoolArn: 'arn:pool',
          userPoolClientId: 'client',
          userPoolDomain: 'domain',
          onUnauthenticatedRequest: 'authenticate',
          scope: 'openid',
          sessionCookieName: 'AWSELBAuthSessionCookie',
          sessionTimeout: 604800,
          authenticationRequestExtraParams: { display: 'page', prompt: 'login' },
        },
      },
    ],
  });
  const cognitoAction = {
    type: 'authenticate-cognito',
    authenticateCognitoConfig: {
      authenticationRequestExtraParams: { display: 'page', prompt: 'login' },
      onUnauthenticatedRequest: 'authenticate',
      scope: 'openid',
      sessionCookieName: 'AWSELBAuthSessionCookie',
      sessionTimeout: 604800,
      userPoolARN: 'arn:pool',
      userPoolClientID: 'client',
      userPoolDomain: 'domain',
    },
  };

  it('no backends → fixed 500', () => {
    expect(build([])).toEqual([{ type: 'fixed-response', fixedResponseConfig: { contentType: 'text/plain', statusCode: '500' } }]);
  });
  it('one backend weight 1 → forward', () => {
    expect(build([svcBackend()])).toEqual([{ type: 'forward', forwardConfig: { targetGroups: [{ targetGroupARN: tgRef, weight: 1 }] } }]);
  });
  it('all weights 0 → fixed 500', () => {
    expect(build([svcBackend(undefined, 0)])[0]).toMatchObject({ type: 'fixed-response', fixedResponseConfig: { statusCode: '500' } });
  });
  it('LRC fixed-response wins over backends', () => {
    const cfg = lrc({ actions: [{ type: 'fixed-response', fixedResponseConfig: { statusCode: 404, contentType: 'text/html', messageBody: 'Not Found' } }] });
    expect(build([svcBackend()], cfg)).toEqual([{ type: 'fixed-response', fixedResponseConfig: { contentType: 'text/html', messageBody: 'Not Found', statusCode: '404' } }]);
  });
  it('HTTPS + Cognito + backend', () => {
    expect(build([svcBackend()], cognito, true)).toEqual([cognitoAction, { type: 'forward', forwardConfig: { targetGroups: [{ targetGroupARN: { $ref: tgRef.$ref.replace('HTTPRoute', 'HTTPRoute') }, weight: 1 }] } }]);
  });
  it('HTTPS + Cognito without backends → auth then 500', () => {
    expect(build([], cognito, true)).toEqual([cognitoAction, { type: 'fixed-response', fixedResponseConfig: { contentType: 'text/plain', statusCode: '500' } }]);
  });
  it('Cognito dropped on HTTP listeners', () => {
    expect(build([svcBackend()], cognito).map((a) => a.type)).toEqual(['forward']);
  });
  it('LRC forward adds stickiness', () => {
    const cfg = lrc({ actions: [{ type: 'forward', forwardConfig: { targetGroupStickinessConfig: { enabled: false, durationSeconds: 3600 } } }] });
    expect(build([svcBackend()], cfg)[0]).toMatchObject({ forwardConfig: { targetGroupStickinessConfig: { enabled: false, durationSeconds: 3600 } } });
  });
});

describe('OIDC credentials', () => {
  // route_rule_action.go: the client ID loses trailing unicode.IsSpace (Unicode White_Space: NEL
  // yes, BOM no), the secret trailing unicode.IsControl.
  it('trims like Go', () => {
    const secret = { kind: 'Secret', metadata: { namespace: 'ns', name: 's' }, spec: { data: { clientID: 'id\ufeff \u0085\t', clientSecret: 'sec \n\u0085' } } } as unknown as Secret;
    const action = {
      type: 'authenticate-oidc',
      authenticateOIDCConfig: { issuer: 'i', authorizationEndpoint: 'a', tokenEndpoint: 't', userInfoEndpoint: 'u', secret: { name: 's' }, onUnauthenticatedRequest: 'authenticate', scope: 'openid', sessionCookieName: 'c', sessionTimeout: 1 },
    } as ListenerRuleAction;
    expect(buildPreRoutingAction(action, 'ns', [secret])).toMatchObject({ authenticateOIDCConfig: { clientID: 'id\ufeff', clientSecret: 'sec ' } });
  });
});
