import { describe, expect, it } from 'vitest';
import type { LoadedBackend } from '../resolve/types.js';
import { attached, gateway, httpListener, httpRoute, meta, resolution, service, svcBackend } from './fixtures.test-util.js';
import { buildStack, buildStacks, stackToLbcJson, stackToLbcJsonText } from './index.js';
import { domainMatchesHost, buildCertificates } from './certificates.js';
import { emptyKnownFacts, OFFLINE_FACTS } from './discovery.js';
import { ingressPermissions } from './security-groups.js';
import { defaultClusterSettings } from './settings.js';
import { desiredTagCount, desiredTags, mergeFirstWins, processTags } from './tags.js';
import { buildHealthCheck } from './health-checks.js';
import { mergeProtocols } from './listeners.js';
import type { Stack } from './stack.js';

const facts = {
  ...emptyKnownFacts({ id: 'vpc-1', ipv4Cidrs: ['10.0.0.0/16'], ipv6Cidrs: [] }),
  subnets: ['a', 'b'].map((az, i) => ({ id: `subnet-${az}`, availabilityZone: az, ipv4Cidr: `10.0.${i}.0/24`, ipv6Cidrs: [], availableIpAddressCount: 100, tags: { 'kubernetes.io/role/internal-elb': '1' } })),
  backendSecurityGroupId: 'sg-backend',
  certificates: [
    { arn: 'arn:b', domains: ['*.example.com'], status: 'ISSUED' },
    { arn: 'arn:a', domains: ['www.example.com'], status: 'ISSUED' },
    { arn: 'arn:z', domains: ['example.org'], status: 'ISSUED' },
  ],
};
const settings = defaultClusterSettings('my-cluster');
const res = (type: string, s?: Stack) => (s?.resources ?? []).filter((r) => r.type === type);

describe('TG specs (lbc-model-deploy.md §12, Test_buildTargetGroupSpec)', () => {
  const gw = gateway('my-gw-ns', 'my-gw', [httpListener(80)]);
  const svc = service('my-svc', 'my-svc-ns', 80, 80, 8080);
  const route = httpRoute('my-route', [], [{}], {}, 'my-route-ns');
  it.each([
    ['instance', 'k8s-myrouten-myroute-224f4b6ea6', 8080],
    ['ip', 'k8s-myrouten-myroute-a44a20bcbf', 80],
  ] as const)('ALB %s', (targetType, name, port) => {
    const s = buildStack(resolution(gw, { 80: [attached(route, [[svcBackend(svc)]])] }), { facts, settings: defaultClusterSettings('my-cluster', { defaultTargetType: targetType }) });
    const [tg] = res('AWS::ElasticLoadBalancingV2::TargetGroup', s.stack);
    expect(tg).toMatchObject({
      id: 'my-gw-ns/my-gw:my-route-ns-my-route:HTTPRoute-my-svc-ns-my-svc:80',
      spec: {
        name,
        targetType,
        port,
        protocol: 'HTTP',
        protocolVersion: 'HTTP1',
        ipAddressType: 'ipv4',
        healthCheckConfig: { port: 'traffic-port', protocol: 'HTTP', path: '/', matcher: { httpCode: '200-399' }, intervalSeconds: 15, timeoutSeconds: 5, healthyThresholdCount: 3, unhealthyThresholdCount: 3 },
        targetGroupAttributes: [],
        tags: {},
      },
    });
  });

  it.each([
    ['instance', 'k8s-myrouten-myroute-8d8111f6ac', 8080],
    ['ip', 'k8s-myrouten-myroute-3bce8b0f70', 80],
  ] as const)('NLB %s', (targetType, name, port) => {
    const nlbGw = gateway('my-gw-ns', 'my-gw', [{ name: 'tcp', port: 80, protocol: 'TCP', allowedRoutes: { namespaces: { from: 'All' } } }]);
    const tcp = { apiVersion: 'gateway.networking.k8s.io/v1alpha2', kind: 'TCPRoute' as const, metadata: route.metadata, spec: { parentRefs: [], rules: [{ backendRefs: [] }] }, origin: route.origin };
    const s = buildStack(resolution(nlbGw, { 80: [attached(tcp, [[svcBackend(svc)]])] }, { type: 'network' }), { facts, settings: defaultClusterSettings('my-cluster', { defaultTargetType: targetType }) });
    const [tg] = res('AWS::ElasticLoadBalancingV2::TargetGroup', s.stack);
    expect((tg as { spec: unknown }).spec).toEqual({ name, targetType, port, protocol: 'TCP', ipAddressType: 'ipv4', healthCheckConfig: { port: 'traffic-port', protocol: 'TCP', intervalSeconds: 15, timeoutSeconds: 5, healthyThresholdCount: 3, unhealthyThresholdCount: 3 }, targetGroupAttributes: [], tags: {} });
    const [ls] = res('AWS::ElasticLoadBalancingV2::Listener', s.stack);
    expect(ls).toMatchObject({ id: '80', spec: { protocol: 'TCP', defaultActions: [{ type: 'forward' }] } });
  });

  it.each([
    ['ClusterIP', {}],
    ['LoadBalancer without node ports', { type: 'LoadBalancer' as const, allocateLoadBalancerNodePorts: false }],
  ])('instance %s Service (no nodePort, none assigned) → located error, no stack', (_, extra) => {
    const noNode = { ...svc, spec: { ...svc.spec, type: 'ClusterIP' as const, ...extra, ports: [{ protocol: 'TCP' as const, port: 80, targetPort: 80 }] } };
    const s = buildStack(resolution(gw, { 80: [attached(route, [[svcBackend(noNode)]])] }), { facts, settings });
    expect(s.stack).toBeUndefined();
    expect(s.diagnostics[0]).toMatchObject({ severity: 'error', code: 'GWLB307', path: 'spec.rules[0].backendRefs[0]' });
    expect(s.diagnostics[0]!.message).toContain("your service must be of type 'NodePort' or 'LoadBalancer'");
  });

  describe('instance target group of a NodePort/LoadBalancer Service without nodePort (the API server assigns it)', () => {
    const noNode = (type: 'NodePort' | 'LoadBalancer', name = 'my-svc') => ({ ...service(name, 'my-svc-ns'), spec: { ...svc.spec, type, ports: [{ protocol: 'TCP' as const, port: 80, targetPort: 8080 }] } });
    const run = (gws: string[], s = noNode('NodePort'), props?: { targetGroupName: string }) =>
      buildStacks(
        {
          gateways: gws.map((n) => {
            const b = { ...svcBackend(s), ...(props ? { targetGroupConfig: { metadata: meta('my-svc-ns', 'tgc'), spec: { targetReference: { name: s.metadata.name }, defaultConfiguration: props } } } : {}) } as LoadedBackend;
            return resolution(gateway('my-gw-ns', n, [httpListener(80)]), { 80: [attached(route, [[b]])] });
          }),
          statuses: [],
          diagnostics: [],
        },
        { facts, settings },
      );

    it.each(['NodePort', 'LoadBalancer'] as const)('%s: port and name unknown, no error; TGB port too', (type) => {
      const r = run(['my-gw'], noNode(type));
      expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const stack = r.stacks[0]!;
      const [tg] = res('AWS::ElasticLoadBalancingV2::TargetGroup', stack);
      expect((tg as { spec: unknown }).spec).toMatchObject({
        name: { $unknown: 'target group name (it hashes the nodePort of Service my-svc-ns/my-svc port 80)' },
        port: { $unknown: 'nodePort of Service my-svc-ns/my-svc port 80' },
        targetType: 'instance',
      });
      const [tgb] = res('K8S::ElasticLoadBalancingV2::TargetGroupBinding', stack);
      const tgbSpec = (tgb as { spec: { template: { metadata: { name: unknown }; spec: { networking?: { ingress?: { ports: unknown[] }[] } } } } }).spec.template;
      expect(tgbSpec.metadata.name).toEqual({ $unknown: 'target group name (it hashes the nodePort of Service my-svc-ns/my-svc port 80)' });
      expect(tgbSpec.spec.networking?.ingress?.[0]?.ports).toEqual([{ protocol: 'TCP', port: { $unknown: 'nodePort of Service my-svc-ns/my-svc port 80' } }]);
      expect(stack.extras.pendingNodePorts).toEqual([{ service: 'my-svc-ns/my-svc', port: 80, targetGroupId: (tg as { id: string }).id }]);
      expect(stack.extras.targets).toEqual([{ kind: 'unmanaged', targetGroupId: (tg as { id: string }).id, reason: expect.stringContaining('the input holds no Nodes') }]);
      const json = stackToLbcJsonText(stack, { redactSecrets: true });
      expect(json).toContain('"port":{"$unknown":"nodePort of Service my-svc-ns/my-svc port 80"}');
    });

    it('one warning per Service, at its port, naming every Gateway that uses it', () => {
      const r = run(['gw-a', 'gw-b']);
      expect(r.stacks).toHaveLength(2);
      const warnings = r.diagnostics.filter((d) => d.code === 'GWLB391');
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatchObject({ severity: 'warning', object: { kind: 'Service', namespace: 'my-svc-ns', name: 'my-svc' }, path: 'spec.ports[0]', location: { file: 'my-svc.yaml' } });
      expect(warnings[0]!.message).toBe(
        'Service my-svc-ns/my-svc (type NodePort) has no nodePort for port 80: the API server assigns it when it creates the Service, so the port and name of the instance target group of Gateways my-gw-ns/gw-a, my-gw-ns/gw-b are known only then, and apply refuses those Gateways. Set spec.ports[].nodePort, or read the Service from the cluster (kubectl get service -n my-svc-ns my-svc -o yaml) into the input',
      );
    });

    it('targetGroupName keeps the name known; only the port waits', () => {
      const r = run(['my-gw'], noNode('NodePort'), { targetGroupName: 'my-tg' });
      const [tg] = res('AWS::ElasticLoadBalancingV2::TargetGroup', r.stacks[0]);
      expect((tg as { spec: unknown }).spec).toMatchObject({ name: 'my-tg', port: { $unknown: 'nodePort of Service my-svc-ns/my-svc port 80' } });
    });

    it('ip targets do not need the nodePort', () => {
      const s = buildStack(resolution(gw, { 80: [attached(route, [[svcBackend(noNode('NodePort'))]])] }), { facts, settings: defaultClusterSettings('my-cluster', { defaultTargetType: 'ip' }) });
      expect(s.stack?.extras.pendingNodePorts).toBeUndefined();
      expect(s.diagnostics).toEqual([]);
    });
  });

  it('IPv6 Service on ipv4 LB → error; dualstack → ipv6', () => {
    const v6 = service('s6', 'ns', 80, 80, 30080, { ipFamilies: ['IPv6'] });
    expect(buildStack(resolution(gw, { 80: [attached(route, [[svcBackend(v6)]])] }), { facts, settings }).stack).toBeUndefined();
    const facts6 = { ...facts, subnets: facts.subnets.map((s) => ({ ...s, ipv6Cidrs: ['2600::/64'] })) };
    const ok = buildStack(resolution(gw, { 80: [attached(route, [[svcBackend(v6)]])] }, { lbc: { ipAddressType: 'dualstack' } }), { facts: facts6, settings });
    expect(res('AWS::ElasticLoadBalancingV2::TargetGroup', ok.stack)[0]).toMatchObject({ spec: { ipAddressType: 'ipv6' } });
  });
});

describe('health-check defaults (§6.5)', () => {
  it('gRPC and Local-ETP NLB', () => {
    expect(buildHealthCheck({ lbType: 'application', tgProtocol: 'HTTP', protocolVersion: 'GRPC', targetType: 'ip', localTrafficPolicy: false, port: 'traffic-port' })).toMatchObject({ path: '/AWS.ALB/healthcheck', matcher: { grpcCode: '12' } });
    expect(buildHealthCheck({ lbType: 'network', tgProtocol: 'TCP', targetType: 'instance', localTrafficPolicy: true, port: 32000 })).toEqual({
      port: 32000, protocol: 'HTTP', path: '/healthz', matcher: { httpCode: '200-399' }, intervalSeconds: 10, timeoutSeconds: 6, healthyThresholdCount: 2, unhealthyThresholdCount: 2,
    });
    expect(buildHealthCheck({ lbType: 'network', tgProtocol: 'TCP', targetType: 'alb', localTrafficPolicy: false, port: 'traffic-port' })).toMatchObject({ protocol: 'HTTP', path: '/', matcher: { httpCode: '200-399' } });
  });
});

describe('tags (§3.6)', () => {
  const s = defaultClusterSettings('c', { defaultTags: { env: 'prod', team: 'platform' }, externalManagedTags: ['external-tag'] });
  it.each([
    [false, { env: 'prod', team: 'platform', app: 'web' }],
    [true, { env: 'dev', team: 'platform', app: 'web' }],
  ])('low priority gate %s', (gate, want) => {
    const r = processTags({ env: 'dev', app: 'web' }, { ...s, featureGates: { ...s.featureGates, EnableDefaultTagsLowPriority: gate } });
    expect(r).toEqual({ ok: true, tags: want });
  });
  it('external-managed key → error', () => {
    expect(processTags({ 'external-tag': 'value' }, s)).toEqual({ ok: false, key: 'external-tag' });
  });
  it('worked example: LB, SG, listener, rule, TG tags', () => {
    const gw = gateway('my-gw-ns', 'my-gw', [httpListener(80)]);
    const route = httpRoute('my-route', [], [{}], {}, 'my-route-ns');
    const svc = service('my-svc', 'my-svc-ns', 80, 80, 30080);
    const st = defaultClusterSettings('my-cluster', { defaultTags: { env: 'prod' }, defaultTargetType: 'ip' });
    const { stack } = buildStack(resolution(gw, { 80: [attached(route, [[svcBackend(svc)]])] }, { lbc: { tags: { team: 'a' } } }), { facts, settings: st });
    const ctx = { cluster: 'my-cluster', tagPrefix: 'gateway.k8s.aws.alb', stackId: 'my-gw-ns/my-gw', listenerRulesTagging: true };
    const byType = (t: string) => stack!.resources.find((r) => r.type === t)!;
    const track = (id: string) => ({ 'elbv2.k8s.aws/cluster': 'my-cluster', 'gateway.k8s.aws.alb/stack': 'my-gw-ns/my-gw', 'gateway.k8s.aws.alb/resource': id });
    expect(desiredTags(byType('AWS::ElasticLoadBalancingV2::LoadBalancer'), ctx)).toEqual({ ...track('LoadBalancer'), team: 'a', env: 'prod' });
    expect(desiredTags(byType('AWS::EC2::SecurityGroup'), ctx)).toEqual({ ...track('ManagedLBSecurityGroup'), team: 'a', env: 'prod' });
    expect(desiredTags(byType('AWS::ElasticLoadBalancingV2::Listener'), ctx)).toEqual({ ...track('80'), team: 'a', env: 'prod' });
    expect(desiredTags(byType('AWS::ElasticLoadBalancingV2::ListenerRule'), ctx)).toEqual({ ...track('80:1'), env: 'prod' });
    expect(desiredTags(byType('AWS::ElasticLoadBalancingV2::TargetGroup'), ctx)).toEqual({ ...track('my-gw-ns/my-gw:my-route-ns-my-route:HTTPRoute-my-svc-ns-my-svc:80'), env: 'prod' });
  });
  it('a tag key that names an Object.prototype member is kept, like any other key (Go map merge)', () => {
    expect(mergeFirstWins({ constructor: 'a' }, { constructor: 'b', toString: 'c' })).toEqual({ constructor: 'a', toString: 'c' });
  });
  it('desiredTagCount counts what desiredTags gives: a tracking key in the spec tags counts once', () => {
    const ctx = { cluster: 'c', tagPrefix: 'gateway.k8s.aws.alb', stackId: 'ns/gw', listenerRulesTagging: false };
    const tg = (tags: Record<string, string>) => ({ type: 'AWS::ElasticLoadBalancingV2::TargetGroup', id: 'tg', spec: { tags } }) as unknown as Parameters<typeof desiredTags>[0];
    const rule = { type: 'AWS::ElasticLoadBalancingV2::ListenerRule', id: '80:1', spec: { tags: { a: '1' } } } as unknown as Parameters<typeof desiredTags>[0];
    for (const r of [tg({}), tg({ a: '1', 'elbv2.k8s.aws/cluster': 'x', 'gateway.k8s.aws.alb/resource': 'y' }), tg({ constructor: 'z' }), rule]) {
      expect(desiredTagCount(r, ctx)).toBe(Object.keys(desiredTags(r, ctx) ?? {}).length);
    }
    expect(desiredTagCount(rule, { ...ctx, listenerRulesTagging: true })).toBe(4);
  });
  it('resources without their own tags share one frozen tag set', () => {
    const gw = gateway('ns', 'gw', [httpListener(80)]);
    const r = attached(httpRoute('r', [], [{}, {}]), [[svcBackend()], [svcBackend(service('other', 'default', 80, 80, 30081))]]);
    const { stack } = buildStack(resolution(gw, { 80: [r] }), { facts, settings: defaultClusterSettings('c', { defaultTags: { env: 'prod' } }) });
    const tagged = stack!.resources.flatMap((x) => ('spec' in x && x.spec && 'tags' in x.spec && x.spec.tags ? [x.spec.tags] : []));
    expect(tagged.length).toBeGreaterThan(3);
    expect(new Set(tagged).size).toBe(1);
    expect(Object.isFrozen(tagged[0])).toBe(true);
    expect(tagged[0]).toEqual({ env: 'prod' });
  });
});

describe('security groups (§12)', () => {
  it('ingress: 2 listeners × 3 CIDRs', () => {
    const p = ingressPermissions([{ port: 80, protocol: 'HTTP' }, { port: 8080, protocol: 'HTTPS' }], { sourceRanges: ['127.0.0.1/24', '127.100.0.1/24', '127.200.0.1/24'] }, 'ipv4');
    expect(p.map((x) => `${x.ipProtocol}:${x.fromPort}:${x.ipRanges![0]!.cidrIP}`)).toEqual([
      'tcp:80:127.0.0.1/24', 'tcp:80:127.100.0.1/24', 'tcp:80:127.200.0.1/24', 'tcp:8080:127.0.0.1/24', 'tcp:8080:127.100.0.1/24', 'tcp:8080:127.200.0.1/24',
    ]);
  });
  it('default ranges follow the code (0.0.0.0/0, ::/0 only when dualstack) and ICMP', () => {
    expect(ingressPermissions([{ port: 80, protocol: 'HTTP' }], {}, 'ipv4')).toHaveLength(1);
    expect(ingressPermissions([{ port: 80, protocol: 'HTTP' }], { enableICMP: true }, 'dualstack').map((p) => p.ipProtocol)).toEqual(['tcp', 'icmp', 'tcp', 'icmpv6']);
  });
  it('explicit SGs + manageBackendSecurityGroupRules → [sg1, sg2, backend]; NLB disableSecurityGroup → none', () => {
    const gw = gateway('ns', 'gw', [httpListener(80)]);
    const r = attached(httpRoute('r', [], [{}]), [[svcBackend()]]);
    const s1 = buildStack(resolution(gw, { 80: [r] }, { lbc: { securityGroups: ['sg1', 'sg2'], manageBackendSecurityGroupRules: true } }), { facts: { ...facts, backendSecurityGroupId: 'auto-allocated', securityGroups: [{ id: 'sg1', name: 'a', tags: { Name: 'sg1' } }, { id: 'sg2', name: 'b', tags: { Name: 'sg2' } }] }, settings });
    expect(res('AWS::ElasticLoadBalancingV2::LoadBalancer', s1.stack)[0]).toMatchObject({ spec: { securityGroups: ['sg1', 'sg2', 'auto-allocated'] } });
    const s2 = buildStack(resolution(gw, { 80: [r] }, { lbc: { securityGroups: ['sg-1', 'sg-2'], disableSecurityGroup: true } }), { facts, settings });
    expect(res('AWS::ElasticLoadBalancingV2::LoadBalancer', s2.stack)[0]).toMatchObject({ spec: { securityGroups: ['sg-1', 'sg-2'] } });
  });
});

describe('certificates (§8)', () => {
  it.each([
    ['example.com', 'example.com', true],
    ['example.com', 'www.example.com', false],
    ['*.example.com', 'www.example.com', true],
    ['*.example.com', 'example.com', false],
    ['*.example.com', 'www.app.example.com', false],
  ])('domainMatchesHost(%s, %s) = %s', (d, h, want) => expect(domainMatchesHost(d, h)).toBe(want));
  it('explicit default + extras keep order', () => {
    expect(buildCertificates({ protocolPort: 'HTTPS:443', defaultCertificate: 'default', certificates: ['extra-1', 'extra-2'] }, [], facts, [])).toEqual({ ok: true, arns: ['default', 'extra-1', 'extra-2'] });
  });
  it('discovery: all matches, deduplicated, sorted by ARN; missing host → error', () => {
    expect(buildCertificates(undefined, ['www.example.com', 'api.example.com'], facts, [])).toEqual({ ok: true, arns: ['arn:a', 'arn:b'] });
    expect(buildCertificates(undefined, ['nope.org'], facts, [])).toEqual({ ok: false, message: 'no certificate found for host: nope.org' });
    expect(buildCertificates(undefined, ['x.example.com'], OFFLINE_FACTS, [])).toMatchObject({ ok: true, arns: [{ $unknown: expect.any(String) }] });
  });
  it('HTTPS listener without hostname or cert → located error', () => {
    const gw = gateway('ns', 'gw', [httpListener(443, undefined, 'HTTPS')]);
    const s = buildStack(resolution(gw, { 443: [attached(httpRoute('r', [], [{}]), [[svcBackend()]])] }), { facts, settings });
    expect(s.stack).toBeUndefined();
    expect(s.diagnostics[0]).toMatchObject({ code: 'GWLB304', path: 'spec.listeners[0]' });
  });
});

describe('mutual authentication trust stores (model_build_listener.go)', () => {
  const gw = gateway('ns', 'gw', [httpListener(443, 'www.example.com', 'HTTPS')]);
  const build = (trustStore: string, f: Parameters<typeof buildStack>[1]['facts']) =>
    buildStack(resolution(gw, { 443: [attached(httpRoute('r', [], [{}]), [[svcBackend()]])] }, { lbc: { listenerConfigurations: [{ protocolPort: 'HTTPS:443', mutualAuthentication: { mode: 'verify', trustStore } }] } }), { facts: f, settings });
  const mtls = (s: ReturnType<typeof build>) => (res('AWS::ElasticLoadBalancingV2::Listener', s.stack)[0] as { spec: { mutualAuthentication?: unknown } } | undefined)?.spec.mutualAuthentication;
  it('an ARN is used as given; a name is looked up in the trust store facts', () => {
    expect(mtls(build('arn:aws:elasticloadbalancing:us-west-2:1:truststore/ts/1', facts))).toMatchObject({ mode: 'verify', trustStoreArn: 'arn:aws:elasticloadbalancing:us-west-2:1:truststore/ts/1', ignoreClientCertificateExpiry: false });
    expect(mtls(build('corp-ca', { ...facts, trustStoreArnsByName: { 'corp-ca': 'arn:ts' } }))).toMatchObject({ trustStoreArn: 'arn:ts' });
  });
  it('an unknown name fails the build as LBC does; offline it is unknown until apply', () => {
    const missing = build('corp-ca', facts);
    expect(missing.stack).toBeUndefined();
    expect(missing.diagnostics.map((d) => [d.code, d.message])).toContainEqual(['GWLB317', expect.stringContaining("couldn't find TrustStore with name corp-ca")]);
    expect(mtls(build('corp-ca', OFFLINE_FACTS))).toMatchObject({ trustStoreArn: { $unknown: 'trust store corp-ca' } });
  });
});

describe('listeners', () => {
  it('protocol merge (TestMergeProtocols_WithQuic)', () => {
    expect(mergeProtocols('TCP', 'UDP')).toBe('TCP_UDP');
    expect(mergeProtocols('TCP', 'QUIC')).toBe('TCP_QUIC');
    expect(mergeProtocols('QUIC', 'TCP')).toBe('TCP_QUIC');
    expect(mergeProtocols('TCP_QUIC', 'TCP')).toBe('TCP_QUIC');
    expect(mergeProtocols('HTTP', 'QUIC')).toBeUndefined();
  });
  it('ports without routes get no listener (loader.go); SG still opens them', () => {
    const gw = gateway('ns', 'gw', [httpListener(80), httpListener(8080)]);
    const s = buildStack(resolution(gw, { 80: [attached(httpRoute('r', [], [{}]), [[svcBackend()]])] }), { facts, settings });
    expect(res('AWS::ElasticLoadBalancingV2::Listener', s.stack).map((l) => l.id)).toEqual(['80']);
    expect((res("AWS::EC2::SecurityGroup", s.stack)[0] as unknown as { spec: { ingress: { fromPort: number }[] } }).spec.ingress.map((p) => p.fromPort)).toEqual([80, 8080]);
  });
});

describe('pre-flight limits (located diagnostics)', () => {
  const gw = gateway('ns', 'gw', [httpListener(80)]);
  const errs = (s: ReturnType<typeof buildStack>) => s.diagnostics.filter((d) => d.severity === 'error');
  it('more than 100 rules per ALB', () => {
    const matches = Array.from({ length: 101 }, (_, i) => ({ path: { type: 'Exact' as const, value: `/p${i}` } }));
    const s = buildStack(resolution(gw, { 80: [attached(httpRoute('r', [], [{ matches }]), [[svcBackend()]])] }), { facts, settings });
    expect(errs(s)[0]).toMatchObject({ code: 'GWLB350', location: { file: 'gw.yaml' } });
  });
  it('more than 5 condition values per rule', () => {
    const s = buildStack(resolution(gw, { 80: [attached(httpRoute('r', ['a.example.com'], [{ matches: [{ path: { type: 'PathPrefix', value: '/x' }, headers: [{ type: 'Exact', name: 'h', value: 'a,b,c' }] }] }]), [[svcBackend()]])] }), { facts, settings });
    expect(errs(s)[0]).toMatchObject({ code: 'GWLB351', path: 'spec.rules[0]', location: { file: 'r.yaml' } });
  });
  it('more than 5 target groups per forward', () => {
    const b = Array.from({ length: 6 }, (_, i) => svcBackend(service(`s${i}`)));
    const s = buildStack(resolution(gw, { 80: [attached(httpRoute('r', [], [{}]), [b])] }), { facts, settings });
    expect(errs(s)[0]).toMatchObject({ code: 'GWLB352', path: 'spec.rules[0]' });
  });
  it('weight over 999', () => {
    const s = buildStack(resolution(gw, { 80: [attached(httpRoute('r', [], [{}]), [[svcBackend(service(), 1000)]])] }), { facts, settings });
    expect(errs(s)[0]).toMatchObject({ code: 'GWLB353', path: 'spec.rules[0]' });
  });
  it('names over 32 characters', () => {
    const s = buildStack(resolution(gw, { 80: [attached(httpRoute('r', [], [{}]), [[svcBackend()]])] }, { lbc: { loadBalancerName: 'x'.repeat(33) } }), { facts, settings });
    expect(errs(s)[0]).toMatchObject({ code: 'GWLB354', location: { file: 'gw.yaml' } });
  });
  it('more than 25 certificates per listener', () => {
    const g = gateway('ns', 'gw', [httpListener(443, undefined, 'HTTPS')]);
    const certificates = Array.from({ length: 25 }, (_, i) => `arn:c${i}`);
    const s = buildStack(resolution(g, { 443: [attached(httpRoute('r', [], [{}]), [[svcBackend()]])] }, { lbc: { listenerConfigurations: [{ protocolPort: 'HTTPS:443', defaultCertificate: 'arn:d', certificates }] } }), { facts, settings });
    expect(errs(s)[0]).toMatchObject({ code: 'GWLB355' });
  });
  it('more than 50 tags', () => {
    const tags = Object.fromEntries(Array.from({ length: 48 }, (_, i) => [`k${i}`, 'v']));
    const s = buildStack(resolution(gw, { 80: [attached(httpRoute('r', [], [{}]), [[svcBackend()]])] }, { lbc: { tags } }), { facts, settings });
    expect(errs(s)[0]).toMatchObject({ code: 'GWLB356', location: { file: 'gw.yaml' } });
  });
});

describe('build errors and stack JSON', () => {
  const gw = gateway('ns-1', 'gw-1', [httpListener(80)]);
  it('unsupported filter fails the Gateway with a located diagnostic', () => {
    const route = httpRoute('r', [], [{ filters: [{ type: 'RequestHeaderModifier', requestHeaderModifier: {} }] }]);
    const s = buildStack(resolution(gw, { 80: [attached(route, [[svcBackend()]])] }), { facts, settings });
    expect(s.stack).toBeUndefined();
    expect(s.diagnostics[0]).toMatchObject({ code: 'GWLB301', path: 'spec.rules[0].filters[0]', object: { kind: 'HTTPRoute', name: 'r' } });
  });
  it('JSON: id, sorted types, $ref, FrontendNLBTargetGroup, Go text', () => {
    const s = buildStack(resolution(gw, { 80: [attached(httpRoute('r', [], [{}]), [[svcBackend()]])] }, { lbc: { tags: { b: '1', a: '2' } } }), { facts, settings }).stack!;
    const j = stackToLbcJson(s, { redactSecrets: true }) as { id: string; resources: Record<string, Record<string, unknown>> };
    expect(j.id).toBe('ns-1/gw-1');
    expect(Object.keys(j.resources)).toEqual([
      'AWS::EC2::SecurityGroup', 'AWS::ElasticLoadBalancingV2::Listener', 'AWS::ElasticLoadBalancingV2::ListenerRule', 'AWS::ElasticLoadBalancingV2::LoadBalancer',
      'AWS::ElasticLoadBalancingV2::TargetGroup', 'FrontendNLBTargetGroup', 'K8S::ElasticLoadBalancingV2::TargetGroupBinding',
    ]);
    expect(j.resources['FrontendNLBTargetGroup']).toEqual({ FrontendNLBTargetGroup: { TargetGroups: {} } });
    expect(j.resources['AWS::ElasticLoadBalancingV2::LoadBalancer']!['LoadBalancer']).toMatchObject({ spec: { tags: { a: '2', b: '1' } } });
    const text = stackToLbcJsonText(s, { redactSecrets: true });
    expect(text.startsWith('{"id":"ns-1/gw-1","resources":{"AWS::EC2::SecurityGroup"')).toBe(true);
    expect(text).toContain('"listenerARN":{"$ref":"#/resources/AWS::ElasticLoadBalancingV2::Listener/80/status/listenerARN"}');
    expect(text).toContain('"metadata":{"name":"k8s-ns-r-');
    expect(text).toContain('"creationTimestamp":null');
    expect(text).not.toContain('"targetGroupAttributes"');
  });
  it('stand-in UID is flagged when metadata.uid is absent', () => {
    const g = gateway('ns', 'gw', [httpListener(80)], { uid: undefined });
    const s = buildStacks({ gateways: [resolution(g, {})], statuses: [], diagnostics: [] }, { facts, settings });
    expect(s.stacks[0]!.extras.uid.kind).toBe('stand-in');
    expect(s.diagnostics.filter((d) => d.code === 'GWLB390').map((d) => d.message)).toEqual([
      expect.stringMatching(/^Gateway ns\/gw: metadata.uid is absent; load balancer and security group names use the stand-in UID [0-9a-f-]{36} \(LBC would hash the real UID\)$/),
    ]);
  });
  it('stand-in UIDs are reported once per run, naming the Gateways', () => {
    const gws = ['a', 'b', 'c'].map((n) => resolution(gateway('ns', n, [httpListener(80)], { uid: undefined }), {}));
    const withUid = resolution(gateway('ns', 'd', [httpListener(80)]), {});
    const s = buildStacks({ gateways: [...gws, withUid], statuses: [], diagnostics: [] }, { facts, settings });
    expect(s.stacks).toHaveLength(4);
    const standIn = s.diagnostics.filter((d) => d.code === 'GWLB390');
    expect(standIn).toHaveLength(1);
    expect(standIn[0]).toMatchObject({
      severity: 'info',
      message: '3 Gateways have no metadata.uid (ns/a, ns/b, ns/c); their load balancer and security group names use stand-in UIDs derived from cluster, namespace and name (LBC would hash the real UIDs)',
      location: { file: 'a.yaml', line: 1, column: 1 },
    });
  });
  it('offline: unknown markers instead of discovered values', () => {
    const s = buildStack(resolution(gw, { 80: [attached(httpRoute('r', [], [{}]), [[svcBackend()]])] }), { facts: OFFLINE_FACTS, settings }).stack!;
    expect(res('AWS::ElasticLoadBalancingV2::LoadBalancer', s)[0]).toMatchObject({ spec: { subnetMapping: [{ subnetID: { $unknown: 'subnets (discovered)' } }] } });
  });
});
