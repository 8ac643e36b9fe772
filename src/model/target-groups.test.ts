import { describe, expect, it } from 'vitest';
import { attached, gateway, httpListener, httpRoute, resolution, service, svcBackend } from './fixtures.test-util.js';
import { buildStack } from './index.js';
import { emptyKnownFacts } from './discovery.js';
import { defaultClusterSettings } from './settings.js';
import type { StackResource } from './stack.js';
import { lbcCase } from '../../test/lbc/harness.js';
import { gatewayBackendManifests, onlyOf, tgCase, tgSpec } from '../../test/lbc/tg-fixture.js';

const facts = {
  ...emptyKnownFacts({ id: 'vpc-1', ipv4Cidrs: ['10.0.0.0/16'], ipv6Cidrs: [] }),
  subnets: ['a', 'b'].map((az, i) => ({ id: `subnet-${az}`, availabilityZone: az, ipv4Cidr: `10.0.${i}.0/24`, ipv6Cidrs: [], availableIpAddressCount: 100, tags: { 'kubernetes.io/role/internal-elb': '1' } })),
  backendSecurityGroupId: 'sg-backend',
};
const ip = defaultClusterSettings('my-cluster', { defaultTargetType: 'ip' });
const tgs = (resources: readonly StackResource[] | undefined) => (resources ?? []).filter((r) => r.type === 'AWS::ElasticLoadBalancingV2::TargetGroup');

describe('named targetPort with ip targets (backend_service.go GetTargetGroupPort, model_build_target_group.go buildTargetGroupName @ v3.5.0)', () => {
  const gw = gateway('my-gw-ns', 'my-gw', [httpListener(80)]);
  const route = httpRoute('my-route', [], [{}], {}, 'my-route-ns');

  it('TG port is 1 and the name hashes port 1; the resource id keeps the port name', () => {
    const svc = service('my-svc', 'my-svc-ns', 80, 'http', 30080);
    const s = buildStack(resolution(gw, { 80: [attached(route, [[svcBackend(svc)]])] }), { facts, settings: ip });
    expect(s.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    // sha256("my-cluster" "my-gw-ns" "my-gw" "my-route-ns" "my-route" "HTTPRoute" "my-svc-ns" "my-svc" "1" "ip" "HTTP" "HTTP1")
    expect(tgs(s.stack?.resources)).toMatchObject([
      { id: 'my-gw-ns/my-gw:my-route-ns-my-route:HTTPRoute-my-svc-ns-my-svc:http', spec: { name: 'k8s-myrouten-myroute-bccd499641', port: 1, targetType: 'ip' } },
    ]);
  });

  it('two named targetPorts of one Service through one route get one name: an error, as LBC v3.5.0 fails to deploy them', () => {
    const svc = service('my-svc', 'my-svc-ns', 80, 'http', 30080);
    const two = { ...svc, spec: { ...svc.spec, ports: [...svc.spec.ports, { protocol: 'TCP' as const, port: 81, targetPort: 'admin', nodePort: 30081 }] } };
    const second = { ...svcBackend(two), ref: { group: '', kind: 'Service', name: 'my-svc', port: 81, weight: 1 }, servicePort: two.spec.ports[1]! };
    const route2 = httpRoute('my-route', [], [{}, {}], {}, 'my-route-ns');
    const s = buildStack(resolution(gw, { 80: [attached(route2, [[svcBackend(two)], [second]])] }), { facts, settings: ip });
    expect(s.stack).toBeUndefined();
    const errors = s.diagnostics.filter((d) => d.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'GWLB307', path: 'spec.rules[1].backendRefs[0]' });
    expect(errors[0]!.message).toContain('k8s-myrouten-myroute-bccd499641');
    expect(errors[0]!.message).toContain('my-gw-ns/my-gw:my-route-ns-my-route:HTTPRoute-my-svc-ns-my-svc:http');
  });
});

describe('fields LBC v3.5.0 computes that its tests do not cover', () => {
  it('targetControlPort on a Gateway backend: the TCP protocol is refused before the ALB target type (buildTargetControlPort 650–670)', () => {
    const r = lbcCase(gatewayBackendManifests({ tgcProps: '{targetControlPort: 3000}' }));
    expect(r.errors).toEqual(['GWLB307 Gateway test-ns/test-gw: TCPRoute test-ns/test-route: target control port is only supported for HTTP and HTTPS protocols, got: TCP']);
  });

  it('targetControlPort on ip targets joins the name hash but not the spec or the resource id (v3.5.0 leaves TargetGroupSpec.TargetControlPort unset)', () => {
    const r = tgCase({ tgc: '  defaultConfiguration: {targetType: ip, targetControlPort: 3000}' });
    expect(r.errors).toEqual([]);
    const json = r.stackJson('my-gw-ns/my-gw');
    expect(Object.keys(json.resources['AWS::ElasticLoadBalancingV2::TargetGroup'] ?? {})).toEqual(['my-gw-ns/my-gw:my-route-ns-my-route:HTTPRoute-my-svc-ns-my-svc:80']);
    const tg = onlyOf(json, 'TargetGroup');
    // sha256("my-cluster" "my-gw-ns" "my-gw" "my-route-ns" "my-route" "HTTPRoute" "my-svc-ns" "my-svc" "80" "ip" "HTTP" "HTTP1" "3000")
    expect(tg['name']).toBe('k8s-myrouten-myroute-5a412dd856');
    expect(tg).not.toHaveProperty('targetControlPort');
  });

  it('a repeated attribute key keeps its last value (buildTargetGroupAttributes reads them into a map)', () => {
    const r = tgCase({ tgc: '  defaultConfiguration: {targetGroupAttributes: [{key: a, value: "1"}, {key: b, value: "2"}, {key: a, value: "3"}]}' });
    expect(r.errors).toEqual([]);
    expect(tgSpec(r)['targetGroupAttributes']).toEqual([
      { key: 'a', value: '3' },
      { key: 'b', value: '2' },
    ]);
  });

  it('a signed numeric healthCheckPort is a number, as intstr.Parse reads it', () => {
    const r = tgCase({ tgc: '  defaultConfiguration: {healthCheckConfig: {healthCheckPort: "+8080"}}' });
    expect(r.errors).toEqual([]);
    expect(tgSpec(r)).toMatchObject({ healthCheckConfig: { port: 8080 } });
  });
});
