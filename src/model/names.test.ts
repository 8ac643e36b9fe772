import { describe, expect, it } from 'vitest';
import { backendSecurityGroupName, loadBalancerName, managedSecurityGroupName, standInUid, targetGroupName } from './names.js';

const UID = '123e4567-e89b-12d3-a456-426614174000';

describe('LB / SG names (lbc-model-deploy.md §2.6, §12)', () => {
  it.each([
    ['test-namespace', 'test-gateway', 'internal', 'k8s-testname-testgate-accd1214ee'],
    ['test-namespace', 'test-gateway', 'internet-facing', 'k8s-testname-testgate-57d658f369'],
    ['test@namespace', 'test#gateway', 'internal', 'k8s-testname-testgate-accd1214ee'],
    ['very-long-namespace-that-exceeds-limit', 'very-long-gateway-name-that-exceeds-limit', 'internal', 'k8s-verylong-verylong-accd1214ee'],
  ])('LB %s/%s %s → %s', (ns, name, scheme, want) => {
    expect(loadBalancerName('test-cluster', ns, name, UID, scheme)).toBe(want);
  });

  it('managed SG', () => {
    expect(managedSecurityGroupName('test-cluster', 'test-namespace', 'test-gateway', UID)).toBe('k8s-testname-testgate-00837118d5');
  });

  it.each([
    ['testCluster', 'k8s-traffic-testCluster-411a1bcdb1'],
    ['prod.cluster-1', 'k8s-traffic-prodcluster1-adee10ac6a'],
  ])('backend SG %s', (cluster, want) => {
    expect(backendSecurityGroupName(cluster)).toBe(want);
  });

  it('stand-in uid is stable and distinct', () => {
    expect(standInUid('c', 'ns', 'gw')).toBe(standInUid('c', 'ns', 'gw'));
    expect(standInUid('c', 'ns', 'gw')).not.toBe(standInUid('c', 'ns', 'gw2'));
    expect(standInUid('c', 'ns', 'gw')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });
});

describe('TG names (§2.6)', () => {
  const common = {
    cluster: 'my-cluster',
    gatewayNamespace: 'my-gw-ns',
    gatewayName: 'my-gw',
    routeNamespace: 'my-route-ns',
    routeName: 'my-route',
    backendNamespace: 'my-svc-ns',
    backendName: 'my-svc',
  };
  it.each([
    ['TCPRoute', 'instance', 8080, 'TCP', undefined, 'k8s-myrouten-myroute-8d8111f6ac'],
    ['HTTPRoute', 'instance', 8080, 'HTTP', 'HTTP1', 'k8s-myrouten-myroute-224f4b6ea6'],
    ['TCPRoute', 'ip', 80, 'TCP', undefined, 'k8s-myrouten-myroute-3bce8b0f70'],
    ['HTTPRoute', 'ip', 80, 'HTTP', 'HTTP1', 'k8s-myrouten-myroute-a44a20bcbf'],
  ])('%s %s port %s %s %s', (routeKind, targetType, port, protocol, protocolVersion, want) => {
    expect(targetGroupName({ ...common, routeKind, targetType, port, protocol, protocolVersion })).toBe(want);
  });

  const foo = {
    cluster: 'foo',
    gatewayNamespace: 'my-ns',
    gatewayName: 'my-gw',
    routeNamespace: 'my-ns',
    routeName: 'my-route',
    routeKind: 'HTTPRoute',
    backendNamespace: 'my-ns',
    backendName: 'my-svc',
    port: 80,
    targetType: 'ip',
    protocol: 'TCP',
  };
  it.each([
    [{}, 'k8s-myns-myroute-27d98b9190'],
    [{ protocolVersion: 'HTTP2' }, 'k8s-myns-myroute-d2bd5deaa7'],
    [{ targetControlPort: 3000 }, 'k8s-myns-myroute-54e81471e4'],
    // A named targetPort of ip targets: v3.5.0 hashes its TG port, 1 (GetTargetGroupPort).
    [{ port: 1 }, 'k8s-myns-myroute-a18b602267'],
  ])('Test_buildTargetGroupName %j', (extra, want) => {
    expect(targetGroupName({ ...foo, ...extra })).toBe(want);
  });

  it('gateway backend', () => {
    expect(
      targetGroupName({
        cluster: 'test-cluster',
        gatewayNamespace: 'test-ns',
        gatewayName: 'test-gw',
        routeNamespace: 'test-ns',
        routeName: 'test-route',
        routeKind: 'HTTPRoute',
        backendNamespace: 'backend-ns',
        backendName: 'backend-gw',
        port: 8080,
        targetType: 'alb',
        protocol: 'HTTP',
        protocolVersion: 'HTTP1',
      }),
    ).toBe('k8s-testns-testrout-bae8931ba7');
  });
});
