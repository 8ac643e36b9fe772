/**
 * Port of LBC v3.5.0 pkg/gateway/model/model_build_target_group_test.go. LBC calls the builder's
 * methods directly with hand-made ServiceBackendConfigs; here each case is a Gateway, a route and a
 * Service (tg-fixture.ts) and the assertion is on the built TG / TGB in the stack JSON, which
 * omits empty tags and attributes as LBC's JSON does.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_FEATURE_GATES } from '../../src/model/index.js';
import { lbcCase, skipCase } from './harness.js';
import type { RouteKind, TgFixture } from './tg-fixture.js';
import { ALB_ARN, CERT_FACTS, DUALSTACK_FACTS, cases, gatewayBackendManifests, listener, onlyOf, tgCase, tgbSpec, tgSpec } from './tg-fixture.js';

const F = 'model_build_target_group_test.go';
const TCP_HC = { port: 'traffic-port', protocol: 'TCP', intervalSeconds: 15, timeoutSeconds: 5, healthyThresholdCount: 3, unhealthyThresholdCount: 3 };
const HTTP_HC = { ...TCP_HC, protocol: 'HTTP', path: '/', matcher: { httpCode: '200-399' } };

/** LBC's four no-config cases: `<targetType> - <lb>`. */
const NO_CONFIG = [
  { name: 'no tg config - instance - nlb', lb: 'nlb', targetType: 'instance', tg: { name: 'k8s-myrouten-myroute-8d8111f6ac', port: 8080, protocol: 'TCP', healthCheckConfig: TCP_HC } },
  { name: 'no tg config - instance - alb', lb: 'alb', targetType: 'instance', tg: { name: 'k8s-myrouten-myroute-224f4b6ea6', port: 8080, protocol: 'HTTP', protocolVersion: 'HTTP1', healthCheckConfig: HTTP_HC } },
  { name: 'no tg config - ip - nlb', lb: 'nlb', targetType: 'ip', tg: { name: 'k8s-myrouten-myroute-3bce8b0f70', port: 80, protocol: 'TCP', healthCheckConfig: TCP_HC } },
  { name: 'no tg config - ip - alb', lb: 'alb', targetType: 'ip', tg: { name: 'k8s-myrouten-myroute-a44a20bcbf', port: 80, protocol: 'HTTP', protocolVersion: 'HTTP1', healthCheckConfig: HTTP_HC } },
] as const;

function noConfig(lb: 'alb' | 'nlb', targetType: 'instance' | 'ip', extra: Partial<TgFixture> = {}) {
  return tgCase({ lb, ...extra, options: { settings: { defaultTargetType: targetType } } });
}

describe(`${F} Test_buildTargetGroupSpec`, () => {
  cases(`${F} Test_buildTargetGroupSpec`, NO_CONFIG, ({ lb, targetType, tg }) => {
    const r = noConfig(lb, targetType);
    expect(r.errors).toEqual([]);
    expect(tgSpec(r)).toEqual({ ...tg, targetType, ipAddressType: 'ipv4' });
  });

  it(`${F} Test_buildTargetGroupSpec/wrong svc type for instance should produce an error`, () => {
    const r = noConfig('nlb', 'instance', { service: '{type: ClusterIP, ports: [{port: 80, targetPort: 80}]}' });
    expect(r.stacks).toEqual([]);
    expect(r.errors).toEqual([
      "GWLB307 Gateway my-gw-ns/my-gw: TCPRoute my-route-ns/my-route: TargetGroup port is empty. When using Instance targets, your service must be of type 'NodePort' or 'LoadBalancer'",
    ]);
  });
});

describe(`${F} Test_buildTargetGroupBindingSpec`, () => {
  // LBC passes the expected TG spec in, so its names are arbitrary; the TGB takes the TG's name.
  cases(`${F} Test_buildTargetGroupBindingSpec`, NO_CONFIG, ({ lb, targetType, tg }) => {
    const r = noConfig(lb, targetType);
    expect(r.errors).toEqual([]);
    const tgb = tgbSpec(r) as { template: { metadata: unknown; spec: Record<string, unknown> } };
    expect(tgb.template.metadata).toEqual({ name: tg.name, namespace: 'my-svc-ns', creationTimestamp: null });
    expect(tgb.template.spec).toMatchObject({
      targetType,
      serviceRef: { name: 'my-svc', port: 80 },
      ipAddressType: 'ipv4',
      vpcID: 'vpc-1',
      targetGroupProtocol: tg.protocol,
    });
    expect(tgb.template.spec).not.toHaveProperty('nodeSelector');
    expect(tgb.template.spec).not.toHaveProperty('multiClusterTargetGroup');
  });

  it(`${F} Test_buildTargetGroupBindingSpec/no tg config - ip - alb - add infra annotations / labels`, () => {
    const r = noConfig('alb', 'ip', { infrastructure: '{annotations: {foo: bar}, labels: {labelfoo: labelbar}}' });
    expect(r.errors).toEqual([]);
    expect(tgbSpec(r)).toMatchObject({
      template: {
        metadata: { name: 'k8s-myrouten-myroute-a44a20bcbf', namespace: 'my-svc-ns', annotations: { foo: 'bar' }, labels: { labelfoo: 'labelbar' } },
        spec: { targetType: 'ip', serviceRef: { name: 'my-svc', port: 80 }, ipAddressType: 'ipv4', vpcID: 'vpc-1', targetGroupProtocol: 'HTTP' },
      },
    });
  });
});

describe(`${F} Test_buildTargetGroupName`, () => {
  it(`${F} Test_buildTargetGroupName/name override`, () => {
    const r = tgCase({ tgc: '  defaultConfiguration: {targetGroupName: foobaz}' });
    expect(r.errors).toEqual([]);
    expect(tgSpec(r)).toMatchObject({ name: 'foobaz' });
  });
  // The other cases hash an HTTPRoute with a TCP target group, which no manifest builds (ALB TGs
  // are HTTP/HTTPS, NLBs take no HTTPRoute); their exact hashes are pinned in
  // src/model/names.test.ts ("Test_buildTargetGroupName").
  for (const c of ['no name in props', 'no props', 'protocol specified props', 'with target control port']) {
    skipCase(`${F} Test_buildTargetGroupName/${c}`, 'hash inputs (HTTPRoute + TCP target group) no manifest produces; unit-tested in src/model/names.test.ts');
  }
});

describe(`${F} Test_buildTargetGroupIPAddressType`, () => {
  const dual = `
---
apiVersion: gateway.k8s.aws/v1beta1
kind: LoadBalancerConfiguration
metadata: {name: lbc, namespace: my-gw-ns}
spec: {ipAddressType: IPTYPE, scheme: internet-facing}`;
  cases(`${F} Test_buildTargetGroupIPAddressType`, [
    { name: 'no ip families', families: undefined, lbIp: undefined, want: 'ipv4' },
    { name: 'ipv4 family', families: '[IPv4]', lbIp: undefined, want: 'ipv4' },
    { name: 'ipv6 family', families: '[IPv6]', lbIp: 'dualstack', want: 'ipv6' },
    { name: 'ipv6 family - dual stack no ipv4', families: '[IPv6]', lbIp: 'dualstack-without-public-ipv4', want: 'ipv6' },
    { name: 'ipv6 family - bad lb type', families: '[IPv6]', lbIp: undefined, want: 'unsupported IPv6 configuration, lb not dual-stack' },
  ], ({ families, lbIp, want }) => {
    const r = tgCase({
      service: `{type: NodePort, ${families ? `ipFamilies: ${families}, ` : ''}ports: [{port: 80, targetPort: 80, nodePort: 8080}]}`,
      infrastructure: lbIp ? '{parametersRef: {group: gateway.k8s.aws, kind: LoadBalancerConfiguration, name: lbc}}' : undefined,
      extra: lbIp ? dual.replace('IPTYPE', lbIp) : '',
      options: { facts: DUALSTACK_FACTS },
    });
    if (want.startsWith('ipv')) {
      expect(r.errors).toEqual([]);
      expect(tgSpec(r)).toMatchObject({ ipAddressType: want });
    } else {
      expect(r.errors).toEqual([`GWLB307 Gateway my-gw-ns/my-gw: HTTPRoute my-route-ns/my-route: ${want}`]);
    }
  });
});

/** A route of `kind` on a listener of `protocol`, with the TGC protocol `props`. */
function protocolCase(lb: 'alb' | 'nlb', protocol: string, kind: RouteKind, props?: string) {
  const kinds = kind === 'TLSRoute' && protocol === 'TCP' ? ', kinds: [{kind: TLSRoute}]' : '';
  const listeners = protocol === 'TCP_UDP' ? `${listener('TCP')}, ${listener('UDP', 80)}`.replace('ludp80', 'ludp80b') : listener(protocol, 80, kinds);
  return tgCase({ lb, routeKind: kind, listeners, ...(props ? { tgc: `  defaultConfiguration: {protocol: ${props}}` } : {}), options: { facts: CERT_FACTS } });
}

describe(`${F} Test_buildTargetGroupProtocol`, () => {
  // Go suffixes repeated case names with #01. LBC's "specified" cases name a route kind the LB cannot carry (TCPRoute on an ALB, HTTPRoute on
  // an NLB); with a protocol configured the kind is not consulted, so the port uses the LB's own kind.
  cases(`${F} Test_buildTargetGroupProtocol`, [
    { name: 'alb - auto detect - http', lb: 'alb', listener: 'HTTPS', kind: 'HTTPRoute', want: 'HTTP' },
    { name: 'alb - auto detect - grpc', lb: 'alb', listener: 'HTTPS', kind: 'GRPCRoute', want: 'HTTP' },
    { name: 'nlb - auto detect - tcp', lb: 'nlb', listener: 'TLS', kind: 'TCPRoute', want: 'TCP' },
    { name: 'alb - auto detect - udp', lb: 'nlb', listener: 'UDP', kind: 'UDPRoute', want: 'UDP' },
    { name: 'nlb - auto detect - tls', lb: 'nlb', listener: 'TCP', kind: 'TLSRoute', want: 'TLS' },
    { name: 'alb - specified - http', lb: 'alb', listener: 'HTTP', kind: 'HTTPRoute', props: 'HTTP', want: 'HTTP' },
    { name: 'alb - specified - https', lb: 'alb', listener: 'HTTPS', kind: 'HTTPRoute', props: 'HTTPS', want: 'HTTPS' },
    { name: 'alb - specified - invalid protocol', lb: 'alb', listener: 'HTTPS', kind: 'HTTPRoute', props: 'TCP', want: 'error: backend protocol must be within [HTTP, HTTPS]: TCP' },
    { name: 'nlb - auto detect - tcp#01', lb: 'nlb', listener: 'TCP', kind: 'TCPRoute', want: 'TCP' },
    { name: 'nlb - auto detect - tcp_udp', lb: 'nlb', listener: 'TCP_UDP', kind: 'UDPRoute', want: 'TCP_UDP' },
    { name: 'nlb - auto detect - tls#01', lb: 'nlb', listener: 'TLS', kind: 'TLSRoute', want: 'TLS' },
    { name: 'nlb - specified - tcp protocol', lb: 'nlb', listener: 'TCP', kind: 'TCPRoute', props: 'TCP', want: 'TCP' },
    { name: 'nlb - specified - udp protocol', lb: 'nlb', listener: 'UDP', kind: 'UDPRoute', props: 'UDP', want: 'UDP' },
    { name: 'nlb - specified - tcpudp protocol', lb: 'nlb', listener: 'TCP', kind: 'TCPRoute', props: 'TCP_UDP', want: 'TCP_UDP' },
    { name: 'nlb - specified - tls protocol', lb: 'nlb', listener: 'TCP', kind: 'TCPRoute', props: 'TLS', want: 'TLS' },
    { name: 'nlb - specified - invalid protocol', lb: 'nlb', listener: 'TCP', kind: 'TCPRoute', props: 'HTTPS', want: 'error: backend protocol must be within [TCP, UDP, TCP_UDP, TLS, QUIC, TCP_QUIC]: HTTPS' },
    { name: 'nlb - tcp_udp listener', lb: 'nlb', listener: 'TCP_UDP', kind: 'TCPRoute', want: 'TCP_UDP' },
  ] as const, (c) => {
    const r = protocolCase(c.lb, c.listener, c.kind, 'props' in c ? c.props : undefined);
    if (c.want.startsWith('error: ')) {
      expect(r.errors).toEqual([`GWLB307 Gateway my-gw-ns/my-gw: ${c.kind} my-route-ns/my-route: ${c.want.slice(7)}`]);
    } else {
      expect(r.errors).toEqual([]);
      expect(tgSpec(r)).toMatchObject({ protocol: c.want });
    }
  });
});

skipCase(`${F} Test_buildTargetGroupProtocol/alb - auto detect - tls`, 'a TLSRoute never attaches to an ALB listener (ALB listeners carry HTTPRoute and GRPCRoute only)');

describe(`${F} Test_buildTargetGroupProtocolVersion`, () => {
  const svc = (appProtocol?: string) => `{type: NodePort, ports: [{port: 80, targetPort: 80, nodePort: 8080${appProtocol ? `, appProtocol: ${appProtocol}` : ''}}]}`;
  cases(`${F} Test_buildTargetGroupProtocolVersion`, [
    { name: 'nlb - no props', lb: 'nlb', listener: 'TCP', kind: 'TCPRoute', want: undefined },
    { name: 'nlb - with props', lb: 'nlb', listener: 'TCP', kind: 'TCPRoute', props: 'HTTP2', want: undefined },
    { name: 'alb - no props', lb: 'alb', listener: 'HTTPS', kind: 'HTTPRoute', want: 'HTTP1' },
    { name: 'alb - no props - grpc', lb: 'alb', listener: 'HTTPS', kind: 'GRPCRoute', want: 'GRPC' },
    { name: 'alb - with props', lb: 'alb', listener: 'HTTPS', kind: 'HTTPRoute', props: 'HTTP2', want: 'HTTP2' },
    { name: 'alb - with props - http protocol', lb: 'alb', listener: 'HTTP', kind: 'HTTPRoute', props: 'HTTP2', want: 'HTTP1' },
    { name: 'alb - pv found on svc port - http listener', lb: 'alb', listener: 'HTTP', kind: 'HTTPRoute', appProtocol: 'kubernetes.io/h2c', want: 'HTTP1' },
    { name: 'alb - pv found on svc port - https listener', lb: 'alb', listener: 'HTTPS', kind: 'HTTPRoute', appProtocol: 'kubernetes.io/h2c', want: 'HTTP2' },
    { name: 'alb - unknown pv found on svc port - https listener', lb: 'alb', listener: 'HTTPS', kind: 'HTTPRoute', appProtocol: 'foo', want: 'HTTP1' },
  ] as const, (c) => {
    const r = tgCase({
      lb: c.lb,
      routeKind: c.kind,
      listeners: listener(c.listener),
      service: svc('appProtocol' in c ? c.appProtocol : undefined),
      ...('props' in c ? { tgc: `  defaultConfiguration: {protocolVersion: ${c.props}}` } : {}),
      options: { facts: CERT_FACTS },
    });
    expect(r.errors).toEqual([]);
    const tg = tgSpec(r);
    if (c.want === undefined) expect(tg).not.toHaveProperty('protocolVersion');
    else expect(tg).toMatchObject({ protocolVersion: c.want });
  });
});

/** TG spec of the fixture with TGC default props `props` (YAML flow mapping). */
function withProps(props: string | undefined, f: Partial<TgFixture> = {}) {
  const r = tgCase({ ...f, ...(props !== undefined ? { tgc: `  defaultConfiguration: ${props}` } : {}), options: { facts: CERT_FACTS, ...(f.options ?? {}) } });
  expect(r.errors).toEqual([]);
  return tgSpec(r);
}
const GRPC: Partial<TgFixture> = { routeKind: 'GRPCRoute', listeners: listener('HTTPS') };
const NLB_UDP: Partial<TgFixture> = { lb: 'nlb', routeKind: 'UDPRoute' };

describe(`${F} Test_buildTargetGroupHealthCheckProtocol`, () => {
  const hc = (p: string) => `{healthCheckConfig: {healthCheckProtocol: ${p}}}`;
  cases(`${F} Test_buildTargetGroupHealthCheckProtocol`, [
    { name: 'nlb - default', f: NLB_UDP, props: undefined, want: 'TCP' },
    { name: 'alb - default', f: {}, props: undefined, want: 'HTTP' },
    { name: 'specified http', f: {}, props: hc('HTTP'), want: 'HTTP' },
    { name: 'specified https', f: {}, props: hc('HTTPS'), want: 'HTTPS' },
    { name: 'specified tcp', f: {}, props: hc('TCP'), want: 'TCP' },
  ], ({ f, props, want }) => {
    expect(withProps(props, f)).toMatchObject({ healthCheckConfig: { protocol: want } });
  });
  // 'nlb with alb target default' is in Test_buildTargetGroupFromGateway below (an ALB target needs a Gateway backend).
});

describe(`${F} Test_buildTargetGroupHealthCheckPath`, () => {
  cases(`${F} Test_buildTargetGroupHealthCheckPath`, [
    { name: 'path specified', f: {}, props: '{healthCheckConfig: {healthCheckPath: foo}}', want: 'foo' },
    { name: 'default - tcp', f: { lb: 'nlb' }, props: undefined, want: undefined },
    { name: 'default - tcp - with cfg', f: { lb: 'nlb' }, props: '{}', want: undefined },
    { name: 'default - http', f: {}, props: undefined, want: '/' },
    { name: 'default - http - with cfg', f: {}, props: '{}', want: '/' },
    { name: 'default - grpc', f: GRPC, props: undefined, want: '/AWS.ALB/healthcheck' },
  ] as const, ({ f, props, want }) => {
    const hc = withProps(props, f)['healthCheckConfig'];
    if (want === undefined) expect(hc).not.toHaveProperty('path');
    else expect(hc).toMatchObject({ path: want });
  });
});

describe(`${F} Test_buildTargetGroupHealthCheckMatcher`, () => {
  cases(`${F} Test_buildTargetGroupHealthCheckMatcher`, [
    { name: 'default - tcp', f: { lb: 'nlb' }, props: undefined, want: undefined },
    { name: 'specified - grpc', f: GRPC, props: '{healthCheckConfig: {matcher: {grpcCode: foo}}}', want: { grpcCode: 'foo' } },
    { name: 'specified - http', f: {}, props: '{healthCheckConfig: {matcher: {httpCode: foo}}}', want: { httpCode: 'foo' } },
    { name: 'default - grpc', f: GRPC, props: undefined, want: { grpcCode: '12' } },
    { name: 'default - http1', f: {}, props: undefined, want: { httpCode: '200-399' } },
    { name: 'default - no protocol version', f: {}, props: undefined, want: { httpCode: '200-399' } },
  ] as const, ({ f, props, want }) => {
    const hc = withProps(props, f)['healthCheckConfig'];
    if (want === undefined) expect(hc).not.toHaveProperty('matcher');
    else expect(hc).toMatchObject({ matcher: want });
  });
});

describe(`${F} Test_basicHealthCheckParams`, () => {
  // LBC sets the builder's defaults to 1/2/3/4 for the test; these are its real defaults, 15/5/3/3.
  it.each([undefined, '{}', '{healthCheckConfig: {}}'])(`${F} Test_basicHealthCheckParams (defaults, props %s)`, (props) => {
    expect(withProps(props)['healthCheckConfig']).toMatchObject({ intervalSeconds: 15, timeoutSeconds: 5, healthyThresholdCount: 3, unhealthyThresholdCount: 3 });
  });
  it(`${F} Test_basicHealthCheckParams (filled in props)`, () => {
    const props = '{healthCheckConfig: {healthyThresholdCount: 30, healthCheckInterval: 10, healthCheckTimeout: 20, unhealthyThresholdCount: 40}}';
    expect(withProps(props)['healthCheckConfig']).toMatchObject({ intervalSeconds: 10, timeoutSeconds: 20, healthyThresholdCount: 30, unhealthyThresholdCount: 40 });
  });
});

describe(`${F} Test_targetGroupAttributes`, () => {
  cases(`${F} Test_targetGroupAttributes`, [
    { name: 'no props - nil', props: undefined, want: [] },
    { name: 'no props', props: '{}', want: [] },
    {
      name: 'some props',
      props: '{targetGroupAttributes: [{key: foo, value: bar}, {key: foo1, value: bar1}, {key: foo2, value: bar2}]}',
      want: [
        { key: 'foo', value: 'bar' },
        { key: 'foo1', value: 'bar1' },
        { key: 'foo2', value: 'bar2' },
      ],
    },
  ], ({ props, want }) => {
    // LBC builds them from a map (assert.ElementsMatch): order is not part of the result.
    const attrs = (withProps(props)['targetGroupAttributes'] ?? []) as { key: string }[];
    expect([...attrs].sort((a, b) => a.key.localeCompare(b.key))).toEqual(want);
  });
});

describe(`${F} Test_buildTargetGroupBindingNodeSelector`, () => {
  const tgb = (targetType: 'instance' | 'ip', props?: string) => {
    const r = tgCase({ ...(props ? { tgc: `  defaultConfiguration: ${props}` } : {}), options: { settings: { defaultTargetType: targetType } } });
    expect(r.errors).toEqual([]);
    return (tgbSpec(r) as { template: { spec: Record<string, unknown> } }).template.spec;
  };
  it(`${F} Test_buildTargetGroupBindingNodeSelector (no props, instance)`, () => {
    expect(tgb('instance')).not.toHaveProperty('nodeSelector');
  });
  it(`${F} Test_buildTargetGroupBindingNodeSelector (selector, ip)`, () => {
    expect(tgb('ip', '{nodeSelector: {}}')).not.toHaveProperty('nodeSelector');
  });
  it(`${F} Test_buildTargetGroupBindingNodeSelector (selector, instance)`, () => {
    expect(tgb('instance', '{nodeSelector: {}}')).toHaveProperty('nodeSelector', {});
  });
});

describe(`${F} Test_buildTargetGroupBindingMultiClusterFlag`, () => {
  // multiClusterTargetGroup is `omitempty` in LBC's TGB spec: false is absent.
  it.each([
    [undefined, undefined],
    ['{enableMultiCluster: false}', undefined],
    ['{enableMultiCluster: true}', true],
  ])(`${F} Test_buildTargetGroupBindingMultiClusterFlag (props %s)`, (props, want) => {
    const r = tgCase(props ? { tgc: `  defaultConfiguration: ${props}` } : {});
    expect(r.errors).toEqual([]);
    expect((tgbSpec(r) as { template: { spec: Record<string, unknown> } }).template.spec['multiClusterTargetGroup']).toBe(want);
  });
});

describe(`${F} Test_buildTargetGroupFromStaticName`, () => {
  const manifests = (facts: Record<string, string>) =>
    tgCase({
      lb: 'nlb',
      extra: `
---
apiVersion: gateway.networking.k8s.io/v1alpha2
kind: TCPRoute
metadata: {name: by-name, namespace: my-gw-ns}
spec:
  parentRefs: [{name: my-gw, port: 81}]
  rules: [{backendRefs: [{group: '', kind: TargetGroupName, name: foo, weight: 1}]}]`,
      listeners: `${listener('TCP')}, ${listener('TCP', 81)}`,
      options: { facts: { ...CERT_FACTS, targetGroupArnsByName: facts } },
    });
  it(`${F} Test_buildTargetGroupFromStaticName (found)`, () => {
    const r = manifests({ foo: 'my-arn' });
    expect(r.errors).toEqual([]);
    const ls = r.stackJson('my-gw-ns/my-gw').resources['AWS::ElasticLoadBalancingV2::Listener']?.['81']?.spec;
    expect(ls).toMatchObject({ defaultActions: [{ type: 'forward', forwardConfig: { targetGroups: [{ targetGroupARN: 'my-arn' }] } }] });
  });
  it(`${F} Test_buildTargetGroupFromStaticName (mapper error: no such target group)`, () => {
    const r = manifests({});
    expect(r.stacks).toEqual([]);
    expect(r.errors).toEqual(['GWLB311 Gateway my-gw-ns/my-gw: expecting a single targetGroup with query [foo] but got 0']);
  });
});

describe(`${F} Test_buildTargetGroupTags`, () => {
  const rows: { name: string; defaultTags: Record<string, string>; props?: string; low: boolean; want?: Record<string, string> }[] = [
    { name: 'successful tag retrieval with default tags', defaultTags: { Environment: 'test' }, props: undefined, low: false, want: { Environment: 'test' } },
    { name: 'empty tags', defaultTags: {}, props: undefined, low: false, want: undefined },
    { name: 'user-specified tags', defaultTags: { Environment: 'test' }, props: '{tags: {CustomTag: CustomValue, Team: backend}}', low: false, want: { Environment: 'test', CustomTag: 'CustomValue', Team: 'backend' } },
    // LBC's newTagHelper(…, additionalTagsOverrideDefaultTags = true): the EnableDefaultTagsLowPriority gate.
    { name: 'user tags override default tags', defaultTags: { Environment: 'test' }, props: '{tags: {Environment: production}}', low: true, want: { Environment: 'production' } },
  ];
  cases(`${F} Test_buildTargetGroupTags`, rows, ({ defaultTags, props, low, want }) => {
    const tg = withProps(props, { options: { settings: { defaultTags, featureGates: { ...DEFAULT_FEATURE_GATES, EnableDefaultTagsLowPriority: low } } } });
    expect(tg['tags']).toEqual(want);
  });
});

describe(`${F} Test_buildTargetGroupFromGateway`, () => {
  // LBC builds these on an ALB builder with an HTTP listener; a Gateway backend is an NLB's, so
  // the port puts the route on an NLB TCP listener. The assertions are LBC's: the name, the
  // target type and the frontend-NLB entry (listener port, target port = TG port).
  const run = (o: Parameters<typeof gatewayBackendManifests>[0]) => {
    const r = lbcCase(gatewayBackendManifests(o));
    expect(r.errors).toEqual([]);
    const json = r.stackJson('test-ns/test-gw');
    const frontend = (json.resources['FrontendNLBTargetGroup']?.['FrontendNLBTargetGroup'] as unknown as { TargetGroups: Record<string, Record<string, unknown>> }).TargetGroups;
    return { tg: onlyOf(json, 'TargetGroup'), frontend };
  };
  it(`${F} Test_buildTargetGroupFromGateway/new target group creation`, () => {
    const { tg, frontend } = run({});
    expect(tg['name']).toContain('k8s-testns-testrout');
    expect(tg).toMatchObject({ targetType: 'alb', port: 8080 });
    expect(frontend[tg['name'] as string]).toMatchObject({ Name: tg['name'], Port: 80, TargetPort: 8080, TargetARN: ALB_ARN });
  });
  it(`${F} Test_buildTargetGroupFromGateway/existing target group reuse`, () => {
    // Two listeners carry the route to the same backend: one TG (one resource id), whose
    // frontend-NLB entry is the first build's (port 80).
    const { tg, frontend } = run({ listeners: `${listener('TCP')}, ${listener('TCP', 81)}` });
    expect(Object.keys(frontend)).toEqual([tg['name']]);
    expect(frontend[tg['name'] as string]).toMatchObject({ Port: 80, TargetPort: 8080 });
  });
  it(`${F} Test_buildTargetGroupFromGateway/with target group props`, () => {
    const { tg, frontend } = run({ listeners: listener('TCP', 443), port: 8443, tgcProps: '{targetGroupName: custom-tg-name}' });
    expect(tg).toMatchObject({ name: 'custom-tg-name', targetType: 'alb', port: 8443 });
    expect(frontend['custom-tg-name']).toMatchObject({ Name: 'custom-tg-name', Port: 443, TargetPort: 8443 });
  });
  it(`${F} Test_buildTargetGroupHealthCheckProtocol/nlb with alb target default`, () => {
    expect(run({}).tg).toMatchObject({ healthCheckConfig: { protocol: 'HTTP' } });
  });
});
